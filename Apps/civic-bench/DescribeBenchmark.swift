import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import Foundation

/// Descriptive statistics per group, as `civic-stats describe` computes them; timed
/// apart from loading so that Benchmarks/describe_compare.py can set it beside
/// pandas' `groupby().describe()`.
struct DescribeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Descriptive statistics of a column per group.")
    @OptionGroup var input: BenchmarkInput
    @Option(help: "The numeric column.") var column: String
    @Option(help: "The grouping column.") var by: String

    struct Result: Encodable {
        var benchmark = "describe"
        var rows: Int
        var groups: Int
        var seconds: [String: Double]
        var peak_memory_mb: Double
        /// Sum of the group means and of the group medians, for a check against pandas.
        var mean_sum: Double
        var median_sum: Double
    }

    func run() throws {
        do {
            let (table, loadSeconds) = try input.load()
            let (groups, describeSeconds) = try timed { try table.describe(column, by: by) }
            let result = Result(
                rows: table.rowCount, groups: groups.count,
                seconds: ["ingest": loadSeconds, "describe": describeSeconds], peak_memory_mb: peakMemoryMegabytes(),
                mean_sum: groups.reduce(0) { $0 + ($1.statistics?.mean ?? 0) },
                median_sum: groups.reduce(0) { $0 + ($1.statistics?.median ?? 0) })
            try printJSONLine(result)
        } catch { throw failure(reporting: error, in: input.languageOption.language) }
    }
}
