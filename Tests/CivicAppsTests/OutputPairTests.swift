import CivicTestSupport
import Foundation
import Testing

/// Apps that write a data file and a report leave both new files or both old ones.
@Suite("Data and report: both new, or both old")
struct OutputPairTests {
    /// Runs `app` with its second output in a folder that does not exist, after
    /// earlier runs left `first` and `second` beside each other.
    private func expectOldPairKept(_ app: String, _ arguments: (_ first: String, _ second: String) -> [String],
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try TemporaryDirectory()
        let first = try folder.write("first.out", text: "earlier data")
        _ = try folder.write("second.out", text: "earlier report")
        let unwritable = folder.file("no-such-folder/second.out")
        let result = try runProduct(app, arguments(first.path, unwritable.path), in: packageRoot())
        #expect(result.status != 0, "the second output cannot be written", sourceLocation: sourceLocation)
        #expect(try String(contentsOf: first, encoding: .utf8) == "earlier data", sourceLocation: sourceLocation)
        #expect(try folder.fileNames() == ["first.out", "second.out"], sourceLocation: sourceLocation)
    }

    @Test func anonymize() throws {
        try expectOldPairKept("civic-anonymize") { data, report in
            ["--config", "Examples/anonymize.yaml", "--input", "Examples/counselling-cases.csv",
             "--output", data, "--report", report]
        }
    }

    @Test func redactText() throws {
        try expectOldPairKept("civic-redact") { text, report in
            ["text", "--input", "README.md", "--output", text, "--report", report]
        }
    }

    @Test func redactCSV() throws {
        try expectOldPairKept("civic-redact") { data, report in
            ["csv", "--input", "Examples/counselling-cases.csv", "--columns", "notes", "--output", data, "--report", report]
        }
    }

    @Test func report() throws {
        try expectOldPairKept("civic-report") { html, markdown in
            ["--input", "Examples/counselling-cases.csv", "--output", html, "--markdown", markdown]
        }
    }
}
