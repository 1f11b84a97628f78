/// Checks bytes for well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF), fast on mostly-ASCII text.
///
/// Readers use it to turn bad input into an error that names the byte offset,
/// instead of silently replacing bytes:
///
/// ```swift
/// if let offset = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0) }) {
///     throw MyError.badEncoding(byteOffset: offset)
/// }
/// ```
public enum UTF8Validation {
    /// The offset of the first byte that starts an invalid sequence, or `nil` if all
    /// bytes are valid. With `allowTruncatedEnd`, a sequence cut off by the end of the
    /// buffer counts as valid (the rest may follow in the next chunk).
    public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Int? {
        let n = bytes.count
        var i = 0
        while i < n {
            // Skip ASCII eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { return nil }
            if bytes[i] < 0x80 { i += 1; continue }
            switch sequence(in: bytes, at: i) {
            case .valid(let length): i += length
            case .truncated: return allowTruncatedEnd ? nil : i
            case .invalid: return i
            }
        }
        return nil
    }

    /// What starts at a non-ASCII byte: a valid sequence of some length, one cut
    /// off by the end of the buffer, or an invalid one.
    enum Sequence { case valid(Int), truncated, invalid }

    /// The UTF-8 sequence that starts at `i` (a byte of 0x80 or more).
    static func sequence(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Sequence {
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch bytes[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return .invalid
        }
        for k in 1..<length {
            if i + k >= bytes.count { return .truncated }
            let byte = bytes[i + k]
            let (lo, hi) = k == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
            if byte < lo || byte > hi { return .invalid }
        }
        return .valid(length)
    }

    /// How many valid multi-byte sequences `bytes` holds, and how many bytes start
    /// invalid ones: evidence for deciding between UTF-8 with a damaged byte and a
    /// single-byte encoding such as Windows-1252.
    public static func evidence(_ bytes: UnsafeBufferPointer<UInt8>) -> (validSequences: Int, invalidBytes: Int) {
        var valid = 0, invalid = 0, i = 0
        while i < bytes.count {
            guard bytes[i] >= 0x80 else { i += 1; continue }
            switch sequence(in: bytes, at: i) {
            case .valid(let length): valid += 1; i += length
            case .truncated: i = bytes.count
            case .invalid: invalid += 1; i += 1
            }
        }
        return (valid, invalid)
    }

    /// Whether all bytes are below 0x80.
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            if UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                return false
            }
            i += 8
        }
        while i < n { if bytes[i] >= 0x80 { return false }; i += 1 }
        return true
    }
}
