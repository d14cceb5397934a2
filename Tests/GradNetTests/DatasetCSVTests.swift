import Foundation
import Testing
import GradTensor
@testable import GradNet

@Suite struct DatasetCSVTests {
    /// The error `parse` throws for `text`, as its one-line description.
    func parseError(_ text: String) -> String {
        do {
            let data = try Dataset.parse(csv: text, file: "data.csv")
            return "no error; parsed \(data.count) examples"
        } catch {
            return error.description
        }
    }

    @Test func aFileWithCommentsBlankLinesAndAnyColumnOrderParses() throws {
        let text = """
            # made by hand
            Y2, x1 ,y1,X2\r
            0.5, 1, 2, -3e2

            # a comment between rows
            4,5,6,7.25


            """
        let data = try Dataset.parse(csv: text, file: "data.csv")
        #expect(data.inputs == Tensor([[1, -300], [5, 7.25]]))
        #expect(data.targets == Tensor([[2, 0.5], [6, 4]]))
        #expect(data.source == "data.csv")
    }

    @Test func csvTextReadsBackBitIdentically() throws {
        let data = Dataset.notebook(examples: 200, seed: 100)
        let back = try Dataset.parse(csv: data.csvText(), file: "out.csv")
        #expect(back.inputs.scalars.map(\.bitPattern) == data.inputs.scalars.map(\.bitPattern))
        #expect(back.targets.scalars.map(\.bitPattern) == data.targets.scalars.map(\.bitPattern))
        #expect(data.csvText().hasPrefix("x1,x2,y1,y2\n"))
    }

    @Test func loadReadsAFileAndNamesAMissingOne() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gradnet-csv-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("x1,y1\n1,2\n".utf8).write(to: URL(fileURLWithPath: path))
        let data = try Dataset.load(csv: path)
        #expect(data.inputs == Tensor([[1]]) && data.targets == Tensor([[2]]))
        #expect(throws: InputError(file: "nope/data.csv", message: "no such file")) {
            try Dataset.load(csv: "nope/data.csv")
        }
        #expect((try? Dataset.load(csv: FileManager.default.temporaryDirectory.path)) == nil)
    }

    @Test func anEmptyFileIsNamedEmpty() {
        #expect(parseError("").hasPrefix("data.csv: empty file"))
        #expect(parseError("\n  \n# only a comment\n").hasPrefix("data.csv: empty file"))
    }

    @Test func aFileWithoutAHeaderRowSaysSo() {
        #expect(parseError("1,2,3,4\n5,6,7,8\n")
            == #"data.csv:1:1: no header row: the first row must name the columns, e.g. x1,x2,y1,y2; found the number "1""#)
    }

    @Test func anUnknownColumnNameListsTheAllowedNames() {
        #expect(parseError("x1,x2,label\n1,2,3\n")
            == #"data.csv:1:7: unknown column "label"; name inputs x1, x2, ... and targets y1, y2, ..."#)
        #expect(parseError("x0,y1\n1,2\n").hasPrefix(#"data.csv:1:1: unknown column "x0""#))
        #expect(parseError("x1,,y1\n1,2,3\n").hasPrefix("data.csv:1:4: a column with no name"))
    }

    @Test func missingInputsOrTargetsAreNamed() {
        #expect(parseError("y1,y2\n1,2\n") == "data.csv:1: no input columns: name them x1, x2, ... (the header has y1,y2)")
        #expect(parseError("x1\n1\n") == "data.csv:1: no target columns: name them y1, y2, ... (the header has x1)")
    }

    @Test func numberedColumnsMustNotHaveGaps() {
        #expect(parseError("x1,x3,y1\n1,2,3\n") == "data.csv:1: input columns must be x1..x3 without gaps; x2 is missing")
        #expect(parseError("x1,y2\n1,2\n") == "data.csv:1: target columns must be y1..y2 without gaps; y1 is missing")
    }

    @Test func aDuplicateColumnNamesBothPlaces() {
        #expect(parseError("x1,y1,X1\n1,2,3\n") == #"data.csv:1:7: duplicate column "X1" (also field 1)"#)
    }

    @Test func aRaggedRowGivesExpectedAndFoundFieldCounts() {
        #expect(parseError("x1,x2,y1,y2\n1,2,3,4\n1,2,3\n") == "data.csv:3: expected 4 fields like the header on line 1, found 3")
        #expect(parseError("x1,y1\n1,2,\n") == "data.csv:2: expected 2 fields like the header on line 1, found 3")
    }

    @Test func aNonNumericFieldIsQuotedWithLineAndColumn() {
        #expect(parseError("x1,x2,y1\n1, abc ,3\n") == #"data.csv:2:4: x2: expected a number, found "abc""#)
        #expect(parseError("x1,y1\n1,\n") == "data.csv:2:3: y1: empty field, expected a number")
    }

    @Test func nanAndInfinityAreRejected() {
        #expect(parseError("x1,y1\nnan,1\n") == "data.csv:2:1: x1: NaN is not allowed")
        #expect(parseError("x1,y1\n1,inf\n").hasPrefix(#"data.csv:2:3: y1: "inf" is not a finite float32 number"#))
        #expect(parseError("x1,y1\n1,1e39\n").hasPrefix(#"data.csv:2:3: y1: "1e39" is not a finite float32 number"#))
    }

    @Test func aHeaderWithoutRowsHasZeroExamples() {
        #expect(parseError("x1,y1\n\n") == "data.csv: no examples: the header is not followed by any data rows")
    }

    @Test func longOrControlCharacterFieldsAreQuotedOnOneLine() {
        let message = parseError("x1,y1\n1,\"" + String(repeating: "z", count: 100) + "\"\n")
        #expect(message.contains("...") && message.count < 120, "\(message)")
        #expect(InputError.quoted("a\tb") == #""a\tb""#)
    }
}

@Suite struct InputErrorTests {
    @Test func descriptionAttachesLinesWithAColonAndPathsWithASpace() {
        #expect(InputError(file: "d.csv", line: 7, column: 3, message: "bad").description == "d.csv:7:3: bad")
        #expect(InputError(file: "d.csv", line: 7, message: "bad").description == "d.csv:7: bad")
        #expect(InputError(file: "m.json", location: "layers[1].kernel", message: "bad").description == "m.json: layers[1].kernel: bad")
        #expect(InputError(file: "m.json", message: "no such file").description == "m.json: no such file")
    }
}
