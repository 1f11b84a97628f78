import CivicModels
import Foundation
import Testing

@Suite("numbers as each language writes them")
struct NumberFormattingTests {
    @Test("thousands are grouped with a point in German, a comma in English")
    func integers() {
        #expect(Language.german.integer(38_400) == "38.400")
        #expect(Language.english.integer(38_400) == "38,400")
        #expect(Language.german.integer(1_000_000) == "1.000.000")
        #expect(Language.german.integer(999) == "999")
        #expect(Language.german.integer(-47_815) == "-47.815")
        #expect(Language.english.integer(0) == "0")
    }

    @Test("decimals take a comma in German: 'Verlust 1.000' would read as a thousand")
    func decimals() {
        #expect(Language.german.decimal(0.4861, digits: 3) == "0,486")
        #expect(Language.english.decimal(0.4861, digits: 3) == "0.486")
        #expect(Language.german.decimal(1.0, digits: 3) == "1,000")
        #expect(Language.german.decimal(12_345.678, digits: 1) == "12.345,7")
        #expect(Language.german.decimal(-0.0001, digits: 2) == "0,00")
        #expect(Language.german.decimal(.nan, digits: 2) == "–")
    }

    @Test("percentages and numbers in as few digits as show them")
    func percentagesAndNumbers() {
        #expect(Language.german.percent(0.042) == "4,2 %")
        #expect(Language.english.percent(0.175) == "17.5 %")
        #expect(Language.german.number(45.5625) == "45,56")
        #expect(Language.german.number(0.08764) == "0,08764")
        #expect(Language.german.number(47_815) == "47.815")
        #expect(Language.english.number(2.5) == "2.5")
        #expect(Language.german.number(1.5e-7) == "1,500e-07")
    }

    @Test("dates are written out with the language's month names, from the day a moment falls on")
    func dates() throws {
        let day = try #require(CivicDate(year: 2026, month: 3, day: 1))
        #expect(Language.german.date(day) == "1. März 2026")
        #expect(Language.english.date(day) == "1 March 2026")
        // 23:30 UTC on 28 February is already 1 March in Berlin (UTC+1).
        let moment = Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400 - 1_800)
        #expect(CivicDate(moment, in: TimeZone(identifier: "UTC")!) == day + -1)
        #expect(CivicDate(moment, in: TimeZone(identifier: "Europe/Berlin")!) == day)
    }
}
