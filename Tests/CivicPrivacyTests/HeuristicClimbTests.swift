@testable import CivicPrivacy
import CivicExampleData
import CivicModels
import Testing

/// The climbs of the steps of a local recoding (where withholding costs little
/// and 95 % of the rows may be withheld) gallop up
/// from a failing node instead of bisecting. Whatever they record as failing
/// rules out every transformation below it, so each must truly fail, and so must
/// everything below it: checked against evaluations from the rows.
@Suite("heuristic climbs: what they rule out fails")
struct HeuristicClimbTests {
    @Test("every transformation a step's search rules out fails, in persons and in rows", arguments: 1...6)
    func ruledOutFails(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 3300), persons: 40 + seed * 10)
        var failingFound = 0
        for unit in ["client_id", nil] {
            var anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers,
                                            criteria: [try KAnonymity(k: 5), try DistinctLDiversity(l: 2, attribute: "service")],
                                            suppressionLimit: Anonymizer.localStepSuppressionLimit, privacyUnit: unit)
            anonymizer.suppressionCost = Anonymizer.localStepSuppressionCost
            let encoded = try anonymizer.encode(data.table)
            var search = LatticeSearch(anonymizer: anonymizer, encoded: encoded, strategy: anonymizer.search)
            search.run()
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
