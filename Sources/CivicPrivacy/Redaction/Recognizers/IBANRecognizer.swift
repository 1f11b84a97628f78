/// International bank account numbers, with or without spaces, of any country,
/// reported only when their mod-97 check digits are right (ISO 13616).
public struct IBANRecognizer: PIIRecognizer {
    /// A recogniser of IBANs.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        var position = 0
        let last = text.count - 4
        while position <= last {
            defer { position += 1 }
            guard ByteClass.isUppercase(text[position]), ByteClass.isUppercase(text[position + 1]),
                  ByteClass.isDigit(text[position + 2]), ByteClass.isDigit(text[position + 3]),
                  !text.isWordCharacter(before: position)
            else { continue }
            if let end = ibanEnd(in: text, from: position) {
                findings.append(PIIFinding(kind: .iban, range: position..<end, confidence: 1.0))
                position = end - 1
            }
        }
    }

    /// The end of the longest valid IBAN starting at `start`, if any. Characters may
    /// be grouped by single spaces; a candidate ends where a group ends.
    private func ibanEnd(in text: TextView, from start: Int) -> Int? {
        var characters: [UInt8] = []
        var candidateEnds: [(length: Int, end: Int)] = []
        var position = start
        while characters.count < 34 {
            let byte = text[position]
            if ByteClass.isUppercase(byte) || ByteClass.isDigit(byte) {
                characters.append(byte)
                position += 1
                if !text.isWordCharacter(at: position) { candidateEnds.append((characters.count, position)) }
            } else if byte == UInt8(ascii: " "), ByteClass.isAlphanumeric(text[position + 1]), !characters.isEmpty {
                position += 1
            } else {
                break
            }
        }
        let country = String(decoding: characters.prefix(2), as: UTF8.self)
        let expectedLength = Self.lengthByCountry[country]
        for candidate in candidateEnds.reversed() {
            if let expectedLength, candidate.length != expectedLength { continue }
            guard candidate.length >= 15,
                  Checksums.isValidIBAN(characters[0..<candidate.length]) else { continue }
            return candidate.end
        }
        return nil
    }

    /// IBAN lengths by country code, from the SWIFT IBAN registry. A country not
    /// listed is accepted with any length from 15 to 34.
    static let lengthByCountry: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
        "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
        "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
        "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
        "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
        "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]
}
