// civic-casebook: a small SQLite case log for a counselling service.
//
// First command, `import`: load a case export (CSV) into an SQLite casebook and print
// what is in it. With no arguments it imports the bundled example data:
//
//   civic-casebook import --replace
//   civic-casebook import --input export.csv --database verein.sqlite --lang de
//
// It shows every layer working together: CivicStorage streams the CSV into SQLite,
// CivicAnalysis counts and averages, CivicPrivacy measures how identifiable the
// clients are in the raw data.

import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

@main
struct CivicCasebook: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-casebook",
        abstract: appLanguage.pick(de: "Ein kleines Fallbuch in SQLite.", en: "A small SQLite case log."),
        subcommands: [Import.self],
        defaultSubcommand: Import.self)
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Importiert einen Fallexport (CSV) und zeigt eine Übersicht.",
                                   en: "Imports a case export (CSV) and prints a summary."))

    @Option(help: .localized(de: "Der Fallexport (CSV; Trennzeichen und Zeichenkodierung werden erkannt).",
                             en: "The case export (CSV; separator and encoding are detected)."))
    var input: String = "Examples/counselling-cases.csv"

    @Option(help: .localized(de: "Das Fallbuch in SQLite (wird angelegt, falls es fehlt).",
                             en: "The SQLite casebook (created if missing)."))
    var database: String = "civic-casebook.sqlite"

    @Option(help: .localized(de: "Die Tabelle, in die importiert wird.", en: "The table to import into."))
    var table: String = CounsellingCase.tableName

    @Flag(help: .localized(de: "Die Tabelle ersetzen, wenn das Fallbuch sie schon hat.",
                           en: "Replace the table if the casebook already has it."))
    var replace = false

    @Option(help: .localized(de: "Quasi-Identifikatoren für die Risikoprüfung, durch Kommas getrennt.",
                             en: "Quasi-identifiers for the risk check, comma-separated."))
    var quasiIdentifiers: String = "age,gender,zip"

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let language = languageOption.language
        do {
            try importAndSummarise(language: language)
        } catch SQLiteStorageError.tableExists(let name) {
            printError(language.pick(
                de: "Fehler: Das Fallbuch \(database) hat schon eine Tabelle „\(name)“. Mit --replace ersetzen.",
                en: "Error: the casebook \(database) already has a table '\(name)'. Use --replace to replace it."))
            throw ExitCode.failure
        } catch {
            throw failure(reporting: error, in: language)
        }
    }

    private func importAndSummarise(language: Language) throws {
        let say = { (de: String, en: String) in print(language.pick(de: de, en: en)) }

        // 1. Import the CSV into SQLite, streamed and in one transaction. A file with
        //    exactly the columns of a counselling-case export gets the domain schema
        //    (types, constraints, privacy roles); for others the types are inferred.
        let url = URL(fileURLWithPath: input)
        let reader = try CSVReader(url: url)
        var options = CSVTableReader.Options()
        if Set(reader.header ?? []) == Set(CounsellingCase.schema.fieldNames) { options.schema = CounsellingCase.schema }
        let store = try SQLiteTableStore(path: database)
        try store.importCSV(url, options: options, as: table, replacing: replace)

        // 2. Read it back for the summaries.
        let stored = try store.readTable(table)
        say("Importiert: \(stored.rowCount) Zeilen, \(stored.columnCount) Spalten aus \(input) (Trennzeichen „\(reader.dialect.separatorName)“, \(reader.dialect.encoding.rawValue)) nach \(database), Tabelle „\(table)“.",
            "Imported \(stored.rowCount) rows, \(stored.columnCount) columns from \(input) (separator '\(reader.dialect.separatorName)', \(reader.dialect.encoding.rawValue)) into \(database), table '\(table)'.")

        // 3. Summaries for the funder.
        if stored.column(named: "service") != nil, stored.column(named: "duration_minutes") != nil {
            let perService = try stored.grouped(by: ["service"]).aggregate([.count, .mean("duration_minutes")])
            say("\nFälle je Angebot (Anzahl, mittlere Dauer in Minuten):", "\nCases per service (count, mean duration in minutes):")
            for row in 0..<perService.rowCount {
                let mean = perService[row, "mean_duration_minutes"].doubleValue.map { language.decimal($0, digits: 0) } ?? "–"
                print("  \(perService[row, "service"])  \(perService[row, "count"])  \(mean)")
            }
        }
        if stored.column(named: "gender") != nil, stored.column(named: "outcome") != nil {
            let crossTable = try CrossTable(stored, rows: "gender", columns: "outcome")
            say("\nGeschlecht × Ergebnis:", "\nGender × outcome:")
            print("  " + ([""] + crossTable.columnLabels.map(\.description)).joined(separator: "\t"))
            for (label, counts) in zip(crossTable.rowLabels, crossTable.counts) {
                print("  " + ([label.description] + counts.map(String.init)).joined(separator: "\t"))
            }
        }

        // 4. Why raw data must not be shared: how identifiable are the clients?
        let quasi = quasiIdentifiers.split(separator: ",").map(String.init)
        let risk = ProsecutorRisk(try EquivalenceClasses(stored, quasiIdentifiers: quasi))
        say("""

            Re-Identifikationsrisiko über \(quasi.joined(separator: ", ")) (Staatsanwalt-Modell):
              höchstes \(language.percent(risk.highest)), durchschnittlich \(language.percent(risk.average)), \
            \(risk.sampleUniques) Zeilen eindeutig, \(language.percent(risk.shareOfRows(above: 0.2))) der Zeilen über 20 %.
              Diese Daten sind nicht anonym: vor der Weitergabe anonymisieren.
            """, """

            Re-identification risk over \(quasi.joined(separator: ", ")) (prosecutor model):
              highest \(language.percent(risk.highest)), average \(language.percent(risk.average)), \
            \(risk.sampleUniques) rows unique, \(language.percent(risk.shareOfRows(above: 0.2))) of rows above 20 %.
              This data is not anonymous: anonymise it before sharing.
            """)
    }
}
