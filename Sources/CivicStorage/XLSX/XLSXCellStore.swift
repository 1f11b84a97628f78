/// The cells of a sheet as text, row by row, in a compact form.
///
/// Only rows with at least one cell are kept, and in them only cells with content
/// (an error cell is kept as an empty text, so that it counts as present but
/// missing). A cell is its column and where its text lies: in ``bytes`` (a start
/// ≥ 0), or in the shared strings (a start `-(offset + 1)`, the convention of
/// ``CSVRecord``), so shared texts are not copied.
///
/// This is what the reader holds while parsing: about the UTF-8 of the cells that
/// are not shared strings plus 20 bytes a cell, of the order of the table it becomes,
/// and far below the sheet's XML or a DOM of it.
struct XLSXCellStore {
    /// Cell texts, after a single unused byte (so the array is never empty).
    var bytes: [UInt8] = [0]
    /// Per cell: its column, from 1.
    private(set) var columns: [Int32] = []
    /// Per cell: where its text starts (see the type's description).
    private(set) var starts: [Int] = []
    /// Per cell: the length of its text in bytes.
    private(set) var lengths: [Int] = []
    /// Per kept row: its number in the sheet, from 1.
    private(set) var rowNumbers: [Int] = []
    /// Per kept row: the end of its cells in the per-cell arrays.
    private var rowEnds: [Int] = []

    /// The number of kept rows.
    var rowCount: Int { rowNumbers.count }

    /// The indices of the cells of kept row `index`.
    func cells(ofRow index: Int) -> Range<Int> {
        (index == 0 ? 0 : rowEnds[index - 1])..<rowEnds[index]
    }

    /// Adds a cell of the row being read.
    @inline(__always)
    mutating func add(column: Int, start: Int, length: Int) {
        columns.append(Int32(column))
        starts.append(start)
        lengths.append(length)
    }

    /// Ends row `number`; keeps it if it got cells.
    mutating func endRow(_ number: Int) {
        if columns.count > (rowEnds.last ?? 0) {
            rowNumbers.append(number)
            rowEnds.append(columns.count)
        }
    }
}
