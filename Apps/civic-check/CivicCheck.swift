// civic-check: is this file safe to share, and what is in it?
//
//   civic-check export.csv
//   civic-check befragung.xlsx --sheet Antworten --report pruefung.html --write-config publish.yaml --lang de
//   civic-check antworten.csv --form formular.xlsx      # a KoboToolbox / ODK export with its XLSForm
//
// A thin shell over CivicPublishing's `FileCheck`: it reads a CSV or Excel file,
// guesses what each column is, measures the re-identification risk of the file as
// it is, prints the verdict and the next steps, writes a self-contained HTML page
// with the details and, on request, a commented publish.yaml for civic-publish.
// It never prints a value of the file.

import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import Foundation

@main
struct CivicCheck: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-check",
        abstract: appLanguage.pick(
            de: "Prüft, ob eine Datei so geteilt werden kann, und sagt, was in ihren Spalten steckt.",
            en: "Checks whether a file can be shared as it is, and says what its columns hold."),
        discussion: appLanguage.pick(
            de: "Liest CSV oder Excel (.xlsx), vermutet für jede Spalte die Rolle (Identifikator, Kennnummer, Freitext, "
                + "Quasi-Identifikator, sensibel), misst das Risiko der Datei in Personen und schreibt einen HTML-Bericht. "
                + "Mit --write-config entsteht ein kommentierter Vorschlag für civic-publish. Werte der Datei erscheinen nie.",
            en: "Reads CSV or Excel (.xlsx), guesses each column's role (identifier, key, free text, quasi-identifier, "
                + "sensitive), measures the file's risk in people and writes an HTML report. --write-config writes a "
                + "commented proposal for civic-publish. Values of the file never appear."))

    @Argument(help: .localized(de: "Die Datei (CSV oder .xlsx).", en: "The file (CSV or .xlsx)."))
    var file: String
    @Option(help: .localized(de: "Das Tabellenblatt einer Excel-Datei (Vorgabe: das erste).",
                             en: "The sheet of an Excel file (default: the first)."))
    var sheet: String?
    @Option(help: .localized(de: "Wohin der HTML-Bericht geschrieben wird.", en: "Where to write the HTML report."))
    var report = "civic-check.html"
    @Option(help: .localized(de: "Einen Vorschlag für civic-publish (YAML) hierhin schreiben.",
                             en: "Write a proposal for civic-publish (YAML) here."))
    var writeConfig: String?
    @Option(help: .localized(
        de: "Das XLSForm der Umfrage (KoboToolbox, ODK): Fragetypen und Beschriftungen sagen, was eine Spalte enthält.",
        en: "The survey's XLSForm (KoboToolbox, ODK): question types and labels say what a column holds."))
    var form: String?
    @Flag(help: .localized(
        de: "Die 0/1-Spalten einer Mehrfachauswahl (gesundheit/diabetes ...) einzeln prüfen, statt sie als eine Frage zu nehmen.",
        en: "Judge the 0/1 columns of a select_multiple (health/diabetes ...) one by one instead of as one question."))
    var keepSplitColumns = false
    @Option(help: .localized(
        de: "Die Spalte der Stichprobengewichte: das Risiko auch nach dem Modell von Benedetti und Franconi (sdcMicro) messen.",
        en: "The column of sampling weights: also measure the risk with the Benedetti–Franconi model (sdcMicro)."))
    var weight: String?
    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let l = languageOption.language
        do {
            try check(language: l)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw failure(reporting: error, in: l)
        }
    }

    private func check(language l: Language) throws {
        let url = URL(fileURLWithPath: file)
        let fileName = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path) else {
            printError(l.pick(de: "Fehler: die Datei \(file) gibt es nicht.", en: "Error: the file \(file) does not exist."))
            throw ExitCode.failure
        }
        let read = try TableFile.readWithHashtags(url, sheet: sheet)
        var table = read.table
        let hashtags = read.hashtags
        let survey = try form.map { try XLSForm.read(URL(fileURLWithPath: $0)) }
        if let survey { table = survey.applyingTypes(to: table, language: l) }
        var questions: [SelectMultiple] = []
        if !keepSplitColumns { (table, questions) = SelectMultiple.joined(table, form: survey) }
        if let weight {
            guard let column = table.column(named: weight) else {
                printError(l.pick(de: "Fehler: die Datei hat keine Spalte \(weight).", en: "Error: the file has no column \(weight)."))
                throw ExitCode.failure
            }
            guard FileCheck.samplingWeights(column) != nil else {
                printError(l.pick(de: "Fehler: die Gewichtsspalte \(weight) muss in jeder Zeile eine Zahl größer als 0 enthalten.",
                                  en: "Error: the weight column \(weight) must hold a number above 0 in every row."))
                throw ExitCode.failure
            }
        }
        let check = FileCheck(table, fileName: fileName, hashtags: hashtags, form: survey, selectMultiple: questions,
                              weightColumn: weight)

        print(check.verdict.headline(in: l))
        for guess in check.guesses {
            let meaning = guess.meaning.map { " (\($0.description(in: l)))" } ?? ""
            print("  \(guess.column.padding(toLength: 24, withPad: " ", startingAt: 0)) "
                  + "\(guess.role.displayName(in: l))\(meaning), \(guess.confidence.name(in: l))")
        }
        for question in check.selectMultiple {
            print(l.pick(de: "Mehrfachauswahl \(question.column): \(question.allColumns.count) Spalten als eine Frage geprüft.",
                         en: "select_multiple \(question.column): \(question.allColumns.count) columns judged as one question."))
        }
        if let risk = check.risk {
            print(l.pick(de: "Risiko: höchstens \(l.percent(risk.highest)), im Mittel \(l.percent(risk.average)); "
                            + "\(l.integer(check.uniquePeople)) von \(l.integer(check.people)) Personen einmalig.",
                         en: "Risk: highest \(l.percent(risk.highest)), average \(l.percent(risk.average)); "
                            + "\(l.integer(check.uniquePeople)) of \(l.integer(check.people)) people unique."))
        }
        if let weighted = check.weightedRisk, let column = check.weightColumn {
            print(l.pick(de: "Risiko mit Stichprobengewichten: ", en: "Risk with sampling weights: ")
                  + check.weightedRiskSummary(weighted, column: column, in: l) + ".")
        }
        // The report and the proposal are written whole or not at all.
        let outputs = AtomicFileSet()
        try outputs.write(Array(check.report(in: l).html().utf8), to: URL(fileURLWithPath: report))
        if let writeConfig {
            try outputs.write(Array(check.configurationYAML(for: table, in: l).utf8), to: URL(fileURLWithPath: writeConfig))
        }
        try outputs.commit()
        print(l.pick(de: "Bericht: \(report)", en: "Report: \(report)")
              + (writeConfig.map { l.pick(de: "; Vorschlag: \($0)", en: "; proposal: \($0)") } ?? ""))
        print(l.pick(de: "Nächste Schritte:", en: "Next steps:"))
        for (number, step) in check.nextSteps(in: l, proposal: writeConfig).enumerated() { print("  \(number + 1). \(step)") }
    }
}
