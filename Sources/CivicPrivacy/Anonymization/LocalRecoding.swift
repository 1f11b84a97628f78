import CivicModels
import Foundation

/// Whether every row of a quasi-identifier sits at the same level of its hierarchy.
public enum Recoding: String, ConfigurationChoice {
    /// One level per quasi-identifier for all rows (full-domain generalisation):
    /// the optimal transformation, where one rare combination can coarsen a whole
    /// column.
    case global
    /// Rows may sit at different levels. The optimal transformation (or one whose
    /// Loss is at most a fifth above the optimum's) is found for all rows, then again
    /// for the rows it would have suppressed, and so on, until none are left or the
    /// rest is within the suppression limit (the iterative
    /// local recoding of ARX; F. Prasser et al., "Flexible data anonymization using
    /// ARX", Software: Practice and Experience 50, 2020); then each class is split
    /// further from the top down where its children still meet every criterion.
    /// The global optimum is searched for too, but only where it beats that result
    /// (a bound that rules out most of the lattice), and wins if it does, so local
    /// recoding is never worse than global. Every published value is a node of its
    /// hierarchy, and every class is checked again once all are put together.
    /// t-closeness holds every class, in every step, against the sensitive
    /// attribute's distribution in the whole table, as the global search does.
    /// Where a criterion is not monotone with suppression (t-closeness, entropy and
    /// recursive l-diversity), the iterative steps are left out: their searches
    /// could prune nothing, and a top-down specialisation of the whole table takes
    /// their place (as it does wherever the steps find nothing to publish).
    case local
}

/// One combination of levels that published rows sit at, and how many rows do.
public struct LevelCombination: Sendable, Equatable {
    /// The levels, one per quasi-identifier.
    public var transformation: Transformation
    /// How many published rows sit at these levels.
    public var publishedRows: Int
}

extension Anonymizer {
    /// The most steps a local recoding takes; the last one leaves only what the
    /// suppression limit allows.
    static let localRecodingSteps = 100

    /// The share of a step's rows that may go on to the next step. The step
    /// minimises Loss with the rows it passes on counted as withheld, which keeps
    /// each step from generalising its rows more than they need.
    static let localStepSuppressionLimit = 0.95

    /// What a row a step passes on costs in its Loss beyond its generalisation by
    /// the step's transformation (see ``suppressionCost``): little, since the next
    /// step recodes it. Chosen over 0, 0.1 and 0.25 on UCI Adult (k = 2, 5, 10, 50,
    /// classes split further afterwards) and the million generated cases: 0 gave the
    /// lowest Loss on Adult but took 1.7 times as long on the million cases, 0.25
    /// missed ARX's Loss on Adult at k = 10 and 50; 0.1 beats it at every k and
    /// takes as long on the million cases as the flat cost of 0.25 used before.
    static let localStepSuppressionCost = 0.1

    /// How far above its optimum a step's transformation may be, as a share of it
    /// (see ``LatticeSearch/optimalityGap``): a step stops searching once nothing
    /// left can beat its best by more than a fifth, as integer-programming solvers
    /// stop within a gap. Proving the optimum took a third to two fifths of the
    /// steps' evaluations; on the million generated cases the first step, on all
    /// rows, took longer than the whole global search. Chosen over 0.05, 0.1, 0.3,
    /// 0.4 and 0.5: on UCI Adult (k = 2, 5, 10, 50) 0.2 keeps the Loss within 1 % of
    /// the exact steps' (0.0118, 0.0286, 0.0438, 0.0948 against 0.0118, 0.0287,
    /// 0.0437, 0.0941) with a quarter to a third fewer evaluations, and the million
    /// cases need 6,158 evaluations instead of 10,809, for a lower Loss (0.0481
    /// against 0.0484); from 0.3 on, Adult's Loss rose by 2 to 4 % at k = 10 and 50.
    /// Keeping the exact search in the steps on fewer than 10,000 rows, where each
    /// proof is cheap, brought back 3,600 of the evaluations saved on the million
    /// cases (9,785 against 6,158): the 60 small steps at the end add up.
    static let localStepOptimalityGap = 0.2

    /// Anonymises by iterative local recoding (see ``Recoding/local``).
    func anonymizeLocally(_ table: Table, removing identifiers: [String], progressInterval: Duration,
                          progress: ((SearchProgress) -> Void)?) throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        for name in identifiers where table.column(named: name) == nil { throw PrivacyError.unknownColumn(name) }
        let encoded = try encode(table)
        var times = PhaseTimes(encode: start.duration(to: clock.now).inSeconds)
        try checkFeasible(encoded)
        let allowed = allowedSuppressedRows(of: table.rowCount)
        // The first step and the global optimum search all rows: they share their
        // bottom classes, which the risk before is measured on too.
        let allRows = BottomClasses(encoded: encoded)
        let riskBefore = ProsecutorRisk(classSizes: allRows.unitCounts)
        let latticeSize = Transformation.latticeSize(heights: quasiIdentifiers.map(\.hierarchy.height))
        var state = LocalRecodingState(rowCount: table.rowCount)
        var pending = Array(0..<table.rowCount)
        var previous: [Int]?  // the rows of the step before, for a final step redone over them
        // Whether the steps found no way: no transformation publishes a step's share
        // of the rows; then a top-down specialisation of the whole table and the
        // global optimum decide. They decide alone where a criterion is not monotone
        // with suppression (t-closeness, entropy and recursive l-diversity; with
        // persons, see PrivacyCriterion.isMonotone): every step suppresses, so its
        // search could prune nothing and would check every transformation up to 100
        // times (52 s on UCI Adult against 0.04 s for the global search), for a
        // result the top-down one beat there.
        //
        // Where the steps succeed, the top-down specialisation of the whole table is
        // not computed: the steps' classes are split from the top down anyway (see
        // below), and the whole table's split never beat them: not on the local
        // recoding tests' random tables (the steps' Loss 0.26 to 0.58 of its), the
        // bundled example (0.26 against 0.34), UCI Adult (0.0437 against 0.0844 at
        // k = 10) or the million generated cases (0.0481 against 0.0498). Computed
        // beside the steps, it cost the million cases 3 to 5 processor-seconds.
        var stepsFailed = !stepsCanPrune
        while !stepsFailed && !pending.isEmpty {
            let isLast = state.steps.count + 1 >= Self.localRecodingSteps
            let limit = isLast ? Double(allowed) / Double(pending.count) : Self.localStepSuppressionLimit
            let step = self.step(pending, of: encoded, bottom: pending.count == table.rowCount ? allRows : nil,
                                 suppressionLimit: min(limit, 1), after: state.steps,
                                 progressInterval: progressInterval, progress: progress)
            if let step { times.add(step) }
            if let step, step.isSuppressed.contains(false) {
                state.accept(step, rows: pending)
                if isLast { break }
                previous = pending
                pending = zip(pending, step.isSuppressed).filter(\.1).map(\.0)
                continue
            }
            // These rows cannot be published on their own.
            if pending.count <= allowed { break }  // they stay suppressed
            guard let rows = previous else {
                stepsFailed = true
                break
            }
            // Redo the step before over its rows, leaving only what the limit allows.
            state.undoLast(rows: rows)
            guard let final = self.step(rows, of: encoded, suppressionLimit: min(Double(allowed) / Double(rows.count), 1),
                                        after: state.steps, progressInterval: progressInterval, progress: progress) else {
                stepsFailed = true
                break
            }
            times.add(final)
            state.accept(final, rows: rows)
            break
        }
        // Classes of different steps with the same values merge in the output; k and
        // most models survive a merge, recursive (c,l)-diversity need not, so the
        // merged classes are checked again (`result` is nil where one fails). The
        // steps' classes are split further from where the steps left them; a split
        // lowers rows' levels only where that lowers the Loss, so with Loss as the
        // metric the steps' own result cannot beat a refined one and is built only
        // when there is none (building one groups and checks every row again).
        let specialisation = TopDownSpecialization(anonymizer: self, encoded: encoded)
        var iterative: Result?, refined: Result?
        if !stepsFailed {
            let refinedLevels = specialisation.refine(state.levels)
            var building = clock.now
            if refinedLevels != state.levels {
                var refinedState = state
                refinedState.relevel(refinedLevels)
                refined = try refinedState.result(of: self, table: table, encoded: encoded, removing: identifiers,
                                                  riskBefore: riskBefore, latticeSize: latticeSize)
                times.apply += building.duration(to: clock.now).inSeconds
            }
            if refined == nil || metric != .loss {
                building = clock.now
                iterative = try state.result(of: self, table: table, encoded: encoded, removing: identifiers,
                                             riskBefore: riskBefore, latticeSize: latticeSize)
                times.apply += building.duration(to: clock.now).inSeconds
            }
        }
        var candidates = [iterative, refined].compactMap { $0 }
        if candidates.isEmpty {
            let topDown = try topDownCandidate(table, encoded: encoded, removing: identifiers, riskBefore: riskBefore,
                                               latticeSize: latticeSize)
            times.add(topDown.times)
            candidates += [topDown.result].compactMap { $0 }
        }
        // The global optimum only has to be found where it beats the best candidate,
        // so its search rules out most of the lattice by its bound (on the million
        // cases 0.6 s against 2.2 s for the whole global search).
        let global = globalCandidate(table, encoded: encoded, bottom: allRows, removing: identifiers,
                                     beating: candidates.map { $0.best.utility.value(of: metric) }.min())
        times.add(global.times)
        candidates += [global.result].compactMap { $0 }
        guard var best = candidates.min(by: { $0.best.utility.value(of: metric) < $1.best.utility.value(of: metric) }) else {
            throw PrivacyError.noSolution
        }
        best.encodeSeconds = times.encode
        best.searchSeconds = times.search
        best.applySeconds = times.apply
        best.wholeSeconds = start.duration(to: clock.now).inSeconds
        return best
    }

    /// The top-down specialisation of the whole table (`nil` when even the top of
    /// every hierarchy fails a criterion), a candidate of a local recoding that does
    /// not depend on its steps, with the time it took.
    private func topDownCandidate(_ table: Table, encoded: EncodedQuasiIdentifiers, removing identifiers: [String],
                                  riskBefore: ProsecutorRisk, latticeSize: Int) throws -> (result: Result?, times: PhaseTimes) {
        let clock = ContinuousClock()
        var times = PhaseTimes()
        let result = try TopDownSpecialization(anonymizer: self, encoded: encoded).run().flatMap { levels in
            let building = clock.now
            defer { times.apply += building.duration(to: clock.now).inSeconds }
            return try LocalRecodingState(levels: levels).result(of: self, table: table, encoded: encoded, removing: identifiers,
                                                                  riskBefore: riskBefore, latticeSize: latticeSize)
        }
        return (result, times)
    }

    /// The global optimum (`nil` when nothing qualifies, or nothing beats
    /// `beating`, a value of the metric), a candidate of a local recoding that the
    /// greedy ones must beat, with the time it took; `bottom`, when given, holds the
    /// bottom classes of all rows.
    private func globalCandidate(_ table: Table, encoded: EncodedQuasiIdentifiers, bottom: BottomClasses?,
                                 removing identifiers: [String], beating: Double?) -> (result: Result?, times: PhaseTimes) {
        var times = PhaseTimes()
        // Without progress reports: they come from the steps, on the caller's thread.
        let result = try? anonymizeGlobally(table, encoded: encoded, bottom: bottom, valueToBeat: beating,
                                            removing: identifiers, progressInterval: .zero, progress: nil)
        if let result { times.add(result) }
        return (result, times)
    }

    /// Whether every criterion is monotone with suppression, as counted here (in
    /// persons or rows), so that the steps' searches, which all suppress, can prune.
    private var stepsCanPrune: Bool {
        criteria.allSatisfy { $0.isMonotone(withSuppression: true, countingPersons: privacyUnit != nil) }
    }

    /// The optimal global transformation of `rows` alone, with `suppressionLimit`
    /// (`nil` if none qualifies). t-closeness measures its classes against the
    /// whole table's distribution, not that of `rows`: the rows are taken from the
    /// whole table's encoding. `bottom`, when given, holds the bottom classes of
    /// `rows`, already grouped for another search.
    ///
    /// `earlier` are steps that withheld every one of `rows`. Each withheld them
    /// because their classes failed the criteria, which are monotone where steps are
    /// taken; so at its transformation or any less general one every class of `rows`
    /// is part of a failing class and fails too. All of `rows` would be withheld, more
    /// than a limit below 1 allows: the search rules those transformations out without
    /// evaluating them (on UCI Adult, the climbs from the bottom that found them again
    /// were about half of each step's search).
    private func step(_ rows: [Int], of encoded: EncodedQuasiIdentifiers, bottom: BottomClasses? = nil,
                      suppressionLimit: Double, after earlier: [LocalRecodingStep],
                      progressInterval: Duration, progress: ((SearchProgress) -> Void)?) -> LocalRecodingStep? {
        let clock = ContinuousClock()
        let start = clock.now
        guard var anonymizer = try? Anonymizer(quasiIdentifiers: quasiIdentifiers, criteria: criteria,
                                               suppressionLimit: suppressionLimit, metric: metric, search: search,
                                               privacyUnit: privacyUnit) else { return nil }
        anonymizer.suppressionCost = Self.localStepSuppressionCost
        let part = encoded.gathering(rows: rows)
        let searchStart = clock.now
        var lattice = LatticeSearch(anonymizer: anonymizer, encoded: part, strategy: search, bottom: bottom,
                                    knownFailing: suppressionLimit < 1 ? earlier.map(\.transformation) : [],
                                    optimalityGap: Self.localStepOptimalityGap,
                                    progress: progress.map { ProgressReporter(every: progressInterval, $0) })
        lattice.run()
        guard let best = lattice.best else { return nil }
        let searched = clock.now
        let isSuppressed = anonymizer.classes(at: best.transformation.levels, encoded: part, from: lattice.bottom).isSuppressed
        return LocalRecodingStep(transformation: best.transformation, isSuppressed: isSuppressed,
                                 nodesChecked: lattice.nodesChecked, encodeSeconds: start.duration(to: searchStart).inSeconds,
                                 searchSeconds: searchStart.duration(to: searched).inSeconds,
                                 applySeconds: searched.duration(to: clock.now).inSeconds)
    }
}

/// What one step of a local recoding found for its rows.
private struct LocalRecodingStep {
    /// The levels the step publishes its rows at.
    let transformation: Transformation
    /// Whether each of the step's rows is left to the next step.
    let isSuppressed: [Bool]
    /// The transformations its search evaluated.
    let nodesChecked: Int
    /// The time taken to gather its rows, to search and to find its suppressed rows.
    let encodeSeconds: Double, searchSeconds: Double, applySeconds: Double
}

/// The time a local recoding spends in each phase, added up over its global
/// searches and outputs (see ``Anonymizer/Result/wholeSeconds``).
private struct PhaseTimes {
    var encode = 0.0
    var search = 0.0
    var apply = 0.0

    /// Adds the phases of one global anonymisation.
    mutating func add(_ result: Anonymizer.Result) {
        encode += result.encodeSeconds
        search += result.searchSeconds
        apply += result.applySeconds
    }

    /// Adds the phases of other work.
    mutating func add(_ other: PhaseTimes) {
        encode += other.encode
        search += other.search
        apply += other.apply
    }

    /// Adds the phases of one step.
    mutating func add(_ step: LocalRecodingStep) {
        encode += step.encodeSeconds
        search += step.searchSeconds
        apply += step.applySeconds
    }
}

/// What a local recoding has published so far: each row's levels, and the steps.
private struct LocalRecodingState {
    /// Each row's levels, `nil` while it is not published.
    var levels: [[Int]?]
    /// The steps taken, or, after ``relevel(_:)``, the distinct combinations of
    /// levels, each with its rows.
    var combinations: [LevelCombination] = []
    /// The steps taken (empty after ``relevel(_:)``).
    var steps: [LocalRecodingStep] = []

    /// No row published yet.
    init(rowCount: Int) {
        levels = [[Int]?](repeating: nil, count: rowCount)
    }

    /// Every row published at its given levels; the steps are the distinct levels,
    /// most rows first.
    init(levels rowLevels: [[Int]]) {
        levels = []
        relevel(rowLevels)
    }

    /// Puts every row at `rowLevels` (`nil`: withheld); the steps become the
    /// distinct levels, most rows first.
    mutating func relevel(_ rowLevels: [[Int]?]) {
        levels = rowLevels
        var rowsAt: [[Int]: Int] = [:]
        for levels in rowLevels { if let levels { rowsAt[levels, default: 0] += 1 } }
        combinations = rowsAt.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
            .map { LevelCombination(transformation: Transformation($0.key), publishedRows: $0.value) }
    }

    /// Takes the rows `step` published; `rows[i]` is the table row of its row `i`.
    mutating func accept(_ step: LocalRecodingStep, rows: [Int]) {
        var published = 0
        for (i, row) in rows.enumerated() where !step.isSuppressed[i] {
            levels[row] = step.transformation.levels
            published += 1
        }
        combinations.append(LevelCombination(transformation: step.transformation, publishedRows: published))
        steps.append(step)
    }

    /// Forgets the last step, whose rows were `rows`.
    mutating func undoLast(rows: [Int]) {
        guard let last = steps.popLast() else { return }
        combinations.removeLast()
        for (i, row) in rows.enumerated() where !last.isSuppressed[i] { levels[row] = nil }
    }

    /// The anonymised table and its figures; `nil` if a class merged from several
    /// steps breaks a criterion.
    func result(of anonymizer: Anonymizer, table: Table, encoded: EncodedQuasiIdentifiers, removing identifiers: [String],
                riskBefore: ProsecutorRisk, latticeSize: Int) throws -> Anonymizer.Result? {
        let n = table.rowCount, qCount = anonymizer.quasiIdentifiers.count
        let values = PublishedValues(levels, encoded: encoded)
        let isSuppressed = levels.map { $0 == nil }
        let suppressed = isSuppressed.lazy.filter { $0 }.count
        // Loss: each row's generalised value, a withheld row counting 1.
        var losses = [Double](repeating: 0, count: qCount)
        for row in 0..<n {
            for q in 0..<qCount {
                guard let rowLevels = levels[row] else { losses[q] += 1; continue }
                losses[q] += encoded.loss(ofRow: row, q, at: rowLevels[q])
            }
        }
        if n > 0 { losses = losses.map { $0 / Double(n) } }
        // The classes a reader sees: published rows by their values; the published
        // rows that read * throughout form one more, the last (suppressed rows are
        // not published).
        let (classOfRow, classCount) = values.classes(isSuppressed: isSuppressed)
        var members = [[Int]](repeating: [], count: classCount + 1)
        for row in 0..<n where !isSuppressed[row] { members[classOfRow[row] < 0 ? classCount : classOfRow[row]].append(row) }
        // Each class's persons counted once: for the criteria and for the risk.
        let marks = DistinctMarks(encoded: encoded)
        var unitCounts: [Int] = []
        for rows in members {
            let summary = anonymizer.summary(of: rows, encoded: encoded, marks: marks)
            guard rows.isEmpty || anonymizer.meetsCriteria(summary, rowCount: rows.count) else { return nil }
            unitCounts.append(summary.size)
        }
        let starred = unitCounts[classCount]
        var discernibility = Double(suppressed) * Double(n)
        for rows in members.dropLast() { discernibility += Double(rows.count) * Double(rows.count) }
        let reportedClasses = classCount + (suppressed > 0 ? 1 : 0)
        let entropy = values.nonUniformEntropy(encoded: encoded)
        let best = Anonymizer.Evaluation(
            transformation: combinations.first?.transformation ?? Transformation(anonymizer.quasiIdentifiers.map { $0.hierarchy.height - 1 }),
            qualifies: true, suppressedRows: suppressed, publishedClasses: classCount,
            smallestClassSize: unitCounts.dropLast().min() ?? 0, lossPerQuasiIdentifier: losses,
            utility: UtilityFigures(loss: LossMetric.aggregate(losses, weights: anonymizer.lossWeights), discernibility: discernibility,
                                    nonUniformEntropy: entropy,
                                    averageClassSize: reportedClasses > 0 ? Double(n) / Double(reportedClasses) : 0))
        let published = try anonymizer.publishedColumns(of: table, removing: identifiers) { _ in
            "Generalised record by record (local recoding), each value a level of its hierarchy; suppressed records show *."
        } column: { q in
            values.column(q)
        }
        return Anonymizer.Result(
            best: best, table: published, isSuppressed: isSuppressed, latticeSize: latticeSize,
            nodesChecked: steps.reduce(0) { $0 + $1.nodesChecked }, isOptimal: false,
            encodeSeconds: 0, searchSeconds: 0, applySeconds: 0, wholeSeconds: 0,  // set by the caller
            riskBefore: riskBefore,
            riskAfter: ProsecutorRisk(classSizes: Array(unitCounts.dropLast()) + (starred > 0 ? [starred] : [])),
            levelCombinations: combinations)
    }
}

/// The values rows are published with when they sit at different levels, as
/// numbers: per quasi-identifier, one number per distinct text over all its
/// levels, so that rows whose values read the same group together whatever their
/// levels (`*` is one value, whether a level reads so or the row is withheld).
/// Grouping and counting millions of rows by these numbers, not by their texts,
/// is what keeps building a local recoding's output cheap.
private struct PublishedValues {
    /// `texts[q][id]`: the text a number stands for.
    let texts: [[String]]
    /// `ids[q][row]`: the number of the row's published text.
    let ids: [[Int32]]
    /// The number of `*`, per quasi-identifier.
    let star: [Int32]

    /// The values of rows at `levels` (`nil`: withheld).
    init(_ levels: [[Int]?], encoded: EncodedQuasiIdentifiers) {
        let columns = concurrentMap(encoded.quasiIdentifiers.count) { q in
            var idOfText: [String: Int32] = [:], texts: [String] = []
            func id(of text: String) -> Int32 {
                if let id = idOfText[text] { return id }
                idOfText[text] = Int32(texts.count)
                texts.append(text)
                return Int32(texts.count - 1)
            }
            let star = id(of: "*")
            let idOfCode = encoded.labels[q].map { $0.map(id(of:)) }
            let ids = levels.indices.map { row in
                levels[row].map { idOfCode[$0[q]][Int(encoded.code(ofRow: row, q, at: $0[q]))] } ?? star
            }
            return (texts, ids, star)
        }
        texts = columns.map(\.0)
        ids = columns.map(\.1)
        star = columns.map(\.2)
    }

    /// Each published row's class, numbered in order of first appearance, and the
    /// number of classes; -1 for withheld rows and for the published rows that
    /// read `*` throughout.
    func classes(isSuppressed: [Bool]) -> (classOfRow: [Int], count: Int) {
        let n = isSuppressed.count
        // Grouped one quasi-identifier after the other: a row's group so far and its
        // next number make a key that always fits an integer.
        var group = [Int32](repeating: 0, count: n)
        var table = KeyTable()
        var count = 1
        for q in ids.indices {
            let width = texts[q].count
            let firstRows = group.withUnsafeMutableBufferPointer { groups in
                table.group(0..<n, classLimit: .max, into: groups) { row in Int(groups[row]) * width + Int(ids[q][row]) }
            }
            count = firstRows?.count ?? 0
        }
        // The group of the rows that read * throughout, if any, and the withheld rows
        // are not classes; the others are renumbered in order.
        let starred = (0..<n).first { row in ids.indices.allSatisfy { ids[$0][row] == star[$0] } }.map { Int(group[$0]) }
        var number = [Int](repeating: -1, count: count)
        var next = 0
        var classOfRow = [Int](repeating: -1, count: n)
        for row in 0..<n where !isSuppressed[row] && Int(group[row]) != starred {
            let g = Int(group[row])
            if number[g] < 0 { number[g] = next; next += 1 }
            classOfRow[row] = number[g]
        }
        return (classOfRow, next)
    }

    /// Non-uniform entropy: over all rows and quasi-identifiers, log2 of how many
    /// rows share the published value less log2 of how many share the original.
    func nonUniformEntropy(encoded: EncodedQuasiIdentifiers) -> Double {
        var entropy = 0.0
        for q in ids.indices {
            var rowsOf = [Int](repeating: 0, count: texts[q].count)
            for id in ids[q] { rowsOf[Int(id)] += 1 }
            for id in ids[q] { entropy += log2(Double(rowsOf[Int(id)])) }
            entropy -= encoded.leafLogTotal[q]
        }
        return entropy
    }

    /// The published column of quasi-identifier `q`, its texts in order of first
    /// appearance.
    func column(_ q: Int) -> ColumnData {
        var order = [UInt32](repeating: .max, count: texts[q].count)
        var dictionary: [String] = []
        let codes = ids[q].map { id -> UInt32 in
            if order[Int(id)] == .max {
                order[Int(id)] = UInt32(dictionary.count)
                dictionary.append(texts[q][Int(id)])
            }
            return order[Int(id)]
        }
        return ColumnData(storage: .text(codes: codes, dictionary: TextDictionary(dictionary)),
                          missing: MissingMask(count: codes.count))
    }

}
