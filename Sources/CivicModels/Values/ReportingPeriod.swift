import Foundation

/// Whole calendar months from one to another, both included: the period a report
/// to a funder or an umbrella organisation covers.
///
/// ```swift
/// let year = ReportingPeriod(from: "2025-01", to: "2025-12")!
/// year.months.count          // 12
/// year.firstDay.isoString    // "2025-01-01"
/// year.lastDay.isoString     // "2025-12-31"
/// ```
public struct ReportingPeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first month, as `YYYY-MM`.
    public let from: String
    /// The last month, as `YYYY-MM`.
    public let to: String

    /// The period from `from` to `to` (both `YYYY-MM`), or `nil` when either is not
    /// a month or `to` comes before `from`.
    public init?(from: String, to: String) {
        guard let first = Self.day(of: from), let last = Self.day(of: to), first <= last else { return nil }
        self.from = from
        self.to = to
    }

    /// The calendar year `year`, January to December.
    public init(year: Int) {
        self.from = String(format: "%04d-01", year)
        self.to = String(format: "%04d-12", year)
    }

    /// A period as people type it: a year (`2025`), a month (`2025-03`) or two months
    /// joined by a colon (`2025-01:2025-06`); `nil` for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1 where text.count == 4:
            guard let year = Int(text), year > 0 else { return nil }
            self.init(year: year)
        case 1: self.init(from: text, to: text)
        case 2: self.init(from: parts[0], to: parts[1])
        default: return nil
        }
    }

    /// The first day of the first month.
    public var firstDay: CivicDate { Self.day(of: from)! }

    /// The last day of the last month.
    public var lastDay: CivicDate {
        let (year, month, _) = Self.day(of: to)!.components
        return CivicDate(year: year, month: month, day: CivicDate.daysInMonth(year: year, month: month))!
    }

    /// Every month of the period in order, as `YYYY-MM`.
    public var months: [String] {
        var (year, month, _) = firstDay.components
        var result: [String] = []
        while true {
            let text = String(format: "%04d-%02d", year, month)
            result.append(text)
            if text == to { return result }
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
    }

    /// Whether `month` (`YYYY-MM`) lies in the period.
    public func contains(_ month: String) -> Bool { month.count == 7 && from <= month && month <= to }

    /// Whether the two periods share a month.
    public func overlaps(_ other: ReportingPeriod) -> Bool { from <= other.to && other.from <= to }

    public var description: String { from == to ? from : "\(from) – \(to)" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let from = try container.decode(String.self, forKey: .from), to = try container.decode(String.self, forKey: .to)
        guard let period = ReportingPeriod(from: from, to: to) else {
            throw DecodingError.dataCorruptedError(forKey: .to, in: container,
                                                   debugDescription: "not a period of months: \(from) to \(to)")
        }
        self = period
    }

    /// The first day of a `YYYY-MM` month, `nil` for any other text.
    private static func day(of month: String) -> CivicDate? {
        guard month.count == 7, month.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (48...57).contains($0) }),
              month.dropFirst(4).first == "-" else { return nil }
        return CivicDate(iso: month + "-01")
    }
}
