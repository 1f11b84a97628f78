/// Decides whether a cell's number format shows its number as a date.
///
/// A workbook stores a date as a plain number; only the cell's number format
/// (`xl/styles.xml`: the cell's `s` index into `cellXfs`, whose `numFmtId` names a
/// built-in format or a custom `numFmt`) says that it is one. Built-in formats 14 to
/// 17 are dates and 22 a date with time (ECMA-376 Part 1, §18.8.30). Formats 18 to 21
/// and 45 to 47 show only a time of day or a duration; a table has no time type, so
/// such cells keep their number (the fraction of a day).
///
/// A custom format is a date when its first section (before any `;`) has a day or
/// year code (`d`, `y`), or a month code `m` without hours or seconds (with `h` or
/// `s`, `m` means minutes: `h:mm`, `mm:ss`). Quoted text (`"Tag"`), escaped
/// characters (`\d`), fill and spacing characters (`*x`, `_x`) and bracketed parts
/// (`[Red]`, `[$-407]`, `[h]`) are skipped.
enum XLSXNumberFormat {
    /// The built-in format ids that show a date.
    static let builtInDateIDs: Set<Int> = [14, 15, 16, 17, 22]

    /// Whether format `id` shows a date; `customCode` is the workbook's own code
    /// for that id, if it has one.
    static func isDate(id: Int, customCode: String?) -> Bool {
        if let customCode { return isDate(code: customCode) }
        return builtInDateIDs.contains(id)
    }

    /// Whether a format code shows a date.
    static func isDate(code: String) -> Bool {
        var hasDayOrYear = false, hasMonthOrMinute = false, hasTime = false
        var bytes = code.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: ";"): return hasDayOrYear || (hasMonthOrMinute && !hasTime)
            case UInt8(ascii: "\""): while let next = bytes.next(), next != UInt8(ascii: "\"") {}
            case UInt8(ascii: "["): while let next = bytes.next(), next != UInt8(ascii: "]") {}
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"): _ = bytes.next()
            case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "y"), UInt8(ascii: "Y"): hasDayOrYear = true
            case UInt8(ascii: "m"), UInt8(ascii: "M"): hasMonthOrMinute = true
            case UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "s"), UInt8(ascii: "S"): hasTime = true
            default: break
            }
        }
        return hasDayOrYear || (hasMonthOrMinute && !hasTime)
    }
}
