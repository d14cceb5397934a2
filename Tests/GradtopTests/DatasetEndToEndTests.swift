import Foundation
import Testing

/// Playground's data sets through the real binary: the dashboard's prediction panel,
/// `train`'s test and accuracy columns, and one-line errors for every new option.
@Suite(.serialized) struct DatasetsEndToEnd {
    @Test func the_spiral_prediction_panel_changes_as_training_goes_at_120x40() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) --dataset spiral --activation relu --init he_normal --hidden 8,8 --test-ratio 0.3 --speed max",
                  enter: true)
        _ = try #require(tmux.waitFor { $0.contains("prediction") && (DashboardInTmux.step($0) ?? 0) > 0 },
                         "no prediction panel: \(tmux.screen)")
        /// The prediction panel's rows (right of the violins, above the loss panel), colours included.
        func panel() -> [Substring] {
            let lines = tmux.styledScreen.split(separator: "\n", omittingEmptySubsequences: false)
            // The interior of the rightmost panel: between the last two vertical borders of each row.
            return Array(lines.dropFirst(2).prefix(10)).map { line in
                let parts = line.split(separator: "│", omittingEmptySubsequences: false)
                return parts.count >= 2 ? parts[parts.count - 2] : ""
            }
        }
        let early = panel()
        // Half blocks in colour, or shade characters (+ # for one class, - = for the other; blank where
        // the network is unsure) where the terminal has fewer than 256 colours: which a row holds
        // depends on what the network answers, so most rows, not every row, must show the picture.
        let pictured = early.filter { row in row.contains("▀") || row.contains { "+#-=".contains($0) } }
        #expect(pictured.count * 2 >= early.count, "not the picture: \(early)")
        let first = DashboardInTmux.step(tmux.screen) ?? 0
        _ = tmux.waitFor(timeout: 30) { (DashboardInTmux.step($0) ?? 0) > first + 100 }
        #expect(panel() != early, "the prediction panel did not change in 100 steps")
        #expect(tmux.screen.contains("test acc"))
        tmux.type("q")
        // The exit line may wrap at 120 columns (and tmux drops a wrapped line's trailing space).
        #expect(tmux.waitFor(timeout: 60) { $0.filter { !$0.isWhitespace }.contains("--datasetspiral--test-ratio0.3") } != nil,
                "the exit line does not reproduce the data: \(tmux.screen)")
    }

    @Test func train_reports_test_loss_and_accuracy_only_when_there_are_some() throws {
        let circle = try Gradtop.run(["train", "--dataset", "circle", "--test-ratio", "0.5", "--steps", "2"])
        #expect(circle.status == 0)
        let line = circle.stdout.split(separator: "\n").last.map(String.init) ?? ""
        for key in ["\"test_loss\":", "\"accuracy\":", "\"test_accuracy\":"] { #expect(line.contains(key), "\(line) lacks \(key)") }
        let csv = try Gradtop.run(["train", "--dataset", "circle", "--test-ratio", "0.5", "--steps", "1", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("step,loss,test_loss,accuracy,test_accuracy,layer1_min"))
        let plane = try Gradtop.run(["train", "--dataset", "plane", "--test-ratio", "0.2", "--steps", "1"])
        #expect(plane.stdout.contains("\"test_loss\":") && !plane.stdout.contains("accuracy"))
        let notebook = try Gradtop.run(["train", "--steps", "1"])
        #expect(!notebook.stdout.contains("test_loss") && !notebook.stdout.contains("accuracy"))
    }

    static let badValues: [(arguments: [String], mentions: [String])] = [
        (["--dataset", "moons"], ["--dataset", "moons", "spiral"]),
        (["--dataset", "circle", "--noise", "0.6"], ["--noise", "0.6"]),
        (["--dataset", "circle", "--noise", "-0.1"], ["--noise"]),
        (["--test-ratio", "0.95"], ["--test-ratio", "0.95"]),
        (["--test-ratio", "-0.5"], ["--test-ratio"]),
        (["--loss", "hinge"], ["--loss", "hinge", "categorical_crossentropy"]),
        (["--dataset", "plane", "--loss", "categorical_crossentropy"], ["--loss", "one-hot"]),
        (["--loss", "categorical_crossentropy"], ["--loss", "one-hot"]),
    ]

    @Test func every_bad_value_of_a_new_option_gets_one_line_naming_it() throws {
        for command in ["train", "grads", "plot"] {
            for bad in Self.badValues {
                let extra = command == "plot" ? ["--out", "/tmp/gradtop-never-written.svg"] : []
                let result = try Gradtop.run([command] + bad.arguments + extra)
                #expect(result.status != 0 && result.status < 128, "\(command) \(bad.arguments): status \(result.status)")
                #expect(result.stderrLines.count == 1, "\(command) \(bad.arguments): \(result.stderr)")
                for mention in bad.mentions {
                    #expect(result.stderr.contains(mention), "\(command) \(bad.arguments): \(result.stderr) lacks \(mention)")
                }
            }
        }
    }

    @Test func a_csv_with_targets_that_are_not_one_hot_names_file_and_line_under_cross_entropy() throws {
        let folder = Gradtop.temporaryFolder()
        let file = folder.appendingPathComponent("classes.csv")
        try "x1,x2,y1,y2\n1,2,1,0\n3,4,0,1\n5,6,0.3,0.7\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try Gradtop.run(["train", "--data", file.path, "--loss", "categorical_crossentropy"])
        #expect(result.status != 0 && result.stderrLines.count == 1)
        #expect(result.stderr.contains("classes.csv:4") && result.stderr.contains("one-hot"), "\(result.stderr)")
        let ok = try Gradtop.run(["grads", "--data", file.path])
        #expect(ok.status == 0, "MSE takes any targets: \(ok.stderr)")
    }
}
