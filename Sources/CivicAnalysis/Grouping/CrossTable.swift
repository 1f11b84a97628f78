import CivicModels

/// A two-way frequency table: how many rows have each combination of two columns'
/// values, with row, column and grand totals.
///
/// ```swift
/// let table = try CrossTable(cases, rows: "gender", columns: "outcome")
/// table.count(row: .text("w"), column: .text("abgeschlossen"))
/// ```
public struct CrossTable: Sendable, Equatable {
    /// The row variable's name.
    public let rowName: String
    /// The column variable's name.
    public let columnName: String
    /// The row labels, sorted (missing first if included).
    public let rowLabels: [Value]
    /// The column labels, sorted.
    public let columnLabels: [Value]
    /// `counts[r][c]`: rows with label `rowLabels[r]` and `columnLabels[c]`.
    public let counts: [[Int]]

    /// Counts the combinations of `rows` and `columns` in `table`. Rows where either
    /// value is missing are left out unless `includeMissing` is set.
    public init(_ table: Table, rows: String, columns: String, includeMissing: Bool = false) throws(AnalysisError) {
        var rowCodes = KeyCodes(try table.requireColumn(rows))
        var columnCodes = KeyCodes(try table.requireColumn(columns))
        rowCodes.sortByValue()
        columnCodes.sortByValue()
        let width = columnCodes.cardinality
        var flat = [Int](repeating: 0, count: rowCodes.cardinality * width)
        for row in 0..<table.rowCount {
            flat[Int(rowCodes.codes[row]) * width + Int(columnCodes.codes[row])] += 1
        }
        var matrix = (0..<rowCodes.cardinality).map { r in Array(flat[(r * width)..<((r + 1) * width)]) }
        var rowLabels = rowCodes.values, columnLabels = columnCodes.values
        if !includeMissing {
            // Missing sorts first, so it can only be label 0.
            if rowLabels.first?.isMissing == true { rowLabels.removeFirst(); matrix.removeFirst() }
            if columnLabels.first?.isMissing == true {
                columnLabels.removeFirst()
                matrix = matrix.map { Array($0.dropFirst()) }
            }
        }
        self.rowName = rows
        self.columnName = columns
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.counts = matrix
    }

    /// The count for a pair of labels (0 if either does not occur).
    public func count(row: Value, column: Value) -> Int {
        guard let r = rowLabels.firstIndex(of: row), let c = columnLabels.firstIndex(of: column) else { return 0 }
        return counts[r][c]
    }

    /// The total of each row.
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }
    /// The total of each column.
    public var columnTotals: [Int] {
        columnLabels.indices.map { c in counts.reduce(0) { $0 + $1[c] } }
    }
    /// The number of rows counted.
    public var total: Int { rowTotals.reduce(0, +) }
}
