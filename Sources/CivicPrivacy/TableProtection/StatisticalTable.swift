import CivicModels
import Foundation

/// Where a cell sits in a two-way table with margins.
///
/// `row == nil` is the row of column totals, `column == nil` the column of row
/// totals, both `nil` the grand total.
public struct CellPosition: Hashable, Sendable, CustomStringConvertible {
    /// The row index, or `nil` for the column totals.
    public let row: Int?
    /// The column index, or `nil` for the row totals.
    public let column: Int?

    /// A position; pass `nil` for a margin.
    public init(row: Int?, column: Int?) {
        self.row = row
        self.column = column
    }

    /// The grand total.
    public static let grandTotal = CellPosition(row: nil, column: nil)

    /// Whether this is a total rather than an inner cell.
    public var isMargin: Bool { row == nil || column == nil }

    public var description: String {
        "(\(row.map(String.init) ?? "total"), \(column.map(String.init) ?? "total"))"
    }
}

/// A two-way table of counts or amounts with its margins, ready to be protected
/// before publication.
///
/// Statistical offices publish tables, not records; a table can still reveal a
/// person when a cell is small or dominated by one contributor. This type holds
/// what the protection methods need: the cell values, for magnitude tables the
/// single contributions behind each cell (for the dominance rule), and for the
/// cell-key method the cell keys.
///
/// ```swift
/// let table = StatisticalTable(counting: services, by: districts)
/// let protected = try CellSuppression().protect(table)
/// ```
public struct StatisticalTable: Sendable, Equatable {
    /// The labels of the rows, in order.
    public let rowLabels: [String]
    /// The labels of the columns, in order.
    public let columnLabels: [String]
    /// Whether the cells count rows (a frequency table) or sum amounts (a magnitude table).
    public let isFrequencyTable: Bool

    /// Cell values with margins: `rowLabels.count + 1` rows of `columnLabels.count + 1`
    /// values; the last row holds the column totals, the last column the row totals.
    let grid: [[Double]]
    /// Rows behind each inner cell.
    let frequencies: [[Int]]
    /// For magnitude tables, every inner cell's single contributions.
    let contributions: [[[Double]]]?
    /// For the cell-key method, every cell's key (margins included).
    let cellKeys: [[UInt64]]?
    /// Distinct persons behind every cell (margins included), when the records
    /// name their persons; `nil` when every record is a person of its own.
    let personFrequencies: [[Int]]?

    /// The number of inner rows.
    public var rowCount: Int { rowLabels.count }
    /// The number of inner columns.
    public var columnCount: Int { columnLabels.count }

    /// The value at `position` (a count, an amount or a total).
    public func value(at position: CellPosition) -> Double {
        grid[position.row ?? rowCount][position.column ?? columnCount]
    }

    /// How many records lie behind the cell at `position`.
    public func frequency(at position: CellPosition) -> Int {
        switch (position.row, position.column) {
        case let (r?, c?): return frequencies[r][c]
        case let (r?, nil): return frequencies[r].reduce(0, +)
        case let (nil, c?): return frequencies.reduce(0) { $0 + $1[c] }
        case (nil, nil): return frequencies.reduce(0) { $0 + $1.reduce(0, +) }
        }
    }

    /// How many persons lie behind the cell at `position`: distinct persons when the
    /// table was counted with persons (a client with three cases in a cell is one),
    /// else records. Sensitivity rules judge this number, as tau-Argus judges holdings.
    public func unitFrequency(at position: CellPosition) -> Int {
        guard let personFrequencies else { return frequency(at: position) }
        return personFrequencies[position.row ?? rowCount][position.column ?? columnCount]
    }

    /// Whether ``unitFrequency(at:)`` counts persons rather than records.
    public var countsPersons: Bool { personFrequencies != nil }

    /// The single contributions behind the cell at `position`, for magnitude tables
    /// (`nil` for frequency tables).
    public func contributions(at position: CellPosition) -> [Double]? {
        guard let contributions else { return nil }
        let rows = position.row.map { [$0] } ?? Array(0..<rowCount)
        let columns = position.column.map { [$0] } ?? Array(0..<columnCount)
        return rows.flatMap { r in columns.flatMap { c in contributions[r][c] } }
    }

    /// Every position, inner cells row by row, then the margins.
    public var positions: [CellPosition] {
        let rows = Array(0..<rowCount).map(Optional.some) + [nil]
        let columns = Array(0..<columnCount).map(Optional.some) + [nil]
        return rows.flatMap { r in columns.map { c in CellPosition(row: r, column: c) } }
    }

    /// A frequency table from given counts.
    ///
    /// - Precondition: `counts` has one row per row label and one non-negative count
    ///   per column label.
    public init(rowLabels: [String], columnLabels: [String], counts: [[Int]]) {
        precondition(counts.count == rowLabels.count && counts.allSatisfy { $0.count == columnLabels.count },
                     "one count per row and column label")
        precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts are non-negative")
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.isFrequencyTable = true
        self.frequencies = counts
        self.grid = Self.withMargins(counts.map { $0.map(Double.init) }, columnCount: columnLabels.count)
        self.contributions = nil
        self.cellKeys = nil
        self.personFrequencies = nil
    }

    /// A magnitude table from the single contributions behind each cell (e.g. the
    /// donations of each donor in a district and year); a cell's value is their sum.
    public init(rowLabels: [String], columnLabels: [String], contributions: [[[Double]]]) {
        precondition(contributions.count == rowLabels.count && contributions.allSatisfy { $0.count == columnLabels.count },
                     "one cell per row and column label")
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.isFrequencyTable = false
        self.frequencies = contributions.map { $0.map(\.count) }
        self.grid = Self.withMargins(contributions.map { $0.map { $0.reduce(0, +) } }, columnCount: columnLabels.count)
        self.contributions = contributions
        self.cellKeys = nil
        self.personFrequencies = nil
    }

    /// A frequency table from counts with margins given apart from the inner cells:
    /// `grid` has a row of column totals and a column of row totals, which may exceed
    /// what the inner cells add up to where some inner counts are not known (a
    /// member's withheld cell in an umbrella's sum). Only for tables whose unknown
    /// cells are withheld anyway; sensitivity rules see the known counts.
    package init(rowLabels: [String], columnLabels: [String], countsWithMargins grid: [[Int]]) {
        precondition(grid.count == rowLabels.count + 1 && grid.allSatisfy { $0.count == columnLabels.count + 1 },
                     "one count per row and column label, and the margins")
        precondition(grid.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts are non-negative")
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.isFrequencyTable = true
        self.frequencies = grid.dropLast().map { Array($0.dropLast()) }
        self.grid = grid.map { $0.map(Double.init) }
        self.contributions = nil
        self.cellKeys = nil
        self.personFrequencies = nil
    }

    /// Sums `values` by two variables into a magnitude table (record `i` adds
    /// `values[i]` to the cell of `rows[i]` and `columns[i]`; records with a missing
    /// label or value are left out).
    ///
    /// With `persons`, each person's records in a cell are added up into one
    /// contribution before the dominance rule looks at them, as tau-Argus does with
    /// holdings: a donor's three donations to a district are one contribution, not
    /// three small ones, and a cell's frequency is its number of persons.
    ///
    /// ```swift
    /// let donations = StatisticalTable(summing: amounts, rows: districts, by: years, persons: donors)
    /// let protected = try CellSuppression(rules: [try DominanceRule(n: 1, k: 60)]).protect(donations)
    /// ```
    public init(summing values: [Double?], rows: [String?], by columns: [String?], persons: [String]? = nil) {
        precondition(values.count == rows.count && rows.count == columns.count, "one value and two labels per record")
        precondition(persons == nil || persons!.count == rows.count, "one person per record")
        let rowLabels = Self.labels(rows), columnLabels = Self.labels(columns)
        let rowIndex = Dictionary(uniqueKeysWithValues: rowLabels.enumerated().map { ($1, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columnLabels.enumerated().map { ($1, $0) })
        // Per cell: the sum of each contributor (a person, or the record itself).
        var sums = [[[String: Double]]](repeating: [[String: Double]](repeating: [:], count: columnLabels.count),
                                        count: rowLabels.count)
        var unnamed = [[[Double]]](repeating: [[Double]](repeating: [], count: columnLabels.count), count: rowLabels.count)
        for i in rows.indices {
            guard let row = rows[i], let column = columns[i], let value = values[i] else { continue }
            let r = rowIndex[row]!, c = columnIndex[column]!
            if let persons { sums[r][c][persons[i], default: 0] += value } else { unnamed[r][c].append(value) }
        }
        let contributions = persons == nil ? unnamed : sums.map { $0.map { Array($0.values) } }
        self.init(rowLabels: rowLabels, columnLabels: columnLabels, contributions: contributions)
    }

    /// Counts the records by two variables: record `i` falls in the row labelled
    /// `rows[i]` and the column labelled `columns[i]`; records with a missing label
    /// are not counted.
    ///
    /// - Parameters:
    ///   - rows: each record's row label (`nil`: not counted).
    ///   - columns: each record's column label (`nil`: not counted).
    ///   - recordKeys: one key per record for the cell-key method (see
    ///     ``CellKeyMethod/recordKeys(for:key:)``); the keys of a cell's records add up
    ///     to its cell key.
    ///   - persons: each record's person, when a person may have several records;
    ///     the sensitivity rules then count distinct persons per cell.
    public init(counting rows: [String?], by columns: [String?], recordKeys: [UInt64]? = nil, persons: [String]? = nil) {
        let numbered = persons.map(PrivacyUnits.init)
        self.init(counting: rows, by: columns, recordKeys: recordKeys, personUnits: numbered)
    }

    /// As ``init(counting:by:recordKeys:persons:)``, with the persons already
    /// numbered (for callers that count several tables of the same records).
    package init(counting rows: [String?], by columns: [String?], recordKeys: [UInt64]?, personUnits persons: PrivacyUnits?) {
        self.init(counting: NumberedLabels(rows), by: NumberedLabels(columns), recordKeys: recordKeys, personUnits: persons)
    }

    /// As ``init(counting:by:recordKeys:persons:)``, with the labels numbered: a
    /// million records are counted by their numbers, not by hashing their texts.
    package init(counting rows: NumberedLabels, by columns: NumberedLabels, recordKeys: [UInt64]?, personUnits persons: PrivacyUnits?) {
        precondition(rows.numbers.count == columns.numbers.count, "one row and one column label per record")
        precondition(recordKeys == nil || recordKeys!.count == rows.numbers.count, "one key per record")
        let (rowLabels, rowIndex) = rows.sorted, (columnLabels, columnIndex) = columns.sorted
        var counts = [[Int]](repeating: [Int](repeating: 0, count: columnLabels.count), count: rowLabels.count)
        var keys = [[UInt64]](repeating: [UInt64](repeating: 0, count: columnLabels.count + 1),
                              count: rowLabels.count + 1)
        var cells = [(Int, Int)?](repeating: nil, count: rows.numbers.count)
        for i in rows.numbers.indices {
            let row = rows.numbers[i], column = columns.numbers[i]
            guard row >= 0, column >= 0 else { continue }
            let r = rowIndex[Int(row)], c = columnIndex[Int(column)]
            cells[i] = (r, c)
            counts[r][c] += 1
            if let recordKeys {
                // Keys are fractions of 2^64: wrapping addition is addition modulo 1.
                for kr in [r, rowLabels.count] {
                    for kc in [c, columnLabels.count] { keys[kr][kc] &+= recordKeys[i] }
                }
            }
        }
        self.init(rowLabels: rowLabels, columnLabels: columnLabels, counts: counts)
        if recordKeys != nil { self = StatisticalTable(copying: self, cellKeys: keys, personFrequencies: nil) }
        if let persons {
            precondition(persons.personOfRow.count == rows.numbers.count, "one person per record")
            self = StatisticalTable(copying: self, cellKeys: cellKeys,
                                    personFrequencies: Self.distinctPersons(cells: cells, persons: persons,
                                                                            rows: rowLabels.count, columns: columnLabels.count))
        }
    }

    /// Counts the rows of `table` by the values of two of its columns (a cross
    /// table); rows with a missing value in either are not counted.
    ///
    /// With `privacyUnit` (a column such as `client_id`), the sensitivity rules count
    /// distinct persons per cell; a row without a person is an error.
    public init(counting table: Table, rows: String, columns: String, recordKeys: [UInt64]? = nil,
                privacyUnit: String? = nil) throws(PrivacyError) {
        let persons = try privacyUnit.map { column throws(PrivacyError) in try PrivacyUnits(table, column: column) }
        guard let rowData = table.column(named: rows) else { throw .unknownColumn(rows) }
        guard let columnData = table.column(named: columns) else { throw .unknownColumn(columns) }
        self.init(counting: NumberedLabels(rowData), by: NumberedLabels(columnData), recordKeys: recordKeys, personUnits: persons)
    }

    private init(copying table: StatisticalTable, cellKeys: [[UInt64]]?, personFrequencies: [[Int]]?) {
        self.rowLabels = table.rowLabels
        self.columnLabels = table.columnLabels
        self.isFrequencyTable = table.isFrequencyTable
        self.grid = table.grid
        self.frequencies = table.frequencies
        self.contributions = table.contributions
        self.cellKeys = cellKeys
        self.personFrequencies = personFrequencies
    }

    /// Distinct persons per cell, row, column and in all (a grid with margins), in
    /// one pass over the records grouped by person (``PrivacyUnits/rowsByPerson``):
    /// each person's few cells are merged by a linear scan, so no set of persons is
    /// kept per cell.
    private static func distinctPersons(cells: [(Int, Int)?], persons: PrivacyUnits, rows: Int, columns: Int) -> [[Int]] {
        var grid = [[Int]](repeating: [Int](repeating: 0, count: columns + 1), count: rows + 1)
        var seenCells: [Int] = [], seenRows: [Int] = [], seenColumns: [Int] = []
        var current: Int32 = -1
        func finishPerson() {
            if !seenCells.isEmpty { grid[rows][columns] += 1 }
            seenCells.removeAll(keepingCapacity: true)
            seenRows.removeAll(keepingCapacity: true)
            seenColumns.removeAll(keepingCapacity: true)
        }
        for record in persons.rowsByPerson {
            let i = Int(record)
            if persons.personOfRow[i] != current {
                finishPerson()
                current = persons.personOfRow[i]
            }
            guard let (r, c) = cells[i] else { continue }
            if !seenCells.contains(r * (columns + 1) + c) { seenCells.append(r * (columns + 1) + c); grid[r][c] += 1 }
            if !seenRows.contains(r) { seenRows.append(r); grid[r][columns] += 1 }
            if !seenColumns.contains(c) { seenColumns.append(c); grid[rows][c] += 1 }
        }
        finishPerson()
        return grid
    }

    /// The distinct labels in natural order ("2" before "10").
    private static func labels(_ values: [String?]) -> [String] {
        NumberedLabels(values).sorted.labels
    }

    private static func withMargins(_ inner: [[Double]], columnCount: Int) -> [[Double]] {
        var grid = inner.map { $0 + [$0.reduce(0, +)] }
        grid.append((0...columnCount).map { c in grid.reduce(0) { $0 + $1[c] } })
        return grid
    }
}
