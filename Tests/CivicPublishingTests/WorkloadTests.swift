import CivicAnalysis
import CivicModels
import CivicStorage
import CivicTestSupport
import CivicPrivacy
import CivicPublishing
import Foundation
import Testing

@Suite("questions a funder asks, answered from published and raw rows")
struct WorkloadTests {
    let query = WorkloadQuery(de: "Fälle nach Altersgruppe", en: "Cases by age group", column: "age", by: "service") { value in
        Int(value).map { "\($0 / 10 * 10)s" }
    }

    func table(_ ages: [String]) throws -> Table {
        try Table(schema: Schema(fields: [Field("age", type: .string), Field("service", type: .string)]),
                  rows: ages.map { [.text($0), .text("A")] })
    }

    @Test("unchanged data answers every question exactly")
    func exact() throws {
        let raw = try table(["21", "22", "23", "34"])
        let answer = try #require(WorkloadAnswer(query, published: raw, raw: raw, hierarchy: nil))
        #expect(answer.cells == 2 && answer.meanRelativeError == 0 && answer.misplacedShare == 0)
    }

    @Test("a band is spread evenly over the values it stands for; the errors follow by hand")
    func spread() throws {
        let raw = try table(["21", "22", "23", "34"])
        let published = try table(["20-39", "20-39", "20-39", "20-39"])
        let hierarchy = try GeneralizationHierarchy(rows: (20...39).map { ["\($0)", "20-39"] })
        let answer = try #require(WorkloadAnswer(query, published: published, raw: raw, hierarchy: hierarchy))
        // Raw: 3 in their twenties, 1 in the thirties; published: 2 and 2.
        #expect(answer.cells == 2)
        #expect(abs(answer.meanRelativeError - (1.0 / 3 + 1) / 2) < 1e-12)
        #expect(abs(answer.misplacedShare - 0.25) < 1e-12)
        // A left-out row is a misplaced case.
        let fewer = try #require(WorkloadAnswer(query, published: raw.filtering { $0 < 3 }, raw: raw, hierarchy: nil))
        #expect(abs(fewer.misplacedShare - 0.125) < 1e-12)
    }

    @Test("a question about a column that is not published is left out")
    func unanswerable() throws {
        let raw = try table(["21"])
        let published = try Table(schema: Schema(fields: [Field("service", type: .string)]), rows: [[.text("A")]])
        #expect(WorkloadAnswer(query, published: published, raw: raw, hierarchy: nil) == nil)
    }
}

@Suite("top-coding")
struct TopCodingTests {
    @Test("the highest incomes are capped at a round bound near the 99th percentile, the column stays numeric")
    func bundledExample() throws {
        let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")
        let raw = try CSVTableReader.read(example).table
        let result = try Publication(settings: PublicationSettings()).run(raw, inputName: "cases.csv")
        let coding = try #require(result.topCodings.first { $0.column == "income_eur" })
        let incomes = (0..<raw.rowCount).compactMap { raw.column(named: "income_eur")!.doubleValue(at: $0) }.sorted()
        // The bound lies at or above the 99th percentile and has two significant digits.
        let quantile = incomes[Int((0.99 * Double(incomes.count)).rounded(.up)) - 1]
        #expect(coding.threshold >= quantile && coding.threshold < quantile * 1.1)
        let digits = String(Int(coding.threshold)).trimmingCharacters(in: CharacterSet(charactersIn: "0"))
        #expect(digits.count <= 2)
        #expect(coding.cappedRows == incomes.filter { $0 > coding.threshold }.count && coding.cappedRows > 0)
        let published = try #require(result.published.column(named: "income_eur"))
        #expect(published.isNumeric)
        #expect((0..<result.published.rowCount).compactMap { published.doubleValue(at: $0) }.max() == coding.threshold)
        #expect(result.published.schema.field(named: "income_eur")?.description?.contains("top-coded") == true)
        // The German report writes its numbers the German way: no decimal point in a percentage.
        let german = try Publication(settings: PublicationSettings(), language: .german).run(raw, inputName: "cases.csv")
        let page = german.report.html()
        #expect(page.firstMatch(of: /\d\.\d+ %/) == nil)
        #expect(page.firstMatch(of: /\d,\d+ %/) != nil)
        #expect(page.contains("3.000 Fälle"))
    }
}

@Suite("top- and bottom-coding from the settings")
struct CodingSettingsTests {
    @Test("publish.yaml caps the largest and the smallest values at round bounds; an impossible share or column is refused")
    func fromSettings() throws {
        let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")
        let raw = try CSVTableReader.read(example).table.filtering { $0 < 600 }
        let settings = try PublicationSettings(yaml: "top-coding: {duration_minutes: 0.95}\nbottom-coding: {duration_minutes: 0.05}\n")
        let result = try Publication(settings: settings).run(raw, inputName: "cases.csv")
        let top = try #require(result.topCodings.first { $0.column == "duration_minutes" && $0.end == .top })
        let bottom = try #require(result.topCodings.first { $0.column == "duration_minutes" && $0.end == .bottom })
        let durations = (0..<raw.rowCount).compactMap { raw.column(named: "duration_minutes")!.doubleValue(at: $0) }
        #expect(top.cappedRows == durations.filter { $0 > top.threshold }.count && top.cappedRows > 0)
        #expect(bottom.cappedRows == durations.filter { $0 < bottom.threshold }.count && bottom.cappedRows > 0)
        #expect(bottom.threshold < top.threshold)
        let published = (0..<result.published.rowCount).compactMap { result.published.column(named: "duration_minutes")!.doubleValue(at: $0) }
        #expect(published.max() == top.threshold && published.min() == bottom.threshold)
        // The profile's top-coding of incomes still applies.
        #expect(result.topCodings.contains { $0.column == "income_eur" })
        #expect(result.report.html().contains("bottom-coded"))

        for yaml in ["top-coding: {duration_minutes: 0.3}\n", "bottom-coding: {duration_minutes: 0.7}\n"] {
            #expect(throws: PublicationError.self) {
                try Publication(settings: PublicationSettings(yaml: yaml)).run(raw, inputName: "cases.csv")
            }
        }
        #expect(throws: PublicationError.unknownColumn("lohn")) {
            try Publication(settings: PublicationSettings(yaml: "top-coding: {lohn: 0.99}\n")).run(raw, inputName: "cases.csv")
        }
    }
}

