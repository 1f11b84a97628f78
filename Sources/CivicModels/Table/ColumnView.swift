/// A borrowed, pointer-based view of a column for loops over millions of rows.
///
/// Reading ``ColumnData/storage`` inside a row loop retains and releases the
/// column's arrays on every cell; a view takes the pointers once. A view is valid
/// only inside the closure of ``ColumnData/withView(_:)`` or
/// ``withColumnViews(_:_:)``.
///
/// ```swift
/// try withColumnViews(table.columns) { views in
///     for row in 0..<table.rowCount where !views[0].isMissing(row) { total += views[0].integer(row) }
/// }
/// ```
package struct ColumnView {
    /// The type of the values.
    package let type: FieldType
    @usableFromInline let words: UnsafeBufferPointer<UInt64>
    @usableFromInline let hasMissing: Bool
    @usableFromInline let integers: UnsafeBufferPointer<Int64>
    @usableFromInline let numbers: UnsafeBufferPointer<Double>
    @usableFromInline let days: UnsafeBufferPointer<Int32>
    @usableFromInline let booleans: UnsafeBufferPointer<Bool>
    @usableFromInline let codes: UnsafeBufferPointer<UInt32>
    @usableFromInline let textBytes: UnsafeBufferPointer<UInt8>
    @usableFromInline let textOffsets: UnsafeBufferPointer<Int>

    init(type: FieldType, words: UnsafeBufferPointer<UInt64>, hasMissing: Bool,
         integers: UnsafeBufferPointer<Int64> = .init(start: nil, count: 0),
         numbers: UnsafeBufferPointer<Double> = .init(start: nil, count: 0),
         days: UnsafeBufferPointer<Int32> = .init(start: nil, count: 0),
         booleans: UnsafeBufferPointer<Bool> = .init(start: nil, count: 0),
         codes: UnsafeBufferPointer<UInt32> = .init(start: nil, count: 0),
         textBytes: UnsafeBufferPointer<UInt8> = .init(start: nil, count: 0),
         textOffsets: UnsafeBufferPointer<Int> = .init(start: nil, count: 0)) {
        self.type = type
        self.words = words
        self.hasMissing = hasMissing
        self.integers = integers
        self.numbers = numbers
        self.days = days
        self.booleans = booleans
        self.codes = codes
        self.textBytes = textBytes
        self.textOffsets = textOffsets
    }

    /// Whether `row` is missing.
    @inlinable @inline(__always)
    package func isMissing(_ row: Int) -> Bool {
        hasMissing && (words[row >> 6] >> UInt64(row & 63)) & 1 == 1
    }

    /// The integer at `row` of an integer column.
    @inlinable @inline(__always) public func integer(_ row: Int) -> Int64 { integers[row] }
    /// The number at `row` of a number column.
    @inlinable @inline(__always) public func number(_ row: Int) -> Double { numbers[row] }
    /// The date at `row` of a date column, as days since 1970-01-01.
    @inlinable @inline(__always) public func day(_ row: Int) -> Int32 { days[row] }
    /// The boolean at `row` of a boolean column.
    @inlinable @inline(__always) public func boolean(_ row: Int) -> Bool { booleans[row] }
    /// The dictionary code at `row` of a text column.
    @inlinable @inline(__always) public func code(_ row: Int) -> UInt32 { codes[row] }

    /// The UTF-8 bytes of the text at `row` of a text column.
    @inlinable @inline(__always)
    package func text(_ row: Int) -> UnsafeBufferPointer<UInt8> {
        let code = Int(codes[row])
        let start = textOffsets[code]
        return UnsafeBufferPointer(start: textBytes.baseAddress.map { $0 + start }, count: textOffsets[code + 1] - start)
    }
}

extension ColumnData {
    /// Calls `body` with a pointer-based view of this column.
    package func withView<R>(_ body: (ColumnView) throws -> R) rethrows -> R {
        try missing.words.withUnsafeBufferPointer { words in
            let hasMissing = missing.missingCount > 0
            switch storage {
            case .integer(let values):
                return try values.withUnsafeBufferPointer {
                    try body(ColumnView(type: .integer, words: words, hasMissing: hasMissing, integers: $0))
                }
            case .number(let values):
                return try values.withUnsafeBufferPointer {
                    try body(ColumnView(type: .number, words: words, hasMissing: hasMissing, numbers: $0))
                }
            case .date(let values):
                return try values.withUnsafeBufferPointer {
                    try body(ColumnView(type: .date, words: words, hasMissing: hasMissing, days: $0))
                }
            case .boolean(let values):
                return try values.withUnsafeBufferPointer {
                    try body(ColumnView(type: .boolean, words: words, hasMissing: hasMissing, booleans: $0))
                }
            case .text(let codes, let dictionary):
                return try codes.withUnsafeBufferPointer { codes in
                    try dictionary.withUnsafeStorage { bytes, offsets in
                        try body(ColumnView(type: .string, words: words, hasMissing: hasMissing, codes: codes,
                                            textBytes: bytes, textOffsets: offsets))
                    }
                }
            }
        }
    }
}

/// Calls `body` with a view of every column, in order.
package func withColumnViews<R>(_ columns: [ColumnData], _ body: ([ColumnView]) throws -> R) rethrows -> R {
    func nest(_ index: Int, _ views: [ColumnView]) throws -> R {
        if index == columns.count { return try body(views) }
        return try columns[index].withView { try nest(index + 1, views + [$0]) }
    }
    return try nest(0, [])
}
