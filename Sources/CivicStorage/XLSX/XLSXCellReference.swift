/// A cell's place in A1 style (`B7`: column 2, row 7), both counted from 1.
///
/// Excel's grid has columns A to XFD (16,384) and rows 1 to 1,048,576 (ECMA-376 Part
/// 1, §18.3.1.4); references outside it are rejected.
struct XLSXCellReference: Hashable, Sendable {
    /// The row, from 1.
    var row: Int
    /// The column, from 1 (A = 1).
    var column: Int

    /// The last column of Excel's grid (XFD).
    static let maximumColumn = 16_384
    /// The last row of Excel's grid.
    static let maximumRow = 1_048_576

    /// Parses `B7` (letters in either case, then digits); `nil` for anything else or
    /// a place outside the grid.
    init?(_ text: String) {
        var column = 0, row = 0
        var letters = 0, digits = 0
        for byte in text.utf8 {
            if digits == 0, let value = Self.letterValue(byte) {
                column = column * 26 + value
                letters += 1
                guard letters <= 3 else { return nil }
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), letters > 0 {
                if digits == 0 && byte == UInt8(ascii: "0") { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 7 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, column <= Self.maximumColumn, row <= Self.maximumRow else { return nil }
        self.row = row
        self.column = column
    }

    /// A reference from its parts.
    init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// The column's value of an ASCII letter (A = 1), or `nil`.
    private static func letterValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A")) + 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a")) + 1
        default: return nil
        }
    }

    /// The letters of column `column` (1 → `A`, 27 → `AA`).
    static func columnName(_ column: Int) -> String {
        var letters: [UInt8] = []
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(digit))
            rest = (rest - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}

/// A rectangle of cells such as `A1:C2` (a merged cell's extent).
struct XLSXCellRange: Hashable, Sendable {
    /// The top left cell.
    var first: XLSXCellReference
    /// The bottom right cell.
    var last: XLSXCellReference

    /// Parses `A1:C2`, or a single cell `B3` as a range of one; `nil` for anything
    /// else or a range whose corners are not top left and bottom right.
    init?(_ text: String) {
        let corners = text.split(separator: ":", omittingEmptySubsequences: false)
        guard corners.count <= 2, let first = XLSXCellReference(String(corners[0])),
              let last = corners.count == 2 ? XLSXCellReference(String(corners[1])) : first,
              first.row <= last.row, first.column <= last.column else { return nil }
        self.first = first
        self.last = last
    }
}
