import CivicExampleData
import CivicModels
import CivicPrivacy
import Foundation
import Testing

/// A small random table with three quasi-identifiers, a sensitive column and an
/// identifier, and hierarchies for the quasi-identifiers.
struct RandomCase {
    let table: Table
    let quasiIdentifiers: [QuasiIdentifier]

    init(seed: UInt64, rows: Int) throws {
        var random = SeededGenerator(seed: seed)
        let zips = ["12043", "12045", "12047", "10115", "10117", "13351"]
        let genders = ["w", "m", "d"]
        var values: [[Value]] = []
        for i in 0..<rows {
            values.append([.text("P-\(i)"), .integer(Int64(random.uniform(in: 16...60))), .text(random.pick(genders)),
                           .text(random.pick(zips)), .text(random.pick(["A", "B", "C"]))])
        }
        table = try Table(schema: Schema(fields: [
            Field("name", type: .string, role: .identifier), Field("age", type: .integer, role: .quasiIdentifier),
            Field("gender", type: .string, role: .quasiIdentifier), Field("zip", type: .string, role: .quasiIdentifier),
            Field("service", type: .string, role: .sensitive),
        ]), rows: values)
        quasiIdentifiers = [
            QuasiIdentifier("age", hierarchy: try .intervals(values: 16...60, widths: [5, 10, 20])),
            QuasiIdentifier("gender", hierarchy: try .suppressOnly(values: genders)),
            QuasiIdentifier("zip", hierarchy: try .prefixMasking(values: zips)),
        ]
    }
}

@Suite struct AnonymizerTests {
    /// The published table against the definition: every class of rows that are not
    /// suppressed has at least k rows; suppression within the limit; rows, order and
    /// other columns kept; identifiers gone.
    @Test(arguments: [(2, 0.0), (3, 0.05), (5, 0.1), (10, 0.0)])
    func outputMeetsTheDefinition(k: Int, limit: Double) throws {
        let data = try RandomCase(seed: UInt64(k * 100), rows: 120)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: k)],
                                        suppressionLimit: limit)
        let result = try anonymizer.anonymize(data.table, removing: ["name"])
        let out = result.table
        #expect(out.rowCount == data.table.rowCount)
        #expect(out.schema.fieldNames == ["age", "gender", "zip", "service"])
        #expect((0..<out.rowCount).allSatisfy { out[$0, "service"] == data.table[$0, "service"] })
        var classes: [[Value]: Int] = [:]
        var suppressed = 0
        for row in 0..<out.rowCount {
            let key = ["age", "gender", "zip"].map { out[row, $0] }
            if key.allSatisfy({ $0 == .text("*") }) && result.best.suppressedRows > 0 { suppressed += 1; continue }
            classes[key, default: 0] += 1
        }
        #expect(classes.values.allSatisfy { $0 >= k }, "every published class has at least \(k) rows")
        #expect(suppressed == result.best.suppressedRows)
        #expect(Double(suppressed) <= limit * Double(out.rowCount) + 1e-9)
        #expect(result.riskAfter.highest <= 1 / Double(k) + 1e-12)
        #expect(result.riskBefore.highest >= result.riskAfter.highest)
    }

    /// The search finds the true optimum: the lowest loss over every qualifying
    /// transformation of the lattice, evaluated one by one.
    @Test(arguments: 1...8)
    func searchEqualsBruteForce(seed: Int) throws {
        let data = try RandomCase(seed: UInt64(seed), rows: 40 + seed * 15)
        let k = [2, 3, 4, 6][seed % 4]
        let limit = [0.0, 0.04, 0.1][seed % 3]
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: k)],
                                        suppressionLimit: limit)
        let heights = data.quasiIdentifiers.map(\.hierarchy.height)
        let all = try anonymizer.evaluate(Transformation.all(heights: heights), on: data.table)
        let bruteForce = all.filter(\.qualifies).map(\.loss).min()
        let result = try anonymizer.anonymize(data.table)
        #expect(result.latticeSize == all.count)
        #expect(abs(result.best.loss - bruteForce!) < 1e-12)
        #expect(result.best.qualifies)
        #expect(result.nodesChecked <= all.count)
    }

    @Test func lossFollowsARXsDefinition() throws {
        // Four rows, one quasi-identifier with four leaves: at level 1 ("0-4", "5-9")
        // each row's loss is (2 - 1) / (4 - 1); the top level costs 1.
        let table = try Table(schema: Schema(fields: [Field("age", type: .integer)]),
                              rows: [[.integer(1)], [.integer(2)], [.integer(6)], [.integer(7)]])
        let age = try GeneralizationHierarchy(rows: [["1", "0-4", "*"], ["2", "0-4", "*"], ["6", "5-9", "*"], ["7", "5-9", "*"]])
        let anonymizer = try Anonymizer(quasiIdentifiers: [QuasiIdentifier("age", hierarchy: age)],
                                        criteria: [KAnonymity(k: 2)])
        #expect(abs(try anonymizer.evaluate(Transformation([1]), on: table).loss - 1.0 / 3) < 1e-15)
        #expect(try anonymizer.evaluate(Transformation([2]), on: table).loss == 1)
        #expect(try anonymizer.evaluate(Transformation([0]), on: table).qualifies == false)
        #expect(LossMetric.aggregate([0.5, 0]) == (1.5).squareRoot() - 1)
    }

    @Test func impossibleTargetsFailClosed() throws {
        let data = try RandomCase(seed: 3, rows: 30)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: 31)])
        #expect(throws: PrivacyError.noSolution) { try anonymizer.anonymize(data.table) }
        #expect(throws: PrivacyError.invalidParameter(BilingualText(de: "k muss mindestens 1 sein, nicht 0",
                                                                    en: "k must be at least 1, not 0"))) { try KAnonymity(k: 0) }
        #expect(throws: PrivacyError.self) {
            try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: 2)], suppressionLimit: 1.5)
        }
        #expect(throws: PrivacyError.unknownColumn("vorname")) {
            try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: 2)])
                .anonymize(data.table, removing: ["vorname"])
        }
    }

    @Test func uncoveredValuesAreNamed() throws {
        let data = try RandomCase(seed: 4, rows: 10)
        let narrow = [QuasiIdentifier("zip", hierarchy: try .prefixMasking(values: ["12043"]))]
        let anonymizer = try Anonymizer(quasiIdentifiers: narrow, criteria: [KAnonymity(k: 2)])
        #expect(throws: HierarchyError.self) { try anonymizer.anonymize(data.table) }
    }
}
