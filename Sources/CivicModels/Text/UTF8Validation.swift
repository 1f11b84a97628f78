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
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            for k in 1..<length {
                if i + k >= n { return allowTruncatedEnd ? nil : i }
                let byte = bytes[i + k]
                let (lo, hi) = k == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
                if byte < lo || byte > hi { return i }
            }
            i += length
        }
        return nil
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
