import Foundation
import Testing

@Suite struct HeadlessCommands {
    @Test func train_prints_one_json_line_per_step_and_the_loss_falls() throws {
        let result = try Gradtop.run(["train", "--steps", "200"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 200)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let last = try JSONSerialization.jsonObject(with: Data(lines[199].utf8)) as? [String: Any]
        let layers = try #require(first?["layers"] as? [[String: Any]])
        #expect(layers.count == 4)
        #expect(Set(layers[0].keys) == ["min", "q1", "median", "q3", "max", "mean_abs"])
        let (l0, l1) = try (#require(first?["loss"] as? Double), #require(last?["loss"] as? Double))
        #expect(l1 < 0.6 * l0, "loss \(l0) -> \(l1)")
    }

    @Test func the_same_arguments_give_byte_identical_output() throws {
        let args = ["train", "--steps", "30", "--activation", "relu", "--init", "he_normal", "--hidden", "8,8",
                    "--batch", "16", "--optimizer", "sgd", "--momentum", "0.9", "--lr", "0.05", "--format", "csv"]
        let (a, b) = (try Gradtop.run(args), try Gradtop.run(args))
        #expect(a.status == 0 && !a.stdout.isEmpty)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.hasPrefix("step,loss,layer1_min,layer1_q1,layer1_median,layer1_q3,layer1_max,layer1_mean_abs,"))
    }

    @Test func grads_prints_per_example_gradients_with_the_right_shapes() throws {
        let result = try Gradtop.run(["grads", "--examples", "10", "--hidden", "3,4"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let perExample = try #require(json["per_example_loss"] as? [Double])
        #expect(perExample.count == 10)
        let loss = try #require(json["loss"] as? Double)
        #expect(abs(loss - perExample.reduce(0, +) / 10) < 1e-5)
        let layers = try #require(json["layers"] as? [[String: Any]])
        let shapes = [(2, 3), (3, 4), (4, 2)]
        #expect(layers.count == 3)
        for (layer, (inputs, units)) in zip(layers, shapes) {
            let kernel = try #require(layer["kernel"] as? [[[Double]]])
            #expect(kernel.count == 10 && kernel[0].count == inputs && kernel[0][0].count == units)
            let bias = try #require(layer["bias"] as? [[Double]])
            #expect(bias.count == 10 && bias[0].count == units)
        }
    }

    @Test func summary_draws_in_ascii_without_a_utf8_locale() throws {
        let plain = try Gradtop.run(["summary"], environment: ["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""])
        #expect(plain.status == 0 && plain.stdout.contains("Total params: 24"))
        #expect(plain.stdout.allSatisfy { $0.isASCII }, "LANG=C got: \(plain.stdout.prefix(160))")
        let unicode = try Gradtop.run(["summary"], environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": ""])
        #expect(unicode.stdout.contains("┏"), "a UTF-8 locale keeps the Keras-style table")
    }

    @Test func a_saved_model_loads_back_for_grads_and_summary() throws {
        let folder = Gradtop.temporaryFolder()
        let model = folder.appendingPathComponent("trained.json").path
        let train = try Gradtop.run(["train", "--steps", "5", "--activation", "tanh", "--save-model", model])
        #expect(train.status == 0, "\(train.stderr)")
        let text = try String(contentsOfFile: model, encoding: .utf8)
        #expect(text.contains("\"format\" : \"gradtop-model/1\"") || text.contains("\"format\": \"gradtop-model/1\""))
        let grads = try Gradtop.run(["grads", "--model", model, "--examples", "4"])
        #expect(grads.status == 0, "\(grads.stderr)")
        let summary = try Gradtop.run(["summary", "--model", model, "--ascii"])
        #expect(summary.stdout.contains("Total params: 24 (96.00 B)"))
        #expect(summary.stdout.allSatisfy { $0.isASCII })
        // Training again from the saved model continues from its weights, not the seed's.
        let resumed = try Gradtop.run(["train", "--model", model, "--steps", "1"])
        let fresh = try Gradtop.run(["train", "--activation", "tanh", "--steps", "1"])
        #expect(resumed.status == 0 && resumed.stdout != fresh.stdout)
    }

    @Test func a_csv_data_file_is_used_for_training() throws {
        let folder = Gradtop.temporaryFolder()
        let csv = folder.appendingPathComponent("data.csv").path
        try "x1,x2,y1,y2\n0.1,0.2,0.3,0.4\n-0.5,0.6,0.7,-0.8\n1,0,0.5,0.5\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try Gradtop.run(["train", "--data", csv, "--steps", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 3)
    }

    @Test func divergence_is_reported_with_exit_status_3() throws {
        let result = try Gradtop.run(["train", "--optimizer", "sgd", "--lr", "1e6", "--activation", "relu",
                                      "--init", "he_normal", "--steps", "100"])
        #expect(result.status == 3)
        #expect(result.stdout.contains("\"diverged\":true"))
        #expect(result.stderr.contains("diverged at step"))
        #expect(result.stderr.contains("(loss inf)"), "stderr: \(result.stderr)")
    }

    @Test func a_finite_explosion_is_flagged_on_its_line_and_with_exit_status_4() throws {
        // Adam at lr 1e6 throws every ReLU off: the loss leaps by eleven orders of magnitude and stays finite.
        let result = try Gradtop.run(["train", "--lr", "1e6", "--activation", "relu", "--init", "he_normal", "--steps", "20"])
        #expect(result.status == 4, "stderr: \(result.stderr)")
        #expect(result.stdout.split(separator: "\n").filter { $0.contains("\"exploded\":true") }.count == 1)
        #expect(!result.stdout.contains("\"diverged\""))
        #expect(result.stderrLines.count == 1 && result.stderr.contains("exploded at step"), "stderr: \(result.stderr)")
    }

    @Test func a_healthy_run_exits_0_with_no_flags() throws {
        let result = try Gradtop.run(["train", "--steps", "50"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("true") && result.stderr.isEmpty)
    }

    @Test func a_nan_loss_reads_NaN_in_the_message_and_the_csv_never_minus_nan() throws {
        // A linear net with a huge step overflows to inf - inf = NaN within two steps.
        let result = try Gradtop.run(["train", "--optimizer", "sgd", "--lr", "1e20", "--activation", "linear",
                                      "--steps", "100", "--format", "csv"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("(loss NaN)"), "stderr: \(result.stderr)")
        let last = try #require(result.stdout.split(separator: "\n").last)
        #expect(last.split(separator: ",")[1] == "NaN", "last row: \(last)")
        #expect(!result.stdout.lowercased().contains("-nan") && !result.stderr.lowercased().contains("-nan"))
    }

    @Test func negative_zero_prints_as_zero_in_json_lines_and_csv() throws {
        // Dead relu units give exact zero gradients, some of them negative zeros.
        let arguments = ["train", "--steps", "200", "--activation", "relu"]
        for format in ["jsonl", "csv"] {
            let result = try Gradtop.run(arguments + ["--format", format])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains(format == "csv" ? ",0.0," : ":0.0,"), "the run has zeros to check")
            #expect(result.stdout.firstMatch(of: /(^|[,:\[])-0\.0([,}\]]|$)/.anchorsMatchLineEndings()) == nil,
                    "\(format) printed -0.0")
        }
    }

    struct NoFolderRefusesNewFiles: Error {}

    /// A folder where creating a file fails even for root: a read-only folder, or
    /// /sys when permission bits do not bind (root).
    static func folderRefusingNewFiles() throws -> URL {
        let folder = Gradtop.temporaryFolder()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        for candidate in [folder, URL(fileURLWithPath: "/sys")] {
            let probe = candidate.appendingPathComponent("probe-\(UUID().uuidString)").path
            if !FileManager.default.createFile(atPath: probe, contents: nil) { return candidate }
            try? FileManager.default.removeItem(atPath: probe)
        }
        throw NoFolderRefusesNewFiles()
    }

    @Test(arguments: ["train", "plot"])
    func an_output_file_that_cannot_be_written_fails_before_any_training(_ command: String) throws {
        let (option, name) = command == "train" ? ("--save-model", "m.json") : ("--out", "p.svg")
        let folder = Gradtop.temporaryFolder()
        let directory = folder.appendingPathComponent("dir-" + name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        let readOnly = try Self.folderRefusingNewFiles()
        for path in [folder.appendingPathComponent("missing").appendingPathComponent(name).path,
                     directory.path,
                     readOnly.appendingPathComponent(name).path] {
            // This run diverges at step 2: a late check would show steps on stdout (train)
            // or a divergence warning before the error (plot), and exit 3 for train.
            let result = try Gradtop.run([command, "--optimizer", "sgd", "--lr", "1e20", "--activation", "linear",
                                          "--steps", "30", option, path])
            #expect(result.status == 1, "\(path): status \(result.status), stderr: \(result.stderr.prefix(200))")
            #expect(result.stdout.isEmpty, "\(path): trained before failing")
            #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("Error: \(path): cannot write: "),
                    "stderr: \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["dir-" + name], "no probe left behind")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: readOnly.path).allSatisfy { !$0.contains(name) })
    }
}
