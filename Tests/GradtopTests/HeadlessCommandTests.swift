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
    }
}
