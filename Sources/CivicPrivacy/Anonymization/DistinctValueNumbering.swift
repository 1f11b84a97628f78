import CivicModels

extension ColumnData {
    /// Each row's number, asking `number` once per distinct stored value instead of
    /// once per row.
    ///
    /// `number` gets the value as text, exactly as `Value.description` renders it
    /// (`""` for a missing cell): the text hierarchies are written in. It is asked in
    /// order of first appearance, so a numbering by first appearance comes out as it
    /// would row by row. A text column already stores one dictionary code per row,
    /// so its rows cost an array lookup each; whole numbers and dates within a
    /// moderate range are looked up by offset, other numbers through a hash of their
    /// bits. A dictionary that does not deduplicate may give one text several
    /// codes; `number` is then asked once per code, which changes nothing but time.
    ///
    /// - Returns: the numbers, or `firstUnnumbered`: the first row whose value
    ///   `number` had no number for (`numbers` is then incomplete).
    func numberingRows(_ number: (String) -> Int32?) -> (numbers: [Int32], firstUnnumbered: Int?) {
        let text = { (row: Int) in self.value(at: row).description }
        switch storage {
        case .text(let codes, let dictionary):
            return codes.withUnsafeBufferPointer {
                numberDensely($0, from: 0, distinct: dictionary.count, missing: missing, text: text, number: number)
            }
        case .integer(let values):
            if let range = Self.denseRange(values.min(), values.max(), rows: count) {
                return values.withUnsafeBufferPointer {
                    numberDensely($0, from: range.lowerBound, distinct: range.count, missing: missing, text: text, number: number)
                }
            }
            return numberByHash(rows: count, text: text, number: number) { row in
                self.missing.isMissing(row) ? nil : UInt64(bitPattern: values[row])
            }
        case .date(let days):
            if let range = Self.denseRange(days.min().map { Int64($0) }, days.max().map { Int64($0) }, rows: count) {
                return days.withUnsafeBufferPointer {
                    numberDensely($0, from: range.lowerBound, distinct: range.count, missing: missing, text: text, number: number)
                }
            }
            return numberByHash(rows: count, text: text, number: number) { row in
                self.missing.isMissing(row) ? nil : UInt64(bitPattern: Int64(days[row]))
            }
        case .number(let values):
            return numberByHash(rows: count, text: text, number: number) { row in
                self.missing.isMissing(row) ? nil : values[row].bitPattern
            }
        case .boolean(let values):
            return numberByHash(rows: count, text: text, number: number) { row in
                self.missing.isMissing(row) ? nil : (values[row] ? 1 : 0)
            }
        }
    }

    /// The values from `minimum` to `maximum` as offsets from `minimum`, when a table
    /// of that many entries costs no more than the rows themselves (or 4,096
    /// entries); `nil` for a wider spread. (Placeholders of missing cells are 0 and
    /// only widen the range.)
    private static func denseRange(_ minimum: Int64?, _ maximum: Int64?, rows: Int) -> (lowerBound: Int64, count: Int)? {
        guard let minimum, let maximum else { return (0, 0) }
        let (span, overflow) = maximum.subtractingReportingOverflow(minimum)
        guard !overflow, span < Int64(max(rows, 4_096)) else { return nil }
        return (minimum, Int(span) + 1)
    }
}

/// The value no number has been asked for yet.
private let notAsked = Int32.min

/// `ColumnData.numberingRows(_:)` through a table with one entry per value from
/// `lowest` on (`distinct` of them: dictionary codes, or whole numbers as offsets)
/// and one for missing cells. A column without missing cells reads its values
/// alone; the others look at the mask too.
private func numberDensely<Stored: FixedWidthInteger>(
    _ values: UnsafeBufferPointer<Stored>, from lowest: Int64, distinct: Int, missing: MissingMask,
    text: (Int) -> String, number: (String) -> Int32?
) -> (numbers: [Int32], firstUnnumbered: Int?) {
    var known = [Int32](repeating: notAsked, count: distinct + 1)
    var numbers = [Int32](repeating: 0, count: values.count)
    var firstUnnumbered: Int?
    let hasMissing = missing.missingCount > 0
    known.withUnsafeMutableBufferPointer { known in
        numbers.withUnsafeMutableBufferPointer { numbers in
            for row in 0..<values.count {
                let key = hasMissing && missing.isMissing(row) ? distinct : Int(truncatingIfNeeded: Int64(values[row]) &- lowest)
                var found = known[key]
                if found == notAsked {
                    guard let asked = number(text(row)) else { firstUnnumbered = row; return }
                    found = asked
                    known[key] = asked
                }
                numbers[row] = found
            }
        }
    }
    return (numbers, firstUnnumbered)
}

/// `ColumnData.numberingRows(_:)` through a hash table of the values' bits
/// (`nil`: a missing cell).
private func numberByHash(rows: Int, text: (Int) -> String, number: (String) -> Int32?,
                          key: (Int) -> UInt64?) -> (numbers: [Int32], firstUnnumbered: Int?) {
    var known: [UInt64: Int32] = [:]
    var missing: Int32?
    var numbers = [Int32](repeating: 0, count: rows)
    for row in 0..<rows {
        let k = key(row)
        let found: Int32? = if let k { known[k] } else { missing }
        if let found {
            numbers[row] = found
            continue
        }
        guard let asked = number(text(row)) else { return (numbers, row) }
        if let k { known[k] = asked } else { missing = asked }
        numbers[row] = asked
    }
    return (numbers, nil)
}
