@testable import CivicPrivacy
import CivicExampleData
import CivicModels
import Testing

/// The searches of local recoding's steps, where 95 % of the rows may be withheld
/// and a withheld row costs little: checked against every transformation
/// evaluated from the rows, in persons and in rows.
@Suite("local recoding's steps: what their searches find and rule out")
struct LocalStepSearchTests {
    /// A step's search over `data`, counting `unit` (`nil`: rows), run to its end.
    func stepSearch(_ data: RandomPersonCase, criteria: [any PrivacyCriterion], unit: String?) throws
        -> (anonymizer: Anonymizer, encoded: EncodedQuasiIdentifiers, search: LatticeSearch) {
        var anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria,
                                        suppressionLimit: Anonymizer.localStepSuppressionLimit, privacyUnit: unit)
        anonymizer.suppressionCost = Anonymizer.localStepSuppressionCost
        let encoded = try anonymizer.encode(data.table)
        var search = LatticeSearch(anonymizer: anonymizer, encoded: encoded, strategy: anonymizer.search)
        search.run()
        return (anonymizer, encoded, search)
    }

    /// A withheld row costs its generalisation and a share of the rest (ARX's
    /// suppression factor), never less, so the search's lower bound holds and the
    /// search finds the cheapest qualifying transformation.
    @Test("a step's search equals brute force, and its bound never exceeds a Loss", arguments: 1...6)
    func stepEqualsBruteForce(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 4100), persons: 40 + seed * 10)
        for unit in ["client_id", nil] {
            let (anonymizer, encoded, search) = try stepSearch(data, criteria: [try KAnonymity(k: 2 + seed % 4)], unit: unit)
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

    /// The climbs gallop up from a failing node instead of bisecting. Whatever they
    /// record as failing rules out every transformation below it, so each must
    /// truly fail, and so must everything below it.
    @Test("every transformation a step's search rules out fails, in persons and in rows", arguments: 1...6)
    func ruledOutFails(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 3300), persons: 40 + seed * 10)
        var failingFound = 0
        for unit in ["client_id", nil] {
            let criteria: [any PrivacyCriterion] = [try KAnonymity(k: 5), try DistinctLDiversity(l: 2, attribute: "service")]
            let (anonymizer, encoded, search) = try stepSearch(data, criteria: criteria, unit: unit)
            failingFound += search.failing.count
            let heights = data.quasiIdentifiers.map(\.hierarchy.height)
            for node in Transformation.all(heights: heights) where search.failing.contains(where: { node.isAtMostAsGeneral(as: $0) }) {
                let snapshot = ClassSnapshot(levels: node.levels, from: nil, encoded: encoded)
                #expect(!anonymizer.evaluate(snapshot, encoded: encoded).qualifies,
                        "seed \(seed), \(unit ?? "rows"): \(node.levels) is ruled out but qualifies")
            }
        }
        // The bottom of these tables withholds more than 95 % of the rows: the
        // searches do climb.
        #expect(failingFound > 0, "seed \(seed)")
    }
}
