/// Cell suppression with secondary suppression: withholds the sensitive cells of a
/// table and as few others as it takes so that none of them can be recomputed from
/// what is published.
///
/// Publishing margins means that one withheld cell in a row is simply the row total
/// minus the rest. So every withheld cell needs partners: in the table's margin
/// equations it must not be determined. For a two-way table with totals this holds
/// exactly when every withheld cell lies on a closed path of withheld cells that
/// alternates between rows and columns, the totals counting as one more row and
/// column. The method gives every sensitive cell the cheapest such path (a shortest
/// path in the bipartite graph of rows and columns), then drops any partner the
/// pattern can do without, and keeps the cheapest pattern over several orders of
/// the sensitive cells. A branch-and-bound search then looks for a cheaper pattern
/// and, for small tables, proves the optimum; on large tables it stops after a
/// fixed number of steps (finding optimal patterns is NP-hard in general). Either
/// way the pattern is safe.
///
/// Partners are never empty cells (withholding a zero protects nothing when the
/// reader knows it is zero) and totals only when no inner cells can do the job.
/// Because every withheld cell is then positive, a cell not determined by the
/// equations can take a range of values around its true one, not a single value.
///
/// ```swift
/// let table = StatisticalTable(rowLabels: ["A", "B"], columnLabels: ["x", "y", "z"], counts: [[2, 7, 9], [8, 6, 12]])
/// let published = try CellSuppression().protect(table)   // minimum frequency 5
/// published.cells[0][0]    // .primarySuppressed
/// ```
public struct CellSuppression: Sendable {
    /// What a withheld partner cell costs: the information the publication loses.
    public enum Cost: String, Sendable, CaseIterable {
        /// The cell's value (withhold small cells rather than large ones).
        case value
        /// One per cell (withhold as few cells as possible).
        case cellCount = "cell-count"
    }

    /// The rules that make a cell sensitive; a cell is withheld if any rule says so.
    public let rules: [any SensitivityRule]
    /// How partner cells are chosen.
    public let cost: Cost

    /// Suppression by `rules` (minimum frequency 5 by default), partners chosen by `cost`.
    public init(rules: [any SensitivityRule] = [try! MinimumFrequencyRule()], cost: Cost = .value) {
        self.rules = rules
        self.cost = cost
    }

    /// The protected table: sensitive cells primary-suppressed, partners
    /// secondary-suppressed, every other cell with its true value. The pattern is
    /// audited before it is returned (fail closed).
    ///
    /// - Throws: ``TableDisclosureError`` if a withheld cell could still be
    ///   recomputed from the margins.
    public func protect(_ table: StatisticalTable) throws(TableDisclosureError) -> ProtectedTable {
        try protect(table, withholding: [])
    }

    /// The protected table, with the cells in `withheld` withheld as primary cells
    /// besides the sensitive ones, and partners chosen for all of them.
    ///
    /// For cells that must not be published for a reason the table does not know:
    /// an umbrella organisation adding up its members' tables cannot publish a cell
    /// that one member withheld, and must keep the totals from giving it away.
    ///
    /// - Throws: ``TableDisclosureError`` if a withheld cell could still be
    ///   recomputed from the margins.
    public func protect(_ table: StatisticalTable, withholding withheld: Set<CellPosition>) throws(TableDisclosureError) -> ProtectedTable {
        let protected = pattern(for: table, withholding: withheld)
        try protected.auditDisclosure()
        return protected
    }

    /// The suppression pattern for `table`, not yet audited.
    func pattern(for table: StatisticalTable, withholding withheld: Set<CellPosition> = []) -> ProtectedTable {
        let graph = SuppressionGraph(table, cost: cost)
        let primary = table.positions
            .filter { position in withheld.contains(position) || rules.contains { $0.isSensitive(position, in: table) } }
            .map(graph.edge(at:))
        let secondary = graph.partners(protecting: primary)
        return ProtectedTable(table, primary: Set(primary.map(graph.position(of:))), secondary: Set(secondary.map(graph.position(of:))))
    }
}

/// The table as a bipartite graph: one node per row (the totals row included), one
/// per column, one edge per cell. A set of withheld cells is safe when it has no
/// bridge, i.e. every withheld cell lies on a cycle of withheld cells.
struct SuppressionGraph {
    struct Edge: Hashable, Comparable {
        let row: Int
        let column: Int
        static func < (a: Edge, b: Edge) -> Bool { (a.row, a.column) < (b.row, b.column) }
    }

    /// The price of a path, compared in order: totals used, cost, cells used.
    struct Price: Comparable {
        var margins = 0
        var cost = 0.0
        var cells = 0
        static func < (a: Price, b: Price) -> Bool { (a.margins, a.cost, a.cells) < (b.margins, b.cost, b.cells) }
        static func + (a: Price, b: Price) -> Price {
            Price(margins: a.margins + b.margins, cost: a.cost + b.cost, cells: a.cells + b.cells)
        }
    }

    let rows: Int       // inner rows + the totals row
    let columns: Int    // inner columns + the totals column
    /// Each cell's price as a partner, `nil` for cells that may not be partners (empty ones).
    let prices: [[Price?]]

    init(_ table: StatisticalTable, cost: CellSuppression.Cost) {
        rows = table.rowCount + 1
        columns = table.columnCount + 1
        prices = table.grid.enumerated().map { r, values in
            values.enumerated().map { c, value in
                guard value != 0 else { return nil }
                let isMargin = r == table.rowCount || c == table.columnCount
                return Price(margins: isMargin ? 1 : 0, cost: cost == .value ? value : 1, cells: 1)
            }
        }
    }

    func edge(at position: CellPosition) -> Edge {
        Edge(row: position.row ?? rows - 1, column: position.column ?? columns - 1)
    }

    func position(of edge: Edge) -> CellPosition {
        CellPosition(row: edge.row == rows - 1 ? nil : edge.row, column: edge.column == columns - 1 ? nil : edge.column)
    }

    /// The partners for the given primary cells: the cheapest pattern the greedy
    /// heuristic finds over a few orders of the primary cells, then improved by an
    /// exact branch-and-bound search while it stays within `searchBudget` steps.
    func partners(protecting primary: [Edge], searchBudget: Int = 20_000) -> Set<Edge> {
        guard !primary.isEmpty else { return [] }
        let orders = [primary.sorted { price($0) > price($1) }, primary.sorted { price($0) < price($1) }, primary.sorted()]
        var best: (partners: Set<Edge>, price: Price)?
        for order in orders {
            let partners = pruned(greedyPartners(in: order), primary: Set(primary))
            let total = total(partners)
            if best == nil || total < best!.price { best = (partners, total) }
        }
        var search = BranchAndBound(graph: self, primary: Set(primary), best: best!, budget: searchBudget)
        search.explore(Set(primary), price: Price())
        return search.best.partners
    }

    func total(_ edges: Set<Edge>) -> Price { edges.reduce(Price()) { $0 + price($1) } }

    /// An exact search for the cheapest safe pattern. A withheld cell that is a
    /// bridge splits its component in two; any cycle through it must return across
    /// the split by a cell not yet withheld that touches one side. Branching over
    /// those cells (on the smaller side) reaches every safe pattern, and patterns at
    /// least as dear as the best one known are cut off.
    struct BranchAndBound {
        let graph: SuppressionGraph
        let primary: Set<Edge>
        var best: (partners: Set<Edge>, price: Price)
        var budget: Int

        mutating func explore(_ withheld: Set<Edge>, price: Price) {
            guard budget > 0 else { return }
            budget -= 1
            guard let bridge = graph.bridges(in: withheld).min() else {
                best = (withheld.subtracting(primary), price)
                return
            }
            let rest = withheld.subtracting([bridge])
            let rowSide = graph.reachable(from: bridge.row, over: rest)
            let columnSide = graph.reachable(from: graph.rows + bridge.column, over: rest)
            for node in (rowSide.count <= columnSide.count ? rowSide : columnSide).sorted() {
                let others = node < graph.rows ? Array(graph.rows..<(graph.rows + graph.columns)) : Array(0..<graph.rows)
                for other in others {
                    let cell = node < graph.rows ? Edge(row: node, column: other - graph.rows) : Edge(row: other, column: node - graph.rows)
                    guard !withheld.contains(cell), let step = graph.prices[cell.row][cell.column] else { continue }
                    let candidate = price + step
                    guard candidate < best.price else { continue }
                    explore(withheld.union([cell]), price: candidate)
                }
            }
        }
    }

    /// The nodes connected to `start` by `edges` (`start` included).
    func reachable(from start: Int, over edges: Set<Edge>) -> Set<Int> {
        var adjacency = [[Int]](repeating: [], count: rows + columns)
        for edge in edges {
            adjacency[edge.row].append(rows + edge.column)
            adjacency[rows + edge.column].append(edge.row)
        }
        var seen: Set<Int> = [start], queue = [start]
        while let node = queue.popLast() {
            for next in adjacency[node] where seen.insert(next).inserted { queue.append(next) }
        }
        return seen
    }

    private func price(_ edge: Edge) -> Price { prices[edge.row][edge.column] ?? Price(margins: 0, cost: 0, cells: 0) }

    /// Closes a cycle through each primary cell in turn, reusing cells already withheld for free.
    private func greedyPartners(in order: [Edge]) -> Set<Edge> {
        var withheld = Set(order)
        var partners: Set<Edge> = []
        for edge in order where !isOnCycle(edge, in: withheld) {
            for partner in cheapestPath(from: edge, withheld: withheld) where !withheld.contains(partner) {
                withheld.insert(partner)
                partners.insert(partner)
            }
        }
        return partners
    }

    /// Drops partners, dearest first, as long as the pattern stays safe.
    private func pruned(_ partners: Set<Edge>, primary: Set<Edge>) -> Set<Edge> {
        var kept = partners
        for partner in partners.sorted(by: { price($0) > price($1) }) {
            var trial = kept
            trial.remove(partner)
            if bridges(in: trial.union(primary)).isEmpty { kept = trial }
        }
        return kept
    }

    /// Whether `edge` lies on a cycle of `withheld` cells.
    func isOnCycle(_ edge: Edge, in withheld: Set<Edge>) -> Bool {
        !bridges(in: withheld).contains(edge)
    }

    /// The cells on the cheapest path from the edge's row to its column that avoids
    /// the edge itself (Dijkstra; withheld cells cost nothing). Together with the
    /// edge the path is a cycle.
    private func cheapestPath(from edge: Edge, withheld: Set<Edge>) -> [Edge] {
        // Nodes: rows are 0..<rows, columns rows..<rows+columns.
        let nodeCount = rows + columns
        var best = [Price?](repeating: nil, count: nodeCount)
        var previous = [Int](repeating: -1, count: nodeCount)
        var done = [Bool](repeating: false, count: nodeCount)
        best[edge.row] = Price()
        while let node = (0..<nodeCount).filter({ !done[$0] && best[$0] != nil }).min(by: { best[$0]! < best[$1]! }) {
            done[node] = true
            if node == rows + edge.column { break }
            let neighbours = node < rows ? Array(rows..<nodeCount) : Array(0..<rows)
            for next in neighbours where !done[next] {
                let cell = node < rows ? Edge(row: node, column: next - rows) : Edge(row: next, column: node - rows)
                guard cell != edge else { continue }
                let step: Price
                if withheld.contains(cell) { step = Price() } else if let p = prices[cell.row][cell.column] { step = p } else { continue }
                let candidate = best[node]! + step
                if best[next] == nil || candidate < best[next]! {
                    best[next] = candidate
                    previous[next] = node
                }
            }
        }
        var path: [Edge] = []
        var node = rows + edge.column
        guard best[node] != nil else {
            preconditionFailure("every non-empty cell has a cycle through the totals")
        }
        while node != edge.row {
            let from = previous[node]
            path.append(node < rows ? Edge(row: node, column: from - rows) : Edge(row: from, column: node - rows))
            node = from
        }
        return path
    }

    /// The bridges among `edges` (Tarjan's low-link method): the cells a reader
    /// could recompute from the margin equations.
    func bridges(in edges: Set<Edge>) -> Set<Edge> {
        var adjacency = [[(node: Int, edge: Edge)]](repeating: [], count: rows + columns)
        for edge in edges {
            adjacency[edge.row].append((rows + edge.column, edge))
            adjacency[rows + edge.column].append((edge.row, edge))
        }
        var order = [Int](repeating: -1, count: rows + columns)
        var low = [Int](repeating: 0, count: rows + columns)
        var counter = 0
        var found: Set<Edge> = []
        func visit(_ node: Int, via incoming: Edge?) {
            order[node] = counter
            low[node] = counter
            counter += 1
            for (next, edge) in adjacency[node] where edge != incoming {
                if order[next] == -1 {
                    visit(next, via: edge)
                    low[node] = min(low[node], low[next])
                    if low[next] > order[node] { found.insert(edge) }
                } else {
                    low[node] = min(low[node], order[next])
                }
            }
        }
        for node in 0..<(rows + columns) where order[node] == -1 && !adjacency[node].isEmpty { visit(node, via: nil) }
        return found
    }

}
