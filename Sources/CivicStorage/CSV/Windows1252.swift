/// Conversion between Windows-1252 and UTF-8.
///
/// Windows-1252 agrees with Latin-1 except in 0x80-0x9F, where it holds the euro
/// sign, typographic quotes and dashes. The five bytes it leaves undefined (0x81,
/// 0x8D, 0x8F, 0x90, 0x9D) are mapped to the C1 control characters of the same
/// number, as the WHATWG Encoding Standard does, so every byte sequence decodes and
/// re-encodes unchanged.
enum Windows1252 {
    /// The Unicode scalar of each byte 0x80-0x9F.
    static let highTable: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Appends the UTF-8 form of Windows-1252 `bytes` to `output`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            let scalar = byte < 0xA0 ? highTable[Int(byte - 0x80)] : UInt32(byte)
            appendUTF8(scalar, to: &output)
        }
    }

    /// The Windows-1252 byte for a Unicode scalar, or `nil` if it has none.
    static func encode(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 || (0xA0...0xFF).contains(value) { return UInt8(value) }
        if let index = highTable.firstIndex(of: value) { return UInt8(0x80 + index) }
        return nil
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        if scalar < 0x800 {
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
