/// Telephone numbers in German and international notation: `0151 23456789`,
/// `030/1234567`, `(030) 123 45 67`, `+49 30 1234567`, `+4915123456789` (E.164),
/// `0049 30 1234567`.
///
/// A national number starts with 0 and has 7 to 13 digits; an international one
/// starts with `+` or `00` and has 8 to 15 digits after it. Dots and commas are
/// not accepted between digits, so amounts (`1.250,00`) and dates are never
/// phones. Words such as "Tel." or "anrufen" before the number raise the confidence.
public struct PhoneRecognizer: PIIRecognizer {
    private static let context = ContextWords([
        "tel", "telefon", "handy", "mobil", "rufnummer", "rückruf", "erreichbar", "anruf", "whatsapp", "fax",
        "phone", "call", "mobile", "cell", "reach",
    ])
    private static let separators: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: "/"), UInt8(ascii: "-")]

    /// A recogniser of telephone numbers.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        var position = 0
        while position < text.count {
            let byte = text[position]
            let startsNumber = (byte == UInt8(ascii: "+") && ByteClass.isDigit(text[position + 1]) && text[position + 1] != UInt8(ascii: "0"))
                || (byte == UInt8(ascii: "(") && text[position + 1] == UInt8(ascii: "0"))
                || byte == UInt8(ascii: "0")
            guard startsNumber, !text.isWordCharacter(before: position), !text.continuesNumber(at: position) else {
                position += 1
                continue
            }
            if let (end, confidence) = phoneEnd(in: text, from: position) {
                let withContext = text.hasContext(Self.context, before: position) ? max(confidence, 0.95) : confidence
                findings.append(PIIFinding(kind: .phone, range: position..<end, confidence: withContext))
                position = end
            } else {
                position += 1
                while ByteClass.isDigit(text[position]) { position += 1 }
            }
        }
    }

    /// Reads a number from `start`: digit groups joined by a space, `/` or `-` (with
    /// optional spaces around `/` and `-`), a `(0)` trunk prefix, or an area code in
    /// parentheses.
    private func phoneEnd(in text: TextView, from start: Int) -> (end: Int, confidence: Double)? {
        var position = start
        let international = text[start] == UInt8(ascii: "+")
        if international { position += 1 }
        var digits: [UInt8] = []
        var end = position
        while digits.count <= 17 {
            let byte = text[position]
            if ByteClass.isDigit(byte) {
                digits.append(byte - UInt8(ascii: "0"))
                position += 1
                end = position
                continue
            }
            // "(0)" after a country code is not dialled.
            if international, byte == UInt8(ascii: "("), text[position + 1] == UInt8(ascii: "0"),
               text[position + 2] == UInt8(ascii: ")") {
                position += 3
                if text[position] == UInt8(ascii: " ") { position += 1 }
                continue
            }
            if byte == UInt8(ascii: "(") && digits.isEmpty { position += 1; continue }
            if byte == UInt8(ascii: ")") && !digits.isEmpty && text[position + 1] == UInt8(ascii: " ")
                && ByteClass.isDigit(text[position + 2]) {
                position += 2
                continue
            }
            // A separator, possibly with a space on either side: "030 / 123 456".
            var next = position
            if text[next] == UInt8(ascii: " ") { next += 1 }
            if Self.separators.contains(text[next]) && text[next] != UInt8(ascii: " ") { next += 1 }
            if text[next] == UInt8(ascii: " ") && next > position { next += 1 }
            guard next > position, next - position <= 3, ByteClass.isDigit(text[next]), !digits.isEmpty else { break }
            position = next
        }
        guard text.numberEnds(at: end) else { return nil }
        let isDoubleZero = !international && digits.starts(with: [0, 0])
        if international || isDoubleZero {
            let count = digits.count - (isDoubleZero ? 2 : 0)
            guard (8...15).contains(count), !(isDoubleZero && digits.count > 2 && digits[2] == 0) else { return nil }
            return (end, 0.85)
        }
        guard digits.first == 0, digits.count >= 2, digits[1] != 0, (7...13).contains(digits.count) else { return nil }
        // German mobile numbers (015x, 016x, 017x) are unmistakable; 01 otherwise is rare.
        if digits[1] == 1 { return ([5, 6, 7].contains(digits[2]) ? (end, 0.85) : (end, 0.4)) }
        return (end, digits.count >= 9 ? 0.7 : 0.55)
    }
}
