// civic-check: is this file safe to share, and what is in it?
//
//   civic-check export.csv
//   civic-check befragung.xlsx --sheet Antworten --report pruefung.html --write-config publish.yaml --lang de
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
        let (table, hashtags) = try TableFile.readWithHashtags(url, sheet: sheet)
        let check = FileCheck(table, fileName: fileName, hashtags: hashtags)

        print(check.verdict.headline(in: l))
        for guess in check.guesses {
            let meaning = guess.meaning.map { " (\($0.description(in: l)))" } ?? ""
            print("  \(guess.column.padding(toLength: 24, withPad: " ", startingAt: 0)) "
                  + "\(guess.role.displayName(in: l))\(meaning), \(guess.confidence.name(in: l))")
        }
        if let risk = check.risk {
            print(l.pick(de: "Risiko: höchstens \(l.percent(risk.highest)), im Mittel \(l.percent(risk.average)); "
                            + "\(l.integer(check.uniquePeople)) von \(l.integer(check.people)) Personen einmalig.",
                         en: "Risk: highest \(l.percent(risk.highest)), average \(l.percent(risk.average)); "
                            + "\(l.integer(check.uniquePeople)) of \(l.integer(check.people)) people unique."))
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
