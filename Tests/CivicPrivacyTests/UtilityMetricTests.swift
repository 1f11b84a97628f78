import CivicModels
import CivicPrivacy
import Foundation
import Testing

@Suite struct UtilityMetricTests {
    static let age = try! GeneralizationHierarchy(rows: [["1", "0-4", "*"], ["2", "0-4", "*"], ["6", "5-9", "*"],
                                                          ["7", "5-9", "*"]])

    static func table(_ ages: [Int64]) throws -> Table {
        try Table(schema: Schema(fields: [Field("age", type: .integer)]), rows: ages.map { [.integer($0)] })
    }

    @Test func handComputedWithoutSuppression() throws {
        let anonymizer = try Anonymizer(quasiIdentifiers: [QuasiIdentifier("age", hierarchy: Self.age)],
                                        criteria: [KAnonymity(k: 2)])
        let table = try Self.table([1, 2, 6, 7])
        let intervals = try anonymizer.evaluate(Transformation([1]), on: table).utility
        #expect(intervals.discernibility == 8)           // 2² + 2²
        #expect(intervals.averageClassSize == 2)         // 4 rows / 2 classes
        #expect(intervals.nonUniformEntropy == 4)        // each row: log2(2 / 1)
        let top = try anonymizer.evaluate(Transformation([2]), on: table).utility
        #expect(top.discernibility == 16 && top.averageClassSize == 4 && top.nonUniformEntropy == 8)
    }

    @Test func handComputedWithSuppression() throws {
        let anonymizer = try Anonymizer(quasiIdentifiers: [QuasiIdentifier("age", hierarchy: Self.age)],
                                        criteria: [KAnonymity(k: 2)], suppressionLimit: 0.34)
        let evaluation = try anonymizer.evaluate(Transformation([1]), on: try Self.table([1, 2, 6]))
        #expect(evaluation.qualifies && evaluation.suppressedRows == 1)
        #expect(evaluation.utility.discernibility == 7)          // 2² + 1 suppressed row × 3 rows
        #expect(evaluation.utility.averageClassSize == 1.5)      // 3 rows / (1 class + the suppressed)
        #expect(abs(evaluation.utility.nonUniformEntropy - (2 + log2(3))) < 1e-12)  // the 6 counts as *
        #expect(abs(evaluation.loss - ((2.0 / 3 * (1.0 / 3) + 1.0 / 3) - 0)) < 1e-12)
    }

    @Test(arguments: UtilityMetric.allCases)
    func searchFindsTheOptimumOfEveryMetric(metric: UtilityMetric) throws {
        for seed in 20..<24 {
            let data = try RandomCase(seed: UInt64(seed), rows: 90)
            let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: 3)],
                                            suppressionLimit: seed % 2 == 0 ? 0 : 0.08, metric: metric)
            let all = try anonymizer.evaluate(Transformation.all(heights: data.quasiIdentifiers.map(\.hierarchy.height)),
                                              on: data.table)
            let optimum = all.filter(\.qualifies).map { $0.utility.value(of: metric) }.min()!
            let found = try anonymizer.anonymize(data.table).best.utility.value(of: metric)
            #expect(abs(found - optimum) <= 1e-9 * max(1, optimum), "\(metric) seed \(seed)")
        }
    }
}

@Suite("weighted Loss")
struct WeightedLossTests {
    @Test("weights make a weighted geometric mean; equal weights are ARX's unweighted Loss")
    func aggregate() {
        // (2^3)^(1/4) - 1: the second column's loss of 1 counts three times.
        #expect(abs(LossMetric.aggregate([0, 1], weights: [1, 3]) - (pow(2, 0.75) - 1)) < 1e-12)
        #expect(LossMetric.aggregate([0.2, 0.5], weights: [2, 2]) == LossMetric.aggregate([0.2, 0.5]))
    }

    @Test("a weight of zero, below zero, infinite or NaN is refused")
    func invalidWeights() throws {
        let hierarchy = try GeneralizationHierarchy(rows: [["a", "*"], ["b", "*"]])
        for weight in [0, -1, .infinity, .nan, 1e9] {
            #expect(throws: PrivacyError.self) {
                try Anonymizer(quasiIdentifiers: [QuasiIdentifier("x", hierarchy: hierarchy, weight: weight)],
                               criteria: [try KAnonymity(k: 2)])
            }
        }
    }

    @Test("a heavier column keeps more detail: the search trades the lighter one first")
    func heavierKeepsDetail() throws {
        let data = try RandomCase(seed: 41, rows: 150)
        let plain = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [try KAnonymity(k: 4)]).anonymize(data.table)
        var weighted = data.quasiIdentifiers
        weighted[0].weight = 10
        let heavy = try Anonymizer(quasiIdentifiers: weighted, criteria: [try KAnonymity(k: 4)]).anonymize(data.table)
        #expect(heavy.best.lossPerQuasiIdentifier[0] <= plain.best.lossPerQuasiIdentifier[0])
    }
}
