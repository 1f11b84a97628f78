import CivicExampleData
import CivicModels
@testable import CivicPrivacy
import Foundation
import Testing

/// A table with many quasi-identifiers of four levels each (three-digit codes,
/// masked from the right), so that the lattice has 4^count transformations.
struct WideCase {
    let table: Table
    let quasiIdentifiers: [QuasiIdentifier]

    init(seed: UInt64, rows: Int, quasiIdentifiers count: Int) throws {
        var random = SeededGenerator(seed: seed)
        let names = (0..<count).map { "q\($0)" }
        // Few distinct codes per column, skewed, so that some levels qualify.
        let pools = (0..<count).map { column in (0..<(3 + column % 4)).map { String(format: "%03d", $0 * 37 + column) } }
        var rowsOfValues: [[Value]] = []
        for _ in 0..<rows {
            rowsOfValues.append(pools.map { pool in .text(random.pick(pool)) } + [.text(random.pick(["A", "B", "C"]))])
        }
        table = try Table(schema: Schema(fields: names.map { Field($0, type: .string) } + [Field("service", type: .string)]),
                          rows: rowsOfValues)
        quasiIdentifiers = try zip(names, pools).map { name, pool in
            QuasiIdentifier(name, hierarchy: try .prefixMasking(values: pool))
        }
    }
}

@Suite struct LatticeSearchTests {
    /// The criteria combinations the brute-force comparison runs through.
    static func criteria(_ variant: Int) throws -> [any PrivacyCriterion] {
        switch variant % 5 {
        case 0: return [try KAnonymity(k: 3)]
        case 1: return [try KAnonymity(k: 2), try DistinctLDiversity(l: 2, attribute: "service")]
        case 2: return [try KAnonymity(k: 2), try EntropyLDiversity(l: 1.8, attribute: "service")]
        case 3: return [try KAnonymity(k: 2), try RecursiveCLDiversity(c: 3, l: 2, attribute: "service")]
        default: return [try KAnonymity(k: 2), try TCloseness(t: 0.35, attribute: "service")]
        }
    }

    /// A random table, and an anonymiser whose model (``criteria(_:)``), metric and
    /// suppression limit (0, 5 or 20 %) all follow from `seed`.
    static func randomCase(seed: Int, tableSeed: UInt64, rows: Int) throws
        -> (data: RandomCase, metric: UtilityMetric, anonymizer: Anonymizer) {
        let data = try RandomCase(seed: tableSeed, rows: rows)
        let metric = UtilityMetric.allCases[seed % UtilityMetric.allCases.count]
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria(seed),
                                        suppressionLimit: [0.0, 0.05, 0.2][seed % 3], metric: metric)
        return (data, metric, anonymizer)
    }

    /// Every privacy model, with and without suppression, every metric: the search
    /// finds the value of the best qualifying transformation of the whole lattice.
    @Test("the search equals brute force for every model and metric", arguments: 1...20)
    func equalsBruteForce(seed: Int) throws {
        let (data, metric, anonymizer) = try Self.randomCase(seed: seed, tableSeed: UInt64(seed + 500), rows: 50 + seed * 7)
        let all = try anonymizer.evaluate(Transformation.all(heights: data.quasiIdentifiers.map(\.hierarchy.height)),
                                          on: data.table)
        guard let optimum = all.filter(\.qualifies).map({ $0.utility.value(of: metric) }).min() else {
            #expect(throws: PrivacyError.noSolution) { try anonymizer.anonymize(data.table) }
            return
        }
        let result = try anonymizer.anonymize(data.table)
        #expect(result.isOptimal)
        #expect(result.best.qualifies)
        #expect(abs(result.best.utility.value(of: metric) - optimum) <= 1e-9 * max(1, abs(optimum)))
    }

    /// Given a value found elsewhere, the search keeps only a better transformation:
    /// the optimum when it beats the value, none when it does not (local recoding's
    /// global candidate only has to beat the top-down one).
    @Test("a search given a value to beat finds the optimum below it, or nothing", arguments: 1...12)
    func valueToBeat(seed: Int) throws {
        let (data, metric, anonymizer) = try Self.randomCase(seed: seed, tableSeed: UInt64(seed + 900), rows: 60 + seed * 9)
        let encoded = try anonymizer.encode(data.table)
        var plain = LatticeSearch(anonymizer: anonymizer, encoded: encoded, strategy: anonymizer.search)
        plain.run()
        guard let optimum = plain.best?.utility.value(of: metric) else { return }
        let above = optimum * 1.01 + 0.01
        for (value, beaten) in [(above, true), (optimum, false)] {
            var search = LatticeSearch(anonymizer: anonymizer, encoded: encoded, strategy: anonymizer.search, valueToBeat: value)
            search.run()
            if beaten {
                #expect(abs((search.best?.utility.value(of: metric) ?? .nan) - optimum) <= 1e-9 * max(1, abs(optimum)),
                        "seed \(seed): the optimum \(optimum) beats \(value) but was not found")
            } else {
                #expect(search.best == nil, "seed \(seed): nothing beats the optimum, yet the search kept a transformation")
            }
        }
    }

    /// A heuristic search returns a transformation that qualifies, never one better
    /// than the optimum, and says whether it proved the optimum.
    @Test("a heuristic search qualifies and is honest about optimality", arguments: [1, 3, 8, 40, 10_000])
    func heuristicWithinBudget(maxNodes: Int) throws {
        let data = try RandomCase(seed: 77, rows: 150)
        let criteria = [try KAnonymity(k: 4)]
        let exact = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria, suppressionLimit: 0.05)
            .anonymize(data.table)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria, suppressionLimit: 0.05,
                                        search: .heuristic(maxNodes: maxNodes))
        do {
            let result = try anonymizer.anonymize(data.table)
            #expect(result.best.qualifies)
            #expect(result.best.loss >= exact.best.loss - 1e-12)
            if result.isOptimal { #expect(abs(result.best.loss - exact.best.loss) < 1e-12) }
            #expect(result.riskAfter.highest <= 1.0 / 4 + 1e-12)
            if maxNodes >= 10_000 { #expect(result.isOptimal) }
        } catch PrivacyError.noSolutionWithinBudget(let nodes) {
            // Only a budget too small for the greedy path may find nothing.
            #expect(maxNodes < 8)
            #expect(nodes <= maxNodes)
        }
    }

    @Test("the automatic search is exhaustive up to 100,000 transformations and bounded above")
    func automaticBudget() {
        #expect(SearchStrategy.automatic.nodeBudget(latticeSize: 4_320) == nil)
        #expect(SearchStrategy.automatic.nodeBudget(latticeSize: SearchStrategy.exhaustiveLatticeLimit) == nil)
        #expect(SearchStrategy.automatic.nodeBudget(latticeSize: 262_144) == SearchStrategy.defaultNodeBudget)
        #expect(SearchStrategy.optimal.nodeBudget(latticeSize: 262_144) == nil)
        #expect(SearchStrategy.heuristic(maxNodes: 7).nodeBudget(latticeSize: 60) == 7)
    }

    /// On a lattice far too large to search, a heuristic search with a small budget
    /// keeps to it, and its result meets the definition on every published class.
    @Test("a large lattice with a small budget: bounded work, k-anonymous output")
    func largeLattice() throws {
        let data = try WideCase(seed: 5, rows: 400, quasiIdentifiers: 9)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: 3)],
                                        suppressionLimit: 0.02, search: .heuristic(maxNodes: 300))
        let result = try anonymizer.anonymize(data.table)
        #expect(result.latticeSize == 262_144)
        #expect(result.nodesChecked <= 300)
        #expect(!result.isOptimal)
        let names = data.quasiIdentifiers.map(\.name)
        let classes = try EquivalenceClasses(result.table, quasiIdentifiers: names)
        var suppressed = 0
        for (c, size) in classes.sizes.enumerated() {
            let row = classes.classOfRow.firstIndex(of: c)!
            if names.allSatisfy({ result.table[row, $0] == .text("*") }) && result.best.suppressedRows > 0 {
                suppressed += size
            } else {
                #expect(size >= 3)
            }
        }
        #expect(suppressed == result.best.suppressedRows)
        #expect(Double(suppressed) <= 0.02 * 400)
        // (How close it comes to the optimum: `civic-bench anonymize-wide`.)
    }

    /// The risk figures come from the search's own classes; they must equal the
    /// risk measured afresh on the input and on the published rows.
    @Test("risk before and after equal the risk of the tables themselves", arguments: [(2, 0.0), (4, 0.1), (6, 0.05)])
    func riskMatchesTheTables(k: Int, limit: Double) throws {
        let data = try RandomCase(seed: UInt64(900 + k), rows: 130)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: k)],
                                        suppressionLimit: limit)
        let result = try anonymizer.anonymize(data.table)
        let names = data.quasiIdentifiers.map(\.name)
        #expect(result.riskBefore == ProsecutorRisk(try EquivalenceClasses(data.table, quasiIdentifiers: names)))
        #expect(result.riskAfter == ProsecutorRisk(try EquivalenceClasses(result.publishedTable, quasiIdentifiers: names)))
    }

    @Test("a search budget below one transformation is refused")
    func badBudget() throws {
        let data = try RandomCase(seed: 1, rows: 10)
        #expect(throws: PrivacyError.self) {
            try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: 2)], search: .heuristic(maxNodes: 0))
        }
    }

    @Test("successors and predecessors step one level in one quasi-identifier")
    func neighbours() {
        let node = Transformation([0, 2, 1])
        #expect(node.successors(heights: [2, 3, 2]) == [Transformation([1, 2, 1])])
        #expect(node.predecessors() == [Transformation([0, 1, 1]), Transformation([0, 2, 0])])
    }

    @Test("minimum class sizes follow the models' definitions")
    func minimumClassSizes() throws {
        #expect(try KAnonymity(k: 7).minimumClassSize == 7)
        #expect(try DistinctLDiversity(l: 3, attribute: "s").minimumClassSize == 3)
        #expect(try EntropyLDiversity(l: 2, attribute: "s").minimumClassSize == 2)
        #expect(try EntropyLDiversity(l: 2.5, attribute: "s").minimumClassSize == 3)
        #expect(try RecursiveCLDiversity(c: 2, l: 3, attribute: "s").minimumClassSize == 3)
        #expect(try TCloseness(t: 0.2, attribute: "s").minimumClassSize == 1)
    }
}

@Suite struct SearchProgressTests {
    /// With no interval every evaluation is reported: the counts climb by one and end
    /// where the result does, and the best value so far never gets worse.
    @Test("progress reports count every evaluation and the best value only improves")
    func everyEvaluation() throws {
        let data = try WideCase(seed: 9, rows: 300, quasiIdentifiers: 9)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [KAnonymity(k: 3)],
                                        suppressionLimit: 0.02, search: .heuristic(maxNodes: 200))
        var reports: [SearchProgress] = []
        let result = try anonymizer.anonymize(data.table, progressInterval: .zero) { reports.append($0) }
        #expect(reports.map(\.nodesChecked) == Array(1...result.nodesChecked))
        #expect(reports.allSatisfy { $0.latticeSize == result.latticeSize })
        let values = reports.compactMap(\.bestValue)
        #expect(!values.isEmpty)
        #expect(zip(values, values.dropFirst()).allSatisfy { $1 <= $0 })
        #expect(values.last! >= result.best.loss - 1e-12)
    }
}
