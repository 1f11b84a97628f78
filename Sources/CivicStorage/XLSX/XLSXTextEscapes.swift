/// Undoes the `_xHHHH_` escapes of spreadsheet text (ECMA-376 Part 1, §22.9.2.19
/// ST_Xstring): characters XML cannot hold, such as a carriage return, are written
/// as `_x000D_`, and an underscore that would start such a sequence as `_x005F_`.
enum XLSXTextEscapes {
    /// Decodes the escapes in `bytes[start...]` in place; returns the new length of
    /// that text. Text without `_x` is left as it is.
    static func decode(_ bytes: inout [UInt8], from start: Int) -> Int {
        let end = bytes.count
        guard let first = firstEscape(in: bytes, from: start, to: end) else { return end - start }
        var write = first
        var read = first
        while read < end {
            if let scalar = escapedScalar(in: bytes, at: read, end: end) {
                for byte in String(Character(scalar)).utf8 {
                    bytes[write] = byte
                    write += 1
                }
                read += 7
            } else {
                bytes[write] = bytes[read]
                write += 1
                read += 1
            }
        }
        bytes.removeSubrange(write..<end)
        return write - start
    }

    private static func firstEscape(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var index = start
        while index + 7 <= end {
            if escapedScalar(in: bytes, at: index, end: end) != nil { return index }
            index += 1
        }
        return nil
    }

    /// The character of an escape `_xHHHH_` at `index`, or `nil` if none starts there.
    /// The seven bytes of an escape are never longer than the character's UTF-8.
    private static func escapedScalar(in bytes: [UInt8], at index: Int, end: Int) -> Unicode.Scalar? {
        guard index + 7 <= end, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
              bytes[index + 6] == UInt8(ascii: "_") else { return nil }
        var value: UInt32 = 0
        for offset in 2..<6 {
            guard let digit = hexValue(bytes[index + offset]) else { return nil }
            value = value << 4 | digit
        }
        return Unicode.Scalar(value)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
