/// Where the table lies in a sheet: its header row, its columns and their names.
///
/// The header is the first row with a cell (or a given row); rows above it are
/// ignored. The columns run from the leftmost to the rightmost cell in the header or
/// any row below it, so no value is dropped. A merged range that starts in the header
/// row (`A1:C1`) gives its text to the header cells it covers; those get the suffixes
/// `_2`, `_3` ... so that names stay unique (`Kontakt`, `Kontakt_2`). Other header
/// cells must be non-empty and unique, as a CSV header must be.
struct XLSXTableLayout {
    /// The header's row in the sheet, from 1.
    var headerRow: Int
    /// The index of the header in the store's kept rows.
    var headerIndex: Int
    /// The table's columns in the sheet, from 1.
    var columns: ClosedRange<Int>
    /// The column names.
    var names: [String]

    /// Lays out the table of `store`.
    ///
    /// - Throws: ``XLSXError`` (without file and sheet) for an empty sheet or header
    ///   row, an empty header cell or a name given twice.
    init(store: XLSXCellStore, sharedStrings: XLSXSharedStrings, merges: [XLSXCellRange],
         headerRow requested: Int?) throws(XLSXError) {
        guard store.rowCount > 0 else { throw XLSXError(.emptySheet) }
        if let requested {
            guard let index = store.rowNumbers.firstIndex(of: requested) else {
                throw XLSXError(.emptyHeaderRow, row: requested)
            }
            headerIndex = index
        } else {
            headerIndex = 0
        }
        headerRow = store.rowNumbers[headerIndex]
        var texts = Self.headerTexts(store: store, row: headerIndex, sharedStrings: sharedStrings)
        let filled = Self.fillMerges(merges, headerRow: headerRow, texts: &texts)
        columns = Self.columnRange(store: store, from: headerIndex, including: texts.keys)
        names = try Self.uniqueNames(texts: texts, filled: filled, columns: columns, row: headerRow)
    }

    /// The header cells' texts by column.
    private static func headerTexts(store: XLSXCellStore, row: Int, sharedStrings: XLSXSharedStrings) -> [Int: String] {
        var texts: [Int: String] = [:]
        for cell in store.cells(ofRow: row) {
            let start = store.starts[cell], length = store.lengths[cell]
            let bytes = start >= 0 ? store.bytes[start..<(start + length)]
                : sharedStrings.bytes[(-start - 1)..<(-start - 1 + length)]
            texts[Int(store.columns[cell])] = String(decoding: bytes, as: UTF8.self)
        }
        return texts
    }

    /// Copies the text of each merged range starting in the header row to the empty
    /// header cells it covers; returns the columns so filled.
    private static func fillMerges(_ merges: [XLSXCellRange], headerRow: Int, texts: inout [Int: String]) -> Set<Int> {
        var filled = Set<Int>()
        for merge in merges where merge.first.row == headerRow && merge.last.column > merge.first.column {
            guard let text = texts[merge.first.column], !text.isEmpty else { continue }
            for column in (merge.first.column + 1)...merge.last.column where (texts[column] ?? "").isEmpty {
                texts[column] = text
                filled.insert(column)
            }
        }
        return filled
    }

    /// The columns from the leftmost to the rightmost cell at or below the header,
    /// and of the header texts.
    private static func columnRange(store: XLSXCellStore, from headerIndex: Int,
                                    including headerColumns: Dictionary<Int, String>.Keys) -> ClosedRange<Int> {
        var lowest = headerColumns.min() ?? Int.max, highest = headerColumns.max() ?? 0
        let firstCell = store.cells(ofRow: headerIndex).lowerBound
        for column in store.columns[firstCell...] {
            lowest = min(lowest, Int(column))
            highest = max(highest, Int(column))
        }
        return lowest...highest
    }

    /// The names of `columns`: header texts as they are, merged ones with suffixes.
    private static func uniqueNames(texts: [Int: String], filled: Set<Int>, columns: ClosedRange<Int>,
                                    row: Int) throws(XLSXError) -> [String] {
        var seen = Set<String>()
        for column in columns where !filled.contains(column) {
            guard let name = texts[column], !name.isEmpty else {
                throw XLSXError(.emptyColumnName, row: row, column: column)
            }
            guard seen.insert(name).inserted else {
                throw XLSXError(.duplicateColumn(name), row: row, column: column)
            }
        }
        var names: [String] = []
        for column in columns {
            var name = texts[column]!
            if filled.contains(column) {
                var suffix = 2
                while seen.contains("\(name)_\(suffix)") { suffix += 1 }
                name = "\(name)_\(suffix)"
                seen.insert(name)
            }
            names.append(name)
        }
        return names
    }
}
