import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The CSV reader against thousands of damaged files: it reads them or refuses
/// them with a `CSVError`; it never crashes or hangs; and what it reads, it writes
/// back and reads again unchanged.
@Suite("CSV reader under mutation")
struct CSVMutationTests {
    /// Valid starting points: the bundled example's head, a German Excel export,
    /// quoting with line breaks, and a file with a byte-order mark.
    static let samples: [[UInt8]] = {
        let example = (try? String(contentsOf: packageRoot().appendingPathComponent("Examples/counselling-cases.csv"),
                                   encoding: .utf8)) ?? "a,b\n1,2\n"
        let head = example.split(separator: "\n", omittingEmptySubsequences: false).prefix(12).joined(separator: "\n") + "\n"
        return [
            Array(head.utf8),
            Array("Name;Betrag;Datum\r\n\"Müller, A.\";1.234,50;2024-01-31\r\nÖz;-3;2024-02-29\r\n".utf8),
            Array("id,note\n1,\"zwei\nZeilen\"\n2,\"sagt \"\"hallo\"\"\"\n3,\n".utf8),
            [0xEF, 0xBB, 0xBF] + Array("x\ty\n1.5\t=SUM(1)\n".utf8),
        ]
    }()

    static let tokens: [[UInt8]] = ["\"", "\"\"", ",", ";", "\t", "\r\n", "\n", "\"\n\"", "1e308", "-0", "NaN", "inf",
                                    "9999999999999999999999", "2024-02-30", "ä", "\u{FEFF}", "="].map { Array($0.utf8) }

    @Test("2,000 mutations of each sample: read or refused, and what is read survives a round trip")
    func mutations() throws {
        var fuzzer = MutationFuzzer(seed: 20_261_130, tokens: Self.tokens)
        var read = 0, refused = 0
        for (number, sample) in Self.samples.enumerated() {
            for iteration in 0..<fuzzIterations(default: 2_000) {
                let bytes = fuzzer.mutate(sample)
                let result: CSVTableReader.Result
                do {
                    result = try CSVTableReader.read(bytes: bytes, name: "fuzz.csv")
                } catch {
                    refused += 1
                    #expect(error.file == "fuzz.csv", "sample \(number), iteration \(iteration): the error names the file")
                    continue
                }
                read += 1
                try expectRoundTrip(result, "sample \(number), iteration \(iteration)")
            }
        }
        // Both outcomes must occur, or the mutations are too weak or too strong to test anything.
        #expect(read > 500 && refused > 500, "read \(read), refused \(refused)")
    }

    /// Writes the table in its dialect, reads it back with its schema, and expects
    /// the same values.
    private func expectRoundTrip(_ result: CSVTableReader.Result, _ what: String) throws {
        var dialect = result.dialect
        dialect.neutralizesFormulas = false
        dialect.writesByteOrderMark = false
        dialect.encoding = .utf8  // the text is in memory as a Swift string
        let text = try CSVTableWriter.string(result.table, dialect: dialect)
        var options = CSVTableReader.Options(dialect: dialect, schema: result.table.schema)
        options.parallelism = .sequential
        let again: Table
        do {
            again = try CSVTableReader.read(bytes: Array(text.utf8), options: options).table
        } catch {
            Issue.record("\(what): the written table cannot be read back: \(error.message(in: .english))")
            return
        }
        #expect(again.rowCount == result.table.rowCount, "\(what): rows")
        guard again.rowCount == result.table.rowCount else { return }
        for row in 0..<again.rowCount where again.row(row) != result.table.row(row) {
            Issue.record("\(what): row \(row + 1) changed in the round trip")
            return
        }
    }
}
