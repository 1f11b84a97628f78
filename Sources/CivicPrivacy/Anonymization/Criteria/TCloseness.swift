import CivicModels
/// t-closeness: the distribution of the sensitive attribute in every class is
/// within distance t of its distribution in the whole table, measured by the Earth
/// Mover's Distance (Li, Li and Venkatasubramanian, "t-Closeness: Privacy Beyond
/// k-Anonymity and l-Diversity", ICDE 2007).
///
/// Two ground distances are offered, as in the paper: ``Distance/equal`` (every two
/// values are 1 apart, so the EMD is half the L1 distance) and
/// ``Distance/hierarchical(_:)`` (two values are as far apart as the height of
/// their lowest common ancestor in a generalisation hierarchy, divided by the
/// hierarchy's height).
public struct TCloseness: PrivacyCriterion {
    /// The ground distance between sensitive values.
    public enum Distance: Sendable {
        /// All values equally far apart.
        case equal
        /// Values as far apart as their hierarchy says. The hierarchy's value order
        /// must be the order in which the anonymiser numbers the values (see
        /// ``Anonymizer``: values are numbered by their row in this hierarchy).
        case hierarchical(GeneralizationHierarchy)
    }

    /// The largest allowed distance (0...1).
    public let t: Double
    /// The sensitive column.
    public let attribute: String
    /// The ground distance.
    public let distance: Distance
    private let tree: HierarchicalEMD?

    /// Creates the criterion; t must lie in 0...1.
    public init(t: Double, attribute: String, distance: Distance = .equal) throws(PrivacyError) {
        guard (0...1).contains(t) else {
            throw .invalidParameter(BilingualText(de: "t muss zwischen 0 und 1 liegen, nicht \(Language.german.number(t))",
                                                  en: "t must lie between 0 and 1, not \(t)"))
        }
        self.t = t
        self.attribute = attribute
        self.distance = distance
        if case .hierarchical(let hierarchy) = distance { tree = HierarchicalEMD(hierarchy) } else { tree = nil }
    }

    public func isSatisfied(by equivalenceClass: EquivalenceClassSummary) -> Bool {
        earthMoversDistance(equivalenceClass) <= t + 1e-12
    }

    /// The class's distance from the table's distribution.
    public func earthMoversDistance(_ equivalenceClass: EquivalenceClassSummary) -> Double {
        let weight = Double(max(equivalenceClass.sensitiveTotal, 1))
        let q = equivalenceClass.tableDistribution
        let p = equivalenceClass.sensitiveCounts.map { Double($0) / weight }
        if let tree { return tree.distance(p, q) }
        var total = 0.0
        for (pi, qi) in zip(p, q) { total += abs(pi - qi) }
        return total / 2
    }

    /// Monotone without suppression only: a merged class's distribution is then
    /// a weighted mean of its parts', and the Earth Mover's Distance from a fixed
    /// distribution is convex, so the merge is no farther than its farthest part.
    /// With suppression a class that fails may merge with one that passes into one
    /// that fails.
    public func isMonotone(withSuppression: Bool) -> Bool { !withSuppression }

    /// Not monotone when classes count persons: a person with the same value in two
    /// classes counts once in their merge, so the merge's distribution need not be a
    /// mean of its parts' (two classes at distance 0 can merge into one that is not).
    public func isMonotone(withSuppression: Bool, countingPersons: Bool) -> Bool {
        !withSuppression && !countingPersons
    }
    public var sensitiveAttribute: String? { attribute }
    public var sensitiveValueOrder: GeneralizationHierarchy? {
        if case .hierarchical(let hierarchy) = distance { hierarchy } else { nil }
    }
    public func summary(in language: Language) -> String {
        let distanceName = switch distance {
        case .equal: language.pick(de: "gleicher Abstand", en: "equal distance")
        case .hierarchical: language.pick(de: "hierarchischer Abstand", en: "hierarchical distance")
        }
        return language.pick(de: "\(language.number(t))-Closeness von \(attribute) (\(distanceName))", en: summary)
    }

    public var summary: String {
        switch distance {
        case .equal: return "\(t)-closeness of \(attribute) (equal distance)"
        case .hierarchical: return "\(t)-closeness of \(attribute) (hierarchical distance)"
        }
    }

    /// The hierarchical Earth Mover's Distance of Li, Li and Venkatasubramanian
    /// (2007, section 4.2): for every inner node N, cost(N) = height(N) / H ×
    /// min(positive extra, negative extra) of its children, where a leaf's extra is
    /// p - q and an inner node's the sum of its children's.
    struct HierarchicalEMD: Sendable {
        /// For each level from 1 up: for each node, its children at the level below.
        let children: [[[Int]]]
        /// For each level below the top: for each node, its parent's index.
        let height: Int

        init(_ hierarchy: GeneralizationHierarchy) {
            var children: [[[Int]]] = []
            var indexOfLabel: [[String: Int]] = (0..<hierarchy.height).map { _ in [:] }
            for level in 0..<hierarchy.height {
                for row in hierarchy.rows where indexOfLabel[level][row[level]] == nil {
                    indexOfLabel[level][row[level]] = indexOfLabel[level].count
                }
            }
            // Leaves are numbered by their row, as the anonymiser numbers values.
            for level in 1..<max(hierarchy.height, 1) {
                var lists = [[Int]](repeating: [], count: indexOfLabel[level].count)
                var seen = Set<Int>()
                for (rowIndex, row) in hierarchy.rows.enumerated() {
                    let child = level == 1 ? rowIndex : indexOfLabel[level - 1][row[level - 1]]!
                    if level > 1 && !seen.insert(child).inserted { continue }
                    lists[indexOfLabel[level][row[level]]!].append(child)
                }
                children.append(lists)
            }
            self.children = children
            self.height = hierarchy.height - 1
        }

        func distance(_ p: [Double], _ q: [Double]) -> Double {
            guard height > 0 else { return 0 }
            var extra = zip(p, q).map { $0 - $1 }
            var total = 0.0
            for (offset, nodes) in children.enumerated() {
                let level = offset + 1
                var next = [Double](repeating: 0, count: nodes.count)
                for (node, kids) in nodes.enumerated() {
                    var positive = 0.0, negative = 0.0
                    for kid in kids {
                        let e = extra[kid]
                        if e > 0 { positive += e } else { negative -= e }
                        next[node] += e
                    }
                    total += Double(level) / Double(height) * min(positive, negative)
                }
                extra = next
            }
            return total
        }
    }
}
