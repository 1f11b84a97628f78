/// IPv4 addresses (`192.168.10.4`) and IPv6 addresses (`2001:db8::8a2e:370:7334`).
public struct IPAddressRecognizer: PIIRecognizer {
    /// A recogniser of IP addresses.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        recognizeIPv4(in: text, into: &findings)
        recognizeIPv6(in: text, into: &findings)
    }

    private func recognizeIPv4(in text: TextView, into findings: inout [PIIFinding]) {
        var position = 0
        while position < text.count {
            guard ByteClass.isDigit(text[position]), !text.isWordCharacter(before: position),
                  text[position - 1] != UInt8(ascii: ".")
            else { position += 1; continue }
            var end = position
            var octets = 0
            while octets < 4 {
                let octetStart = end
                var value = 0
                while ByteClass.isDigit(text[end]) && end - octetStart < 3 {
                    value = value * 10 + Int(text[end] - UInt8(ascii: "0"))
                    end += 1
                }
                let length = end - octetStart
                guard length > 0, value <= 255, !(length > 1 && text[octetStart] == UInt8(ascii: "0")) else { break }
                octets += 1
                if octets < 4 {
                    guard text[end] == UInt8(ascii: "."), ByteClass.isDigit(text[end + 1]) else { break }
                    end += 1
                }
            }
            if octets == 4, text.numberEnds(at: end) {
                findings.append(PIIFinding(kind: .ipAddress, range: position..<end, confidence: 0.85))
                position = end
            } else {
                position += 1
                while ByteClass.isDigit(text[position]) || text[position] == UInt8(ascii: ".") { position += 1 }
            }
        }
    }

    private func recognizeIPv6(in text: TextView, into findings: inout [PIIFinding]) {
        var searchedUpTo = 0
        for colon in text.occurrences(ofByte: UInt8(ascii: ":")) where colon >= searchedUpTo {
            var start = colon
            while start > 0 && Self.isAddressByte(text[start - 1]) { start -= 1 }
            var end = colon
            while end < text.count && Self.isAddressByte(text[end]) { end += 1 }
            searchedUpTo = end
            while end > start && text[end - 1] == UInt8(ascii: ".") { end -= 1 }
            guard !text.isWordCharacter(before: start), !text.isWordCharacter(at: end),
                  Self.isIPv6(Array(text.bytes[start..<end]))
            else { continue }
            findings.append(PIIFinding(kind: .ipAddress, range: start..<end, confidence: 0.85))
        }
    }

    private static func isAddressByte(_ byte: UInt8) -> Bool {
        ByteClass.isHexDigit(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    /// RFC 4291 text form: up to eight groups of 1 to 4 hex digits, at most one `::`,
    /// optionally ending in an IPv4 address.
    static func isIPv6(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.filter({ $0 == UInt8(ascii: ":") }).count >= 2 else { return false }
        var halves = [Substring(text)]
        if let gap = text.firstRange(of: "::") {
            halves = [text[..<gap.lowerBound], text[gap.upperBound...]]
            guard !halves[1].contains("::") else { return false }
        }
        var groups = 0
        for (index, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (partIndex, part) in parts.enumerated() {
                let isLast = index == halves.count - 1 && partIndex == parts.count - 1
                if isLast && part.contains(".") {
                    let octets = part.split(separator: ".", omittingEmptySubsequences: false)
                    guard octets.count == 4, octets.allSatisfy({ (1...3).contains($0.count) && (Int($0) ?? 256) <= 255 })
                    else { return false }
                    groups += 2
                } else {
                    guard (1...4).contains(part.count), part.utf8.allSatisfy(ByteClass.isHexDigit) else { return false }
                    groups += 1
                }
            }
        }
        return halves.count == 2 ? (groups <= 7 && groups >= 1) : groups == 8
    }
}
