import ArgumentParser
import CivicModels

/// A period on the command line: `2025`, `2025-03` or `2025-01:2025-06`.
extension ReportingPeriod: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }

    /// The previous calendar year, the usual period of an annual report.
    public static func lastYear(before day: CivicDate) -> ReportingPeriod { ReportingPeriod(year: day.year - 1) }
}
