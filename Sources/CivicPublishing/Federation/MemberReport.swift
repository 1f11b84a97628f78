import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// What a member organisation sends its umbrella: cases opened per month and
/// service in a period, protected per person before they leave the member, and
/// nothing else (data minimisation, GDPR Art. 5(1)(c)).
///
/// A cell backed by fewer than `threshold` distinct persons is withheld, and so are
/// as few other cells as it takes that no withheld cell can be recomputed from the
/// totals (`CellSuppression` of CivicPrivacy). Withheld cells are `nil`; a month or service
/// missing from the lists had no case.
///
/// ```swift
/// let cases = try casebook.statisticsCases(in: ReportingPeriod(year: 2025), on: today)
/// let report = try MemberReport(member: "sb-nord", period: ReportingPeriod(year: 2025),
///                               made: today, cases: cases, threshold: 5)
/// let file = try SignedMemberReport(signing: report, with: key)
/// ```
public struct MemberReport: Sendable, Hashable, Codable {
    /// The format this version writes and reads.
    public static let format = "civicdatakit-member-report/1"

    /// Tells this report apart from every other, so the same one is counted once.
    public var reportID: String
    /// The member's identifier in the umbrella's register.
    public var member: String
    /// The months the report covers.
    public var period: ReportingPeriod
    /// The day it was made (consents are those in force on that day).
    public var made: CivicDate
    /// The fewest distinct persons a published non-empty cell has.
    public var threshold: Int
    /// The months with cases, as `YYYY-MM`, in order (the table's rows).
    public var months: [String]
    /// The services with cases, in order (the table's columns).
    public var services: [String]
    /// Cases per month (outer) and service (inner); `nil` where withheld.
    public var cells: [[Int?]]
    /// Cases per month over all services; `nil` where withheld.
    public var monthTotals: [Int?]
    /// Cases per service over the period; `nil` where withheld.
    public var serviceTotals: [Int?]
    /// All cases of the period; `nil` if withheld.
    public var total: Int?

    /// Counts `cases` by month and service and protects the table per person: the
    /// report a member sends for `period`.
    ///
    /// - Throws: ``FederationError/invalidThreshold(_:)`` for a threshold below 2,
    ///   ``FederationError/casesOutsidePeriod`` if a case lies outside the period,
    ///   or `TableDisclosureError` (CivicPrivacy) if no safe pattern exists (fail closed).
    public init(member: String, period: ReportingPeriod, made: CivicDate, cases: StatisticsCases, threshold: Int,
                reportID: String = UUID().uuidString.lowercased()) throws {
        guard threshold >= 2 else { throw FederationError.invalidThreshold(threshold) }
        guard cases.months.allSatisfy(period.contains) else { throw FederationError.casesOutsidePeriod }
        self.reportID = reportID
        self.member = member
        self.period = period
        self.made = made
        self.threshold = threshold
        guard cases.count > 0 else {
            (months, services, cells, monthTotals, serviceTotals, total) = ([], [], [], [], [], 0)
            return
        }
        let table = StatisticalTable(counting: cases.months.map(Optional.some), by: cases.services.map(Optional.some),
                                     persons: cases.persons)
        let protected = try CellSuppression(rules: [try MinimumFrequencyRule(threshold: threshold)]).protect(table)
        func count(_ cell: ProtectedTable.Cell) -> Int? { cell.publishedValue.map { Int($0) } }
        months = protected.rowLabels
        services = protected.columnLabels
        cells = protected.cells.map { $0.map(count) }
        monthTotals = protected.rowTotals.map(count)
        serviceTotals = protected.columnTotals.map(count)
        total = count(protected.grandTotal)
    }

    /// The number of withheld cells, totals included.
    public var withheldCount: Int {
        cells.joined().filter { $0 == nil }.count + monthTotals.filter { $0 == nil }.count
            + serviceTotals.filter { $0 == nil }.count + (total == nil ? 1 : 0)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case reportID = "report-id", member, period, made, threshold, months, services, cells
        case monthTotals = "month-totals", serviceTotals = "service-totals", total
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reportID = try container.decode(String.self, forKey: .reportID)
        member = try container.decode(String.self, forKey: .member)
        period = try container.decode(ReportingPeriod.self, forKey: .period)
        made = try container.decode(CivicDate.self, forKey: .made)
        threshold = try container.decode(Int.self, forKey: .threshold)
        months = try container.decode([String].self, forKey: .months)
        services = try container.decode([String].self, forKey: .services)
        cells = try container.decode([[Int?]].self, forKey: .cells)
        monthTotals = try container.decode([Int?].self, forKey: .monthTotals)
        serviceTotals = try container.decode([Int?].self, forKey: .serviceTotals)
        total = try container.decodeIfPresent(Int.self, forKey: .total)
        try checkShape(codingPath: decoder.codingPath)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reportID, forKey: .reportID)
        try container.encode(member, forKey: .member)
        try container.encode(period, forKey: .period)
        try container.encode(made, forKey: .made)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(months, forKey: .months)
        try container.encode(services, forKey: .services)
        try container.encode(cells, forKey: .cells)
        try container.encode(monthTotals, forKey: .monthTotals)
        try container.encode(serviceTotals, forKey: .serviceTotals)
        try container.encode(total, forKey: .total)   // null when withheld, never left out
    }

    /// Refuses a report whose lists do not fit together or whose counts are negative.
    private func checkShape(codingPath: [any CodingKey]) throws {
        func fail(_ what: String) -> DecodingError {
            .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: what))
        }
        guard cells.count == months.count, monthTotals.count == months.count,
              cells.allSatisfy({ $0.count == services.count }), serviceTotals.count == services.count else {
            throw fail("the cells and totals do not match the months and services")
        }
        guard Set(months).count == months.count, Set(services).count == services.count,
              months.allSatisfy(period.contains) else {
            throw fail("months repeat or lie outside the period, or services repeat")
        }
        let counts = cells.joined().compactMap { $0 } + monthTotals.compactMap { $0 } + serviceTotals.compactMap { $0 }
        guard counts.allSatisfy({ $0 >= 0 }), (total ?? 0) >= 0 else { throw fail("a count is negative") }
    }
}
