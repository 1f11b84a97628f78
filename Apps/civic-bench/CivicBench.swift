// civic-bench: measures CivicDataKit on a CSV file, one JSON line per run.
//
//   civic-bench ingest FILE     CSV to table
//   civic-bench sqlite FILE     CSV into a fresh SQLite file (streamed, in one transaction)
//   civic-bench groupby FILE    load; rows, mean duration_minutes and median income_eur
//                               per (service, district); the gender x outcome table
//   civic-bench anonymize-adult the anonymiser on UCI Adult (the cases of the anonymiser issue)
//   civic-bench anonymize-wide  the heuristic search on a lattice of 2.4 million transformations
//   civic-bench redact          PII redaction throughput (MB of notes per second, one core)
//   civic-bench describe FILE --column C --by G   descriptive statistics per group
//   civic-bench noise           exact discrete Laplace / Gaussian draws per second
//   civic-bench casebook FILE   civic-casebook's import, re-import, statistics, retention dry run, export
//   civic-bench postgres        the shared casebook: statistics on 10 million cases, 32 concurrent writers
//
// Build with `swift build -c release`; Benchmarks/compare.py runs it side by side
// with polars, pandas and the sqlite3 shell.

import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import CivicStorage
import Foundation

@main
struct CivicBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-bench",
        abstract: "Misst Einlesen, SQLite-Import und Gruppieren / measures ingest, SQLite import and group-by.",
        subcommands: [Ingest.self, SQLiteImport.self, GroupBy.self, DescribeBenchmark.self, AnonymizeAdult.self, AnonymizeWide.self,
                      NoiseBenchmark.self, RedactBenchmark.self, CasebookBenchmark.self, PostgresBenchmark.self])
}

/// The file argument every benchmark takes.
struct BenchmarkInput: ParsableArguments {
    @Argument(help: "The CSV file (e.g. made by civic-generate).")
    var file: String

    @OptionGroup var languageOption: LanguageOption

    /// Loads the file, timing it.
    func load() throws -> (table: Table, seconds: Double) {
        let (result, seconds) = try timed { try CSVTableReader.read(URL(fileURLWithPath: file)) }
        return (result.table, seconds)
    }
}

/// One benchmark result, printed as a JSON line.
struct Report: Encodable {
    var benchmark: String
    var rows: Int
    var seconds: [String: Double]
    var peakMemoryMB: Double
    var digest: Digest?

    enum CodingKeys: String, CodingKey {
        case benchmark, rows, seconds, digest
        case peakMemoryMB = "peak_memory_mb"
    }

    func print() throws {
        try printJSONLine(self)
    }
}

/// Prints `value` as one line of key-sorted JSON: the form every benchmark reports in,
/// so scripts read the last line of output.
func printJSONLine<Value: Encodable>(_ value: Value) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Figures that let a comparison check that every tool computed the same thing.
struct Digest: Encodable {
    var groups: Int
    var nSum: Int
    var meanDurationAll: Double
    var medianIncomeAll: Double
    var crosstabWAbgeschlossen: Int

    enum CodingKeys: String, CodingKey {
        case groups
        case nSum = "n_sum"
        case meanDurationAll = "mean_duration_all"
        case medianIncomeAll = "median_income_all"
        case crosstabWAbgeschlossen = "crosstab_w_abgeschlossen"
    }
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "CSV to table.")
    @OptionGroup var input: BenchmarkInput

    @Option(help: "Also write the table back to this CSV file (replaced), timed on its own as write_csv.")
    var writeTo: String?

    func run() throws {
        do {
            let (table, seconds) = try input.load()
            var figures = ["ingest": seconds]
            if let writeTo {
                figures["write_csv"] = try timed { try CSVTableWriter.write(table, to: URL(fileURLWithPath: writeTo)) }.1
            }
            try Report(benchmark: "ingest", rows: table.rowCount, seconds: figures,
                       peakMemoryMB: peakMemoryMegabytes()).print()
        } catch { throw failure(reporting: error, in: input.languageOption.language) }
    }
}

struct SQLiteImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sqlite",
        abstract: "CSV into a fresh SQLite file (parsing and inserting overlap, as sqlite3's .import does both).")
    @OptionGroup var input: BenchmarkInput

    @Option(help: "The SQLite file to create (replaced if present).")
    var database: String = "civic-bench.sqlite"

    func run() throws {
        do {
            try? FileManager.default.removeItem(atPath: database)
            let store = try SQLiteTableStore(path: database)
            let (rows, seconds) = try timed { try store.importCSV(URL(fileURLWithPath: input.file), as: "cases") }
            try Report(benchmark: "sqlite", rows: rows, seconds: ["import_csv": seconds],
                       peakMemoryMB: peakMemoryMegabytes()).print()
        } catch { throw failure(reporting: error, in: input.languageOption.language) }
    }
}

struct GroupBy: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "groupby", abstract: "Group-by and cross table.")
    @OptionGroup var input: BenchmarkInput

    func run() throws {
        do {
            let (table, loadSeconds) = try input.load()
            let (summary, groupSeconds) = try timed {
                try table.grouped(by: ["service", "district"])
                    .aggregate([.count, .mean("duration_minutes"), .median("income_eur")])
            }
            let (crossTable, crossSeconds) = try timed { try CrossTable(table, rows: "gender", columns: "outcome") }
            let counts = summary.column(named: "count")!
            let digest = Digest(
                groups: summary.rowCount,
                nSum: (0..<summary.rowCount).reduce(0) { $0 + Int(counts.doubleValue(at: $1) ?? 0) },
                meanDurationAll: table.column(named: "duration_minutes")?.runningSummary()?.mean ?? .nan,
                medianIncomeAll: table.column(named: "income_eur")?.median() ?? .nan,
                crosstabWAbgeschlossen: crossTable.count(row: .text("w"), column: .text("abgeschlossen")))
            try Report(benchmark: "groupby", rows: table.rowCount,
                       seconds: ["ingest": loadSeconds, "groupby": groupSeconds, "crosstab": crossSeconds],
                       peakMemoryMB: peakMemoryMegabytes(), digest: digest).print()
        } catch { throw failure(reporting: error, in: input.languageOption.language) }
    }
}
