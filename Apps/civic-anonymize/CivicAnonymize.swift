// civic-anonymize: a CSV in, an anonymised CSV and a JSON report out.
//
//   civic-anonymize --config anonymize.yaml --input cases.csv --output cases-anon.csv --report report.json
//
// The configuration (YAML) says which columns are identifiers (removed),
// quasi-identifiers (generalised, each with a hierarchy) and sensitive attributes,
// and which privacy models must hold (k-anonymity, l-diversity, t-closeness) with
// how much suppression. With a privacy unit (privacy-unit: client_id, or
// --privacy-unit) the models count people, not rows, and the person column is
// removed. The search finds the transformation with the least information loss.
// If nothing qualifies, or anything is wrong, nothing is written.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation
import Yams

@main
struct CivicAnonymize: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-anonymize",
        abstract: appLanguage.pick(de: "Anonymisiert eine CSV-Datei (k-Anonymität, l-Diversität, t-Closeness).",
                                   en: "Anonymises a CSV file (k-anonymity, l-diversity, t-closeness)."))

    @Option(help: .localized(de: "Die Konfiguration (YAML): attributes, privacy, metric.",
                             en: "The configuration (YAML): attributes, privacy, metric."))
    var config: String

    @Option(help: .localized(de: "Die CSV-Datei, die anonymisiert wird.", en: "The CSV file to anonymise."))
    var input: String

    @Option(help: .localized(de: "Wohin die anonymisierte CSV-Datei geschrieben wird (mit dem Trennzeichen der Eingabe).",
                             en: "Where to write the anonymised CSV (same separator as the input)."))
    var output: String

    @Option(help: .localized(de: "Wohin der Bericht (JSON) geschrieben wird.", en: "Where to write the JSON report."))
    var report: String?

    @Option(help: .localized(
        de: "Die Spalte, die eine Person bezeichnet, damit k, l, t und das Risiko Personen zählen "
            + "('row': jede Zeile ist eine eigene Person); ersetzt privacy-unit aus der Konfiguration.",
        en: "The column identifying a person, so that k, l, t and the risk count people ('row': rows are people); "
            + "overrides privacy-unit in the configuration."))
    var privacyUnit: String?

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let language = languageOption.language
        do {
            try anonymize(language: language)
        } catch {
            throw failure(reporting: error, in: language)
        }
    }

    private func anonymize(language: Language) throws {
        // 1. The configuration; hierarchy files are relative to it.
        let configURL = URL(fileURLWithPath: config)
        var configuration: AnonymizationConfiguration
        do {
            configuration = try YAMLDecoder().decode(AnonymizationConfiguration.self,
                                                     from: String(contentsOf: configURL, encoding: .utf8))
        } catch let error as DecodingError {
            throw ConfigurationError.invalidSetting(key: config, reason: error.bilingualSummary)
        }
        if let privacyUnit { configuration.privacyUnit = privacyUnit }  // `row`: rows are persons
        let folder = configURL.deletingLastPathComponent()

        // 2. The data, and the anonymiser for it.
        // A CSV export keeps its dialect in the output; an Excel sheet is written as plain CSV.
        let inputURL = URL(fileURLWithPath: input)
        let loaded: (table: Table, dialect: CSVDialect)
        if TableFile.isWorkbook(inputURL) {
            loaded = (try TableFile.read(inputURL), CSVDialect())
        } else {
            let csv = try CSVTableReader.read(inputURL)
            loaded = (csv.table, csv.dialect)
        }
        let plan = try configuration.plan(for: loaded.table) { path in
            try ARXHierarchyFile.read(URL(fileURLWithPath: path, relativeTo: folder))
        }

        // 3. Search. Throws if nothing qualifies: then nothing is written.
        let result = try plan.anonymizer.anonymize(loaded.table, removing: plan.identifiers)

        // 4. Write the published rows (suppressed rows are left out: a few rows of *
        // would form a class of their own) and the report together: both new files,
        // or both old ones.
        var dialect = loaded.dialect
        dialect.writesByteOrderMark = false
        let outputs = AtomicFileSet()
        let published = result.publishedTable
        try CSVTableWriter.write(published, to: URL(fileURLWithPath: output), dialect: dialect, in: outputs)
        if let report {
            try writeReport(AnonymizationReport(result, anonymizer: plan.anonymizer), to: report, in: outputs)
        }
        try outputs.commit()

        // With local recoding the levels vary by row: the share of rows at each level.
        let levels = plan.anonymizer.quasiIdentifiers.enumerated().map { q, qi in
            result.levelCombinations.count == 1 ? "\(qi.name)=\(result.best.transformation.levels[q])" : "\(qi.name) (\(result.levelSharesText(of: q)))"
        }.joined(separator: ", ")
        let loss = language.decimal(result.best.loss, digits: 4)
        print(language.pick(
            de: """
                \(published.rowCount) Zeilen nach \(output) geschrieben. Stufen: \(levels); \
                \(result.best.suppressedRows) Zeilen unterdrückt (weggelassen); kleinste Klasse \(result.best.smallestClassSize) \(plan.anonymizer.privacyUnit == nil ? "Zeilen" : "Personen"); \
                Informationsverlust \(loss).
                Höchstes Re-Identifikationsrisiko: vorher \(language.percent(result.riskBefore.highest)), nachher \(language.percent(result.riskAfter.highest)).
                """,
            en: """
                Wrote \(published.rowCount) rows to \(output). Levels: \(levels); \
                \(result.best.suppressedRows) rows suppressed (left out); smallest class \(result.best.smallestClassSize) \(plan.anonymizer.privacyUnit == nil ? "rows" : "people"); \
                loss \(loss).
                Highest re-identification risk: before \(language.percent(result.riskBefore.highest)), after \(language.percent(result.riskAfter.highest)).
                """))
        if result.levelCombinations.count > 1 {
            print(language.pick(
                de: "Lokale Vergröberung: jede Zeile auf der Stufe, die sie braucht (\(result.levelCombinations.count) Kombinationen von Stufen).",
                en: "Local recoding: each row at the level it needs (\(result.levelCombinations.count) combinations of levels)."))
        } else if !result.isOptimal {
            print(language.pick(
                de: "Heuristische Suche: \(result.nodesChecked) von \(result.latticeSize) Vergröberungen geprüft; "
                    + "das Ergebnis erfüllt die Anforderungen, ist aber nicht garantiert das beste (search: {mode: optimal} sucht erschöpfend).",
                en: "Heuristic search: \(result.nodesChecked) of \(result.latticeSize) generalisations checked; "
                    + "the result meets the requirements but is not guaranteed to be the best (search: {mode: optimal} searches exhaustively)."))
        }
    }
}
