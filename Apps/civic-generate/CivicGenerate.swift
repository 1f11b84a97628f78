// civic-generate: writes synthetic counselling cases as CSV.
//
// Examples:
//   civic-generate --rows 3000 --seed 42 --output Examples/counselling-cases.csv
//   civic-generate pii-corpus --notes 1000 --seed 7 --output Examples/pii-corpus.txt
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
struct CivicGenerate: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-generate",
        abstract: appLanguage.pick(de: "Erzeugt synthetische Daten: Beratungsfälle und einen markierten Korpus mit Personendaten.",
                                   en: "Writes synthetic data: counselling cases, a labelled PII corpus."),
        subcommands: [Cases.self, PIICorpus.self],
        defaultSubcommand: Cases.self)
}

/// `civic-generate [cases]`: counselling cases as CSV.
struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: appLanguage.pick(de: "Schreibt synthetische Beratungsfälle als CSV-Datei (die Vorgabe).",
                                   en: "Writes synthetic counselling cases as CSV (the default)."),
        discussion: appLanguage.pick(de: "Gleicher Seed und gleiche Anzahl, gleiche Datei: jedes Byte ist reproduzierbar.",
                                     en: "Same seed and row count, same file: every byte is reproducible."))

    @Option(help: .localized(de: "Anzahl der Fälle.", en: "Number of cases."))
    var rows: Int = 3_000

    @Option(help: seedHelp)
    var seed: UInt64 = 42

    @Option(help: .localized(de: "Die CSV-Datei, die geschrieben wird.", en: "The CSV file to write."))
    var output: String

    @Option(help: .localized(de: "Trennzeichen: comma (Komma), semicolon (Semikolon) oder tab (Tabulator).",
                             en: "Separator: comma, semicolon or tab."))
    var separator: String = "comma"

    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
        guard rows >= 0 else { throw ValidationError(de: "--rows darf nicht negativ sein", en: "--rows must not be negative") }
        guard CSVDialect.separator(named: separator) != nil else {
            throw ValidationError(de: "--separator: comma, semicolon oder tab", en: "--separator: comma, semicolon or tab")
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

/// The help of `--seed`, which both commands share.
let seedHelp = ArgumentHelp.localized(de: "Startwert (Seed) des Zufallsgenerators.", en: "Seed of the random generator.")

/// `civic-generate pii-corpus`: case notes with every personal value marked, for
/// `civic-redact evaluate`.
struct PIICorpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pii-corpus",
        abstract: appLanguage.pick(de: "Schreibt einen markierten Korpus synthetischer deutscher und englischer Fallnotizen.",
                                   en: "Writes a labelled corpus of synthetic German and English case notes."))

    @Option(help: .localized(de: "Anzahl der Notizen.", en: "Number of notes."))
    var notes = 1_000

    @Option(help: seedHelp)
    var seed: UInt64 = 7

    @Option(help: .localized(de: "Die Textdatei, die geschrieben wird.", en: "The text file to write."))
    var output: String

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let language = languageOption.language
        let header = """
            # Labelled corpus of synthetic case notes (civic-generate pii-corpus --notes \(notes) --seed \(seed)).
            # Each line: language, tab, note; personal values are marked [[kind:value]]. All people are invented.

            """
        let text = header + PIICorpusGenerator(seed: seed).lines(count: notes).joined(separator: "\n") + "\n"
        do {
            try writeAtomically(Array(text.utf8), to: output)
        } catch {
            throw failure(reporting: error, in: language)
        }
        print(language.pick(de: "\(notes) Notizen nach \(output) geschrieben (Seed \(seed)).",
                            en: "Wrote \(notes) notes to \(output) (seed \(seed))."))
    }
}
