import CivicModels
import CivicPrivacy
import Foundation
import Testing

/// Local recoding checked against the definitions by a naive count that shares no
/// code with the anonymiser: group the published rows by their values, count
/// distinct persons per class and each person once per distinct sensitive value.
@Suite("local recoding")
struct LocalRecodingTests {
    /// Every privacy model, t-closeness with both ground distances among them.
    static func criteria(_ variant: Int) throws -> [any PrivacyCriterion] {
        switch variant % 6 {
        case 0: return [try KAnonymity(k: 3)]
        case 1: return [try KAnonymity(k: 2), try DistinctLDiversity(l: 2, attribute: "service")]
        case 2: return [try KAnonymity(k: 2), try EntropyLDiversity(l: 1.8, attribute: "service")]
        case 3: return [try KAnonymity(k: 4), try RecursiveCLDiversity(c: 3, l: 2, attribute: "service")]
        case 4: return [try KAnonymity(k: 2), try TCloseness(t: 0.2, attribute: "service")]
        default:
            return [try KAnonymity(k: 2), try TCloseness(t: 0.15, attribute: "service", distance: .hierarchical(serviceTree))]
        }
    }

    /// The services A-D as a tree for hierarchical t-closeness, its leaves not in
    /// alphabetical order (so that a numbering by appearance would be caught).
    static var serviceTree: GeneralizationHierarchy {
        get throws {
            try GeneralizationHierarchy(rows: [["C", "CD", "*"], ["A", "AB", "*"], ["D", "CD", "*"], ["B", "AB", "*"]])
        }
    }

    @Test("every class meets every criterion in persons, values are hierarchy nodes, Loss at most the global optimum's",
          arguments: 1...24)
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
        // The sensitive values in the order a hierarchical distance numbers them.
        let services = criteria.lazy.compactMap(\.sensitiveValueOrder).first?.values
            ?? Array(Set(table.column(named: "service")!.texts.compactMap { $0 })).sorted()
        // Every published value is a node of its hierarchy.
        for (q, qi) in data.quasiIdentifiers.enumerated() {
            let nodes = Set((0..<qi.hierarchy.height).flatMap { level in
                qi.hierarchy.values.compactMap { qi.hierarchy.generalize($0, to: level) }
            })
            for row in 0..<result.table.rowCount where !result.isSuppressed[row] {
                #expect(nodes.contains(result.table[row, names[q]].description), "seed \(seed): \(names[q]) row \(row)")
            }
        }
        // Persons per class and per sensitive value; the distribution is the whole
        // table's (suppressed rows too), each person once per distinct value.
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

    @Test("t-closeness in local recoding measures every class against the whole table, not a step's rows",
          arguments: 1...12)
    func tClosenessAgainstWholeTable(seed: Int) throws {
        // Rows without a privacy unit, so that the rows a step leaves hold a
        // distribution of their own; suppression 0, so every row is published.
        let data = try RandomPersonCase(seed: UInt64(seed + 9_000), persons: 40 + seed * 5)
        let distance: TCloseness.Distance = seed.isMultiple(of: 2) ? .equal : .hierarchical(try Self.serviceTree)
        let criteria: [any PrivacyCriterion] = [try KAnonymity(k: 2), try TCloseness(t: 0.12, attribute: "service",
                                                                                     distance: distance)]
        let local = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria, recoding: .local)
        let global = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria)
        guard let result = try? local.anonymize(data.table) else {
            #expect((try? global.anonymize(data.table)) == nil, "seed \(seed): global found a way, local did not")
            return
        }
        let table = data.table
        let services = criteria.lazy.compactMap(\.sensitiveValueOrder).first?.values ?? ["A", "B", "C", "D"]
        var whole = [Int](repeating: 0, count: services.count)
        var classes: [[String]: [Int]] = [:]
        let names = data.quasiIdentifiers.map(\.name)
        for row in 0..<table.rowCount {
            let value = services.firstIndex(of: table[row, "service"].description)!
            whole[value] += 1
            guard !result.isSuppressed[row] else { continue }
            let key = names.map { result.table[row, $0].description }
            classes[key, default: Array(repeating: 0, count: services.count)][value] += 1
        }
        let distribution = whole.map { Double($0) / Double(table.rowCount) }
        for (key, counts) in classes {
            let summary = EquivalenceClassSummary(size: counts.reduce(0, +), sensitiveCounts: counts[...],
                                                  tableDistribution: distribution)
            #expect(criteria[1].isSatisfied(by: summary), "seed \(seed): class \(key)")
        }
        if let globalResult = try? global.anonymize(table) {
            #expect(result.best.loss <= globalResult.best.loss + 1e-12, "seed \(seed)")
        }
    }

    @Test("t-closeness and entropy/recursive l-diversity are not claimed monotone where they are not")
    func tClosenessMonotonicity() throws {
        let criterion = try TCloseness(t: 0.2, attribute: "service")
        #expect(criterion.isMonotone(withSuppression: false, countingPersons: false))
        #expect(!criterion.isMonotone(withSuppression: true, countingPersons: false))
        #expect(!criterion.isMonotone(withSuppression: false, countingPersons: true))
        // Two classes at distance 0 from (½, ½) whose merge is not: person 1 has x
        // in both, so the merge counts x once and y twice.
        let strict = try TCloseness(t: 0.1, attribute: "service")
        let half = [0.5, 0.5]
        let first = EquivalenceClassSummary(size: 2, sensitiveCounts: [1, 1], tableDistribution: half)
        let merged = EquivalenceClassSummary(size: 3, sensitiveCounts: [1, 2], tableDistribution: half)
        #expect(strict.isSatisfied(by: first))
        #expect(!strict.isSatisfied(by: merged))
        // The same merge makes entropy and recursive l-diversity fail, so they are
        // not claimed monotone in persons either.
        let entropy = try EntropyLDiversity(l: 2, attribute: "service")
        let recursive = try RecursiveCLDiversity(c: 1.5, l: 2, attribute: "service")
        for criterion in [entropy, recursive] as [any PrivacyCriterion] {
            #expect(criterion.isSatisfied(by: first) && !criterion.isSatisfied(by: merged), "\(criterion.summary)")
            #expect(!criterion.isMonotone(withSuppression: false, countingPersons: true), "\(criterion.summary)")
            #expect(criterion.isMonotone(withSuppression: false, countingPersons: false), "\(criterion.summary)")
        }
        #expect(try DistinctLDiversity(l: 2, attribute: "service").isMonotone(withSuppression: true, countingPersons: true))
    }
}
