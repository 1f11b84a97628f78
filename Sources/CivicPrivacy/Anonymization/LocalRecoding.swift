import CivicModels
import Foundation

/// Whether every row of a quasi-identifier sits at the same level of its hierarchy.
public enum Recoding: String, ConfigurationChoice {
    /// One level per quasi-identifier for all rows (full-domain generalisation):
    /// the optimal transformation, where one rare combination can coarsen a whole
    /// column.
    case global
    /// Rows may sit at different levels: the optimal transformation is found for
    /// all rows, then again for the rows it would have suppressed, and so on, until
    /// none are left or the rest is within the suppression limit (the iterative
    /// local recoding of ARX; F. Prasser et al., "Flexible data anonymization using
    /// ARX", Software: Practice and Experience 50, 2020). Every published value is
    /// still a node of its hierarchy, and the Loss is never higher than the global
    /// optimum's (should the steps end worse, the global result is returned).
    case local
}

/// One step of a local recoding: the transformation and how many rows it published.
public struct RecodingStep: Sendable, Equatable {
    /// The transformation of this step.
    public var transformation: Transformation
    /// The rows this step published (its suppressed rows went on to the next step).
    public var publishedRows: Int
}

extension Anonymizer {
    /// The most steps a local recoding takes; the last one leaves only what the
    /// suppression limit allows.
    static let localRecodingSteps = 100

    /// The share of a step's rows that may go on to the next step. The step
    /// minimises Loss with the rows it passes on counted as withheld, which keeps
    /// each step from generalising its rows more than they need.
    static let localStepSuppressionLimit = 0.9

    /// What a row a step passes on costs in its Loss: little, since the next step
    /// recodes it (ARX's gsFactor; see ``suppressionCost``). Measured on UCI Adult
    /// (k = 5, no suppression) over step limits 0.5, 0.9 and 0.99 and costs 0 to 0.3,
    /// 0.9 and 0.1 gave the lowest Loss (0.0408; 0.0435 to 0.0648 for the others).
    static let localStepSuppressionCost = 0.1

    /// Anonymises by iterative local recoding (see ``Recoding/local``).
    func anonymizeLocally(_ table: Table, removing identifiers: [String], progressInterval: Duration,
                          progress: ((SearchProgress) -> Void)?) throws -> Result {
        guard !criteria.contains(where: { $0 is TCloseness }) else {
            // Each step would measure closeness against its own rows' distribution.
            throw PrivacyError.invalidParameter("local recoding does not support t-closeness yet; use recoding: global")
        }
        for name in identifiers where table.column(named: name) == nil { throw PrivacyError.unknownColumn(name) }
        let encoded = try encode(table)
        try checkFeasible(encoded)
        let allowed = allowedSuppressedRows(of: table.rowCount)
        var state = LocalRecodingState(rowCount: table.rowCount, quasiIdentifiers: quasiIdentifiers.map(\.name))
        var pending = Array(0..<table.rowCount)
        var previous: [Int]?  // the rows of the step before, for a final step redone over them
        while !pending.isEmpty {
            let isLast = state.steps.count + 1 >= Self.localRecodingSteps
            let limit = isLast ? Double(allowed) / Double(pending.count) : Self.localStepSuppressionLimit
            if let step = try? self.step(pending, of: table, suppressionLimit: min(limit, 1), progressInterval: progressInterval,
                                          progress: progress),
               step.isSuppressed.contains(false) {
                state.accept(step, rows: pending)
                if isLast { break }
                previous = pending
                pending = zip(pending, step.isSuppressed).filter(\.1).map(\.0)
                continue
            }
            // These rows cannot be published on their own.
            if pending.count <= allowed { break }  // they stay suppressed
            guard let rows = previous else { throw PrivacyError.noSolution }
            // Redo the step before over its rows, leaving only what the limit allows.
            state.undoLast(rows: rows)
            let final = try self.step(rows, of: table, suppressionLimit: min(Double(allowed) / Double(rows.count), 1),
                                      progressInterval: progressInterval, progress: progress)
            state.accept(final, rows: rows)
            break
        }
        // Classes of different steps with the same values merge in the output; k and
        // most models survive a merge, recursive (c,l)-diversity need not, so the
        // merged classes are checked again.
        let local = try state.result(of: self, table: table, encoded: encoded, removing: identifiers)
        // The steps are greedy; the global optimum is one candidate they must beat.
        let globalAnonymizer = try Anonymizer(quasiIdentifiers: quasiIdentifiers, criteria: criteria,
                                              suppressionLimit: suppressionLimit, metric: metric, search: search,
                                              privacyUnit: privacyUnit)
        let global = try? globalAnonymizer.anonymize(table, removing: identifiers, progressInterval: progressInterval,
                                                     progress: progress)
        guard let local, let global else {
            if let result = local ?? global { return result }
            throw PrivacyError.noSolution
        }
        return global.best.utility.value(of: metric) < local.best.utility.value(of: metric) ? global : local
    }

    /// The optimal global transformation of `rows` alone, with `suppressionLimit`.
    private func step(_ rows: [Int], of table: Table, suppressionLimit: Double, progressInterval: Duration,
                      progress: ((SearchProgress) -> Void)?) throws -> Result {
        var anonymizer = try Anonymizer(quasiIdentifiers: quasiIdentifiers, criteria: criteria,
                                        suppressionLimit: suppressionLimit, metric: metric, search: search,
                                        privacyUnit: privacyUnit)
        anonymizer.suppressionCost = Self.localStepSuppressionCost
        return try anonymizer.anonymize(table.gathering(rows: rows), progressInterval: progressInterval, progress: progress)
    }
}

/// What a local recoding has published so far: each row's generalised values and
/// levels, and the steps.
private struct LocalRecodingState {
    /// The quasi-identifiers' names.
    let names: [String]
    /// `labels[q][row]`: the published value (`*` while the row is not published).
    var labels: [[String]]
    /// Each row's levels, `nil` while it is not published.
    var levels: [[Int]?]
    var steps: [RecodingStep] = []
    var results: [Anonymizer.Result] = []

    init(rowCount: Int, quasiIdentifiers names: [String]) {
        self.names = names
        labels = [[String]](repeating: [String](repeating: "*", count: rowCount), count: names.count)
        levels = [[Int]?](repeating: nil, count: rowCount)
    }

    /// Takes the rows `step` published; `rows[i]` is the table row of its row `i`.
    mutating func accept(_ step: Anonymizer.Result, rows: [Int]) {
        var published = 0
        let columns = names.map { step.table.column(named: $0)! }
        for (i, row) in rows.enumerated() where !step.isSuppressed[i] {
            for q in labels.indices { labels[q][row] = columns[q].value(at: i).description }
            levels[row] = step.best.transformation.levels
            published += 1
        }
        steps.append(RecodingStep(transformation: step.best.transformation, publishedRows: published))
        results.append(step)
    }

    /// Forgets the last step, whose rows were `rows`.
    mutating func undoLast(rows: [Int]) {
        guard let last = results.popLast() else { return }
        steps.removeLast()
        for (i, row) in rows.enumerated() where !last.isSuppressed[i] {
            for q in labels.indices { labels[q][row] = "*" }
            levels[row] = nil
        }
    }

    /// The anonymised table and its figures; `nil` if a class merged from several
    /// steps breaks a criterion.
    func result(of anonymizer: Anonymizer, table: Table, encoded: EncodedQuasiIdentifiers,
                removing identifiers: [String]) throws -> Anonymizer.Result? {
        let n = table.rowCount, qCount = anonymizer.quasiIdentifiers.count
        let isSuppressed = levels.map { $0 == nil }
        let suppressed = isSuppressed.lazy.filter { $0 }.count
        // Loss: each row's generalised value, a withheld row counting 1.
        var losses = [Double](repeating: 0, count: qCount)
        for row in 0..<n {
            for q in 0..<qCount {
                guard let rowLevels = levels[row] else { losses[q] += 1; continue }
                let level = rowLevels[q]
                let code = encoded.codeOfLeaf[q][level][Int(encoded.leafCodes[row * qCount + q])]
                losses[q] += encoded.loss[q][level][Int(code)]
            }
        }
        if n > 0 { losses = losses.map { $0 / Double(n) } }
        // The classes a reader sees: published rows by their values; the rows that
        // read * throughout form one class with the suppressed ones.
        var classOf: [[String]: Int] = [:]
        var classOfRow = [Int](repeating: -1, count: n)
        for row in 0..<n where !isSuppressed[row] {
            let key = labels.map { $0[row] }
            if key.allSatisfy({ $0 == "*" }) { continue }
            classOfRow[row] = classOf[key] ?? { classOf[key] = classOf.count; return classOf.count - 1 }()
        }
        let persons = try anonymizer.privacyUnit.map { column throws(PrivacyError) in try PrivacyUnits(table, column: column) }
        var members = [Set<Int32>](repeating: [], count: classOf.count)
        var sizes = [Int](repeating: 0, count: classOf.count)
        var starred = Set<Int32>()
        for row in 0..<n {
            let unit = persons.map { $0.personOfRow[row] } ?? Int32(truncatingIfNeeded: row)
            if classOfRow[row] < 0 { starred.insert(unit); continue }
            members[classOfRow[row]].insert(unit)
            sizes[classOfRow[row]] += 1
        }
        let unitCounts = members.map(\.count)
        guard satisfiesCriteria(anonymizer, encoded: encoded, classOfRow: classOfRow, isSuppressed: isSuppressed,
                                classCount: classOf.count) else { return nil }
        var discernibility = Double(suppressed) * Double(n)
        for size in sizes { discernibility += Double(size) * Double(size) }
        let classCount = classOf.count + (suppressed > 0 ? 1 : 0)
        let entropy = nonUniformEntropy(encoded: encoded, isSuppressed: isSuppressed)
        let first = results.first
        let best = Anonymizer.Evaluation(
            transformation: steps.first?.transformation ?? Transformation(anonymizer.quasiIdentifiers.map { $0.hierarchy.height - 1 }),
            qualifies: true, suppressedRows: suppressed, publishedClasses: classOf.count,
            smallestClassSize: unitCounts.min() ?? 0, lossPerQuasiIdentifier: losses,
            utility: UtilityFigures(loss: LossMetric.aggregate(losses), discernibility: discernibility,
                                    nonUniformEntropy: entropy,
                                    averageClassSize: classCount > 0 ? Double(n) / Double(classCount) : 0))
        let published = try publishedTable(of: anonymizer, from: table, removing: identifiers, isSuppressed: isSuppressed)
        return Anonymizer.Result(
            best: best, table: published, isSuppressed: isSuppressed, latticeSize: first?.latticeSize ?? 0,
            nodesChecked: results.reduce(0) { $0 + $1.nodesChecked }, isOptimal: false,
            searchSeconds: results.reduce(0) { $0 + $1.searchSeconds },
            riskBefore: first?.riskBefore ?? ProsecutorRisk(classSizes: []),
            riskAfter: ProsecutorRisk(classSizes: unitCounts + (starred.isEmpty ? [] : [starred.count])),
            steps: steps)
    }

    /// Whether every class a reader sees (the published rows that read `*`
    /// throughout among them) satisfies every criterion, counted in persons.
    private func satisfiesCriteria(_ anonymizer: Anonymizer, encoded: EncodedQuasiIdentifiers, classOfRow: [Int],
                                   isSuppressed: [Bool], classCount: Int) -> Bool {
        let values = encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount
        let starred = classCount  // the class of published rows reading * throughout
        var persons = [Set<Int32>](repeating: [], count: classCount + 1)
        var pairs = [Set<Int>](repeating: [], count: classCount + 1)
        for row in classOfRow.indices where !isSuppressed[row] {
            let c = classOfRow[row] < 0 ? starred : classOfRow[row]
            let person = encoded.units.map { $0.personOfRow[row] } ?? Int32(truncatingIfNeeded: row)
            persons[c].insert(person)
            if let sensitive = encoded.sensitiveCodes { pairs[c].insert(Int(person) * values + Int(sensitive[row])) }
        }
        for c in persons.indices where !persons[c].isEmpty {
            var counts = [Int](repeating: 0, count: values)
            for pair in pairs[c] { counts[pair % values] += 1 }
            let summary = EquivalenceClassSummary(size: persons[c].count, sensitiveCounts: counts[...],
                                                  tableDistribution: encoded.sensitiveDistribution)
            if !anonymizer.criteria.allSatisfy({ $0.isSatisfied(by: summary) }) { return false }
        }
        return true
    }

    /// Non-uniform entropy: over all rows and quasi-identifiers, log2 of how many
    /// rows share the published value less log2 of how many share the original.
    private func nonUniformEntropy(encoded: EncodedQuasiIdentifiers, isSuppressed: [Bool]) -> Double {
        var entropy = 0.0
        for q in labels.indices {
            var published: [String: Int] = [:]
            for (row, label) in labels[q].enumerated() { published[isSuppressed[row] ? "*" : label, default: 0] += 1 }
            for (row, label) in labels[q].enumerated() {
                entropy += log2(Double(published[isSuppressed[row] ? "*" : label]!))
            }
            entropy -= encoded.leafLogTotal[q]
        }
        return entropy
    }

    /// `table` with identifiers removed and each quasi-identifier replaced by the
    /// rows' published values.
    private func publishedTable(of anonymizer: Anonymizer, from table: Table, removing identifiers: [String],
                                isSuppressed: [Bool]) throws -> Table {
        try anonymizer.publishedColumns(of: table, removing: identifiers) { _ in
            "Generalised record by record (local recoding), each value a level of its hierarchy; suppressed records show *."
        } value: { q, row in
            isSuppressed[row] ? "*" : labels[q][row]
        }
    }
}
