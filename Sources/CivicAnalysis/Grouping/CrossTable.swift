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

    /// Each count as a percentage of its row's total (each row sums to 100; a row
    /// without counts gives 0s).
    public var rowPercentages: [[Double]] {
        zip(counts, rowTotals).map { row, total in row.map { total == 0 ? 0 : 100 * Double($0) / Double(total) } }
    }

    /// Each count as a percentage of its column's total (each column sums to 100).
    public var columnPercentages: [[Double]] {
        let totals = columnTotals
        return counts.map { row in row.indices.map { totals[$0] == 0 ? 0 : 100 * Double(row[$0]) / Double(totals[$0]) } }
    }
}

/// How often each value of one column occurs, with percentages, most frequent first.
///
/// ```swift
/// let services = try FrequencyTable(cases, column: "service")
/// for entry in services.entries { print(entry.value, entry.count, entry.percentage) }
/// ```
public struct FrequencyTable: Sendable, Equatable {
    /// One value and how often it occurs.
    public struct Entry: Sendable, Equatable {
        /// The value.
        public var value: Value
        /// Rows holding it.
        public var count: Int
        /// Its share of the non-missing rows, in percent.
        public var percentage: Double
    }

    /// The column counted.
    public let column: String
    /// The values, most frequent first, ties in value order.
    public let entries: [Entry]
    /// Rows where the value is missing.
    public let missing: Int

    /// Counts the values of `column` in `table`.
    public init(_ table: Table, column: String) throws(AnalysisError) {
        var codes = KeyCodes(try table.requireColumn(column))
        codes.sortByValue()
        var counts = [Int](repeating: 0, count: codes.cardinality)
        for code in codes.codes { counts[Int(code)] += 1 }
        var missing = 0
        var pairs: [(Value, Int)] = []
        for (value, count) in zip(codes.values, counts) {
            if value.isMissing { missing = count } else { pairs.append((value, count)) }
        }
        let total = Double(pairs.reduce(0) { $0 + $1.1 })
        // Stable sort keeps value order among equal counts.
        let ordered = pairs.enumerated().sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
        self.column = column
        self.entries = ordered.map { Entry(value: $0.element.0, count: $0.element.1, percentage: 100 * Double($0.element.1) / total) }
        self.missing = missing
    }
}
