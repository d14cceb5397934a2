extension Gradtop {
    /// gradtop's version, written only here: `gradtop --version` prints it, and
    /// `scripts/package` asks the built binary for it to name the .deb and the tarball.
    static let version = "0.1.0"
}
