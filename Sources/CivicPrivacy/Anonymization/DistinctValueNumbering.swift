import CivicModels
import Foundation

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

/// Each record's value as a number into the distinct values, each held once: for
/// work done once per distinct value (redacting a note, a pseudonym) and for
/// counting by value (tables, classes) without hashing each record's text.
/// Values are compared byte by byte, as a table's text column compares them.
package struct NumberedLabels: Sendable {
    /// The distinct values, in order of first appearance.
    package private(set) var texts: [String]
    /// Each record's value, an index into ``texts``; -1 for a record not counted.
    package private(set) var numbers: [Int32]

    /// The labels `labels`, `nil` where a record is not counted.
    package init(_ labels: [String?]) {
        var numbering = TextDictionary()
        numbers = labels.map { label in label.map { Int32(numbering.code(for: $0)) } ?? -1 }
        texts = numbering.texts
    }

    /// A column's values (as `Value.description` renders them); missing cells are
    /// not counted.
    ///
    /// A text column is read through its dictionary, so each code's bytes are
    /// looked at once: on a million rows, hashing every row's text as a Swift
    /// `String` took seconds. A dictionary that holds each text once (see
    /// ``TextDictionary/isDeduplicated``) is not even hashed: its codes in order of
    /// first appearance are the numbering. (A column read from a large CSV file
    /// mostly does not: the reader stops deduplicating case numbers, names and
    /// notes, whose values are nearly all distinct; columns built by the pipeline,
    /// such as pseudonyms and redacted notes, do.)
    package init(_ column: ColumnData) {
        var numbering = TextDictionary()
        var numbers = [Int32](repeating: -1, count: column.count)
        if case .text(let codes, let dictionary) = column.storage {
            // Distinct codes of a dictionary that holds each text once are distinct
            // texts: the numbering appends them without looking them up.
            if dictionary.isDeduplicated { numbering.stopDeduplicating() }
            var numberOfCode = [Int32](repeating: -1, count: dictionary.count)
            for row in 0..<column.count where !column.missing.isMissing(row) {
                let code = Int(codes[row])
                if numberOfCode[code] < 0 {
                    numberOfCode[code] = Int32(dictionary.withUTF8(codes[row]) { numbering.code(forUTF8: $0) })
                }
                numbers[row] = numberOfCode[code]
            }
        } else {
            // Numbered by their text, a missing cell too (as ""): only the texts of
            // the other cells are kept.
            let numbered = column.numberingRows { Int32(numbering.code(for: $0)) }.numbers
            var kept = TextDictionary(), keptNumber = [Int32](repeating: -1, count: numbering.count)
            for row in numbered.indices where !column.missing.isMissing(row) {
                let n = Int(numbered[row])
                if keptNumber[n] < 0 { keptNumber[n] = Int32(kept.code(for: numbering[UInt32(n)])) }
                numbers[row] = keptNumber[n]
            }
            numbering = kept
        }
        self.init(texts: numbering.texts, numbers: numbers)
    }

    /// Values already numbered.
    package init(texts: [String], numbers: [Int32]) {
        self.texts = texts
        self.numbers = numbers
    }

    /// These labels with `text` no label: its records are not counted.
    package func excluding(_ text: String) -> NumberedLabels {
        guard let gone = texts.firstIndex(of: text).map(Int32.init) else { return self }
        var texts = texts
        texts.remove(at: Int(gone))
        return NumberedLabels(texts: texts, numbers: numbers.map { $0 == gone ? -1 : $0 > gone ? $0 - 1 : $0 })
    }

    /// The records holding each of ``texts``.
    package var recordCounts: [Int] {
        var counts = [Int](repeating: 0, count: texts.count)
        for number in numbers where number >= 0 { counts[Int(number)] += 1 }
        return counts
    }

    /// The labels in natural order ("2" before "10"), and each text's place in it.
    var sorted: (labels: [String], indexOfText: [Int]) {
        let order = texts.indices.sorted { texts[$0].compare(texts[$1], options: [.numeric]) == .orderedAscending }
        var indexOfText = [Int](repeating: 0, count: texts.count)
        for (place, index) in order.enumerated() { indexOfText[index] = place }
        return (order.map { texts[$0] }, indexOfText)
    }
}
