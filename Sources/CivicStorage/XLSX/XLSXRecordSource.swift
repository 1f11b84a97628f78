/// Hands the rows below a sheet's header to the CSV loader as records of text
/// fields, one per table column, so that an XLSX sheet gets its types inferred and
/// its columns built exactly as a CSV file with the same texts would.
///
/// An absent cell is an empty field, which the loader takes as missing. Fields point
/// into the cell store and the shared strings without copying.
final class XLSXRecordSource: TableRecordSource {
    let dialect = CSVDialect.standard
    let sourceName: String?
    let header: [String]?

    private let store: XLSXCellStore
    private let sharedStrings: XLSXSharedStrings
    private let firstColumn: Int
    private var nextRow: Int
    private var starts: [Int]
    private var lengths: [Int]

    /// A source of the rows of `store` below `layout`'s header.
    init(store: XLSXCellStore, sharedStrings: XLSXSharedStrings, layout: XLSXTableLayout, name: String) {
        self.store = store
        self.sharedStrings = sharedStrings
        sourceName = name
        header = layout.names
        firstColumn = layout.columns.lowerBound
        nextRow = layout.headerIndex + 1
        starts = Array(repeating: 0, count: layout.names.count)
        lengths = Array(repeating: 0, count: layout.names.count)
    }

    func nextRecord<R>(_ body: (CSVRecord) throws -> R) throws -> R? {
        guard nextRow < store.rowCount else { return nil }
        let row = nextRow
        nextRow += 1
        for index in lengths.indices { lengths[index] = 0 }
        for cell in store.cells(ofRow: row) {
            let field = Int(store.columns[cell]) - firstColumn
            starts[field] = store.starts[cell]
            lengths[field] = store.lengths[cell]
        }
        return try store.bytes.withUnsafeBufferPointer { bytes in
            try sharedStrings.bytes.withUnsafeBufferPointer { shared in
                try starts.withUnsafeBufferPointer { starts in
                    try lengths.withUnsafeBufferPointer { lengths in
                        try body(CSVRecord(line: store.rowNumbers[row], buffer: bytes, scratch: shared,
                                           starts: starts, lengths: lengths))
                    }
                }
            }
        }
    }
}
