import CivicModels

/// A statistical table after protection: every cell either published (perhaps
/// rounded or perturbed) or suppressed.
///
/// Suppressed cells appear as `null` in JSON and as `x` in printed tables, the
/// convention of German statistical offices ("Zahlenwert geheim zu halten").
public struct ProtectedTable: Sendable, Equatable {
    /// What the publication shows in one cell.
    public enum Cell: Sendable, Equatable {
        /// The published value: the true one after suppression, a changed one after
        /// rounding or the cell-key method.
        case value(Double)
        /// Withheld because the cell itself would disclose (primary suppression).
        case primarySuppressed
        /// Withheld so that a primary cell cannot be recomputed from the others
        /// (secondary suppression).
        case secondarySuppressed

        /// The published value, or `nil` when the cell is suppressed.
        public var publishedValue: Double? {
            if case .value(let v) = self { return v }
            return nil
        }

        /// Whether the cell is withheld.
        public var isSuppressed: Bool { publishedValue == nil }
    }

    /// The labels of the rows, in order.
    public let rowLabels: [String]
    /// The labels of the columns, in order.
    public let columnLabels: [String]
    /// The method that produced the table.
    public let method: TableProtectionMethod
    /// Every cell with margins: the last row holds the column totals, the last column
    /// the row totals.
    let grid: [[Cell]]

    /// Wraps a protected grid (with margins).
    init(_ table: StatisticalTable, method: TableProtectionMethod, grid: [[Cell]]) {
        self.rowLabels = table.rowLabels
        self.columnLabels = table.columnLabels
        self.method = method
        self.grid = grid
    }

    /// `table` with exactly the given cells withheld and every other cell true: the
    /// result of a suppression pattern made by hand, e.g. to check it with
    /// ``DisclosureAudit``.
    public init(_ table: StatisticalTable, primary: Set<CellPosition>, secondary: Set<CellPosition> = []) {
        var grid = table.grid.map { $0.map(Cell.value) }
        for position in secondary { grid[position.row ?? table.rowCount][position.column ?? table.columnCount] = .secondarySuppressed }
        for position in primary { grid[position.row ?? table.rowCount][position.column ?? table.columnCount] = .primarySuppressed }
        self.init(table, method: .cellSuppression(primary: primary.count, secondary: secondary.count), grid: grid)
    }

    /// What is published at `position`.
    public func cell(at position: CellPosition) -> Cell {
        grid[position.row ?? rowLabels.count][position.column ?? columnLabels.count]
    }

    /// The inner cells by row, then column.
    public var cells: [[Cell]] { grid.dropLast().map { Array($0.dropLast()) } }
    /// The row totals.
    public var rowTotals: [Cell] { grid.dropLast().map { $0.last! } }
    /// The column totals.
    public var columnTotals: [Cell] { Array(grid.last!.dropLast()) }
    /// The grand total.
    public var grandTotal: Cell { grid.last!.last! }

    /// The positions of all suppressed cells (margins included).
    public var suppressedPositions: [CellPosition] {
        var positions: [CellPosition] = []
        for (r, row) in grid.enumerated() {
            for (c, cell) in row.enumerated() where cell.isSuppressed {
                positions.append(CellPosition(row: r < rowLabels.count ? r : nil, column: c < columnLabels.count ? c : nil))
            }
        }
        return positions
    }

    /// How many cells were suppressed for their own sake.
    public var primaryCount: Int { grid.joined().filter { $0 == .primarySuppressed }.count }
    /// How many cells were suppressed to protect others.
    public var secondaryCount: Int { grid.joined().filter { $0 == .secondarySuppressed }.count }
}

/// How a table was protected, for readers of the publication.
public enum TableProtectionMethod: Sendable, Equatable {
    /// Cells withheld: so many for their own sake, so many as partners.
    case cellSuppression(primary: Int, secondary: Int)
    /// Every count rounded at random to a multiple of the base.
    case randomRounding(base: Int)
    /// Counts perturbed by the cell-key method with the named perturbation table.
    case cellKey(perturbation: String)

    /// One sentence for a report or a table's footnote.
    public func description(in language: Language) -> String {
        switch self {
        case .cellSuppression(0, _):
            return language.pick(de: "Kein Feld musste geheim gehalten werden.", en: "No cell had to be withheld.")
        case .cellSuppression(let primary, let secondary):
            let cells = language.pick(de: primary == 1 ? "1 Feld" : "\(language.integer(primary)) Felder",
                                      en: primary == 1 ? "1 cell" : "\(language.integer(primary)) cells")
            let partners = language.integer(secondary)
            return language.pick(
                de: "\(cells) mit zu wenigen Fällen und \(partners) weitere, aus denen \(primary == 1 ? "es" : "sie") sich errechnen "
                    + "ließe\(primary == 1 ? "" : "n"), \(primary + secondary == 1 ? "ist" : "sind") geheim gehalten (x).",
                en: "\(cells) with too few cases and \(partners) more from which \(primary == 1 ? "it" : "they") could be "
                    + "recomputed \(primary + secondary == 1 ? "is" : "are") withheld (x).")
        case .randomRounding(let base):
            return language.pick(
                de: "Alle Zahlen sind zufällig auf ein Vielfaches von \(base) gerundet; Summen passen daher nicht genau.",
                en: "Every number is rounded at random to a multiple of \(base), so totals do not add up exactly.")
        case .cellKey(let perturbation):
            return language.pick(
                de: "Alle Zahlen sind mit der Cell-Key-Methode leicht verändert (\(perturbation)).",
                en: "Every number is slightly perturbed by the cell-key method (\(perturbation)).")
        }
    }
}
