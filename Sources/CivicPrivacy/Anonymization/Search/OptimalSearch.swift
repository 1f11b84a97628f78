/// Finds the qualifying transformation with the least loss, exactly, while
/// evaluating as few transformations as it can.
///
/// Two facts prune the lattice (the same ones the Flash algorithm of Kohlmayer et al.
/// 2012 builds on):
/// - Monotone criteria: if a transformation does not qualify, no less general one
///   does, so those are skipped without evaluation.
/// - A lower bound on loss: suppressing a row costs 1, at least what generalising it
///   would, so a transformation's loss is at least its loss without suppression,
///   which depends only on its levels (the mean loss of each level, computed once)
///   and grows with generalisation. Visiting transformations by increasing bound,
///   the search stops as soon as the bound exceeds the best loss found.
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

    /// The loss of a transformation if nothing were suppressed.
    func lowerBound(_ transformation: Transformation) -> Double {
        LossMetric.aggregate(transformation.levels.enumerated().map { encoded.meanLoss[$0][$1] })
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
        for index in order {
            let node = nodes[index]
            if let best, bounds[index] > best.loss + 1e-12 { break }
            if monotone, failing.contains(where: { node.isAtMostAsGeneral(as: $0) }) { continue }
            nodesChecked += 1
            let evaluation = anonymizer.evaluate(node, encoded: encoded)
            if evaluation.qualifies {
                if best == nil || evaluation.loss < best!.loss - 1e-12 { best = evaluation }
            } else if monotone {
                failing.removeAll { $0.isAtMostAsGeneral(as: node) }
                failing.append(node)
            }
        }
    }
}
