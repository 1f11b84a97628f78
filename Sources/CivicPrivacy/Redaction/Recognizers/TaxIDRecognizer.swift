/// The German tax identification number (steuerliche Identifikationsnummer): eleven
/// digits, solid or grouped (`12 345 678 901`), the first not 0, the last an
/// ISO 7064 MOD 11,10 check digit, and in the first ten exactly one digit repeated
/// (twice or three times).
public struct TaxIDRecognizer: PIIRecognizer {
    private static let context = ContextWords(["steuer", "idnr", "id-nr", "identifikationsnummer", "tax id", "tin"])

    /// A recogniser of German tax IDs.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        text.forEachNumberStart { position in
            guard text[position] &- UInt8(ascii: "1") < 9, text[position - 1] != UInt8(ascii: "+") else { return nil }
            let number = DigitGroups(in: text, from: position, separators: [UInt8(ascii: " ")])
            guard number.digits.count == 11, text.numberEnds(at: number.end), Self.isValid(number.digits)
            else { return nil }
            let confidence = text.hasContext(Self.context, before: position) ? 1.0 : 0.9
            findings.append(PIIFinding(kind: .taxID, range: position..<number.end, confidence: confidence))
            return number.end
        }
    }

    /// Whether eleven digits form a valid tax ID.
    static func isValid(_ digits: [UInt8]) -> Bool {
        guard digits.count == 11, digits[0] != 0 else { return false }
        var counts = [Int](repeating: 0, count: 10)
        for digit in digits.prefix(10) { counts[Int(digit)] += 1 }
        let repeated = counts.filter { $0 > 1 }
        guard repeated.count == 1, repeated[0] <= 3 else { return false }
        return Checksums.iso7064Mod11_10CheckDigit(digits[0..<10]) == Int(digits[10])
    }
}
