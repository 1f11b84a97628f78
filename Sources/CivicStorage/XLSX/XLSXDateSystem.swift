import CivicModels

/// How a workbook counts days: Excel stores a date as a serial number of days, from
/// one of two starting points (ECMA-376 Part 1, §18.17.4.1).
///
/// - The 1900 system (the default): serial 1 is 1 January 1900. Excel also counts a
///   29 February 1900 that never was (serial 60, kept for Lotus 1-2-3 compatibility),
///   so serials from 61 on are one day ahead of a plain count: 61 is 1 March 1900 and
///   45292 is 1 January 2024.
/// - The 1904 system (`<workbookPr date1904="1"/>`, old Mac workbooks): serial 0 is
///   1 January 1904, so a serial is 1462 days below the 1900 system's for the same day.
///
/// The time of day (the fraction) is dropped: a table holds calendar dates.
enum XLSXDateSystem: Sendable, Equatable {
    /// Serial 1 is 1900-01-01, with Excel's fictitious 1900-02-29 as serial 60.
    case from1900
    /// Serial 0 is 1904-01-01.
    case from1904

    /// What a serial number shows as a date.
    enum Day: Equatable {
        /// A real calendar day.
        case date(CivicDate)
        /// Serial 60 of the 1900 system: 29 February 1900, which Excel shows but
        /// which does not exist.
        case fictitious29February1900
        /// No date: Excel shows `#####` or a day 0 for serials outside its range
        /// (before the system's first day or after 9999-12-31).
        case outOfRange
    }

    private static let dayBefore1900 = CivicDate(year: 1899, month: 12, day: 31)!
    /// Day 0 for serials from 61 on, which include the fictitious 29 February.
    private static let dayZeroAfterLeapBug = CivicDate(year: 1899, month: 12, day: 30)!
    private static let first1904 = CivicDate(year: 1904, month: 1, day: 1)!
    private static let last = CivicDate(year: 9999, month: 12, day: 31)!

    /// The calendar day of `serial` (its whole part).
    func day(serial: Double) -> Day {
        guard serial.isFinite, serial >= 0, serial < 4_000_000 else { return .outOfRange }
        let whole = Int(serial.rounded(.down))
        let date: CivicDate
        switch self {
        case .from1900:
            if whole == 60 { return .fictitious29February1900 }
            guard whole >= 1 else { return .outOfRange }
            date = whole < 60 ? Self.dayBefore1900 + whole : Self.dayZeroAfterLeapBug + whole
        case .from1904:
            date = Self.first1904 + whole
        }
        return date > Self.last ? .outOfRange : .date(date)
    }
}
