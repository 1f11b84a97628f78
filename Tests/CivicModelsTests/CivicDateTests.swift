import CivicModels
import Foundation
import Testing

@Suite struct CivicDateTests {
    /// Foundation's Gregorian calendar in UTC is the reference for the day arithmetic.
    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    @Test func dayCountsAgreeWithFoundationFrom1900To2100() {
        let start = CivicDate(year: 1900, month: 1, day: 1)!
        let end = CivicDate(year: 2100, month: 12, day: 31)!
        for days in stride(from: start.daysSinceEpoch, through: end.daysSinceEpoch, by: 1) {
            let date = CivicDate(daysSinceEpoch: days)
            let reference = calendar.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            let (y, m, d) = date.components
            #expect(y == reference.year && m == reference.month && d == reference.day, "day \(days)")
            #expect(CivicDate(year: y, month: m, day: d) == date)
        }
    }

    @Test func epochAndKnownDays() {
        #expect(CivicDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CivicDate(year: 2000, month: 3, day: 1)!.daysSinceEpoch == 11_017)
        #expect(CivicDate(year: 1969, month: 12, day: 31)!.daysSinceEpoch == -1)
    }

    @Test(arguments: [(2023, 2, 29), (2024, 13, 1), (2024, 4, 31), (2024, 0, 10), (2024, 1, 0), (1900, 2, 29)])
    func impossibleDatesAreRejected(year: Int, month: Int, day: Int) {
        #expect(CivicDate(year: year, month: month, day: day) == nil)
    }

    @Test func leapDayExists() {
        #expect(CivicDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivicDate(year: 2000, month: 2, day: 29) != nil)
    }

    @Test func formats() {
        let date = CivicDate(year: 2024, month: 3, day: 5)!
        #expect(date.isoString == "2024-03-05")
        #expect(date.germanString == "05.03.2024")
        #expect((date + 27).isoString == "2024-04-01")
    }

    @Test func wholeYearsCountsBirthdays() {
        let birth = CivicDate(year: 1990, month: 6, day: 15)!
        #expect(birth.wholeYears(until: CivicDate(year: 2020, month: 6, day: 14)!) == 29)
        #expect(birth.wholeYears(until: CivicDate(year: 2020, month: 6, day: 15)!) == 30)
    }

    @Test func isoTextReadsBackEveryDayAndRefusesNonDays() throws {
        var day = CivicDate(year: 1999, month: 12, day: 25)!
        for _ in 0..<800 {
            #expect(CivicDate(iso: day.isoString) == day)
            day = day + 1
        }
        for text in ["2025-02-29", "2025-13-01", "2025-1-01", "20250101", "", "2025-01-01T00:00"] {
            #expect(CivicDate(iso: text) == nil, "\(text)")
        }
        let json = try JSONEncoder().encode([day])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(day.isoString)\"]")
        #expect(try JSONDecoder().decode([CivicDate].self, from: json) == [day])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivicDate].self, from: Data("[\"2025-02-30\"]".utf8)) }
    }
}
