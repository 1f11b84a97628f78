/// Finds the qualifying transformation with the least value of the chosen metric,
/// exactly, while evaluating as few transformations as it can.
///
/// Two facts prune the lattice (the same ones the Flash algorithm of Kohlmayer et al.
/// 2012 builds on), and two techniques make the rest cheap:
/// - Monotone criteria: if a transformation does not qualify, no less general one
///   does, so those are skipped without evaluation.
/// - A lower bound on loss: suppressing a row costs 1, at least what generalising it
///   would, so a transformation's loss is at least its loss without suppression,
///   which depends only on its levels (the mean loss of each level, computed once)
///   and grows with generalisation. Visiting transformations by increasing bound,
///   the search stops as soon as the bound exceeds the best loss found.
/// - Climbing: when a node fails, the search follows more general nodes while they
///   still fail and records the highest, which rules out everything below it (the
///   path traversal of Flash, in miniature).
/// - Roll-up: a node's classes are computed from the cached classes of a less general
///   node (``ClassSnapshot``), not from the rows.
struct OptimalSearch {
    let anonymizer: Anonymizer
    let encoded: EncodedQuasiIdentifiers
    private(set) var best: Anonymizer.Evaluation?
    private(set) var nodesChecked = 0
    private(set) var latticeSize = 0

    init(anonymizer: Anonymizer, encoded: EncodedQuasiIdentifiers) {
        self.anonymizer = anonymizer
        self.encoded = encoded
    }

    /// A lower bound of the metric for a transformation and every more general one:
    /// its value if nothing were suppressed (suppressing a row costs at least as much
    /// as generalising it), for the metrics where that holds; 0 otherwise (no bound).
    func lowerBound(_ transformation: Transformation) -> Double {
        switch anonymizer.metric {
        case .loss:
            return LossMetric.aggregate(transformation.levels.enumerated().map { encoded.meanLoss[$0][$1] })
        case .nonUniformEntropy:
            return transformation.levels.enumerated().reduce(0) { $0 + encoded.totalEntropy[$1.offset][$1.element] }
        case .discernibility, .averageClassSize:
            return 0
        }
    }

    mutating func run() {
        let nodes = Transformation.all(heights: encoded.heights)
        latticeSize = nodes.count
        let bounds = nodes.map(lowerBound)
        let order = nodes.indices.sorted { a, b in
            bounds[a] != bounds[b] ? bounds[a] < bounds[b] : nodes[a] < nodes[b]
        }
        let monotone = anonymizer.criteria.allSatisfy { $0.isMonotone(withSuppression: anonymizer.suppressionLimit > 0) }
        var failing: [Transformation] = []
        var snapshots = SnapshotCache(encoded: encoded)
        for index in order {
            let node = nodes[index]
            if let best, bounds[index] > best.utility.value(of: anonymizer.metric) * (1 + 1e-12) + 1e-12 { break }
            if monotone, failing.contains(where: { node.isAtMostAsGeneral(as: $0) }) { continue }
            let evaluation = evaluate(node, &snapshots)
            guard !evaluation.qualifies, monotone else { continue }
            // The node fails, and so does everything below it. Climb while the next more
            // general node still fails: one failing node high up rules out many more
            // than the one we started from (the path idea of Flash).
            var highest = node
            var climbing = true
            while climbing {
                climbing = false
                for q in highest.levels.indices where highest.levels[q] + 1 < encoded.heights[q] {
                    var levels = highest.levels
                    levels[q] += 1
                    let next = Transformation(levels)
                    if failing.contains(where: { next.isAtMostAsGeneral(as: $0) }) { continue }
                    if evaluate(next, &snapshots).qualifies { continue }
                    highest = next
                    climbing = true
                    break
                }
            }
            failing.removeAll { $0.isAtMostAsGeneral(as: highest) }
            failing.append(highest)
        }
    }

    /// Evaluates `node`, counts it, and keeps it if it is the best so far.
    private mutating func evaluate(_ node: Transformation, _ snapshots: inout SnapshotCache) -> Anonymizer.Evaluation {
        nodesChecked += 1
        let evaluation = anonymizer.evaluate(snapshots.snapshot(at: node.levels, encoded: encoded), encoded: encoded)
        if evaluation.qualifies {
            let metric = anonymizer.metric
            let value = evaluation.utility.value(of: metric)
            if best == nil || value < best!.utility.value(of: metric) * (1 - 1e-12) - 1e-12 { best = evaluation }
        }
        return evaluation
    }
}
