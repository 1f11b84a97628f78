/// E-mail addresses: `local@domain.tld`, the top-level domain of two or more letters.
public struct EmailRecognizer: PIIRecognizer {
    /// A recogniser of e-mail addresses.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        var searchedUpTo = 0
        for at in text.occurrences(ofByte: UInt8(ascii: "@")) where at >= searchedUpTo {
            var start = at
            while start > 0 && Self.isLocalByte(text[start - 1]) { start -= 1 }
            while start < at && text[start] == UInt8(ascii: ".") { start += 1 }
            var end = at + 1
            while end < text.count && Self.isDomainByte(text[end]) { end += 1 }
            while end > at + 1 && (text[end - 1] == UInt8(ascii: ".") || text[end - 1] == UInt8(ascii: "-")) { end -= 1 }
            guard start < at, let lastDot = (at + 1..<end).last(where: { text[$0] == UInt8(ascii: ".") }),
                  lastDot > at + 1, end - lastDot - 1 >= 2,
                  (lastDot + 1..<end).allSatisfy({ ByteClass.isLetter(text[$0]) })
            else { continue }
            findings.append(PIIFinding(kind: .email, range: start..<end, confidence: 1.0))
            searchedUpTo = end
        }
    }

    private static func isLocalByte(_ byte: UInt8) -> Bool {
        ByteClass.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        ByteClass.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }
}
