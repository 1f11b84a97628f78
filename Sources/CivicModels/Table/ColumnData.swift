/// The values of one column, stored by type, with a mask of missing cells.
///
/// Each case holds one plain array, so code that walks millions of rows reads
/// machine numbers without boxing. A missing cell keeps a placeholder (0, 0.0,
/// false, day 0, code 0) in the array and is marked in ``missing``.
///
/// Outside CivicDataKit a column is read cell by cell (``value(at:)``) or as
/// numbers (``doubleValue(at:)``); the typed arrays (`storage`) are the package's own.
public struct ColumnData: Sendable {
    /// The typed values.
    public enum Storage: Sendable {
        /// Whole numbers.
        case integer([Int64])
        /// Decimal numbers.
        case number([Double])
        /// Dates as days since 1970-01-01.
        case date([Int32])
        /// True or false.
        case boolean([Bool])
        /// Text as one code per row into a dictionary of distinct texts.
        case text(codes: [UInt32], dictionary: TextDictionary)
    }

    /// The values.
    package internal(set) var storage: Storage
    /// Which rows are missing.
    public internal(set) var missing: MissingMask

    /// Creates column data; the mask must cover as many rows as the storage.
    package init(storage: Storage, missing: MissingMask) {
        self.storage = storage
        self.missing = missing
        precondition(missing.count == count, "missing mask covers \(missing.count) rows, storage \(count)")
    }

    /// The number of rows.
    public var count: Int {
        switch storage {
        case .integer(let v): return v.count
        case .number(let v): return v.count
        case .date(let v): return v.count
        case .boolean(let v): return v.count
        case .text(let codes, _): return codes.count
        }
    }

    /// The field type this storage holds.
    public var type: FieldType {
        switch storage {
        case .integer: return .integer
        case .number: return .number
        case .date: return .date
        case .boolean: return .boolean
        case .text: return .string
        }
    }

    /// Every cell as text (its ``Value/description``), `nil` where missing: the
    /// form labels, hierarchies and text scans read a column in.
    public var texts: [String?] {
        (0..<count).map { row in
            let value = value(at: row)
            return value.isMissing ? nil : value.description
        }
    }

    /// The cell at `row`, boxed.
    public func value(at row: Int) -> Value {
        if missing.isMissing(row) { return .missing }
        switch storage {
        case .integer(let v): return .integer(v[row])
        case .number(let v): return .number(v[row])
        case .date(let v): return .date(CivicDate(daysSinceEpoch: v[row]))
        case .boolean(let v): return .boolean(v[row])
        case .text(let codes, let dictionary): return .text(dictionary[codes[row]])
        }
    }

    /// Whether row `a` of this column holds the same value as row `b` of `other`
    /// (both missing counts as the same).
    public func valueEquals(_ a: Int, _ other: ColumnData, _ b: Int) -> Bool {
        let missingA = missing.isMissing(a), missingB = other.missing.isMissing(b)
        if missingA || missingB { return missingA == missingB }
        switch (storage, other.storage) {
        case let (.integer(x), .integer(y)): return x[a] == y[b]
        case let (.number(x), .number(y)): return x[a] == y[b] || (x[a].isNaN && y[b].isNaN)
        case let (.date(x), .date(y)): return x[a] == y[b]
        case let (.boolean(x), .boolean(y)): return x[a] == y[b]
        case let (.text(x, dx), .text(y, dy)): return dx.textEquals(x[a], dy, y[b])
        default: return false
        }
    }

    /// The values as doubles (integers converted), `nil` for missing cells and for
    /// columns that are not numeric.
    public func doubleValue(at row: Int) -> Double? {
        if missing.isMissing(row) { return nil }
        switch storage {
        case .integer(let v): return Double(v[row])
        case .number(let v): return v[row]
        default: return nil
        }
    }

    /// Whether the column holds integers or numbers.
    public var isNumeric: Bool { type == .integer || type == .number }

    /// Builds a column from boxed values. Every non-missing value must have the
    /// type `type` (an integer is accepted where a number is wanted).
    public init(type: FieldType, values: [Value]) throws(TableError) {
        var builder = ColumnBuilder(type: type, capacity: values.count)
        for (row, value) in values.enumerated() {
            guard builder.append(value) else {
                throw TableError.valueTypeMismatch(row: row, expected: type)
            }
        }
        self = builder.finish()
    }

    /// This column with each distinct text stored once (see
    /// ``TextDictionary/isDeduplicated``), the same texts in the same rows; any other
    /// column as it is.
    ///
    /// A reader stops deduplicating a column whose first rows are mostly distinct
    /// (case numbers, names). Where such a column is counted by value more than once
    /// (pseudonymised, then audited), deduplicating it once first lets every count
    /// work on its codes instead of hashing each row's text again.
    ///
    /// ```swift
    /// let clients = table.column(named: "client_id")!.deduplicatingTexts()
    /// ```
    public func deduplicatingTexts() -> ColumnData {
        guard case .text(let codes, let dictionary) = storage, !dictionary.isDeduplicated else { return self }
        var distinct = TextDictionary()
        let codeOfOld = (0..<UInt32(dictionary.count)).map { old in dictionary.withUTF8(old) { distinct.code(forUTF8: $0) } }
        return ColumnData(storage: .text(codes: codes.map { codeOfOld[Int($0)] }, dictionary: distinct), missing: missing)
    }

    /// The rows at `indices`, in that order.
    public func gathering(_ indices: [Int]) -> ColumnData {
        var mask = MissingMask(count: missing.missingCount == 0 ? indices.count : 0)
        if missing.missingCount > 0 {
            mask.reserveCapacity(indices.count)
            for i in indices { mask.append(missing: missing.isMissing(i)) }
        }
        switch storage {
        case .integer(let v): return ColumnData(storage: .integer(indices.map { v[$0] }), missing: mask)
        case .number(let v): return ColumnData(storage: .number(indices.map { v[$0] }), missing: mask)
        case .date(let v): return ColumnData(storage: .date(indices.map { v[$0] }), missing: mask)
        case .boolean(let v): return ColumnData(storage: .boolean(indices.map { v[$0] }), missing: mask)
        case .text(let codes, let dictionary):
            return ColumnData(storage: .text(codes: indices.map { codes[$0] }, dictionary: dictionary), missing: mask)
        }
    }
}

extension ColumnData: Equatable {
    /// Two columns are equal when they hold the same values in the same rows, however
    /// their text is encoded.
    public static func == (lhs: ColumnData, rhs: ColumnData) -> Bool {
        guard lhs.type == rhs.type, lhs.count == rhs.count,
              lhs.missing.missingCount == rhs.missing.missingCount else { return false }
        return (0..<lhs.count).allSatisfy { lhs.valueEquals($0, rhs, $0) }
    }
}

/// Collects the values of one column row by row, then hands out the ``ColumnData``.
///
/// Loaders (CSV, SQLite) append typed values as they parse; nothing is boxed. Only
/// the array of the builder's ``type`` is used.
public struct ColumnBuilder: Sendable {
    /// The type being built.
    public let type: FieldType
    private var integers: [Int64] = []
    private var numbers: [Double] = []
    private var days: [Int32] = []
    private var booleans: [Bool] = []
    private var codes: [UInt32] = []
    private var dictionary = TextDictionary()
    private var missing = MissingMask()

    /// A builder for a column of `type`, with room for `capacity` rows.
    public init(type: FieldType, capacity: Int = 0) {
        self.type = type
        missing.reserveCapacity(capacity)
        switch type {
        case .integer: integers.reserveCapacity(capacity)
        case .number: numbers.reserveCapacity(capacity)
        case .date: days.reserveCapacity(capacity)
        case .boolean: booleans.reserveCapacity(capacity)
        case .string: codes.reserveCapacity(capacity)
        }
    }

    /// A builder whose first rows are those of `column`, for appending more.
    public init(continuing column: ColumnData) {
        type = column.type
        missing = column.missing
        switch column.storage {
        case .integer(let values): integers = values
        case .number(let values): numbers = values
        case .date(let values): days = values
        case .boolean(let values): booleans = values
        case .text(let values, let texts):
            codes = values
            dictionary = texts
        }
    }

    /// The number of rows appended so far.
    public var count: Int { missing.count }

    /// An empty builder of the same type, with room for `rows` rows and text sized
    /// by this builder's rows so far.
    public func emptyCopy(reserving rows: Int) -> ColumnBuilder {
        var copy = ColumnBuilder(type: type, capacity: rows)
        if type == .string, count > 0, dictionary.count * 2 > count {
            copy.dictionary.reserveCapacity(texts: rows, bytes: dictionary.byteCount / count * rows * 11 / 10)
        }
        return copy
    }

    /// Appends a missing cell.
    @inline(__always)
    public mutating func appendMissing() {
        missing.append(missing: true)
        switch type {
        case .integer: integers.append(0)
        case .number: numbers.append(0)
        case .date: days.append(0)
        case .boolean: booleans.append(false)
        case .string:
            codes.append(0)
            if codes.count == Self.cardinalityCheckRow { checkCardinality() }
        }
    }

    /// Appends an integer to an integer column.
    @inline(__always)
    public mutating func append(integer: Int64) {
        assert(type == .integer)
        integers.append(integer)
        missing.append(missing: false)
    }

    /// Appends a number to a number column.
    @inline(__always)
    public mutating func append(number: Double) {
        assert(type == .number)
        numbers.append(number)
        missing.append(missing: false)
    }

    /// Appends a date to a date column.
    @inline(__always)
    public mutating func append(date: CivicDate) {
        assert(type == .date)
        days.append(date.daysSinceEpoch)
        missing.append(missing: false)
    }

    /// Appends a boolean to a boolean column.
    @inline(__always)
    public mutating func append(boolean: Bool) {
        assert(type == .boolean)
        booleans.append(boolean)
        missing.append(missing: false)
    }

    /// Appends text, given as valid UTF-8 bytes, to a text column.
    @inline(__always)
    public mutating func append(utf8 text: UnsafeBufferPointer<UInt8>) {
        assert(type == .string)
        codes.append(dictionary.code(forUTF8: text))
        missing.append(missing: false)
        if codes.count == Self.cardinalityCheckRow { checkCardinality() }
    }

    /// Appends text to a text column.
    public mutating func append(text: String) {
        var text = text
        text.withUTF8 { append(utf8: $0) }
    }

    /// The row count at which a text column checks whether deduplication pays.
    static let cardinalityCheckRow = 1 << 16

    /// Stops deduplicating a text column whose values are mostly distinct (more
    /// than half of the rows so far): case numbers, names, notes.
    private mutating func checkCardinality() {
        if dictionary.count * 2 > codes.count { dictionary.stopDeduplicating() }
    }

    /// Appends a boxed value; returns `false` (and appends nothing) when its type
    /// does not fit the column. An integer fits a number column.
    @discardableResult
    public mutating func append(_ value: Value) -> Bool {
        switch (value, type) {
        case (.missing, _): appendMissing()
        case (.integer(let v), .integer): append(integer: v)
        case (.integer(let v), .number): append(number: Double(v))
        case (.number(let v), .number): append(number: v)
        case (.date(let v), .date): append(date: v)
        case (.boolean(let v), .boolean): append(boolean: v)
        case (.text(let v), .string): append(text: v)
        default: return false
        }
        return true
    }

    /// The finished column.
    public func finish() -> ColumnData {
        let storage: ColumnData.Storage
        switch type {
        case .integer: storage = .integer(integers)
        case .number: storage = .number(numbers)
        case .date: storage = .date(days)
        case .boolean: storage = .boolean(booleans)
        case .string: storage = .text(codes: codes, dictionary: dictionary)
        }
        return ColumnData(storage: storage, missing: missing)
    }
}
