import CivicAnalysis
import CivicModels
import Foundation
import Testing

@Suite("Counts per period against pandas")
struct PeriodCountsTests {
    @Test("counts, moving average and change per month and quarter", arguments: [CalendarPeriod.month, .quarter])
    func trends(period: CalendarPeriod) throws {
        let expected = try StatisticsReference.load().object("cases", "trends", period.rawValue)
        let counts = try PeriodCounts(fixtureCases(), dateColumn: "start_date", per: period)
        // pandas writes quarters as 2019Q1, we as 2019-Q1.
        #expect(counts.labels.map { $0.replacingOccurrences(of: "-Q", with: "Q") } == expected["labels"] as! [String])
        #expect(counts.counts == expected["counts"] as! [Int])
        let average = expected["moving_average_3"] as! [Any]
        for (mine, theirs) in zip(counts.movingAverage(window: 3), average) {
            expectClose(mine, theirs as? Double, 1e-12, "moving average")
        }
        let change = expected["relative_change"] as! [Any]
        for (mine, theirs) in zip(counts.changes(), change) {
            expectClose(mine.relative, theirs as? Double, 1e-12, "relative change")
        }
        #expect(counts.missing == 0)
    }

    @Test("gaps count 0 and a non-date column is refused")
    func gaps() throws {
        let table = try Table(schema: Schema(fields: [Field("d", type: .date), Field("t", type: .string)]), rows: [
            [.date(CivicDate(year: 2024, month: 1, day: 31)!), .text("a")],
            [.date(CivicDate(year: 2024, month: 4, day: 1)!), .text("b")],
            [.missing, .text("c")],
        ])
        let counts = try PeriodCounts(table, dateColumn: "d", per: .month)
        #expect(counts.labels == ["2024-01", "2024-02", "2024-03", "2024-04"])
        #expect(counts.counts == [1, 0, 0, 1])
        #expect(counts.missing == 1)
        #expect(counts.changes()[1].relative == -1 && counts.changes()[2].relative == nil)
        #expect(throws: AnalysisError.notDates("t")) { try PeriodCounts(table, dateColumn: "t", per: .year) }
    }
}
