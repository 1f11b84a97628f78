import Foundation

/// A calendar date without time or time zone, stored as days since 1970-01-01.
///
/// Case files hold birth dates, start dates and consent dates; none of them needs a
/// clock time, and comparing or subtracting days is the common operation. The
/// conversion between days and year/month/day uses the proleptic Gregorian calendar
/// (the algorithm published by Howard Hinnant, "chrono-Compatible Low-Level Date
/// Algorithms", 2013), so it is exact for every representable day.
///
/// ```swift
/// let date = CivicDate(year: 2024, month: 2, day: 29)!
/// date.isoString            // "2024-02-29"
/// (date + 1).isoString      // "2024-03-01"
/// ```
public struct CivicDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int32

    /// Creates a date from a day count since 1970-01-01.
    public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The calendar day on which `moment` falls in `timeZone` (for a report's date:
    /// the day the run made it).
    public init(_ moment: Date, in timeZone: TimeZone = .current) {
        let seconds = moment.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: moment))
        self.init(daysSinceEpoch: Int32((seconds / 86_400).rounded(.down)))
    }

    /// Creates a date from its parts, or `nil` when the parts name no real day
    /// (month 13, 30 February, ...).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1,
              day <= CivicDate.daysInMonth(year: year, month: month),
              (-9999...9999).contains(year) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        daysSinceEpoch = Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// The year, month (1-12) and day (1-31) of this date.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The year of this date.
    public var year: Int { components.year }

    /// The date as `YYYY-MM-DD` (ISO 8601, the Frictionless default format).
    public var isoString: String {
        let (y, m, d) = components
        return "\(CivicDate.pad(y, 4))-\(CivicDate.pad(m, 2))-\(CivicDate.pad(d, 2))"
    }

    /// The date as `DD.MM.YYYY`, the form German spreadsheets use.
    public var germanString: String {
        let (y, m, d) = components
        return "\(CivicDate.pad(d, 2)).\(CivicDate.pad(m, 2)).\(CivicDate.pad(y, 4))"
    }

    public var description: String { isoString }

    /// Writes `YYYY-MM-DD` into the first ten bytes of `buffer` without allocating;
    /// returns `false` (writing nothing) for years outside 0...9999.
    @discardableResult
    public func writeISO(into buffer: inout [UInt8]) -> Bool {
        let (y, m, d) = components
        guard (0...9999).contains(y), buffer.count >= 10 else { return false }
        let zero = UInt8(ascii: "0")
        buffer[0] = zero + UInt8(y / 1000 % 10)
        buffer[1] = zero + UInt8(y / 100 % 10)
        buffer[2] = zero + UInt8(y / 10 % 10)
        buffer[3] = zero + UInt8(y % 10)
        buffer[4] = UInt8(ascii: "-")
        buffer[5] = zero + UInt8(m / 10)
        buffer[6] = zero + UInt8(m % 10)
        buffer[7] = UInt8(ascii: "-")
        buffer[8] = zero + UInt8(d / 10)
        buffer[9] = zero + UInt8(d % 10)
        return true
    }

    /// Whole years from `self` to `other`, as one counts a person's age.
    public func wholeYears(until other: CivicDate) -> Int {
        let a = components, b = other.components
        var years = b.year - a.year
        if (b.month, b.day) < (a.month, a.day) { years -= 1 }
        return years
    }

    public static func < (lhs: CivicDate, rhs: CivicDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    /// The date `days` days later.
    public static func + (lhs: CivicDate, days: Int) -> CivicDate {
        CivicDate(daysSinceEpoch: lhs.daysSinceEpoch + Int32(days))
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}

extension CivicDate {
    /// Reads a `YYYY-MM-DD` date, or `nil` when the text is not one (or names no real day).
    ///
    /// ```swift
    /// CivicDate(iso: "2025-02-28")   // 28 February 2025
    /// CivicDate(iso: "2025-02-30")   // nil
    /// ```
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The same day `years` years later (or earlier); 29 February becomes 28 February
    /// in a year without it.
    public func adding(years: Int) -> CivicDate {
        let (year, month, day) = components
        let target = year + years
        return CivicDate(year: target, month: month, day: min(day, CivicDate.daysInMonth(year: target, month: month)))!
    }

    /// The first day of this date's month, as `YYYY-MM`.
    public var monthString: String { String(isoString.prefix(7)) }
}

extension CivicDate: Codable {
    /// Reads the date from its ISO text, as JSON and YAML write it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivicDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date in the form YYYY-MM-DD")
        }
        self = date
    }

    /// Writes the date as its ISO text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isoString)
    }
}
