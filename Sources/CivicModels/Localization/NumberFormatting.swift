import Foundation

/// Numbers as readers of each language write them: German with a decimal comma
/// and a point between thousands (0,486; 38.400; 4,2 %), English the other way
/// round (0.486; 38,400; 4.2 %). "Verlust 1.000" must never be read as a thousand.
///
/// The rules are written out here rather than taken from the system's locale data,
/// so reports read the same on every machine.
///
/// ```swift
/// Language.german.decimal(0.4861, digits: 3)   // "0,486"
/// Language.german.integer(38_400)              // "38.400"
/// Language.english.percent(0.042)              // "4.2 %"
/// ```
extension Language {
    /// The decimal mark.
    public var decimalMark: String { self == .german ? "," : "." }
    /// The mark between groups of three digits.
    public var groupingMark: String { self == .german ? "." : "," }

    /// A whole number with its thousands grouped.
    public func integer<Number: BinaryInteger>(_ value: Number) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += groupingMark }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A number with `digits` digits after the decimal mark, thousands grouped.
    public func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(max(digits, 0))f", value)
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        let whole = integer(Int64(parts[0]) ?? 0)
        let fraction = parts.count > 1 ? decimalMark + parts[1] : ""
        let result = whole + fraction
        return negative && result.contains(where: { $0 != "0" && $0.isNumber }) ? "-" + result : result
    }

    /// A share (0.042) as a percentage with `digits` decimals ("4,2 %").
    public func percent(_ share: Double, digits: Int = 1) -> String {
        decimal(share * 100, digits: digits) + " %"
    }

    /// A number in as few digits as show it: whole numbers whole, others to about
    /// `significantDigits` significant digits, very large or small ones with an exponent.
    public func number(_ value: Double, significantDigits: Int = 4) -> String {
        guard value.isFinite else { return "–" }
        if value == value.rounded() && abs(value) < 1e15 { return integer(Int64(value)) }
        let magnitude = value == 0 ? 0 : Int(log10(abs(value)).rounded(.down))
        if magnitude < -4 || magnitude >= 15 {
            return String(format: "%.\(max(significantDigits - 1, 0))e", value).replacingOccurrences(of: ".", with: decimalMark)
        }
        let digits = max(significantDigits - 1 - magnitude, 0)
        var text = decimal(value, digits: digits)
        // Trailing zeros after the mark say nothing.
        if text.contains(decimalMark) {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(decimalMark) { text.removeLast() }
        }
        return text
    }
}

extension Language {
    /// A calendar date as readers of the language write it in running text
    /// ("30. November 2026", "30 November 2026"), with the month names written out
    /// here so reports read the same on every machine.
    ///
    /// ```swift
    /// Language.german.date(CivicDate(year: 2026, month: 11, day: 30)!)   // "30. November 2026"
    /// ```
    public func date(_ date: CivicDate) -> String {
        let (year, monthNumber, day) = date.components
        let german = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                      "November", "Dezember"]
        let english = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                       "October", "November", "December"]
        let month = (self == .german ? german : english)[monthNumber - 1]
        return self == .german ? "\(day). \(month) \(year)" : "\(day) \(month) \(year)"
    }
}
