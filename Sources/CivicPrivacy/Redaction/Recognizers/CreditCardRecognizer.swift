/// Payment card numbers: 13 to 19 digits starting with 2 to 6, written solid or in
/// the printed groups (4-4-4-4, 4-6-5, ...), reported only when the Luhn check holds.
public struct CreditCardRecognizer: PIIRecognizer {
    /// A recogniser of payment card numbers.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        text.forEachNumberStart { position in
            guard text[position] &- UInt8(ascii: "2") < 5, text[position - 1] != UInt8(ascii: "+") else { return nil }
            let number = DigitGroups(in: text, from: position, separators: [UInt8(ascii: " "), UInt8(ascii: "-")])
            guard (13...19).contains(number.digits.count), Self.isCardGrouping(number.groups),
                  text.numberEnds(at: number.end), Checksums.passesLuhn(number.digits[...])
            else { return nil }
            findings.append(PIIFinding(kind: .creditCard, range: position..<number.end, confidence: 1.0))
            return number.end
        }
    }

    /// Solid, or groups of four with a shorter last group, or the 4-6-5 / 4-6-4 of
    /// American Express and Diners.
    static func isCardGrouping(_ groups: [Int]) -> Bool {
        if groups.count == 1 { return true }
        if groups == [4, 6, 5] || groups == [4, 6, 4] { return true }
        return groups.dropLast().allSatisfy { $0 == 4 } && (1...4).contains(groups.last!)
    }
}
