import CivicModels
import CivicPrivacy
import Foundation
import Testing

/// Local recoding checked against the definitions by a naive count that shares no
/// code with the anonymiser: group the published rows by their values, count
/// distinct persons per class and each person once per distinct sensitive value.
@Suite("local recoding")
struct LocalRecodingTests {
    /// The criteria variants without t-closeness, which local recoding refuses.
    static func criteria(_ variant: Int) throws -> [any PrivacyCriterion] {
        switch variant % 4 {
        case 0: return [try KAnonymity(k: 3)]
        case 1: return [try KAnonymity(k: 2), try DistinctLDiversity(l: 2, attribute: "service")]
        case 2: return [try KAnonymity(k: 2), try EntropyLDiversity(l: 1.8, attribute: "service")]
        default: return [try KAnonymity(k: 4), try RecursiveCLDiversity(c: 3, l: 2, attribute: "service")]
        }
    }

    @Test("every class meets every criterion in persons, values are hierarchy nodes, Loss at most the global optimum's",
          arguments: 1...16)
    func definition(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 4_000), persons: 30 + seed * 6)
        let criteria = try Self.criteria(seed)
        let limit = [0.0, 0.05, 0.2][seed % 3]
        let local = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria, suppressionLimit: limit,
                                   privacyUnit: "client_id", recoding: .local)
        let global = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria, suppressionLimit: limit,
                                    privacyUnit: "client_id")
        guard let globalResult = try? global.anonymize(data.table) else {
            // Local recoding needs no less: with nothing global, it may still find a way, or fail closed.
            if let result = try? local.anonymize(data.table) { try expectSafe(result, data, criteria, limit, seed) }
            return
        }
        let result = try local.anonymize(data.table, removing: ["client_id"])
        try expectSafe(result, data, criteria, limit, seed)
        #expect(result.best.loss <= globalResult.best.loss + 1e-12, "seed \(seed)")
    }

    private func expectSafe(_ result: Anonymizer.Result, _ data: RandomPersonCase, _ criteria: [any PrivacyCriterion],
                            _ limit: Double, _ seed: Int) throws {
        let table = data.table
        let names = data.quasiIdentifiers.map(\.name)
        let services = Array(Set(table.column(named: "service")!.texts.compactMap { $0 })).sorted()
        // Every published value is a node of its hierarchy.
        for (q, qi) in data.quasiIdentifiers.enumerated() {
            let nodes = Set((0..<qi.hierarchy.height).flatMap { level in
                qi.hierarchy.values.compactMap { qi.hierarchy.generalize($0, to: level) }
            })
            for row in 0..<result.table.rowCount where !result.isSuppressed[row] {
                #expect(nodes.contains(result.table[row, names[q]].description), "seed \(seed): \(names[q]) row \(row)")
            }
        }
        // Persons per class and per sensitive value, in the table distribution's order.
        var persons: [[String]: Set<String>] = [:], pairs: [[String]: Set<[String]>] = [:]
        var tablePairs = Set<[String]>()
        for row in 0..<table.rowCount {
            let person = table[row, "client_id"].description, service = table[row, "service"].description
            tablePairs.insert([person, service])
            guard !result.isSuppressed[row] else { continue }
            let key = names.map { result.table[row, $0].description }
            persons[key, default: []].insert(person)
            pairs[key, default: []].insert([person, service])
        }
        let distribution = services.map { s in Double(tablePairs.filter { $0[1] == s }.count) / Double(tablePairs.count) }
        for (key, members) in persons {
            let counts = services.map { s in pairs[key]!.filter { $0[1] == s }.count }
            let summary = EquivalenceClassSummary(size: members.count, sensitiveCounts: counts[...],
                                                  tableDistribution: distribution)
            for criterion in criteria {
                #expect(criterion.isSatisfied(by: summary), "seed \(seed): class \(key) breaks \(criterion.summary)")
            }
        }
        let suppressed = result.isSuppressed.filter { $0 }.count
        #expect(suppressed == result.best.suppressedRows)
        #expect(suppressed <= Int((limit * Double(table.rowCount) + 1e-9).rounded(.down)), "seed \(seed)")
        #expect(result.levelCombinations.reduce(0) { $0 + $1.publishedRows } == table.rowCount - suppressed)
    }

    @Test("local recoding leaves fewer cells withheld than global recoding on the persons example")
    func betterThanGlobal() throws {
        let data = try RandomPersonCase(seed: 77, persons: 300)
        let criteria: [any PrivacyCriterion] = [try KAnonymity(k: 5)]
        let global = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria, suppressionLimit: 0,
                                    privacyUnit: "client_id").anonymize(data.table)
        let local = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria, suppressionLimit: 0,
                                   privacyUnit: "client_id", recoding: .local).anonymize(data.table)
        #expect(local.best.loss < global.best.loss)
        #expect(local.levelCombinations.count > 1)
        #expect(local.best.suppressedRows == 0)
    }

    @Test("t-closeness with local recoding is refused, not weakened")
    func tClosenessRefused() throws {
        let data = try RandomPersonCase(seed: 5, persons: 40)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers,
                                        criteria: [try KAnonymity(k: 2), try TCloseness(t: 0.4, attribute: "service")],
                                        recoding: .local)
        #expect(throws: PrivacyError.self) { try anonymizer.anonymize(data.table) }
    }
}
