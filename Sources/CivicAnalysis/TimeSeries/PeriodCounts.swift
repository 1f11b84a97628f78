import CivicModels

/// A calendar period that dates are counted in.
public enum CalendarPeriod: String, Sendable, Hashable, CaseIterable {
    /// Calendar months, labelled `2024-03`.
    case month
    /// Quarters, labelled `2024-Q1`.
    case quarter
    /// Years, labelled `2024`.
    case year

    /// A running number of the period a date falls in (months since year 0, ...).
    func index(of date: CivicDate) -> Int {
        let (year, month, _) = date.components
        switch self {
        case .month: return year * 12 + (month - 1)
        case .quarter: return year * 4 + (month - 1) / 3
        case .year: return year
        }
    }

    /// The label of the period with running number `index`.
    func label(_ index: Int) -> String {
        func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch self {
        case .month: return "\(index / 12)-\(twoDigits(index % 12 + 1))"
        case .quarter: return "\(index / 4)-Q\(index % 4 + 1)"
        case .year: return "\(index)"
        }
    }
}

/// Counts per period from a date column: how many cases started each month,
/// quarter or year, with moving averages and change on the previous period.
///
/// ```swift
/// let perMonth = try PeriodCounts(cases, dateColumn: "start_date", per: .month)
/// for (label, count) in zip(perMonth.labels, perMonth.counts) { print(label, count) }
/// perMonth.movingAverage(window: 3)
/// ```
///
/// Every period between the first and the last date is listed, those without a
/// date with a count of 0, so gaps show as gaps.
public struct PeriodCounts: Sendable, Hashable {
    /// The period counted in.
    public let period: CalendarPeriod
    /// One label per period (`2024-03`, `2024-Q1`, `2024`), in time order.
    public let labels: [String]
    /// The number of rows per period.
    public let counts: [Int]
    /// Rows without a date.
    public let missing: Int

    /// Counts the dates in `dateColumn` of `table` per `period`.
    ///
    /// - Throws: ``AnalysisError`` for an unknown column or one that does not hold dates.
    public init(_ table: Table, dateColumn: String, per period: CalendarPeriod) throws(AnalysisError) {
        let column = try table.requireColumn(dateColumn)
        guard case .date(let days) = column.storage else { throw .notDates(dateColumn) }
        var indices: [Int] = []
        indices.reserveCapacity(days.count)
        for row in days.indices where !column.missing.isMissing(row) {
            indices.append(period.index(of: CivicDate(daysSinceEpoch: days[row])))
        }
        self.period = period
        self.missing = days.count - indices.count
        guard let first = indices.min(), let last = indices.max() else {
            labels = []
            counts = []
            return
        }
        var counts = [Int](repeating: 0, count: last - first + 1)
        for index in indices { counts[index - first] += 1 }
        self.counts = counts
        self.labels = (first...last).map(period.label)
    }

    /// The mean of each period and the `window - 1` before it; `nil` for the first
    /// `window - 1` periods, which have too little history.
    public func movingAverage(window: Int) -> [Double?] {
        precondition(window >= 1, "a window holds at least one period")
        var result: [Double?] = []
        var sum = 0
        for i in counts.indices {
            sum += counts[i]
            if i >= window { sum -= counts[i - window] }
            result.append(i + 1 >= window ? Double(sum) / Double(window) : nil)
        }
        return result
    }

    /// The change on the previous period, absolute and relative (`nil` for the
    /// first period, and the relative change when the previous count is 0).
    public func changes() -> [(absolute: Int?, relative: Double?)] {
        counts.indices.map { i in
            guard i > 0 else { return (nil, nil) }
            let previous = counts[i - 1]
            return (counts[i] - previous, previous == 0 ? nil : Double(counts[i] - previous) / Double(previous))
        }
    }
}
