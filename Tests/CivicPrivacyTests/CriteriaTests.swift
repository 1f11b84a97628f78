import CivicModels
import CivicPrivacy
import Foundation
import Testing

@Suite struct CriteriaTests {
    func summary(_ counts: [Int], table: [Double] = []) -> EquivalenceClassSummary {
        EquivalenceClassSummary(size: counts.reduce(0, +), sensitiveCounts: counts[...], tableDistribution: table)
    }

    @Test func distinctLDiversity() throws {
        let criterion = try DistinctLDiversity(l: 2, attribute: "service")
        #expect(criterion.isSatisfied(by: summary([3, 0, 1])))
        #expect(!criterion.isSatisfied(by: summary([4, 0, 0])))
    }

    @Test func entropyLDiversity() throws {
        let criterion = try EntropyLDiversity(l: 2, attribute: "service")
        #expect(criterion.isSatisfied(by: summary([2, 2])))           // entropy ln 2 exactly
        #expect(!criterion.isSatisfied(by: summary([3, 1])))          // 0.562 < ln 2 = 0.693
        #expect(criterion.isSatisfied(by: summary([3, 2, 1])))        // 1.011
    }

    @Test func recursiveCLDiversity() throws {
        let criterion = try RecursiveCLDiversity(c: 2, l: 2, attribute: "service")
        #expect(!criterion.isSatisfied(by: summary([3, 1])))          // 3 < 2 × 1 fails
        #expect(criterion.isSatisfied(by: summary([2, 1, 1])))        // 2 < 2 × 2
        #expect(!criterion.isSatisfied(by: summary([5, 0, 0])))       // fewer than l values
        #expect(throws: PrivacyError.self) { try RecursiveCLDiversity(c: 2, l: 1, attribute: "s") }
    }

    @Test func equalDistanceTCloseness() throws {
        let table = [0.25, 0.25, 0.25, 0.25]
        let criterion = try TCloseness(t: 0.3, attribute: "s")
        #expect(criterion.earthMoversDistance(summary([1, 0, 1, 0], table: table)) == 0.5)
        #expect(criterion.earthMoversDistance(summary([1, 1, 1, 1], table: table)) == 0)
        #expect(!criterion.isSatisfied(by: summary([1, 0, 1, 0], table: table)))
        #expect(throws: PrivacyError.self) { try TCloseness(t: 1.5, attribute: "s") }
    }

    /// Worked by hand from the definition in Li, Li and Venkatasubramanian (2007):
    /// leaves a, b under X and c, d under Y; the table is uniform.
    @Test func hierarchicalTCloseness() throws {
        let hierarchy = try GeneralizationHierarchy(rows: [["a", "X", "*"], ["b", "X", "*"], ["c", "Y", "*"], ["d", "Y", "*"]])
        let criterion = try TCloseness(t: 0.3, attribute: "s", distance: .hierarchical(hierarchy))
        let table = [0.25, 0.25, 0.25, 0.25]
        // p = (½, 0, ½, 0): within X and within Y ¼ moves one level (cost ½ × ¼ each), nothing
        // crosses the root: 0.25. The equal distance would say 0.5.
        #expect(abs(criterion.earthMoversDistance(summary([1, 0, 1, 0], table: table)) - 0.25) < 1e-15)
        // p = (½, ½, 0, 0): ½ must cross the root (height 2 of 2): 0.5.
        #expect(abs(criterion.earthMoversDistance(summary([1, 1, 0, 0], table: table)) - 0.5) < 1e-15)
        #expect(criterion.isSatisfied(by: summary([1, 0, 1, 0], table: table)))
        #expect(!criterion.isSatisfied(by: summary([1, 1, 0, 0], table: table)))
    }
}

@Suite struct CombinedCriteriaTests {
    static func criteria(_ variant: Int) throws -> [any PrivacyCriterion] {
        switch variant {
        case 0: return [try KAnonymity(k: 3), try DistinctLDiversity(l: 2, attribute: "service")]
        case 1: return [try KAnonymity(k: 2), try EntropyLDiversity(l: 2, attribute: "service")]
        case 2: return [try KAnonymity(k: 2), try RecursiveCLDiversity(c: 3, l: 2, attribute: "service")]
        case 3: return [try KAnonymity(k: 2), try TCloseness(t: 0.25, attribute: "service")]
        default:
            let hierarchy = try GeneralizationHierarchy(rows: [["A", "AB", "*"], ["B", "AB", "*"], ["C", "C", "*"]])
            return [try KAnonymity(k: 2), try TCloseness(t: 0.2, attribute: "service", distance: .hierarchical(hierarchy))]
        }
    }

    /// Every published class meets every criterion, and the search finds the lowest
    /// loss among all qualifying transformations, with and without suppression.
    @Test(arguments: [(0, 0.0), (0, 0.1), (1, 0.0), (1, 0.1), (2, 0.05), (3, 0.0), (3, 0.1), (4, 0.0), (4, 0.1)])
    func definitionAndOptimality(variant: Int, limit: Double) throws {
        let data = try RandomCase(seed: UInt64(50 + variant), rows: 150)
        let criteria = try Self.criteria(variant)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria, suppressionLimit: limit)
        let all = try anonymizer.evaluate(Transformation.all(heights: data.quasiIdentifiers.map(\.hierarchy.height)),
                                          on: data.table)
        let result = try anonymizer.anonymize(data.table)
        let bruteForce = all.filter(\.qualifies).map(\.loss).min()!
        #expect(abs(result.best.loss - bruteForce) < 1e-12)

        // Check the published classes directly against the criteria.
        let out = result.table
        var classes: [[Value]: [Int]] = [:]
        let values = ["A", "B", "C"]
        for row in 0..<out.rowCount {
            let key = ["age", "gender", "zip"].map { out[row, $0] }
            if key.allSatisfy({ $0 == .text("*") }) && result.best.suppressedRows > 0 { continue }
            var counts = classes[key] ?? [0, 0, 0]
            if case .text(let service) = out[row, "service"] { counts[values.firstIndex(of: service)!] += 1 }
            classes[key] = counts
        }
        let overall = values.map { value in
            Double((0..<out.rowCount).filter { out[$0, "service"] == .text(value) }.count) / Double(out.rowCount)
        }
        for counts in classes.values {
            let summary = EquivalenceClassSummary(size: counts.reduce(0, +), sensitiveCounts: counts[...],
                                                  tableDistribution: overall)
            #expect(criteria.allSatisfy { $0.isSatisfied(by: summary) })
        }
    }

    @Test func impossibleDiversityIsAConfigurationError() throws {
        let data = try RandomCase(seed: 9, rows: 50)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers,
                                        criteria: [try DistinctLDiversity(l: 4, attribute: "service")])
        #expect(throws: PrivacyError.self) { try anonymizer.anonymize(data.table) }
        #expect(throws: PrivacyError.self) {
            try Anonymizer(quasiIdentifiers: data.quasiIdentifiers,
                           criteria: [try DistinctLDiversity(l: 2, attribute: "service"),
                                      try TCloseness(t: 0.2, attribute: "gender")])
        }
    }
}
