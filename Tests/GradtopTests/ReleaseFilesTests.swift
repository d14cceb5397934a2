import Foundation
import Testing

/// What scripts/package ships besides the binary, made by the binary itself: its version and
/// its shell completions. (The man page comes from the package: see `ReleasePackage`.)
@Suite struct VersionAndCompletions {
    @Test func version_prints_one_version_string() throws {
        let result = try Gradtop.run(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "gradtop --version printed \(result.stdout.debugDescription)")
    }

    /// Each script is checked by its own shell's parser (bash -n, zsh -n, fish --no-execute);
    /// .ci/run installs zsh and fish when missing.
    @Test(arguments: [("bash", ["-n"]), ("zsh", ["-n"]), ("fish", ["--no-execute"])])
    func the_completion_script_parses_and_names_every_subcommand(shell: String, check: [String]) throws {
        let script = try Gradtop.run(["--generate-completion-script", shell])
        #expect(script.status == 0, "\(script.stderr)")
        for command in FirstRun.subcommands {
            #expect(script.stdout.contains(command), "the \(shell) completion does not name \(command)")
        }
        let file = Gradtop.temporaryFolder().appendingPathComponent("gradtop.\(shell)")
        try script.stdout.write(to: file, atomically: true, encoding: .utf8)
        let parsed = try Gradtop.run([shell] + check + [file.path], environment: ["PATH": "/usr/bin:/bin"],
                                     program: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(parsed.status == 0, "\(shell) \(check.joined()) refused the completion script: \(parsed.stderr)")
    }
}

/// scripts/package's output folder, from GRADTOP_DIST.
let packageFolder = ProcessInfo.processInfo.environment["GRADTOP_DIST"].map { URL(fileURLWithPath: $0) }

/// The .deb and the tarball that `scripts/package` wrote into `GRADTOP_DIST` (scripts/test
/// builds them and sets it in CI, or with GRADTOP_PACKAGE=1; the release build takes minutes).
/// The tarball is installed with README's one-line command into a fresh ~/.local and run with
/// the Swift toolchain off PATH and an empty LD_LIBRARY_PATH, as on a lab machine.
@Suite(.serialized, .enabled(if: packageFolder != nil, "set GRADTOP_DIST to scripts/package's dist folder"))
struct ReleasePackage {
    /// What a lab machine has: no Swift, no library path.
    static let labPath = "/usr/local/bin:/usr/bin:/bin"
    static let version = (try? Gradtop.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? "?"
    static let themes = (try? FileManager.default.contentsOfDirectory(atPath: FirstRun.repositoryRoot.appendingPathComponent("themes").path)
        .filter { $0.hasSuffix(".toml") }.sorted()) ?? []

    /// The files both packages promise, under their prefix (/usr in the .deb, ~/.local from the tarball).
    static func promisedFiles(zshFolder: String) -> [String] {
        ["bin/gradtop", "share/man/man1/gradtop.1.gz", "share/bash-completion/completions/gradtop",
         "share/\(zshFolder)/_gradtop", "share/fish/vendor_completions.d/gradtop.fish",
         "share/doc/gradtop/README.md"] + themes.map { "share/gradtop/themes/\($0)" }
    }

    static func shell(_ script: String, environment: [String: String] = [:]) throws -> Gradtop.Result {
        try Gradtop.run(["-c", script], environment: environment, program: URL(fileURLWithPath: "/bin/sh"))
    }

    /// A fresh home with the tarball installed by README's one-line command; returns the home.
    static func installTarball() throws -> URL {
        let home = Gradtop.temporaryFolder()
        let tarball = try #require(packageFolder).appendingPathComponent("gradtop-\(version)-linux-x86_64.tar.gz")
        let install = try shell("mkdir -p ~/.local && tar -xzf '\(tarball.path)' -C ~/.local --strip-components=1",
                                environment: ["HOME": home.path])
        #expect(install.status == 0, "install: \(install.stderr)")
        return home
    }

    @Test func the_tarball_installs_into_local_and_trains_without_swift() throws {
        let home = try Self.installTarball()
        let local = home.appendingPathComponent(".local")
        for file in Self.promisedFiles(zshFolder: "zsh/site-functions") {
            #expect(FileManager.default.fileExists(atPath: local.appendingPathComponent(file).path), "the tarball has no \(file)")
        }
        let binary = local.appendingPathComponent("bin/gradtop")
        let libraries = try Self.shell("ldd '\(binary.path)'")
        #expect(!libraries.stdout.contains("libswift") && !libraries.stdout.contains("/opt/swift"), "\(libraries.stdout)")
        let environment = ["PATH": Self.labPath, "LD_LIBRARY_PATH": "", "HOME": home.path]
        let train = try Gradtop.run(["train", "--steps", "3"], environment: environment, program: binary)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.split(separator: "\n").count == 3 && train.stdout.contains("\"loss\""), "\(train.stdout)")
        let version = try Gradtop.run(["--version"], environment: environment, program: binary)
        #expect(version.stdout == Self.version + "\n")
    }

    @Test func the_installed_binary_draws_the_dashboard_in_tmux() throws {
        let home = try Self.installTarball()
        let tmux = try TmuxSession(width: 120, height: 40, environment: [
            "PATH": home.path + "/.local/bin:" + Self.labPath, "LD_LIBRARY_PATH": "", "HOME": home.path])
        tmux.type("gradtop --speed 30; echo status=$? from $(command -v gradtop)", enter: true)
        let started = tmux.waitFor { DashboardInTmux.step($0).map { $0 > 0 } ?? false }
        #expect(started?.contains("gradients per layer") == true, "the packaged dashboard did not start: \(tmux.screen)")
        tmux.type("q")
        let quit = tmux.waitFor { $0.contains("status=0 from \(home.path)/.local/bin/gradtop") }
        #expect(quit != nil, "q did not end the packaged gradtop: \(tmux.screen)")
    }

    @Test func the_deb_declares_its_libraries_and_lists_every_promised_file() throws {
        let deb = try #require(packageFolder).appendingPathComponent("gradtop_\(Self.version)_amd64.deb").path
        let info = try Self.shell("dpkg-deb --info '\(deb)'")
        #expect(info.status == 0, "\(info.stderr)")
        for field in ["Package: gradtop", "Version: \(Self.version)", "Architecture: amd64", "libc6 (>=", "libncursesw6 (>="] {
            #expect(info.stdout.contains(field), "dpkg-deb --info has no \(field): \(info.stdout)")
        }
        #expect(!info.stdout.contains("swift"), "\(info.stdout)")
        let contents = try Self.shell("dpkg-deb --contents '\(deb)'")
        for file in Self.promisedFiles(zshFolder: "zsh/vendor-completions") {
            #expect(contents.stdout.contains("./usr/\(file)\n"), "the .deb has no /usr/\(file)")
        }
        #expect(contents.stdout.contains("root/root"), "files are owned by root in the .deb")
    }

    /// The man page has a section for every subcommand and names every option the help shows.
    @Test func the_man_page_names_every_subcommand_and_option() throws {
        let home = try Self.installTarball()
        let page = home.appendingPathComponent(".local/share/man/man1/gradtop.1.gz").path
        let text = try Self.shell("gzip -dc '\(page)'").stdout
        let dump = try Gradtop.run(["--experimental-dump-help"])
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let root = try #require(tool["command"] as? [String: Any])
        let subcommands = root["subcommands"] as? [[String: Any]] ?? []
        for (command, isSubcommand) in [(root, false)] + subcommands.map({ ($0, true) }) {
            let name = command["commandName"] as? String ?? "?"
            guard name != "help" else { continue }  // ArgumentParser's own `help`, left out of man pages
            if isSubcommand {
                #expect(text.contains(".It Em \(name)\n"), "the man page has no section for \(name)")
            }
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool != false {
                for spelling in argument["names"] as? [[String: Any]] ?? [] where spelling["kind"] as? String == "long" {
                    let option = spelling["name"] as? String ?? "?"
                    #expect(text.contains("Fl -\(option)"), "the man page does not name \(name) --\(option)")
                }
            }
        }
        let rendered = try Self.shell("MANWIDTH=80 man -l '\(page)' 2>&1 >/dev/null", environment: ["MAN_KEEP_STDERR": "1"])
        #expect(rendered.status == 0 && rendered.stdout.isEmpty, "man -l complains: \(rendered.stdout)")
    }
}
