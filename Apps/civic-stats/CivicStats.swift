// civic-stats: statistics from the command line, for scripts and for teaching.
//
//   civic-stats describe cases.csv --column income_eur --by gender [--weight w] [--json]
//   civic-stats crosstab cases.csv --rows service --columns outcome
//   civic-stats ttest cases.csv --column income_eur --by gender       (Welch; two groups)
//   civic-stats mannwhitney | anova | kruskal cases.csv --column C --by G
//   civic-stats correlate cases.csv --x age --y income_eur
//   civic-stats regress cases.csv --y income_eur --x age,gender,service
//   civic-stats logit cases.csv --y completed --x age,service
//
// Every command prints a readable table, or JSON with --json. Rows with a missing
// value in a used column are left out and counted ("left_out"). All computation is
// in CivicAnalysis; this file only reads the file and formats the answers.

import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import CivicStorage
import Foundation

@main
struct CivicStats: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-stats",
        abstract: appLanguage.pick(de: "Statistik für CSV-Dateien (als Tabelle, mit --json als JSON).",
                                   en: "Statistics for CSV files (as a table, or JSON with --json)."),
        subcommands: [Describe.self, Crosstab.self, TTestCommand.self, MannWhitney.self, Anova.self, Kruskal.self,
                      Correlate.self, Regress.self, Logit.self])
}

/// The input file and output options every command shares.
struct InputOptions: ParsableArguments {
    @Argument(help: .localized(de: "Die CSV-Datei (UTF-8, mit Kopfzeile).", en: "The CSV file (UTF-8, header row)."))
    var file: String

    @Flag(help: .localized(de: "JSON statt einer Tabelle ausgeben.", en: "Print JSON instead of a table."))
    var json = false

    @OptionGroup var languageOption: LanguageOption

    var language: Language { languageOption.language }

    /// Loads the file as a typed table.
    func table() throws -> Table {
        try TableFile.read(URL(fileURLWithPath: file))
    }
}

/// A command that computes something from a table and prints it as JSON or text.
protocol StatisticsCommand: ParsableCommand {
    associatedtype Answer: Encodable
    var input: InputOptions { get }
    /// Computes the answer.
    func answer(for table: Table) throws -> Answer
    /// The answer as readable lines.
    func text(_ answer: Answer, language: Language) -> String
}

extension StatisticsCommand {
    func run() throws {
        let language = input.language
        do {
            let answer = try answer(for: input.table())
            if input.json {
                try printJSON(answer)
            } else {
                print(text(answer, language: language))
            }
        } catch {
            throw failure(reporting: error, in: language)
        }
    }
}

// MARK: - Formatting

/// A number for people: up to six significant digits, no exponent for everyday sizes,
/// with the decimal mark of `language` (0.486, 0,486).
func format(_ value: Double?, _ language: Language) -> String {
    guard let value else { return "–" }
    if value == 0 { return "0" }
    let text = String(format: abs(value) >= 1e-4 && abs(value) < 1e9 ? "%.6g" : "%.4e", value)
    return text.replacingOccurrences(of: ".", with: language.decimalMark)
}

/// A p-value for people: "< 1e-16" below what double precision resolves.
func formatP(_ p: Double, _ language: Language) -> String { p < 1e-16 ? "< 1e-16" : format(p, language) }

/// Columns of text padded to a common width, first column left-aligned, the rest
/// right-aligned.
func aligned(_ rows: [[String]]) -> String {
    guard let width = rows.first?.count else { return "" }
    let widths = (0..<width).map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { c, cell in
            let padding = String(repeating: " ", count: widths[c] - cell.count)
            return c == 0 ? cell + padding : padding + cell
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}

/// "(3 rows left out: missing values)" or nothing.
func leftOutNote(_ count: Int, _ language: Language) -> String {
    count == 0 ? "" : "\n" + language.pick(de: "(\(count) Zeilen mit fehlenden Werten ausgelassen)",
                                           en: "(\(count) rows with missing values left out)")
}

/// A group key as text (keys are printed, never numbers in JSON, so "01" stays "01").
func keyText(_ value: Value) -> String { value.description }
