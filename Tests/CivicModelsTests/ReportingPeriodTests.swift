import CivicModels
import Foundation
import Testing

@Suite struct ReportingPeriodTests {
    /// Foundation's Gregorian calendar in UTC is the reference for month lengths.
    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    @Test("a period's months and last day agree with Foundation's calendar, across years and leap years")
    func monthsAndDays() throws {
        for (from, to) in [("2023-11", "2024-03"), ("2024-02", "2024-02"), ("1999-12", "2001-01")] {
            let period = try #require(ReportingPeriod(from: from, to: to))
            let start = try #require(calendar.date(from: DateComponents(year: Int(from.prefix(4)), month: Int(from.suffix(2)), day: 1)))
            let end = try #require(calendar.date(from: DateComponents(year: Int(to.prefix(4)), month: Int(to.suffix(2)), day: 1)))
            let monthCount = calendar.dateComponents([.month], from: start, to: end).month! + 1
            #expect(period.months.count == monthCount)
            #expect(period.months.first == from && period.months.last == to)
            let lastDay = calendar.range(of: .day, in: .month, for: end)!.count
            #expect(period.lastDay == CivicDate(year: Int(to.prefix(4))!, month: Int(to.suffix(2))!, day: lastDay))
            #expect(period.months.allSatisfy(period.contains))
        }
        #expect(ReportingPeriod(year: 2025).months.count == 12)
    }

    @Test("texts that are not months, and periods that end before they start, are refused")
    func invalidPeriods() {
        for (from, to) in [("2025-13", "2025-12"), ("2025-1", "2025-12"), ("2025/01", "2025-12"), ("2025-06", "2025-05"), ("", "")] {
            #expect(ReportingPeriod(from: from, to: to) == nil, "\(from) to \(to)")
        }
    }

    @Test("a period is typed as a year, a month or two months joined by a colon")
    func parsing() {
        #expect(ReportingPeriod(parsing: "2025") == ReportingPeriod(year: 2025))
        #expect(ReportingPeriod(parsing: "2025-03") == ReportingPeriod(from: "2025-03", to: "2025-03"))
        #expect(ReportingPeriod(parsing: "2025-01:2025-06") == ReportingPeriod(from: "2025-01", to: "2025-06"))
        for text in ["25", "2025:", "2025-01:2025-06:2025-07", "2025-06:2025-01", "zwanzig", "-202"] {
            #expect(ReportingPeriod(parsing: text) == nil, "\(text)")
        }
    }

    @Test("periods overlap when they share a month")
    func overlaps() throws {
        let first = try #require(ReportingPeriod(from: "2025-01", to: "2025-06"))
        #expect(first.overlaps(try #require(ReportingPeriod(from: "2025-06", to: "2025-12"))))
        #expect(!first.overlaps(try #require(ReportingPeriod(from: "2025-07", to: "2025-12"))))
        #expect(!first.contains("2025-07") && first.contains("2025-06") && !first.contains("2025-06-01"))
    }
}
