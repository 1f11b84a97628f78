import CivicAnalysis
import CivicModels
import CivicStorage
import Foundation
import Testing

/// The reference values pandas computed on the same file (see Fixtures/make_reference.py).
struct PandasReference: Decodable {
    struct Group: Decodable {
        var service: String
        var district: String
        var count: Int
        var mean_duration_minutes: Double?
        var median_income_eur: Double?
        var sum_income_eur: Double?
        var min_income_eur: Double?
        var max_income_eur: Double?
    }
    struct Crosstab: Decodable {
        var rows: [String]
        var columns: [String]
        var counts: [[Int]]
    }
    var rows: Int
    var groups: [Group]
    var crosstab: Crosstab
    var mean_duration_all: Double
    var median_income_all: Double

    static func load() throws -> PandasReference {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("reference.json")
        return try JSONDecoder().decode(PandasReference.self, from: Data(contentsOf: url))
    }
}

func fixtureCases() throws -> Table {
    let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("cases-800.csv")
    return try CSVTableReader.read(url).table
}

/// Equal within a relative tolerance of 1e-12 (both missing counts as equal).
func close(_ a: Double?, _ b: Double?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= 1e-12 * max(1, abs(b))
}

@Suite struct GroupingTests {
    @Test func groupedAggregatesMatchPandas() throws {
        let reference = try PandasReference.load()
        let cases = try fixtureCases()
        #expect(cases.rowCount == reference.rows)
        let summary = try cases.grouped(by: ["service", "district"]).aggregate([
            .count, .mean("duration_minutes"), .median("income_eur"), .sum("income_eur"),
            .min("income_eur"), .max("income_eur"),
        ])
        #expect(summary.rowCount == reference.groups.count)
        for (row, expected) in reference.groups.enumerated() where row < summary.rowCount {
            #expect(summary[row, "service"] == .text(expected.service))
            #expect(summary[row, "district"] == .text(expected.district))
            #expect(summary[row, "count"] == .integer(Int64(expected.count)))
            #expect(close(summary[row, "mean_duration_minutes"].doubleValue, expected.mean_duration_minutes))
            #expect(close(summary[row, "median_income_eur"].doubleValue, expected.median_income_eur))
            #expect(close(summary[row, "sum_income_eur"].doubleValue, expected.sum_income_eur))
            #expect(close(summary[row, "min_income_eur"].doubleValue, expected.min_income_eur))
            #expect(close(summary[row, "max_income_eur"].doubleValue, expected.max_income_eur))
        }
    }

    @Test func overallMeanAndMedianMatchPandas() throws {
        let reference = try PandasReference.load()
        let cases = try fixtureCases()
        #expect(close(cases.column(named: "duration_minutes")!.runningSummary()!.mean, reference.mean_duration_all))
        #expect(close(cases.column(named: "income_eur")!.median(), reference.median_income_all))
    }

    @Test func crossTableMatchesPandas() throws {
        let reference = try PandasReference.load()
        let table = try CrossTable(try fixtureCases(), rows: "gender", columns: "outcome")
        #expect(table.rowLabels == reference.crosstab.rows.map(Value.text))
        #expect(table.columnLabels == reference.crosstab.columns.map(Value.text))
        #expect(table.counts == reference.crosstab.counts)
        #expect(table.total == reference.rows)
    }

    @Test func missingKeysFormTheirOwnGroupFirst() throws {
        let table = try Table(schema: Schema(fields: [Field("k", type: .string), Field("x", type: .integer)]), rows: [
            [.text("b"), .integer(1)], [.missing, .integer(2)], [.text("a"), .integer(3)], [.text("b"), .missing],
        ])
        let summary = try table.grouped(by: ["k"]).aggregate([.count, .countValues("x"), .mean("x")])
        #expect(summary.row(0) == [.missing, .integer(1), .integer(1), .number(2)])
        #expect(summary.row(1) == [.text("a"), .integer(1), .integer(1), .number(3)])
        #expect(summary.row(2) == [.text("b"), .integer(2), .integer(1), .number(1)])
    }

    @Test func integerKeysSortNumerically() throws {
        let table = try Table(schema: Schema(fields: [Field("k", type: .integer)]),
                              rows: [[.integer(10)], [.integer(9)], [.integer(10)], [.integer(-1)]])
        let summary = try table.grouped(by: ["k"]).aggregate([.count])
        #expect((0..<3).map { summary[$0, "k"] } == [.integer(-1), .integer(9), .integer(10)])
        #expect(summary[2, "count"] == .integer(2))
    }

    @Test func errors() throws {
        let cases = try fixtureCases()
        #expect(throws: AnalysisError.unknownColumn("bezirk")) { try cases.grouped(by: ["bezirk"]) }
        #expect(throws: AnalysisError.noGroupingColumns) { try cases.grouped(by: []) }
        #expect(throws: AnalysisError.notNumeric("district")) {
            try cases.grouped(by: ["service"]).aggregate([.mean("district")])
        }
    }
}

@Suite struct SelectionTests {
    /// Quickselect's median equals the sorted array's middle, on random data full of ties.
    @Test func medianAgreesWithSorting() {
        var random = SystemRandomNumberGenerator()
        for size in [1, 2, 3, 4, 5, 10, 101, 1000, 1001] {
            for _ in 0..<20 {
                let values = (0..<size).map { _ in Double(Int.random(in: 0...20, using: &random)) }
                let sorted = values.sorted()
                let expected = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2
                #expect(Selection.median(of: values) == expected)
            }
        }
        #expect(Selection.median(of: []) == nil)
    }

    @Test func runningSummaryIsCompensated() {
        var summary = RunningSummary()
        summary.add(1e16)
        for _ in 0..<1000 { summary.add(1) }
        summary.add(-1e16)
        #expect(summary.sum == 1000)
        #expect(summary.minimum == -1e16 && summary.maximum == 1e16 && summary.count == 1002)
    }
}

@Suite("Frequencies and percentages against pandas")
struct FrequencyTests {
    @Test("value counts, most frequent first, with percentages")
    func frequencies() throws {
        let expected = try StatisticsReference.load().object("cases")["nationality_frequencies"] as! [[String: Any]]
        let table = try FrequencyTable(fixtureCases(), column: "nationality")
        #expect(table.entries.map(\.count) == expected.map { $0["count"] as! Int })
        // pandas orders ties arbitrarily; compare per value.
        for entry in table.entries {
            guard case .text(let value) = entry.value else { Issue.record("text expected"); continue }
            let theirs = try #require(expected.first { $0["value"] as? String == value })
            #expect(theirs["count"] as? Int == entry.count)
            expectClose(entry.percentage, theirs.number("percentage"), 1e-12, "\(value) %")
        }
    }

    @Test("row and column percentages of a cross table")
    func percentages() throws {
        let expected = try StatisticsReference.load().object("cases", "gender_outcome_percentages")
        let cross = try CrossTable(fixtureCases(), rows: "gender", columns: "outcome")
        for (mine, theirs) in zip(cross.rowPercentages.joined(), (expected["rows"] as! [[Double]]).joined()) {
            expectClose(mine, theirs, 1e-12, "row %")
        }
        for (mine, theirs) in zip(cross.columnPercentages.joined(), (expected["columns"] as! [[Double]]).joined()) {
            expectClose(mine, theirs, 1e-12, "column %")
        }
    }
}
