import Foundation
import Testing
import GradNet
import GradTestSupport

/// Seeded mutation fuzzing of the model-file and CSV parsers, starting from
/// `fuzz/corpus/{model,csv}`: every input gives a value or an `InputError`
/// whose description is one clean line naming the file; never a trap, a
/// slow parse or a large allocation. Bounded to about two seconds per parser.
@Suite struct ParserFuzz {
    static let secondsPerParser = 2.0
    /// A parse of one input (at most 64 KiB) slower than this is a bug.
    static let perInputBound = 1.0

    @Test func model_files_give_a_model_or_one_line_naming_the_file() throws {
        let corpus = fuzzCorpus("model", anchor: #filePath)
        try #require(corpus.count >= 3, "fuzz/corpus/model is missing")
        let file = "fuzz/model.json"
        let rssBefore = residentBytes()
        var decoded = 0
        let run = fuzz("model", corpus: corpus, seed: 6, seconds: ParserFuzz.secondsPerParser) { bytes in
            do throws(InputError) {
                let model = try ModelSpec.decode(Data(bytes), file: file)
                decoded += 1
                #expect(model.layers.allSatisfy { $0.kernel.scalars.allSatisfy(\.isFinite) })
            } catch {
                #expect(error.description.hasPrefix(file), "\(error.description)")
                #expect(isOneCleanLine(error.description), "not one clean line: \(error.description.debugDescription)")
            }
        }
        #expect(run.slowest < ParserFuzz.perInputBound, "slowest input took \(run.slowest) s: \(String(decoding: run.slowestInput.prefix(200), as: UTF8.self).debugDescription)")
        #expect(residentBytes() - rssBefore < 512 << 20, "resident memory grew by \((residentBytes() - rssBefore) >> 20) MiB")
        #expect(decoded > 0 && run.inputs > 100, "fuzzed \(run.inputs) inputs, \(decoded) decoded")
    }

    @Test func csv_files_give_a_data_set_or_one_line_naming_the_file() throws {
        let corpus = fuzzCorpus("csv", anchor: #filePath)
        try #require(corpus.count >= 3, "fuzz/corpus/csv is missing")
        let file = "fuzz/data.csv"
        var parsed = 0
        let run = fuzz("csv", corpus: corpus, seed: 6, seconds: ParserFuzz.secondsPerParser) { bytes in
            do throws(InputError) {
                let data = try Dataset.parse(csv: String(decoding: bytes, as: UTF8.self), file: file)
                parsed += 1
                #expect(data.count > 0 && data.inputCount > 0 && data.outputCount > 0)
                #expect(data.inputs.scalars.allSatisfy(\.isFinite) && data.targets.scalars.allSatisfy(\.isFinite))
            } catch {
                #expect(error.description.hasPrefix(file), "\(error.description)")
                #expect(isOneCleanLine(error.description), "not one clean line: \(error.description.debugDescription)")
            }
        }
        #expect(run.slowest < ParserFuzz.perInputBound, "slowest input took \(run.slowest) s: \(String(decoding: run.slowestInput.prefix(200), as: UTF8.self).debugDescription)")
        #expect(parsed > 0 && run.inputs > 100, "fuzzed \(run.inputs) inputs, \(parsed) parsed")
    }

    @Test func the_mutator_is_reproducible_from_its_seed() {
        var first = FuzzMutator(seed: 42), second = FuzzMutator(seed: 42)
        let input = Array("x1,y1\n1,2\n".utf8)
        let a = (0..<20).map { _ in first.mutate(input) }
        let b = (0..<20).map { _ in second.mutate(input) }
        #expect(a == b)
        #expect(Set(a).count > 10, "mutations should differ from each other")
    }
}

/// Regressions found by the fuzzer and by reading the parsers.
@Suite struct ParserFuzzRegressions {
    @Test func an_error_names_a_file_with_an_escape_sequence_without_emitting_it() {
        let error = InputError(file: "data\u{1B}[2J.csv", location: "layers[0].\u{1B}]0;x\u{7}", message: "bad\nvalue\u{9B}")
        #expect(isOneCleanLine(error.description), "\(error.description.debugDescription)")
        #expect(error.description.contains("data\\u{1B}[2J.csv"))
    }

    @Test func an_unknown_key_with_control_characters_is_reported_on_one_clean_line() {
        let json = #"{"format": "gradtop-model/1", "inputs": 1, "layers": [], "a\n\u001b[31m": 1}"#
        #expect(throws: InputError.self) { try ModelSpec.decode(Data(json.utf8), file: "m.json") }
        do { _ = try ModelSpec.decode(Data(json.utf8), file: "m.json") } catch {
            #expect(isOneCleanLine(error.description) && error.description.hasPrefix("m.json"), "\(error.description.debugDescription)")
        }
    }

    @Test func a_model_claiming_a_billion_units_is_refused_before_allocating() throws {
        let corpus = fuzzCorpus("model", anchor: #filePath)
        let huge = try #require(corpus.first { String(decoding: $0, as: UTF8.self).contains("1000000000") })
        let before = residentBytes()
        do {
            _ = try ModelSpec.decode(Data(huge), file: "huge.json")
            Issue.record("a model with empty kernels for 10^9 units was accepted")
        } catch {
            #expect(error.description.contains("layers[0].kernel"), "\(error.description)")
        }
        #expect(residentBytes() - before < 64 << 20)
    }
}
