import CivicModels
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
