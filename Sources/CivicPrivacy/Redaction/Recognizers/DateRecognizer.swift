import CivicModels

/// Calendar dates written `14.03.1985` (also `4.3.1985`) or `1985-03-14`, years
/// 1900 to 2099, valid days only. Dates of birth are the reason; "geb.", "born"
/// and similar words before a date raise the confidence.
public struct DateRecognizer: PIIRecognizer {
    private static let context = ContextWords([
        "geb.", "geboren", "geburtsdatum", "geburtstag", "born", "birth", "dob", "d.o.b",
    ])

    /// A recogniser of calendar dates.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        text.forEachNumberStart { position in
            guard let end = Self.germanDateEnd(in: text, from: position) ?? Self.isoDateEnd(in: text, from: position)
            else { return nil }
            let confidence = text.hasContext(Self.context, before: position) ? 1.0 : 0.8
            findings.append(PIIFinding(kind: .date, range: position..<end, confidence: confidence))
            return end
        }
    }

    /// `D.M.YYYY` with one- or two-digit day and month.
    static func germanDateEnd(in text: TextView, from start: Int) -> Int? {
        var position = start
        guard let day = number(in: text, at: &position, digits: 1...2), text[position] == UInt8(ascii: "."),
              ByteClass.isDigit(text[position + 1]) else { return nil }
        position += 1
        guard let month = number(in: text, at: &position, digits: 1...2), text[position] == UInt8(ascii: ".") else { return nil }
        position += 1
        guard let year = number(in: text, at: &position, digits: 4...4), text.numberEnds(at: position),
              isValid(year: year, month: month, day: day) else { return nil }
        return position
    }

    /// `YYYY-MM-DD`.
    static func isoDateEnd(in text: TextView, from start: Int) -> Int? {
        var position = start
        guard let year = number(in: text, at: &position, digits: 4...4), text[position] == UInt8(ascii: "-") else { return nil }
        position += 1
        guard let month = number(in: text, at: &position, digits: 2...2), text[position] == UInt8(ascii: "-") else { return nil }
        position += 1
        guard let day = number(in: text, at: &position, digits: 2...2), text.numberEnds(at: position),
              isValid(year: year, month: month, day: day) else { return nil }
        return position
    }

    private static func number(in text: TextView, at position: inout Int, digits: ClosedRange<Int>) -> Int? {
        var value = 0
        var count = 0
        while ByteClass.isDigit(text[position]) && count < digits.upperBound {
            value = value * 10 + Int(text[position] - UInt8(ascii: "0"))
            position += 1
            count += 1
        }
        return digits.contains(count) && !ByteClass.isDigit(text[position]) ? value : nil
    }

    private static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1900...2099).contains(year) && CivicDate(year: year, month: month, day: day) != nil
    }
}
