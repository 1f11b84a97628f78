import HeapModule

/// Finds the qualifying transformation with the least value of the chosen metric,
/// exactly when it may look at as many transformations as it takes, and as well as
/// it can within a budget when it may not (see ``SearchStrategy``).
///
/// Two facts prune the lattice (the same ones the Flash algorithm of Kohlmayer et al.
/// 2012 builds on):
/// - Monotone criteria: if a transformation does not qualify, no less general one
///   does, so those are ruled out without evaluation. Where some criterion is not
///   monotone (t-closeness counted in persons), this holds for the failures of the
///   monotone part: a transformation whose classes fail k-anonymity (or the other
///   monotone criteria) beyond the suppression limit rules out every less general one.
/// - A lower bound on loss: suppressing a row costs 1, at least what generalising it
///   would, so a transformation's loss is at least its loss without suppression,
///   which depends only on its levels (the mean loss of each level, computed once)
///   and grows with generalisation. Visiting transformations by increasing bound
///   (best first, from the bottom of the lattice, through a priority queue), the
///   search has proven its optimum as soon as the next bound exceeds the best value
///   found.
/// - A tighter bound below a transformation that withholds rows: with monotone
///   criteria, a class that fails them splits into classes that fail them too, so
///   every less general transformation withholds at least the same rows, each
///   costing at least what it costs there beyond its generalisation. A node whose
///   bound with that share exceeds the best value found is passed over unevaluated
///   (see ``boundWithWithheldRows(_:)``).
///
/// Four techniques find failing transformations early and make evaluations cheap:
/// - Projections: for each quasi-identifier, the levels that fail even with all
///   else generalised to `*` rule out every transformation at those levels.
/// - Climbing: from a failing node, bisection along a chain towards the top finds a
///   failing node as general as possible, which rules out everything below it (the
///   path traversal of Flash, in another form).
/// - Giving up early: a transformation with more classes than can qualify (see
///   ``Anonymizer/classLimit(rowCount:)``) fails as soon as the grouping has seen that
///   many; counting persons, one whose classes of too few rows already hold more
///   rows than may be withheld fails before its persons are counted.
/// - Roll-up: a node's classes are computed from the cached classes of a less general
///   node (``ClassSnapshot``), not from the rows.
///
/// With a node budget (lattices too large to search exhaustively), it first finds
/// good qualifying transformations quickly, in the spirit of ARX's Lightning
/// heuristic (Prasser et al. 2016): a greedy path up from the bottom that always
/// moves to the successor suppressing the fewest rows; a steepest descent from where
/// it ends and from the top of the lattice, moving to the best qualifying neighbour
/// (one level lower, or one level moved between two quasi-identifiers) while that is
/// better; and an iterated local search (random kicks, then descents) on half the
/// budget. The best-first search then goes on from the bottom until the budget is
/// spent; if it finishes first, the result is optimal after all.
struct LatticeSearch {
    let anonymizer: Anonymizer
    let encoded: EncodedQuasiIdentifiers
    /// The most transformations to evaluate (`nil`: as many as it takes).
    let nodeBudget: Int?
    /// The number of transformations in the lattice (`Int.max` if it does not fit).
    let latticeSize: Int
    /// The best qualifying transformation found (that beats ``valueToBeat``).
    private(set) var best: Anonymizer.Evaluation?
    /// A value of the metric found elsewhere that only a better transformation is
    /// worth finding for: the search looks no further than it, as if it had found
    /// a transformation of that value, and keeps none that is not better.
    let valueToBeat: Double?
    /// How far above the optimum the best transformation found may be, as a share of
    /// it: the search stops once no transformation left can beat the best found by
    /// more than that (0: it proves the optimum). Every bound is compared with the
    /// best value divided by 1 plus the gap, so whatever is passed over has a value
    /// above that, and the best found is at most 1 plus the gap times the optimum.
    let optimalityGap: Double
    /// Transformations evaluated.
    private(set) var nodesChecked = 0
    /// Whether the best transformation is proven optimal (within ``optimalityGap``).
    private(set) var isOptimal = false

    /// Transformations taken from the queue and ruled out without evaluation: cheap,
    /// but not free, so a budget bounds them too (at `rulingOutFactor` times the
    /// evaluations it allows).
    private var nodesRuledOut = 0
    private static let rulingOutFactor = 20
    private let heights: [Int]
    /// Whether every criterion is monotone, so that every failure prunes and every
    /// qualifying transformation shows that the more general ones qualify.
    private let monotone: Bool
    /// The highest transformations found that fail the monotone part of the criteria
    /// (see ``Anonymizer/evaluateForSearch(_:encoded:)``): every transformation at most
    /// as general as one of them fails too.
    private(set) var failing: [Transformation] = []
    /// The lowest transformations found that pass the monotone part of the criteria
    /// (with monotone criteria only: that qualify): every transformation at least as
    /// general as one of them passes it too, which the climb and the projections need
    /// to know without evaluating it (predictive tagging upwards, as Flash does).
    private var passing: [Transformation] = []
    /// The climbs' tests of transformations above the cutoff (whose bound exceeds the
    /// best value found): how many, and how many of them qualified.
    private var probesAboveCutoff = (tried: 0, qualified: 0)
    /// What an evaluation found.
    private enum Verdict {
        /// It fails; `monotonically` when the monotone part of the criteria fails
        /// (then every less general transformation fails too).
        case fails(monotonically: Bool)
        case qualifies(value: Double)

        /// The metric's value, for a qualifying transformation.
        var value: Double? {
            if case .qualifies(let value) = self { return value }
            return nil
        }
    }
    /// Every transformation evaluated so far.
    private var verdicts: [Transformation: Verdict] = [:]
    /// Qualifying transformations that withhold rows (with monotone criteria and
    /// Loss as the metric), each with what its withheld rows add to each
    /// quasi-identifier's loss beyond their generalisation: at least that much is
    /// added to every less general transformation (see ``boundWithWithheldRows(_:)``).
    private var withheldShares: [(node: Transformation, share: [Double])] = []
    /// The transformations passed over because their bound with the withheld rows'
    /// share exceeded the best value found.
    private(set) var nodesCutByWithheldRows = 0
    private var snapshots: SnapshotCache
    /// More classes than this and a transformation cannot qualify.
    private let classLimit: Int
    /// More rows than this in classes too small for the criteria, and it cannot either.
    private let withholding: WithholdingLimit

    /// Told how far the search has come, now and then.
    private var progress: ProgressReporter?

    /// A search of `encoded`'s lattice; `bottom`, when given, must be `encoded`'s
    /// bottom classes (as ``BottomClasses/init(encoded:)`` makes them), shared with
    /// another search of the same rows. `knownFailing` are transformations known to
    /// fail the monotone part of the criteria on these rows, with every less general
    /// one: they are ruled out without evaluation. `valueToBeat`: see ``valueToBeat``.
    init(anonymizer: Anonymizer, encoded: EncodedQuasiIdentifiers, strategy: SearchStrategy,
         bottom: BottomClasses? = nil, knownFailing: [Transformation] = [], valueToBeat: Double? = nil,
         optimalityGap: Double = 0, progress: ProgressReporter? = nil) {
        self.valueToBeat = valueToBeat
        self.optimalityGap = optimalityGap
        self.progress = progress
        self.anonymizer = anonymizer
        self.encoded = encoded
        heights = encoded.heights
        latticeSize = Transformation.latticeSize(heights: heights)
        nodeBudget = strategy.nodeBudget(latticeSize: latticeSize)
        monotone = anonymizer.criteria.allSatisfy(anonymizer.isMonotone)
        snapshots = SnapshotCache(encoded: encoded, bottom: bottom)
        classLimit = anonymizer.classLimit(rowCount: encoded.rowCount)
        withholding = WithholdingLimit(anonymizer: anonymizer, encoded: encoded)
        for node in knownFailing { recordFailing(node) }
    }

    /// The sizes of the classes of the data as it is (for the risk before).
    var originalClassSizes: [Int] { snapshots.bottom.unitCounts }

    /// The classes of the data as it is, and each row's class among them: what the
    /// chosen transformation is applied from.
    var bottom: BottomClasses { snapshots.bottom }

    /// A lower bound of the metric for a transformation and every more general one:
    /// its value if nothing were suppressed (suppressing a row costs at least as much
    /// as generalising it), for the metrics where that holds; 0 otherwise (no bound).
    func lowerBound(_ transformation: Transformation) -> Double {
        switch anonymizer.metric {
        case .loss:
            return LossMetric.aggregate(transformation.levels.enumerated().map { encoded.meanLoss[$0][$1] },
                                        weights: anonymizer.lossWeights)
        case .nonUniformEntropy:
            return transformation.levels.enumerated().reduce(0) { $0 + encoded.totalEntropy[$1.offset][$1.element] }
        case .discernibility, .averageClassSize:
            return 0
        }
    }

    /// A lower bound of the metric for `node`, tighter than ``lowerBound(_:)`` where a
    /// more general transformation was found to withhold rows: those rows are
    /// withheld at `node` too (its classes split the other's, and monotone criteria
    /// fail the parts of a failing class), and each costs there at least what it
    /// costs at the other beyond its generalisation, since generalising it less
    /// lowers its loss and so raises that share (c (1 - l) for a suppression cost c).
    /// Taken per quasi-identifier, as the largest such share of any of them.
    func boundWithWithheldRows(_ node: Transformation) -> Double {
        var floors: [Double]?
        for entry in withheldShares where node.isAtMostAsGeneral(as: entry.node) {
            floors = zip(floors ?? entry.share, entry.share).map { max($0, $1) }
        }
        guard let floors else { return lowerBound(node) }
        return LossMetric.aggregate(node.levels.enumerated().map { encoded.meanLoss[$0][$1] + floors[$0] },
                                    weights: anonymizer.lossWeights)
    }

    mutating func run() {
        ruleOutByProjections()
        if nodeBudget != nil {
            diveToFirstSolution()
            if let best { descend(from: best.transformation) }
            let top = Transformation(heights.map { $0 - 1 })
            if !budgetSpent && qualifies(top) { descend(from: top) }
            if let nodeBudget { perturbAndDescend(until: nodeBudget / 2) }
        }
        searchBestFirst()
    }

    // MARK: The exact search

    /// A transformation waiting in the queue, ordered by bound, then by height and levels.
    private struct Candidate: Comparable {
        let bound: Double
        let node: Transformation
        static func < (a: Candidate, b: Candidate) -> Bool {
            a.bound != b.bound ? a.bound < b.bound : a.node < b.node
        }
    }

    /// Visits transformations by increasing lower bound until the bound exceeds the
    /// best value found (the optimum is proven), the lattice is exhausted (likewise),
    /// or the budget is spent (it is not).
    private mutating func searchBestFirst() {
        let bottom = Transformation(Array(repeating: 0, count: heights.count))
        var queue = Heap<Candidate>()
        var queued: Set<Transformation> = [bottom]
        queue.insert(Candidate(bound: lowerBound(bottom), node: bottom))
        while let candidate = queue.popMin() {
            if let cutoff, candidate.bound > cutoff {
                isOptimal = true
                return
            }
            if budgetSpent { return }
            let node = candidate.node
            for successor in node.successors(heights: heights) where queued.insert(successor).inserted {
                queue.insert(Candidate(bound: lowerBound(successor), node: successor))
            }
            if verdicts[node] != nil || isRuledOut(node) {
                nodesRuledOut += 1
                continue
            }
            if let cutoff, boundWithWithheldRows(node) > cutoff {
                nodesRuledOut += 1
                nodesCutByWithheldRows += 1
                continue
            }
            if !qualifies(node), case .fails(monotonically: true) = verdicts[node] { climb(from: node) }
        }
        isOptimal = true
    }

    /// The node fails the monotone part of the criteria, and so does everything below
    /// it. Climb to such a node as general as possible: one failing node high up rules
    /// out many more than the one we started from (the path idea of Flash).
    ///
    /// The climb follows a chain from the node to the top of the lattice that raises
    /// one quasi-identifier after the other, level by level. Along a chain the
    /// failing nodes come first, so bisection finds the last one while testing
    /// mostly general nodes, which have few classes and are cheap to evaluate. The
    /// quasi-identifier whose next level qualifies is done (at any more general node
    /// it qualifies too), and the climb goes on along a chain through the ones after
    /// it, until every successor of the node reached qualifies.
    private mutating func climb(from node: Transformation) {
        var highest = node
        var remaining = Array(heights.indices)
        while !budgetSpent {
            // The chain's steps: (quasi-identifier, level) in the order they are applied.
            let steps = remaining.flatMap { q in ((highest.levels[q] + 1)..<heights[q]).map { (q: q, level: $0) } }
            func node(after count: Int) -> Transformation {
                var levels = highest.levels
                for step in steps[..<count] { levels[step.q] = step.level }
                return Transformation(levels)
            }
            // Invariant: `low` steps fail, `high` steps qualify or lie above the cutoff
            // where the climb stops there (`steps.count + 1`: none do).
            var low = 0, high = steps.count + 1
            let limit = cutoff ?? .infinity
            if climbsStopAtCutoff {
                while high - 1 > low, boundWithWithheldRows(node(after: high - 1)) > limit { high -= 1 }
            }
            // The steps of a local recoding gallop from the failing end (1, 2, 4, ... steps up)
            // until a test qualifies, then bisect; see ``climbsGallop``.
            var jump = 1, bisecting = !climbsGallop
            while high - low > 1 && !budgetSpent {
                let middle = bisecting ? (low + high) / 2 : min(low + jump, high - 1)
                let candidate = node(after: middle)
                let qualifying = passesMonotonePart(candidate)
                if boundWithWithheldRows(candidate) > limit {
                    probesAboveCutoff.tried += 1
                    if qualifying { probesAboveCutoff.qualified += 1 }
                }
                if qualifying {
                    high = middle
                    bisecting = true
                } else {
                    low = middle
                    jump *= 2
                }
            }
            highest = node(after: low)
            guard low < steps.count, high == low + 1 else { break }
            let done = steps[low].q
            remaining = Array(remaining.drop { $0 != done }.dropFirst())
        }
        recordFailing(highest)
    }

    // MARK: Ruling out whole regions

    /// Finds, for each quasi-identifier, the levels that fail even with every other
    /// quasi-identifier fully generalised: the transformation that keeps the
    /// quasi-identifier at that level and turns all else into `*` is the most
    /// general one with that level, so if it fails the monotone part of the criteria,
    /// every transformation with that level or a lower one fails too. A birth date
    /// kept to the day, say, rules out a quarter of a lattice at the cost of a few
    /// evaluations with few classes.
    private mutating func ruleOutByProjections() {
        let top = heights.map { $0 - 1 }
        for q in heights.indices {
            var highestFailing: Transformation?
            for level in 0..<top[q] {
                if budgetSpent { return }
                var levels = top
                levels[q] = level
                let node = Transformation(levels)
                if passesMonotonePart(node) { break }
                highestFailing = node
            }
            if let highestFailing { recordFailing(highestFailing) }
        }
    }

    // MARK: The heuristic start

    /// Walks up from the bottom, always to the successor that suppresses the fewest
    /// rows (the lowest bound on a tie), until a successor qualifies.
    private mutating func diveToFirstSolution() {
        var current = Transformation(Array(repeating: 0, count: heights.count))
        guard !budgetSpent, !qualifies(current) else { return }
        if monotone { recordFailing(current) }
        while !budgetSpent {
            // Too many classes to count counts as suppressing every row.
            var next: (node: Transformation, suppressed: Int, bound: Double)?
            for successor in current.successors(heights: heights) {
                if budgetSpent { return }
                let evaluation = evaluate(successor)
                if evaluation?.qualifies == true { return }
                let suppressed = evaluation?.suppressedRows ?? encoded.rowCount
                let bound = lowerBound(successor)
                if next == nil || (suppressed, bound) < (next!.suppressed, next!.bound) {
                    next = (successor, suppressed, bound)
                }
            }
            guard let next else { return }
            if monotone { recordFailing(next.node) }
            current = next.node
        }
    }

    /// Steepest descent: from a qualifying transformation, moves to the best
    /// qualifying neighbour (one level lower in one quasi-identifier, or one level
    /// moved from one quasi-identifier to another) while that is better.
    private mutating func descend(from start: Transformation) {
        guard var currentValue = verdicts[start]?.value else { return }
        var current = start
        while !budgetSpent {
            var next: (node: Transformation, value: Double)?
            for neighbour in neighbours(of: current) where !budgetSpent {
                guard lowerBound(neighbour) < currentValue, !isRuledOut(neighbour) else { continue }
                if verdicts[neighbour] == nil { _ = evaluate(neighbour) }
                if let value = verdicts[neighbour]?.value, value < next?.value ?? currentValue { next = (neighbour, value) }
            }
            guard let next, next.value < currentValue * (1 - 1e-12) - 1e-12 else { return }
            (current, currentValue) = (next.node, next.value)
        }
    }

    /// Iterated local search: kicks the best transformation to a random one nearby
    /// (two quasi-identifiers a level higher, one a level or two lower), descends
    /// from there if it qualifies, and so keeps whatever is better, until `limit`
    /// transformations have been evaluated. The kicks come from a fixed seed, so a
    /// run can be repeated.
    private mutating func perturbAndDescend(until limit: Int) {
        var random = SecureRandom(seed: 2012)
        func pick(_ count: Int) -> Int { Int(random.nextWord() % UInt64(count)) }
        var kicks = 0
        while nodesChecked < limit, !budgetSpent, kicks < 10 * limit, let incumbent = best?.transformation {
            kicks += 1
            var levels = incumbent.levels
            for _ in 0..<2 {
                let up = pick(levels.count)
                levels[up] = min(levels[up] + 1, heights[up] - 1)
            }
            let down = pick(levels.count)
            levels[down] = max(levels[down] - 1 - pick(2), 0)
            let kicked = Transformation(levels)
            guard verdicts[kicked] == nil, !isRuledOut(kicked) else { continue }
            if qualifies(kicked) { descend(from: kicked) }
        }
    }

    /// The predecessors of `node`, then the transformations one level lower in one
    /// quasi-identifier and one level higher in another.
    private func neighbours(of node: Transformation) -> [Transformation] {
        var result = node.predecessors()
        for down in node.levels.indices where node.levels[down] > 0 {
            for up in node.levels.indices where up != down && node.levels[up] + 1 < heights[up] {
                var levels = node.levels
                levels[down] -= 1
                levels[up] += 1
                result.append(Transformation(levels))
            }
        }
        return result
    }

    // MARK: Bookkeeping

    private var budgetSpent: Bool {
        guard let nodeBudget else { return false }
        return nodesChecked >= nodeBudget || nodesRuledOut >= Self.rulingOutFactor * nodeBudget
    }

    /// The value to beat: the best found, or else ``valueToBeat`` (a transformation
    /// is kept as the best only when it beats this, so the best found is lower).
    private var bestValue: Double? {
        best?.utility.value(of: anonymizer.metric) ?? valueToBeat
    }

    /// The largest bound that can still beat ``bestValue`` (a little above it, so
    /// that rounding does not cut off an equal transformation).
    private var cutoff: Double? {
        bestValue.map { $0 / (1 + optimalityGap) * (1 + 1e-12) + 1e-12 }
    }

    /// Whether a recorded failing transformation rules `node` out.
    private func isRuledOut(_ node: Transformation) -> Bool {
        failing.contains { node.isAtMostAsGeneral(as: $0) }
    }

    /// Whether a climb stops where the bound passes the best value found. A failing
    /// node above that cutoff is never visited itself but rules out more below it; the
    /// tests to find one are wasted when they qualify. Measured on UCI Adult: without
    /// suppression the climbs' tests above the cutoff find the failing nodes that rule
    /// out most of the lattice (stopping there doubles the evaluations); with
    /// suppression most of them qualify, and stopping there cuts the evaluations of
    /// 5-anonymity at 5 % from 517 to 233. So the climb stops at the cutoff with
    /// suppression, and only while more than half of such tests have qualified.
    private var climbsStopAtCutoff: Bool {
        anonymizer.suppressionLimit > 0 && probesAboveCutoff.qualified * 2 > probesAboveCutoff.tried + 2
    }

    /// Whether a climb gallops up from the failing node instead of bisecting its
    /// chain: in the steps of a local recoding (the searches that price suppression
    /// below 1), where up to 95 % of the rows may be withheld and nearly every
    /// transformation qualifies. The failing ones then lie just above the node a
    /// climb starts from, and galloping finds their edge by testing the nodes just
    /// above it, which the search would evaluate next anyway; bisection tests the
    /// middle of the chain first, nodes it would never reach. On a million cases
    /// such tests, each grouping hundreds of thousands of classes, were two thirds
    /// of the first step's time.
    private var climbsGallop: Bool { anonymizer.suppressionCost < 1 }

    /// Whether `node` passes the monotone part of the criteria (with monotone criteria
    /// only: whether it qualifies), known from the transformations recorded, or else
    /// evaluated.
    private mutating func passesMonotonePart(_ node: Transformation) -> Bool {
        if isRuledOut(node) { return false }
        if isKnownToPassMonotonePart(node) { return true }
        if verdicts[node] == nil { _ = evaluate(node) }
        if case .fails(monotonically: true) = verdicts[node] { return false }
        return true
    }

    /// Whether a recorded transformation shows that `node` passes the monotone part
    /// of the criteria, though `node` itself may not have been evaluated: with
    /// monotone criteria only, it then qualifies, but its value is still unknown.
    private func isKnownToPassMonotonePart(_ node: Transformation) -> Bool {
        passing.contains { $0.isAtMostAsGeneral(as: node) }
    }

    /// Remembers that `node` passes the monotone part of the criteria, dropping the
    /// recorded nodes it makes redundant.
    private mutating func recordPassing(_ node: Transformation) {
        guard !isKnownToPassMonotonePart(node) else { return }
        passing.removeAll { node.isAtMostAsGeneral(as: $0) }
        passing.append(node)
    }

    /// Remembers that `node` fails, dropping the failing nodes it makes redundant.
    private mutating func recordFailing(_ node: Transformation) {
        failing.removeAll { $0.isAtMostAsGeneral(as: node) }
        failing.append(node)
    }

    /// Evaluates `node`, counts it, and keeps it if it is the best so far; `nil`
    /// when it has too many classes to qualify (see ``Anonymizer/classLimit(rowCount:)``),
    /// found out before grouping all of them.
    private mutating func evaluate(_ node: Transformation) -> Anonymizer.Evaluation? {
        nodesChecked += 1
        if progress != nil {
            let sofar = SearchProgress(nodesChecked: nodesChecked, latticeSize: latticeSize,
                                       bestValue: best?.utility.value(of: anonymizer.metric))
            progress?.offer(sofar)
        }
        // Too many classes, or too many rows in classes too small: the size rule, part
        // of the monotone part, fails.
        guard let snapshot = snapshots.snapshot(at: node.levels, encoded: encoded, classLimit: classLimit,
                                                withholding: withholding) else {
            verdicts[node] = .fails(monotonically: true)
            return nil
        }
        let (evaluation, failsMonotonically) = anonymizer.evaluateForSearch(snapshot, encoded: encoded)
        if !failsMonotonically { recordPassing(node) }
        guard evaluation.qualifies else {
            verdicts[node] = .fails(monotonically: failsMonotonically)
            return evaluation
        }
        let value = evaluation.utility.value(of: anonymizer.metric)
        verdicts[node] = .qualifies(value: value)
        if evaluation.suppressedRows > 0 && monotone && anonymizer.metric == .loss {
            let share = node.levels.enumerated().map { q, level in
                max(0, evaluation.lossPerQuasiIdentifier[q] - encoded.meanLoss[q][level])
            }
            withheldShares.append((node, share))
        }
        if value < (bestValue ?? .infinity) * (1 - 1e-12) - 1e-12 { best = evaluation }
        return evaluation
    }

    /// Whether `node` qualifies (evaluating it, unless that is known).
    private mutating func qualifies(_ node: Transformation) -> Bool {
        if let verdict = verdicts[node] { return verdict.value != nil }
        return evaluate(node)?.qualifies ?? false
    }
}
