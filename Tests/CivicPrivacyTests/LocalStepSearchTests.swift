@testable import CivicPrivacy
import CivicExampleData
import CivicModels
import Foundation
import Testing

/// The searches of local recoding's steps, where 95 % of the rows may be withheld
/// and a withheld row costs little: checked against every transformation
/// evaluated from the rows, in persons and in rows.
@Suite("local recoding's steps: what their searches find and rule out")
struct LocalStepSearchTests {
    /// A step's search over `data`, counting `unit` (`nil`: rows), run to its end.
    /// With `suppressionLimit` and `suppressionCost`, any search that withholds rows.
    func stepSearch(_ data: RandomPersonCase, criteria: [any PrivacyCriterion], unit: String?,
                    suppressionLimit: Double = Anonymizer.localStepSuppressionLimit,
                    suppressionCost: Double = Anonymizer.localStepSuppressionCost,
                    optimalityGap: Double = 0) throws
        -> (anonymizer: Anonymizer, encoded: EncodedQuasiIdentifiers, search: LatticeSearch) {
        var anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria,
                                        suppressionLimit: suppressionLimit, privacyUnit: unit)
        anonymizer.suppressionCost = suppressionCost
        let encoded = try anonymizer.encode(data.table)
        var search = LatticeSearch(anonymizer: anonymizer, encoded: encoded, strategy: anonymizer.search,
                                   optimalityGap: optimalityGap)
        search.run()
        return (anonymizer, encoded, search)
    }

    /// Every transformation of `encoded`'s lattice (or those `where` keeps), each
    /// evaluated from the rows alone: the brute force the searches are checked against.
    func everyEvaluation(_ anonymizer: Anonymizer, of encoded: EncodedQuasiIdentifiers,
                         where keeps: (Transformation) -> Bool = { _ in true }) -> [Anonymizer.Evaluation] {
        Transformation.all(heights: encoded.heights).filter(keeps).map { node in
            anonymizer.evaluate(ClassSnapshot(levels: node.levels, from: nil, encoded: encoded), encoded: encoded)
        }
    }

    /// A withheld row costs its generalisation and a share of the rest (ARX's
    /// suppression factor), never less, so the search's lower bound holds and the
    /// search finds the cheapest qualifying transformation.
    @Test("a step's search equals brute force, and its bound never exceeds a Loss", arguments: 1...6)
    func stepEqualsBruteForce(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 4100), persons: 40 + seed * 10)
        for unit in ["client_id", nil] {
            let (anonymizer, encoded, search) = try stepSearch(data, criteria: [try KAnonymity(k: 2 + seed % 4)], unit: unit)
            let all = everyEvaluation(anonymizer, of: encoded)
            for evaluation in all {
                #expect(search.lowerBound(evaluation.transformation) <= evaluation.loss + 1e-12,
                        "seed \(seed), \(unit ?? "rows"): the bound of \(evaluation.transformation.levels) exceeds its Loss")
            }
            let optimum = all.filter(\.qualifies).map(\.loss).min()
            #expect(search.best?.loss == optimum || abs((search.best?.loss ?? .nan) - (optimum ?? .nan)) <= 1e-9,
                    "seed \(seed), \(unit ?? "rows"): found \(search.best?.loss ?? -1), brute force \(optimum ?? -1)")
        }
    }

    /// The steps of a local recoding stop within an optimality gap: what they find
    /// qualifies and costs at most 1 plus the gap times the optimum (by brute force),
    /// and they evaluate no more transformations than a search that proves the
    /// optimum; over the seeds they must save some (or the gap does nothing).
    @Test("a step's search stops within its optimality gap, with fewer evaluations")
    func stepStopsWithinItsGap() throws {
        let gap = Anonymizer.localStepOptimalityGap
        var saved = 0
        for seed in 1...6 {
            let data = try RandomPersonCase(seed: UInt64(seed + 8200), persons: 60 + seed * 10)
            for unit in ["client_id", nil] {
                let criteria: [any PrivacyCriterion] = [try KAnonymity(k: 2 + seed % 4)]
                let (anonymizer, encoded, within) = try stepSearch(data, criteria: criteria, unit: unit, optimalityGap: gap)
                let (_, _, exact) = try stepSearch(data, criteria: criteria, unit: unit)
                let optimum = try #require(everyEvaluation(anonymizer, of: encoded).filter(\.qualifies).map(\.loss).min())
                let found = try #require(within.best, "seed \(seed), \(unit ?? "rows"): nothing found")
                #expect(found.qualifies)
                #expect(found.loss >= optimum - 1e-12 && found.loss <= (1 + gap) * optimum + 1e-12,
                        "seed \(seed), \(unit ?? "rows"): found \(found.loss), optimum \(optimum)")
                #expect(within.nodesChecked <= exact.nodesChecked, "seed \(seed), \(unit ?? "rows")")
                saved += exact.nodesChecked - within.nodesChecked
            }
        }
        #expect(saved > 0, "the gap saved no evaluation")
    }

    /// Below a transformation that withholds rows, every less general one withholds
    /// them too, and each costs at least its share there: the search passes over a
    /// node whose bound with that share exceeds the best Loss found. The bound must
    /// never exceed the Loss of a transformation it applies to (or the search could
    /// pass over the optimum), and it must pass over some nodes (or it does nothing).
    @Test("the bound with withheld rows never exceeds a Loss, and passes over nodes", arguments: 1...6)
    func withheldRowsBound(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 6100), persons: 40 + seed * 10)
        var passedOver = 0
        for unit in ["client_id", nil] {
            for (limit, cost) in [(Anonymizer.localStepSuppressionLimit, Anonymizer.localStepSuppressionCost), (0.2, 1)] {
                let criteria: [any PrivacyCriterion] = [try KAnonymity(k: 2 + seed % 3),
                                                        try DistinctLDiversity(l: 2, attribute: "service")]
                let (anonymizer, encoded, search) = try stepSearch(data, criteria: criteria, unit: unit,
                                                                   suppressionLimit: limit, suppressionCost: cost)
                passedOver += search.nodesCutByWithheldRows
                var optimum = Double.infinity
                for evaluation in everyEvaluation(anonymizer, of: encoded) {
                    let node = evaluation.transformation
                    if evaluation.qualifies { optimum = min(optimum, evaluation.loss) }
                    #expect(search.boundWithWithheldRows(node) <= evaluation.loss + 1e-12,
                            "seed \(seed), \(unit ?? "rows"), cost \(cost): the bound of \(node.levels) exceeds its Loss")
                }
                #expect(abs((search.best?.loss ?? .infinity) - optimum) <= 1e-9,
                        "seed \(seed), \(unit ?? "rows"), cost \(cost): found \(search.best?.loss ?? -1), brute force \(optimum)")
            }
        }
        #expect(passedOver > 0, "seed \(seed): the bound passed over no node")
    }

    /// The next step searches the rows a step withheld. At the step's transformation
    /// and below, each of those rows lies in a class that failed, so every class of
    /// theirs fails: the next search may rule that region out unevaluated. Checked by
    /// brute force over the withheld rows, and the seeded search must find the same
    /// optimum as an unseeded one, with fewer evaluations.
    @Test("below a step's transformation, the rows it withheld fail: the next step rules it out", arguments: 1...6)
    func withheldRowsFailBelowTheirStep(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 7300), persons: 50 + seed * 10)
        var saved = 0
        for unit in ["client_id", nil] {
            let criteria: [any PrivacyCriterion] = [try KAnonymity(k: 3 + seed % 3), try DistinctLDiversity(l: 2, attribute: "service")]
            let (anonymizer, encoded, first) = try stepSearch(data, criteria: criteria, unit: unit)
            let chosen = try #require(first.best).transformation
            let isSuppressed = anonymizer.classes(at: chosen.levels, encoded: encoded, from: first.bottom).isSuppressed
            let withheld = isSuppressed.indices.filter { isSuppressed[$0] }
            let part = encoded.gathering(rows: withheld)
            for evaluation in everyEvaluation(anonymizer, of: part, where: { $0.isAtMostAsGeneral(as: chosen) }) {
                #expect(evaluation.suppressedRows == part.rowCount && !evaluation.qualifies,
                        "seed \(seed), \(unit ?? "rows"): \(evaluation.transformation.levels) publishes some of the withheld rows")
            }
            var unseeded = LatticeSearch(anonymizer: anonymizer, encoded: part, strategy: anonymizer.search)
            unseeded.run()
            var seeded = LatticeSearch(anonymizer: anonymizer, encoded: part, strategy: anonymizer.search, knownFailing: [chosen])
            seeded.run()
            #expect(seeded.best?.loss == unseeded.best?.loss, "seed \(seed), \(unit ?? "rows")")
            #expect(seeded.nodesChecked <= unseeded.nodesChecked, "seed \(seed), \(unit ?? "rows")")
            saved += unseeded.nodesChecked - seeded.nodesChecked
        }
        #expect(saved > 0, "seed \(seed): the known failures saved no evaluation")
    }

    /// An evaluation adds up its classes' figures, and with rows withheld only the
    /// published classes' (the rest follows from totals over all rows). Row by row,
    /// by the definitions, the figures must come out the same: Loss with a withheld
    /// row costing its generalisation plus the suppression cost's share of the rest
    /// (or 1), and non-uniform entropy with a withheld row counted at the top.
    @Test("Loss and entropy with rows withheld equal their definitions, row by row", arguments: 1...6)
    func figuresMatchTheirDefinitions(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 5200), persons: 30 + seed * 8)
        for cost in [Anonymizer.localStepSuppressionCost, 1] {
            var anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [try KAnonymity(k: 3)],
                                            suppressionLimit: 0.9)
            anonymizer.suppressionCost = cost
            let encoded = try anonymizer.encode(data.table)
            let n = encoded.rowCount, width = data.quasiIdentifiers.count
            for node in Transformation.all(heights: data.quasiIdentifiers.map(\.hierarchy.height)) {
                let evaluation = anonymizer.evaluate(node, encoded: encoded)
                let isSuppressed = anonymizer.classes(at: node.levels, encoded: encoded,
                                                      from: BottomClasses(encoded: encoded)).isSuppressed
                var losses: [Double] = [], entropy = 0.0
                for (q, level) in node.levels.enumerated() {
                    let top = encoded.codeOfLeaf[q].count - 1
                    var leafCount: [Int32: Double] = [:]
                    for row in 0..<n { leafCount[encoded.leafCodes[row * width + q], default: 0] += 1 }
                    var total = 0.0
                    for row in 0..<n {
                        let code = Int(encoded.code(ofRow: row, q, at: level)), loss = encoded.loss[q][level][code]
                        let shown = isSuppressed[row] ? Int(encoded.code(ofRow: row, q, at: top)) : code
                        let shownLevel = isSuppressed[row] ? top : level
                        total += isSuppressed[row] ? (cost >= 1 ? 1 : loss + cost * (1 - loss)) : loss
                        entropy += encoded.logCodeFrequency[q][shownLevel][shown]
                            - log2(leafCount[encoded.leafCodes[row * width + q]]!)
                    }
                    losses.append(total / Double(n))
                }
                for (q, loss) in losses.enumerated() {
                    #expect(abs(evaluation.lossPerQuasiIdentifier[q] - loss) <= 1e-12, "seed \(seed), \(node.levels), q \(q)")
                }
                #expect(abs(evaluation.utility.nonUniformEntropy - entropy) <= 1e-9 * max(1, entropy),
                        "seed \(seed), \(node.levels)")
            }
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
            let ruledOut = everyEvaluation(anonymizer, of: encoded) { node in
                search.failing.contains { node.isAtMostAsGeneral(as: $0) }
            }
            for evaluation in ruledOut {
                #expect(!evaluation.qualifies, "seed \(seed), \(unit ?? "rows"): \(evaluation.transformation.levels) is ruled out but qualifies")
            }
        }
        // The bottom of these tables withholds more than 95 % of the rows: the
        // searches do climb.
        #expect(failingFound > 0, "seed \(seed)")
    }
}
