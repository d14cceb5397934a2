import Foundation
import Testing

/// What someone who has never heard of gradtop meets first: `--help` and the README's examples.
@Suite struct FirstRun {
    static let subcommands = ["dash", "compare", "tour", "train", "grads", "summary", "plot", "themes", "bench"]
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// 80 columns wide and plain ASCII, so it reads on a lab machine without a UTF-8 locale.
    @Test func every_help_page_fits_an_80_column_ascii_terminal() throws {
        for command in [[]] + Self.subcommands.map({ [$0] }) {
            let result = try Gradtop.run(command + ["--help"], environment: ["COLUMNS": "80"])
            #expect(result.status == 0, "\(command) --help: \(result.stderr)")
            for line in result.stdout.split(separator: "\n") where line.count > 80 {
                Issue.record("gradtop \(command.joined()) --help has a \(line.count)-column line: \(line)")
            }
            for line in result.stdout.split(separator: "\n") where !line.allSatisfy(\.isASCII) {
                Issue.record("gradtop \(command.joined()) --help has a non-ASCII line: \(line)")
            }
        }
    }

    @Test func the_root_and_dashboard_help_point_a_newcomer_to_the_tour() throws {
        for command in [["--help"], ["help", "dash"]] {
            let result = try Gradtop.run(command, environment: ["COLUMNS": "80"])
            #expect(result.stdout.contains("'gradtop tour'"), "gradtop \(command.joined(separator: " ")) does not name the tour")
        }
    }

    /// Every line of the README's "Headless commands" example block, run as written in an empty
    /// folder (so a file it reads must be one an earlier line wrote). `bench` has its own suite.
    @Test func the_readme_headless_examples_run_as_written() throws {
        let readme = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Headless commands").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?
            .components(separatedBy: "```").first)
        let commands = block.split(separator: "\n").map { line in
            String(line.split(separator: "#", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
        }.filter { $0.hasPrefix("gradtop ") && !$0.hasPrefix("gradtop bench") }
        #expect(commands.count >= 4, "found \(commands)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradtop-readme-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in commands {
            let arguments = command.split(separator: " ").dropFirst().map(String.init)
            let result = try Gradtop.run(arguments, directory: folder)
            #expect(result.status == 0, "README's `\(command)` failed: \(result.stderr)")
            #expect(!result.stdout.isEmpty, "README's `\(command)` printed nothing")
        }
    }
}
