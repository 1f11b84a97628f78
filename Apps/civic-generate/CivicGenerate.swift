// civic-generate: writes synthetic counselling cases as CSV.
//
// Example:
//   civic-generate --rows 3000 --seed 42 --output Examples/counselling-cases.csv
//
// The records are made by CounsellingCaseGenerator (CivicExampleData) and written by
// CSVWriter (CivicStorage), which writes to a temporary file and moves it into place.

import ArgumentParser
import CivicAppSupport
import CivicExampleData
import CivicModels
import CivicStorage
import Foundation

@main
struct CivicGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-generate",
        abstract: "Erzeugt synthetische Beratungsfälle als CSV / writes synthetic counselling cases as CSV.",
        discussion: "Same seed and row count, same file: every byte is reproducible.")

    @Option(help: "Number of cases.")
    var rows: Int = 3_000

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 42

    @Option(help: "The CSV file to write.")
    var output: String

    @Option(help: "Separator: comma, semicolon or tab.")
    var separator: String = "comma"

    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must not be negative") }
        guard CSVDialect.separator(named: separator) != nil else {
            throw ValidationError("--separator: comma, semicolon or tab")
        }
    }

    func run() throws {
        let language = languageOption.language
        var dialect = CSVDialect.standard
        dialect.separator = CSVDialect.separator(named: separator)!
        let generator = CounsellingCaseGenerator(seed: seed, rowCount: rows)
        let formatter = CSVValueParser(decimalSeparator: dialect.decimalSeparator)
        let fields = CounsellingCase.schema.fields
        do {
            let writer = try CSVWriter(url: URL(fileURLWithPath: output), dialect: dialect)
            try writer.writeRecord(CounsellingCaseGenerator.columnNames)
            for record in generator.records {
                try writer.writeRecord(zip(record.values, fields).map { formatter.format($0, field: $1) })
            }
            try writer.finish()
        } catch {
            throw failure(reporting: error, in: language)
        }
        print(language.pick(de: "\(rows) Fälle nach \(output) geschrieben (Seed \(seed)).",
                            en: "Wrote \(rows) cases to \(output) (seed \(seed))."))
    }
}
