/// One record of a CSV file as the reader hands it to a closure.
///
/// The fields are unquoted UTF-8 bytes that point into the reader's buffer, so
/// reading a record allocates nothing. A `CSVRecord` is valid only inside the
/// closure it is passed to; copy out what you need (``string(_:)``).
public struct CSVRecord {
    /// The line on which the record starts, from 1.
    public let line: Int
    /// The file's bytes, where unescaped fields lie.
    let buffer: UnsafeBufferPointer<UInt8>
    /// Unescaped copies of fields that held doubled quotes.
    let scratch: UnsafeBufferPointer<UInt8>
    /// Per field: its start in `buffer`, or `-(start + 1)` in `scratch`.
    let starts: UnsafeBufferPointer<Int>
    /// Per field: its length in bytes.
    let lengths: UnsafeBufferPointer<Int>

    /// The number of fields.
    public var count: Int { starts.count }

    /// The bytes of field `index` (from 0), unquoted, valid UTF-8.
    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = starts[index]
        if start >= 0 { return UnsafeBufferPointer(start: buffer.baseAddress! + start, count: lengths[index]) }
        return UnsafeBufferPointer(start: scratch.baseAddress! + (-start - 1), count: lengths[index])
    }

    /// Field `index` (from 0) as a string.
    public func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    /// All fields as strings.
    public var strings: [String] { (0..<count).map(string) }
}

/// A record the reader skipped in lenient mode, and why.
public struct CSVBadRecord: Sendable {
    /// The error the record would have raised in strict mode.
    public var error: CSVError
    /// The record's bytes as they stood in the (decoded) file, line ending included.
    public var rawBytes: [UInt8]
}
