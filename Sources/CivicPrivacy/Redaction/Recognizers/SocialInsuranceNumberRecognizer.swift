/// The German social (pension) insurance number, Rentenversicherungsnummer:
/// area (2 digits), date of birth (DDMMYY), the birth name's initial, a serial
/// (2 digits) and a check digit, e.g. `12 150385 M 01 2` or `12150385M012`.
/// Reported only when date and check digit are valid.
public struct SocialInsuranceNumberRecognizer: PIIRecognizer {
    /// A recogniser of German social insurance numbers.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        text.forEachNumberStart { position in
            guard let end = numberEnd(in: text, from: position) else { return nil }
            findings.append(PIIFinding(kind: .socialInsuranceNumber, range: position..<end, confidence: 1.0))
            return end
        }
    }

    /// Reads `2 6 L 2 1` (spaces between the parts optional) and checks it.
    private func numberEnd(in text: TextView, from start: Int) -> Int? {
        var position = start
        var digits: [UInt8] = []
        var letter: UInt8 = 0
        func readDigits(_ count: Int) -> Bool {
            if text[position] == UInt8(ascii: " ") && !digits.isEmpty { position += 1 }
            for _ in 0..<count {
                guard ByteClass.isDigit(text[position]) else { return false }
                digits.append(text[position] - UInt8(ascii: "0"))
                position += 1
            }
            return true
        }
        guard readDigits(2), readDigits(6) else { return nil }
        if text[position] == UInt8(ascii: " ") { position += 1 }
        letter = text[position]
        guard ByteClass.isUppercase(letter) else { return nil }
        position += 1
        guard readDigits(2), readDigits(1), text.numberEnds(at: position) else { return nil }
        let area = Int(digits[0]) * 10 + Int(digits[1])
        let day = Int(digits[2]) * 10 + Int(digits[3])
        let month = Int(digits[4]) * 10 + Int(digits[5])
        guard (2...89).contains(area), (1...31).contains(day), (1...12).contains(month),
              Checksums.socialInsuranceCheckDigit(digits: Array(digits[0..<10]), letter: letter) == Int(digits[10])
        else { return nil }
        return position
    }
}
