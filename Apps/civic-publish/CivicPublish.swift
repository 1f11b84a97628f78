// civic-publish: a raw case export in, a publishable open data package out.
//
//   civic-publish                                   (the bundled example -> ./civic-output/)
//   civic-publish --input export.csv --config publish.yaml --output package/ --lang de
//
// A thin shell over CivicPublishing: it reads the settings, runs a `Publication`
// (classify, redact, pseudonymise, anonymise, audit, count protected tables),
// writes the result as one atomic step, and prints one line per stage. Every
// decision lives in the library, so a program of your own can do the same in
// the twenty lines of the CivicPublishing article.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import CivicPublishing
import Foundation

@main
struct CivicPublish: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-publish",
        abstract: appLanguage.pick(de: "Macht aus einem Fallexport ein veröffentlichbares offenes Datenpaket.",
                                   en: "Turns a case export into a publishable open data package."),
        discussion: appLanguage.pick(
            de: """
                Ohne Angaben wird das mitgelieferte Beispiel (Examples/counselling-cases.csv) nach \
                ./civic-output/ veröffentlicht. Der Ordner enthält data/<name>.csv, statistics/*.csv, datapackage.json \
                (Frictionless), report.html und privacy-report.json. Schlägt eine Datenschutzprüfung fehl, \
                wird nichts geschrieben und ein früherer Ordner bleibt, wie er war.
                """,
            en: """
                Without arguments it publishes the bundled example (Examples/counselling-cases.csv) to ./civic-output/. \
                The folder holds data/<name>.csv, statistics/*.csv, datapackage.json (Frictionless), report.html and \
                privacy-report.json. If a privacy check fails, nothing is written and an earlier folder stays as it was.
                """))

    @Option(help: .localized(de: "Der Fallexport (CSV oder Excel, .xlsx).", en: "The case export (CSV or Excel, .xlsx)."))
    var input = "Examples/counselling-cases.csv"
    @Option(help: .localized(de: "Das Tabellenblatt einer Excel-Datei (Vorgabe: das erste).",
                             en: "The sheet of an Excel file (default: the first)."))
    var sheet: String?
    @Option(help: .localized(de: "Einstellungen (YAML): Titel, Lizenz, Spalten, Datenschutz; siehe Examples/publish.yaml.",
                             en: "Settings (YAML): title, licence, attributes, privacy; see Examples/publish.yaml."))
    var config: String?
    @Option(help: .localized(de: "Der Ordner für die Ausgabe (wird als Ganzes ersetzt).",
                             en: "The folder to write (replaced as a whole)."))
    var output = "civic-output"
    @Option(help: .localized(
        de: "Eine Schlüsseldatei für Pseudonyme (civic-redact keygen), damit Pseudonyme über Veröffentlichungen hinweg "
            + "gleich bleiben. Vorgabe: bei jedem Lauf ein neuer Schlüssel.",
        en: "A pseudonym key file (civic-redact keygen), for pseudonyms that stay the same across publications. "
            + "Default: a new key each run."))
    var keyFile: String?
    @Flag(help: .localized(de: "Keine Fortschrittszeilen.", en: "No progress lines.")) var quiet = false
    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let language = languageOption.language
        do {
            try publish(language: language)
        } catch {
            throw failure(reporting: error, in: language)
        }
    }

    private func publish(language: Language) throws {
        let clock = ContinuousClock(), start = clock.now
        let configURL = config.map { URL(fileURLWithPath: $0) }
        let publication = Publication(
            settings: try configURL.map { try PublicationSettings(contentsOf: $0) } ?? PublicationSettings(),
            language: language,
            key: try keyFile.map { try PseudonymKey(contentsOf: URL(fileURLWithPath: $0)) },
            hierarchyFolder: configURL?.deletingLastPathComponent() ?? URL(fileURLWithPath: "."))
        let printer = ProgressPrinter(quiet: quiet, language: language)

        let result = try publication.run(contentsOf: URL(fileURLWithPath: input), sheet: sheet, progress: printer.show)
        try result.write(to: URL(fileURLWithPath: output), progress: printer.show)

        guard !quiet else { return }
        let seconds = language.decimal((clock.now - start).seconds, digits: 1)
        let before = result.anonymization.riskBefore.highest, after = result.riskAfter.highest
        print(language.pick(
            de: "Fertig in \(seconds) s: \(output)/datapackage.json, \(output)/report.html. "
                + "Höchstes Risiko vorher \(language.percent(before)), nachher \(language.percent(after)).",
            en: "Done in \(seconds) s: \(output)/datapackage.json, \(output)/report.html. "
                + "Highest risk before \(language.percent(before)), after \(language.percent(after))."))
    }
}

/// One line per stage on standard error ("anonymise     12 rows suppressed; ...  (0.41 s)"),
/// a line every 5 seconds while a long search runs, or nothing with `--quiet`.
/// Lines never contain data values.
struct ProgressPrinter {
    let quiet: Bool
    let language: Language

    func show(_ progress: PublicationProgress) {
        guard !quiet else { return }
        switch progress {
        case let .finished(stage, summary, seconds):
            printError(pad(stage.name(in: language)) + summary + "  (\(language.decimal(seconds, digits: 2)) s)")
        case .searching(let search):
            let best = search.bestValue.map { language.decimal($0, digits: 4) } ?? "–"
            printError(pad(PublicationStage.anonymise.name(in: language)) + "… " + language.pick(
                de: "\(search.nodesChecked) von \(search.latticeSize) Vergröberungen geprüft, bisher beste \(best)",
                en: "\(search.nodesChecked) of \(search.latticeSize) generalisations checked, best so far \(best)"))
        }
    }

    private func pad(_ name: String) -> String { name.padding(toLength: 14, withPad: " ", startingAt: 0) }
}
