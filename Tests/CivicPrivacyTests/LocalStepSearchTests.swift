@testable import CivicPrivacy
import CivicExampleData
import CivicModels
import Testing

/// The steps of a local recoding price a withheld row below 1 but never below its
/// generalisation (ARX's suppression factor), so the search's lower bound still
/// holds and a step's search finds the cheapest qualifying transformation: checked
/// against every transformation evaluated from the rows.
@Suite("local recoding's steps: the search finds the cheapest transformation")
struct LocalStepSearchTests {
    @Test("a step's search equals brute force, in persons and in rows", arguments: 1...6)
    func stepEqualsBruteForce(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 4100), persons: 40 + seed * 10)
        for unit in ["client_id", nil] {
            var anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers,
                                            criteria: [try KAnonymity(k: 2 + seed % 4)],
                                            suppressionLimit: Anonymizer.localStepSuppressionLimit, privacyUnit: unit)
            anonymizer.suppressionCost = Anonymizer.localStepSuppressionCost
            let encoded = try anonymizer.encode(data.table)
            var search = LatticeSearch(anonymizer: anonymizer, encoded: encoded, strategy: anonymizer.search)
            search.run()
            let all = Transformation.all(heights: data.quasiIdentifiers.map(\.hierarchy.height)).map { node in
                anonymizer.evaluate(ClassSnapshot(levels: node.levels, from: nil, encoded: encoded), encoded: encoded)
            }
            for evaluation in all {
                #expect(search.lowerBound(evaluation.transformation) <= evaluation.loss + 1e-12,
                        "seed \(seed), \(unit ?? "rows"): the bound of \(evaluation.transformation.levels) exceeds its Loss")
            }
            let optimum = all.filter(\.qualifies).map(\.loss).min()
            #expect(search.best?.loss == optimum || abs((search.best?.loss ?? .nan) - (optimum ?? .nan)) <= 1e-9,
                    "seed \(seed), \(unit ?? "rows"): found \(search.best?.loss ?? -1), brute force \(optimum ?? -1)")
        }
    }
}
