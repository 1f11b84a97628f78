/// How thoroughly the anonymiser searches the lattice of transformations.
///
/// A lattice grows with the product of the hierarchies' heights: eight
/// quasi-identifiers of four levels make 65,536 transformations, twelve make
/// almost 17 million. Up to ``exhaustiveLatticeLimit`` transformations the search
/// proves its optimum; above it, ``automatic`` bounds the work and says so in
/// ``Anonymizer/Result/isOptimal``.
///
/// ```swift
/// let anonymizer = try Anonymizer(quasiIdentifiers: columns, criteria: [KAnonymity(k: 5)],
///                                 search: .heuristic(maxNodes: 5_000))
/// let result = try anonymizer.anonymize(table)
/// result.isOptimal     // false if the budget ran out before the optimum was proven
/// ```
public enum SearchStrategy: Sendable, Equatable {
    /// Optimal for lattices of up to ``exhaustiveLatticeLimit`` transformations,
    /// ``heuristic(maxNodes:)`` with ``defaultNodeBudget`` above.
    case automatic
    /// Proves the optimum however large the lattice (may take very long).
    case optimal
    /// Evaluates no more than `maxNodes` transformations (the result's
    /// ``Anonymizer/Result/nodesChecked``): first a greedy path to a qualifying
    /// transformation, descents from it and from the top, and an iterated local
    /// search, then the optimal search until the budget is spent. The result is
    /// optimal only if that search finished within the budget.
    case heuristic(maxNodes: Int)

    /// The largest lattice that ``automatic`` searches exhaustively.
    public static let exhaustiveLatticeLimit = 100_000
    /// The budget of ``automatic`` on larger lattices.
    public static let defaultNodeBudget = 20_000

    /// How many transformations the search may evaluate in a lattice of
    /// `latticeSize` transformations (`nil`: as many as proving the optimum takes).
    public func nodeBudget(latticeSize: Int) -> Int? {
        switch self {
        case .automatic: return latticeSize > Self.exhaustiveLatticeLimit ? Self.defaultNodeBudget : nil
        case .optimal: return nil
        case .heuristic(let maxNodes): return maxNodes
        }
    }
}
