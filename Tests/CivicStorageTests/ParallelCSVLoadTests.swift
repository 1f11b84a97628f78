import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The parallel load must give exactly what the sequential one gives.
@Suite struct ParallelCSVLoadTests {
    /// Rows with quoted line breaks, doubled quotes and separators, so that many
    /// cut points fall inside quoted fields.
    static func text(rows: Int, lateText: Bool = false) -> String {
        var lines = ["id,name,note,amount,day"]
        for i in 1...rows {
            let note = i % 3 == 0 ? "\"zwei\nZeilen, \"\"zitiert\"\"\"" : (i % 5 == 0 ? "" : "kurz \(i)")
            let amount = lateText && i == rows - 3 ? "unbekannt" : (i % 7 == 0 ? "" : "\(i).25")
            lines.append("\(i),\"Müller, \(i % 13)\",\(note),\(amount),2024-02-\(String(format: "%02d", i % 28 + 1))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func load(_ url: URL, _ parallelism: CSVTableReader.Options.Parallelism,
                      inferenceRows: Int = 10_000) throws -> Table {
        var options = CSVTableReader.Options(inferenceRows: inferenceRows)
        options.parallelism = parallelism
        let result = try CSVTableReader.read(url, options: options)
        if case .parallel(let segments) = parallelism {
            #expect(result.parallelRanges == segments, "the parallel path ran")
        } else {
            #expect(result.parallelRanges == 1)
        }
        return result.table
    }

    @Test(arguments: [2, 3, 4, 7])
    func sameTableAsSequential(segments: Int) throws {
        let folder = try TemporaryDirectory()
        let url = try folder.write("in.csv", text: Self.text(rows: 500))
        let sequential = try load(url, .sequential)
        let parallel = try load(url, .parallel(segments: segments))
        #expect(parallel == sequential)
        #expect(parallel.schema == sequential.schema)
        #expect(parallel.rowCount == 500)
    }

    /// A schema given up front (as when a publication re-reads what it wrote) reads
    /// no sample, yet the load still runs in parallel, with the same result.
    @Test func givenSchemaLoadsInParallelToo() throws {
        let folder = try TemporaryDirectory()
        let url = try folder.write("in.csv", text: Self.text(rows: 500))
        let sequential = try load(url, .sequential)
        var options = CSVTableReader.Options(schema: sequential.schema)
        options.parallelism = .parallel(segments: 3)
        let result = try CSVTableReader.read(url, options: options)
        #expect(result.parallelRanges == 3, "the parallel path ran")
        #expect(result.table == sequential)
    }

    @Test func aColumnWidenedInOneRangeIsTextInAll() throws {
        let folder = try TemporaryDirectory()
        let url = try folder.write("in.csv", text: Self.text(rows: 400, lateText: true))
        let sequential = try load(url, .sequential, inferenceRows: 50)
        let parallel = try load(url, .parallel(segments: 3), inferenceRows: 50)
        #expect(sequential.schema.field(named: "amount")?.type == .string)
        #expect(parallel == sequential)
        #expect(parallel.schema == sequential.schema)
    }

    @Test func errorsNameTheSameLineAsSequential() throws {
        let folder = try TemporaryDirectory()
        let url = try folder.write("in.csv", text: Self.text(rows: 300) + "301,x,y\n")
        var options = CSVTableReader.Options()
        options.parallelism = .parallel(segments: 4)
        #expect(throws: CSVError(.tooFewFields(expected: 5, found: 3), file: url.path, line: 402, column: 4, field: "amount")) {
            try CSVTableReader.read(url, options: options)
        }
    }

    @Test func largeGeneratedShapeWithHighCardinalityText() throws {
        // More than 65,536 rows, so that text columns switch to plain storage in some
        // ranges and not in others.
        let folder = try TemporaryDirectory()
        var lines = ["case_id,district,note"]
        for i in 0..<150_000 { lines.append("F-\(i),Bezirk \(i % 12),\"Notiz \(i), Teil \(i % 3)\"") }
        let url = try folder.write("big.csv", text: lines.joined(separator: "\n") + "\n")
        let sequential = try load(url, .sequential)
        let parallel = try load(url, .parallel(segments: 2))
        #expect(parallel == sequential)
        #expect(parallel[149_999, "note"] == .text("Notiz 149999, Teil 2"))
    }
}
