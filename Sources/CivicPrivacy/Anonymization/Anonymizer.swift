import CivicModels
import Foundation

/// Anonymises a table by full-domain generalisation and record suppression, choosing
/// the transformation with the least information loss that meets every privacy
/// criterion.
///
/// Guarantees count the privacy unit: with a person column (``privacyUnit``), every
/// published class must hold k distinct *persons*, a person counts once per distinct
/// sensitive value for l-diversity and t-closeness, and the risk is 1 / persons in
/// the class; without one, every row counts as a person of its own.
///
/// Each quasi-identifier is generalised to one level of its hierarchy for all rows.
/// Equivalence classes that still violate a criterion are suppressed (every
/// quasi-identifier set to `*`), as long as the suppressed rows stay within the
/// suppression limit; otherwise the transformation does not qualify. Among the
/// qualifying transformations the search returns one with the lowest ARX Loss
/// (see ``LossMetric``); the result says whether the search was exhaustive.
///
/// ```swift
/// let anonymizer = try Anonymizer(
///     quasiIdentifiers: [QuasiIdentifier("age", hierarchy: ageHierarchy),
///                        QuasiIdentifier("zip", hierarchy: zipHierarchy)],
///     criteria: [KAnonymity(k: 5)],
///     suppressionLimit: 0.05)
/// let result = try anonymizer.anonymize(table, removing: ["name"])
/// result.table                        // ready to publish
/// result.best.transformation          // e.g. [2, 3]
/// ```
///
/// ## Topics
/// - ``anonymize(_:removing:progressInterval:progress:)``
/// - ``evaluate(_:on:)-(Transformation,_)``
/// - ``evaluate(_:on:)-([Transformation],_)``
/// - ``Evaluation``
/// - ``Result``
public struct Anonymizer: Sendable {
    /// The columns to generalise, in lattice order.
    public let quasiIdentifiers: [QuasiIdentifier]
    /// What every published equivalence class must satisfy.
    public let criteria: [any PrivacyCriterion]
    /// The largest share of rows (0...1) that may be suppressed.
    public let suppressionLimit: Double

    /// Creates an anonymiser.
    ///
    /// - Parameters:
    ///   - quasiIdentifiers: the columns to generalise, each with its hierarchy.
    ///   - criteria: what every published class must satisfy.
    ///   - suppressionLimit: the largest share of rows (0...1) that may be suppressed.
    ///   - metric: what the search minimises.
    ///   - search: how thoroughly the lattice is searched.
    ///   - privacyUnit: the column that identifies persons (`client_id`); `nil` when
    ///     every row is a different person.
    ///   - recoding: one level per quasi-identifier for all rows, or levels per row.
    /// - Throws: ``PrivacyError/invalidParameter(_:)`` for no quasi-identifiers, no
    ///   criteria, a repeated column, a suppression limit outside 0...1, a
    ///   heuristic search budget below 1, or a privacy unit that is also a
    ///   quasi-identifier or the sensitive attribute.
    public init(quasiIdentifiers: [QuasiIdentifier], criteria: [any PrivacyCriterion],
                suppressionLimit: Double = 0, metric: UtilityMetric = .loss,
                search: SearchStrategy = .automatic, privacyUnit: String? = nil,
                recoding: Recoding = .global) throws(PrivacyError) {
        guard !quasiIdentifiers.isEmpty else {
            throw .invalidParameter(BilingualText(de: "keine Quasi-Identifikatoren", en: "no quasi-identifiers"))
        }
        guard !criteria.isEmpty else {
            throw .invalidParameter(BilingualText(de: "kein Datenschutzkriterium", en: "no privacy criterion"))
        }
        guard Set(quasiIdentifiers.map(\.name)).count == quasiIdentifiers.count else {
            throw .invalidParameter(BilingualText(de: "ein Quasi-Identifikator ist doppelt angegeben",
                                                  en: "a quasi-identifier is listed twice"))
        }
        if let bad = quasiIdentifiers.first(where: { !($0.weight > 0 && $0.weight <= 1_000) }) {
            throw .invalidParameter(BilingualText(
                de: "das Gewicht von „\(bad.name)“ muss über 0 und höchstens 1.000 sein, "
                    + "nicht \(Language.german.number(bad.weight))",
                en: "the weight of '\(bad.name)' must lie between 0 and 1,000 (exclusive of 0), not \(bad.weight)"))
        }
        if case .heuristic(let maxNodes) = search, maxNodes < 1 {
            throw .invalidParameter(BilingualText(
                de: "das Suchbudget muss mindestens 1 Vergröberung umfassen, nicht \(Language.german.integer(maxNodes))",
                en: "the search budget must be at least 1 transformation, not \(maxNodes)"))
        }
        guard (0...1).contains(suppressionLimit) else {
            throw .invalidParameter(BilingualText(
                de: "die Unterdrückungsgrenze muss zwischen 0 und 1 liegen, nicht \(Language.german.number(suppressionLimit))",
                en: "the suppression limit must lie between 0 and 1, not \(suppressionLimit)"))
        }
        let sensitive = Set(criteria.compactMap(\.sensitiveAttribute))
        guard sensitive.count <= 1 else {
            throw .invalidParameter(BilingualText(
                de: "alle Kriterien müssen dasselbe sensible Merkmal schützen, nicht "
                    + sensitive.sorted().map { "„\($0)“" }.joined(separator: " und "),
                en: "all criteria must protect the same sensitive attribute, not \(sensitive.sorted())"))
        }
        if let attribute = sensitive.first, quasiIdentifiers.contains(where: { $0.name == attribute }) {
            throw .invalidParameter(BilingualText(
                de: "„\(attribute)“ kann nicht zugleich sensibel und Quasi-Identifikator sein",
                en: "'\(attribute)' cannot be both sensitive and a quasi-identifier"))
        }
        if let privacyUnit, quasiIdentifiers.contains(where: { $0.name == privacyUnit }) || sensitive.contains(privacyUnit) {
            throw .invalidParameter(BilingualText(
                de: "die Personenspalte „\(privacyUnit)“ kann nicht zugleich Quasi-Identifikator oder sensibel sein",
                en: "the privacy unit '\(privacyUnit)' cannot also be a quasi-identifier or sensitive"))
        }
        self.privacyUnit = privacyUnit
        self.recoding = recoding
        self.quasiIdentifiers = quasiIdentifiers
        self.criteria = criteria
        self.suppressionLimit = suppressionLimit
        self.sensitiveAttribute = sensitive.first
        self.metric = metric
        self.search = search
    }

    /// The utility metric the search minimises.
    public let metric: UtilityMetric

    /// How thoroughly the lattice is searched.
    public let search: SearchStrategy

    /// The sensitive column the criteria protect, if any.
    public let sensitiveAttribute: String?

    /// The column that identifies persons, whose distinct values the criteria and
    /// the risk count; `nil` when the unit is the row.
    public let privacyUnit: String?

    /// Whether all rows of a quasi-identifier share one level (global) or not (local).
    public let recoding: Recoding

    /// What a suppressed row costs in Loss, from 0 (what generalising it by the
    /// transformation costs) to 1 (as much as `*` everywhere), as ARX's suppression
    /// factor weighs it. The steps of a local recoding price it lower, since the rows
    /// a step leaves are recoded by the next one. A suppressed row never costs less
    /// than its generalisation, so the search's lower bound holds at any cost.
    var suppressionCost = 1.0

    /// What one transformation does to a table.
    public struct Evaluation: Sendable, Equatable {
        /// The transformation.
        public var transformation: Transformation
        /// Whether every published class meets the criteria with suppression within
        /// the limit.
        public var qualifies: Bool
        /// Rows in classes that violate a criterion (suppressed if the
        /// transformation is applied).
        public var suppressedRows: Int
        /// Equivalence classes that are published (not suppressed).
        public var publishedClasses: Int
        /// The smallest published class (0 if none), in the privacy unit: distinct
        /// persons with a ``Anonymizer/privacyUnit``, else rows.
        public var smallestClassSize: Int
        /// The loss of each quasi-identifier, suppressed rows counting 1.
        public var lossPerQuasiIdentifier: [Double]
        /// The combined loss (see ``LossMetric``).
        public var loss: Double { utility.loss }
        /// Every utility metric.
        public var utility: UtilityFigures
    }

    /// What ``anonymize(_:removing:progressInterval:progress:)`` found and made.
    public struct Result: Sendable {
        /// The chosen transformation and its figures.
        public var best: Evaluation
        /// The anonymised table: identifiers removed, quasi-identifiers generalised,
        /// suppressed rows `*`, all else unchanged, rows in input order.
        public var table: Table
        /// For each row of ``table``, whether it was suppressed. (A `*` does not tell:
        /// a published row reads `*` wherever a quasi-identifier is at its top level.)
        public var isSuppressed: [Bool]
        /// The number of transformations in the lattice (`Int.max` if larger).
        public var latticeSize: Int
        /// How many transformations were evaluated.
        public var nodesChecked: Int
        /// Whether the search is guaranteed to have found the optimum (always, unless a
        /// heuristic search ran out of budget first; see ``SearchStrategy``).
        public var isOptimal: Bool
        /// Seconds spent preparing the table for the search: every quasi-identifier
        /// (and the sensitive attribute) turned into integer codes, one lookup in
        /// the hierarchy per distinct value.
        public var encodeSeconds: Double
        /// Seconds spent searching the lattice for the best transformation: the
        /// encoded rows grouped into the classes of the untransformed table (the
        /// lattice's bottom, which every other node is rolled up from), then the
        /// transformations evaluated until the best is found.
        public var searchSeconds: Double
        /// Seconds spent applying the chosen transformation: grouping the rows,
        /// judging their classes, and writing the generalised table.
        public var applySeconds: Double
        /// Seconds for the whole ``Anonymizer/anonymize(_:removing:progressInterval:progress:)``
        /// call: encoding, searching and applying, and the checks and risk figures
        /// around them.
        ///
        /// With local recoding each of the other three adds up its phase over every
        /// encoding, global search and output of the call (the iterative steps and
        /// the global candidate), and the time of the top-down specialisation (where
        /// one is computed) is counted only here.
        public var wholeSeconds: Double
        /// Prosecutor risk over the quasi-identifiers before, per person when there
        /// is a privacy unit (1 / distinct persons in the class).
        public var riskBefore: ProsecutorRisk
        /// Prosecutor risk of the published rows (``publishedTable``), counted the same
        /// way; suppressed rows are not published, so they do not count.
        public var riskAfter: ProsecutorRisk
        /// The combinations of levels the published rows sit at, each with its row
        /// count, most rows first: one with global recoding, several with local
        /// recoding (``best`` then holds the most common combination and the figures
        /// of the whole result).
        public var levelCombinations: [LevelCombination]

        /// How many published rows sit at `level` of quasi-identifier `q`.
        public func publishedRows(atLevel level: Int, of q: Int) -> Int {
            levelCombinations.lazy.filter { $0.transformation.levels[q] == level }.reduce(0) { $0 + $1.publishedRows }
        }

        /// The levels of quasi-identifier `q` that published rows sit at, each with
        /// its share of the published rows, lowest level first.
        public func levelShares(of q: Int) -> [(level: Int, share: Double)] {
            let published = levelCombinations.reduce(0) { $0 + $1.publishedRows }
            guard published > 0 else { return [] }
            return Set(levelCombinations.map { $0.transformation.levels[q] }).sorted().map { level in
                (level, Double(publishedRows(atLevel: level, of: q)) / Double(published))
            }
        }

        /// "0: 61 %, 1: 39 %": ``levelShares(of:)`` as text, for messages and reports.
        public func levelSharesText(of q: Int) -> String {
            levelShares(of: q).map { share in
                let percent = Int((share.share * 100).rounded())
                return "\(share.level): " + (percent == 0 ? "<1 %" : "\(percent) %")
            }.joined(separator: ", ")
        }

        /// The rows to publish: ``table`` without its suppressed rows (made anew on
        /// each call).
        public var publishedTable: Table { table.filtering { !isSuppressed[$0] } }
    }

    // MARK: Evaluating

    /// The figures of one transformation on `table`.
    public func evaluate(_ transformation: Transformation, on table: Table) throws -> Evaluation {
        evaluate(transformation, encoded: try encode(table))
    }

    /// The figures of several transformations on `table` (the table is prepared once).
    public func evaluate(_ transformations: [Transformation], on table: Table) throws -> [Evaluation] {
        let encoded = try encode(table)
        return transformations.map { evaluate($0, encoded: encoded) }
    }

    /// The table prepared for evaluation: quasi-identifiers and sensitive values as codes.
    func encode(_ table: Table) throws -> EncodedQuasiIdentifiers {
        try EncodedQuasiIdentifiers(table, quasiIdentifiers: quasiIdentifiers, sensitiveAttribute: sensitiveAttribute,
                                    sensitiveOrder: criteria.lazy.compactMap(\.sensitiveValueOrder).first,
                                    privacyUnit: privacyUnit)
    }

    /// Refuses diversity the data cannot have: l above the number of sensitive values.
    func checkFeasible(_ encoded: EncodedQuasiIdentifiers) throws(PrivacyError) {
        let values = encoded.sensitiveValueCount
        for criterion in criteria {
            let l: Double? = (criterion as? DistinctLDiversity).map { Double($0.l) }
                ?? (criterion as? EntropyLDiversity).map(\.l) ?? (criterion as? RecursiveCLDiversity).map { Double($0.l) }
            if let l, l > Double(values) {
                throw .invalidParameter(BilingualText(
                    de: "\(criterion.summary(in: .german)): „\(sensitiveAttribute ?? "")“ hat nur "
                        + "\(Language.german.integer(values)) verschiedene Werte",
                    en: "\(criterion.summary): '\(sensitiveAttribute ?? "")' has only \(values) different values"))
            }
        }
    }

    /// The most rows of `rowCount` that may be suppressed.
    func allowedSuppressedRows(of rowCount: Int) -> Int {
        Int((suppressionLimit * Double(rowCount) + 1e-9).rounded(.down))
    }

    /// The most equivalence classes a qualifying transformation can have: each
    /// published class holds at least the criteria's minimum class size, and each
    /// suppressed one at least one of the rows that may be suppressed.
    func classLimit(rowCount: Int) -> Int {
        rowCount / max(minimumClassSize, 1) + allowedSuppressedRows(of: rowCount)
    }

    /// The quasi-identifiers' weights in Loss.
    var lossWeights: [Double] { quasiIdentifiers.map(\.weight) }

    /// The fewest rows a class needs to satisfy every criterion.
    var minimumClassSize: Int { criteria.map(\.minimumClassSize).max() ?? 1 }

    /// Whether `rows`, published as one class, meet every criterion, counted in
    /// persons with a privacy unit: for the groupings the lattice search does not
    /// make (local recoding's splits, and its classes merged from several steps).
    ///
    /// `marks`, when given, counts without hashing (for many groups in turn).
    func meetsCriteria(_ rows: [Int], encoded: EncodedQuasiIdentifiers, marks: DistinctMarks? = nil) -> Bool {
        guard rows.count >= minimumClassSize else { return false }
        return meetsCriteria(summary(of: rows, encoded: encoded, marks: marks), rowCount: rows.count)
    }

    /// Whether a class of `rowCount` rows whose persons `summary` counts meets every
    /// criterion.
    func meetsCriteria(_ summary: EquivalenceClassSummary, rowCount: Int) -> Bool {
        rowCount >= minimumClassSize && criteria.allSatisfy { $0.isSatisfied(by: summary) }
    }

    /// What the criteria judge of `rows` published as one class: its distinct
    /// persons, and per sensitive value the persons with it.
    func summary(of rows: [Int], encoded: EncodedQuasiIdentifiers, marks: DistinctMarks?) -> EquivalenceClassSummary {
        var counts = [Int](repeating: 0, count: encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount)
        let persons = encoded.distinctUnits(of: rows, marks: marks, sensitiveCounts: &counts)
        return EquivalenceClassSummary(size: persons, sensitiveCounts: counts[...],
                                       tableDistribution: encoded.sensitiveDistribution)
    }

    /// Which classes of `snapshot` every criterion accepts.
    func publishable(_ snapshot: ClassSnapshot, encoded: EncodedQuasiIdentifiers) -> [Bool] {
        judge(snapshot, encoded: encoded, monotonePart: false).publishable
    }

    /// Which classes of `snapshot` every criterion accepts, and, when `monotonePart`
    /// is set, the rows in classes that fail its monotone part (the size rule or a
    /// monotone criterion; see ``evaluateForSearch(_:encoded:)``), else 0. Each
    /// class is summarised once for both.
    private func judge(_ snapshot: ClassSnapshot, encoded: EncodedQuasiIdentifiers, monotonePart: Bool)
        -> (publishable: [Bool], rowsFailingMonotonePart: Int) {
        // A class smaller than some criterion's minimum size fails without a closer look.
        let minimumSize = minimumClassSize
        let monotone = monotonePart ? criteria.filter(isMonotone) : []
        var rowsFailingMonotonePart = 0
        let publishable = (0..<snapshot.count).map { c in
            guard snapshot.unitCount(of: c) >= minimumSize else {
                if monotonePart { rowsFailingMonotonePart += snapshot.sizes[c] }
                return false
            }
            let summary = snapshot.summary(of: c, encoded: encoded)
            if criteria.allSatisfy({ $0.isSatisfied(by: summary) }) { return true }
            if monotonePart && !monotone.allSatisfy({ $0.isSatisfied(by: summary) }) {
                rowsFailingMonotonePart += snapshot.sizes[c]
            }
            return false
        }
        return (publishable, rowsFailingMonotonePart)
    }

    func evaluate(_ transformation: Transformation, encoded: EncodedQuasiIdentifiers) -> Evaluation {
        evaluate(ClassSnapshot(levels: transformation.levels, from: nil, encoded: encoded), encoded: encoded)
    }

    /// The figures of the transformation whose classes `snapshot` holds: one pass over
    /// the classes, none over the rows.
    func evaluate(_ snapshot: ClassSnapshot, encoded: EncodedQuasiIdentifiers) -> Evaluation {
        evaluateForSearch(snapshot, encoded: encoded).evaluation
    }

    /// Whether a criterion is monotone as this anonymiser counts (with or without
    /// suppression, in persons or rows): a transformation that fails it makes every
    /// less general one fail it too.
    func isMonotone(_ criterion: any PrivacyCriterion) -> Bool {
        criterion.isMonotone(withSuppression: suppressionLimit > 0, countingPersons: privacyUnit != nil)
    }

    /// The figures of the transformation whose classes `snapshot` holds, and whether it
    /// fails on the monotone part of the criteria alone: the size rule (a class needs
    /// ``minimumClassSize`` units) and every monotone criterion, with suppression within
    /// the limit. Then every less general transformation fails too, and the search may
    /// rule them out even where another criterion (t-closeness in persons) is not
    /// monotone. With monotone criteria only, that is every failing transformation.
    func evaluateForSearch(_ snapshot: ClassSnapshot, encoded: EncodedQuasiIdentifiers)
        -> (evaluation: Evaluation, failsMonotonically: Bool) {
        let levels = snapshot.levels
        let sizes = snapshot.sizes
        let allMonotone = criteria.allSatisfy(isMonotone)
        let (published, rowsFailingMonotonePart) = judge(snapshot, encoded: encoded, monotonePart: !allMonotone)
        var suppressed = 0, publishedClasses = 0, smallest = Int.max
        for (c, ok) in published.enumerated() {
            if ok {
                publishedClasses += 1
                smallest = min(smallest, snapshot.unitCount(of: c))
            } else {
                suppressed += sizes[c]
            }
        }
        let n = encoded.rowCount
        let allowed = allowedSuppressedRows(of: n)
        // Discernibility, class count for the average size, and entropy.
        var discernibility = Double(suppressed) * Double(n)
        for (size, ok) in zip(sizes, published) where ok { discernibility += Double(size) * Double(size) }
        let classCount = publishedClasses + (suppressed > 0 ? 1 : 0)
        var entropy = 0.0
        var losses: [Double] = []
        // With rows withheld, only the published classes are added up: what the
        // withheld rows add follows from the totals over all rows, computed once per
        // level. In a local recoding's steps most classes are small and withheld, and
        // adding up every class was a quarter of the time on UCI Adult (perf).
        let publishedClassIndices = suppressed == 0 ? [] : published.indices.filter { published[$0] }
        for (q, level) in levels.enumerated() {
            if suppressed == 0 {
                // Nothing suppressed: the figures of the level, computed once.
                entropy += encoded.totalEntropy[q][level]
                losses.append(encoded.meanLoss[q][level])
                continue
            }
            // A class's rows share their generalised code; a withheld row is published
            // at the top of the hierarchy.
            let top = encoded.codeOfLeaf[q].count - 1
            var publishedLoss = 0.0, publishedLog = 0.0, publishedTopLog = 0.0
            let width = levels.count
            snapshot.codes.withUnsafeBufferPointer { codes in
            sizes.withUnsafeBufferPointer { sizes in
            encoded.loss[q][level].withUnsafeBufferPointer { codeLoss in
            encoded.logCodeFrequency[q][level].withUnsafeBufferPointer { logCode in
            encoded.logCodeFrequency[q][top].withUnsafeBufferPointer { topLog in
            encoded.levelMap[q][level][top].withUnsafeBufferPointer { topCode in
                for c in publishedClassIndices {
                    let code = Int(codes[c &* width &+ q]), size = Double(sizes[c])
                    publishedLoss += size * codeLoss[code]
                    publishedLog += size * logCode[code]
                    publishedTopLog += size * topLog[Int(topCode[code])]
                }
            }}}}}}
            // Loss: a withheld row costs 1, or at a lower suppressionCost c its
            // generalised value's loss l plus c (1 - l); summed over the withheld rows,
            // (1 - c) times their loss (all rows' less the published ones') plus c per row.
            let allLoss = encoded.meanLoss[q][level] * Double(n)
            let total = suppressionCost >= 1
                ? publishedLoss + Double(suppressed)
                : suppressionCost * publishedLoss + (1 - suppressionCost) * allLoss + suppressionCost * Double(suppressed)
            losses.append(n > 0 ? total / Double(n) : 0)
            // Entropy: each row's log2 frequency of its published value, less that of its
            // original value. Over all rows at the top level that is `totalEntropy[q][top]`;
            // the published rows replace their share of it by their own level's.
            entropy += encoded.totalEntropy[q][top] + publishedLog - publishedTopLog
        }
        let evaluation = Evaluation(
            transformation: Transformation(levels), qualifies: suppressed <= allowed,
            suppressedRows: suppressed, publishedClasses: publishedClasses,
            smallestClassSize: smallest == .max ? 0 : smallest, lossPerQuasiIdentifier: losses,
            utility: UtilityFigures(loss: LossMetric.aggregate(losses, weights: lossWeights), discernibility: discernibility,
                                    nonUniformEntropy: entropy,
                                    averageClassSize: classCount > 0 ? Double(n) / Double(classCount) : 0))
        // With monotone criteria only, the monotone part is all of them.
        let failsMonotonically = allMonotone ? !evaluation.qualifies : rowsFailingMonotonePart > allowed
        return (evaluation, failsMonotonically)
    }

    // MARK: Searching

    /// Finds the qualifying transformation with the least loss and applies it.
    ///
    /// - Parameters:
    ///   - table: the rows to anonymise.
    ///   - identifiers: columns to remove entirely (names, client numbers).
    ///   - progressInterval: the least time between two calls of `progress`.
    ///   - progress: called with how far the search has come, at most once per
    ///     `progressInterval` (for apps that show that a long search is working).
    /// - Throws: ``PrivacyError/noSolution`` when nothing qualifies (fail closed: no
    ///   table is returned), ``PrivacyError/noSolutionWithinBudget(_:)`` when a
    ///   heuristic search found nothing within its budget, ``PrivacyError/unknownColumn(_:)``, or a
    ///   ``HierarchyError`` for a value a hierarchy does not cover.
    public func anonymize(_ table: Table, removing identifiers: [String] = [],
                          progressInterval: Duration = .seconds(2),
                          progress: ((SearchProgress) -> Void)? = nil) throws -> Result {
        if recoding == .local {
            return try anonymizeLocally(table, removing: identifiers, progressInterval: progressInterval, progress: progress)
        }
        let clock = ContinuousClock()
        let start = clock.now
        for name in identifiers where table.column(named: name) == nil { throw PrivacyError.unknownColumn(name) }
        let encoded = try encode(table)
        let encoding = start.duration(to: clock.now)
        try checkFeasible(encoded)
        var result = try anonymizeGlobally(table, encoded: encoded, removing: identifiers, progressInterval: progressInterval,
                                           progress: progress)
        result.encodeSeconds = encoding.inSeconds
        result.wholeSeconds = start.duration(to: clock.now).inSeconds
        return result
    }

    /// The optimal global transformation of `table`, whose quasi-identifiers are
    /// already `encoded` (and grouped into `bottom`, when given), applied; the
    /// result's encode and whole times are left at 0. With `valueToBeat`, only a
    /// transformation better than that value of the metric is looked for, and
    /// ``PrivacyError/noSolution`` thrown when none is.
    func anonymizeGlobally(_ table: Table, encoded: EncodedQuasiIdentifiers, bottom: BottomClasses? = nil,
                           valueToBeat: Double? = nil, removing identifiers: [String], progressInterval: Duration,
                           progress: ((SearchProgress) -> Void)?) throws -> Result {
        let clock = ContinuousClock()
        // The search starts by grouping the rows into the classes of the lattice's bottom.
        let searchStart = clock.now
        var lattice = LatticeSearch(anonymizer: self, encoded: encoded, strategy: search, bottom: bottom,
                                    valueToBeat: valueToBeat,
                                    progress: progress.map { ProgressReporter(every: progressInterval, $0) })
        lattice.run()
        let searching = searchStart.duration(to: clock.now)
        guard var best = lattice.best else {
            throw lattice.isOptimal ? PrivacyError.noSolution : PrivacyError.noSolutionWithinBudget(lattice.nodesChecked)
        }
        let applyStart = clock.now
        let (published, isSuppressed, publishedClassSizes, smallest) = try apply(best, to: table, encoded: encoded,
                                                                                 from: lattice.bottom, removing: identifiers)
        // The search may have judged persons by lower bounds; the figures are counted.
        best.smallestClassSize = smallest
        let applying = applyStart.duration(to: clock.now)
        return Result(best: best, table: published, isSuppressed: isSuppressed, latticeSize: lattice.latticeSize,
                      nodesChecked: lattice.nodesChecked, isOptimal: lattice.isOptimal,
                      encodeSeconds: 0, searchSeconds: searching.inSeconds,
                      applySeconds: applying.inSeconds, wholeSeconds: 0,
                      riskBefore: ProsecutorRisk(classSizes: lattice.originalClassSizes),
                      riskAfter: ProsecutorRisk(classSizes: publishedClassSizes),
                      levelCombinations: [LevelCombination(transformation: best.transformation,
                                                           publishedRows: table.rowCount - best.suppressedRows)])
    }

    /// The table generalised by `evaluation`'s transformation, violating classes
    /// suppressed, identifiers removed; which rows were suppressed; the sizes of
    /// the published equivalence classes as a reader sees them (published classes
    /// that read `*` throughout form one); and the smallest published class before
    /// that merge, counted (the search may only have bounded it).
    ///
    /// The work is done on the classes of the untransformed data (`bottom`, a few
    /// thousand where the rows are millions): they are rolled up to the
    /// transformation's classes and judged, each gets its published values, and
    /// the rows take theirs from their class in one pass per column.
    func apply(_ evaluation: Evaluation, to table: Table, encoded: EncodedQuasiIdentifiers,
               from bottom: BottomClasses,
               removing identifiers: [String]) throws
        -> (table: Table, isSuppressed: [Bool], classSizes: [Int], smallestClassSize: Int) {
        let levels = evaluation.transformation.levels
        let (snapshot, classOfBottom, published, suppressedBottom, isSuppressed)
            = classes(at: levels, encoded: encoded, from: bottom)
        var classSizes: [Int] = [], starred: [Bool] = [], smallest = Int.max
        for c in 0..<snapshot.count {
            if published[c] { smallest = min(smallest, snapshot.unitCount(of: c)) }
            let readsStar = levels.indices.allSatisfy { encoded.labels[$0][levels[$0]][Int(snapshot.code(of: c, in: $0))] == "*" }
            if published[c] && !readsStar { classSizes.append(snapshot.unitCount(of: c)) }
            starred.append(!published[c] || readsStar)
        }
        // The published rows that read * throughout form one class for a reader: its
        // persons, or rows. Suppressed rows are not published (see `publishedTable`).
        let starredUnits = encoded.units.map { units in
            let starredBottom = classOfBottom.map { starred[Int($0)] && published[Int($0)] }
            return Set((0..<table.rowCount).lazy.filter { starredBottom[Int(bottom.classOfRow[$0])] }
                .map { units.personOfRow[$0] }).count
        } ?? (0..<snapshot.count).reduce(0) { $0 + (starred[$1] && published[$1] ? snapshot.sizes[$1] : 0) }
        if starredUnits > 0 { classSizes.append(starredUnits) }
        // Each column from the codes: its level's values, written once each.
        let generalized = concurrentMap(levels.count) { q in
            encoded.generalizedColumn(q, at: levels[q], bottom: bottom, isSuppressed: suppressedBottom)
        }
        let output = try publishedColumns(of: table, removing: identifiers) { q in
            "Generalised to level \(levels[q]) of \(quasiIdentifiers[q].hierarchy.height - 1); suppressed records show *."
        } column: { q in
            generalized[q]
        }
        return (output, isSuppressed, classSizes, smallest == .max ? 0 : smallest)
    }

    /// The classes at `levels`, rolled up from those of the untransformed data
    /// (`bottom`): each bottom class's class, which classes are published, and so
    /// which bottom classes and which rows are suppressed.
    func classes(at levels: [Int], encoded: EncodedQuasiIdentifiers, from bottom: BottomClasses)
        -> (snapshot: ClassSnapshot, classOfBottom: [Int32], published: [Bool], suppressedBottom: [Bool], isSuppressed: [Bool]) {
        var keyTable = KeyTable(), classOfBottom: [Int32] = []
        let snapshot = ClassSnapshot(levels: levels, from: bottom.snapshot, encoded: encoded, table: &keyTable,
                                     classOfItem: &classOfBottom)
        let published = publishable(snapshot, encoded: encoded)
        let suppressedBottom = classOfBottom.map { !published[Int($0)] }
        let isSuppressed = bottom.classOfRow.map { suppressedBottom[Int($0)] }
        return (snapshot, classOfBottom, published, suppressedBottom, isSuppressed)
    }

    /// `table` with `identifiers` removed and each quasi-identifier `q` replaced by
    /// the text column `column(q)`, described by `description(q)`: the output of
    /// global and local recoding alike.
    func publishedColumns(of table: Table, removing identifiers: [String], description: (Int) -> String,
                          column: (Int) -> ColumnData) throws -> Table {
        let removed = Set(identifiers)
        var fields: [Field] = [], columns: [ColumnData] = []
        for (index, field) in table.schema.fields.enumerated() where !removed.contains(field.name) {
            guard let q = quasiIdentifiers.firstIndex(where: { $0.name == field.name }) else {
                fields.append(field)
                columns.append(table.columns[index])
                continue
            }
            columns.append(column(q))
            var generalized = Field(field.name, type: .string, role: .quasiIdentifier, title: field.title)
            generalized.description = description(q)
            fields.append(generalized)
        }
        var schema = table.schema
        schema.fields = fields
        schema.primaryKey = schema.primaryKey.filter { !removed.contains($0) }
        return try Table(schema: schema, columns: columns)
    }
}

extension Duration {
    /// The duration in seconds, as the timers of ``Anonymizer/Result`` report it.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
