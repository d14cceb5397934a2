// swift-tools-version:6.0
import PackageDescription

// Layers, each knowing only what is below it:
// GradTensor -> GradAutodiff -> GradNet -> GradSession -> GradUI -> GradTerminal -> gradtop
let package = Package(
    name: "gradtop",
    products: [
        .executable(name: "gradtop", targets: ["gradtop"]),
        .library(name: "GradNet", targets: ["GradNet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - Numerical core
        // Matrix-product microkernels per x86 instruction set (function attributes, no flags), chosen at run time.
        .target(name: "CGradKernels"),
        .target(name: "GradTensor", dependencies: ["CGradKernels"]),
        .target(name: "GradAutodiff", dependencies: ["GradTensor"]),
        .target(name: "GradNet", dependencies: ["GradTensor", "GradAutodiff"]),

        // MARK: - Training session (trainer thread, snapshots)
        .target(name: "GradSession", dependencies: ["GradTensor", "GradNet"]),

        // MARK: - Dashboard: widgets draw into a cell grid; only GradTerminal talks to ncurses
        .target(name: "GradUI", dependencies: ["GradTensor", "GradAutodiff", "GradNet", "GradSession"]),
        .systemLibrary(
            name: "CNcursesw", pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "GradTerminal", dependencies: ["GradSession", "GradUI", "CNcursesw"]),

        // MARK: - Executable: argument parsing and wiring only
        .executableTarget(
            name: "gradtop",
            dependencies: [
                "GradTensor", "GradNet", "GradSession", "GradUI", "GradTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: - Tests
        // Reference files (Tests/Reference, made by scripts/make_reference.py), tolerances, gradient checks.
        .target(name: "GradTestSupport", dependencies: ["GradTensor", "GradAutodiff"], path: "Tests/GradTestSupport"),
        .testTarget(name: "GradTensorTests", dependencies: ["CGradKernels", "GradTensor", "GradTestSupport"]),
        .testTarget(name: "GradAutodiffTests", dependencies: ["GradTensor", "GradAutodiff", "GradTestSupport"]),
        .testTarget(name: "GradNetTests", dependencies: ["GradTensor", "GradNet", "GradAutodiff", "GradTestSupport"]),
        .testTarget(name: "GradSessionTests", dependencies: ["GradTensor", "GradNet", "GradSession"]),
        .testTarget(name: "GradUITests", dependencies: ["GradTensor", "GradNet", "GradSession", "GradUI", "GradTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "GradTerminalTests", dependencies: ["GradSession", "GradUI", "GradTerminal", "CNcursesw", "GradTestSupport"]),
        .testTarget(name: "GradtopTests", dependencies: ["gradtop", "GradTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
