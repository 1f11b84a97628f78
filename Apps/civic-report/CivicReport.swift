// civic-report: a readable statistics report of a CSV file, as one self-contained
// HTML file (no scripts, no external files) and optionally Markdown.
//
//   civic-report --input cases.csv --output report.html
//   civic-report --input cases.csv --config Examples/report.yaml --output report.html --markdown report.md --lang de
//
// The report gives an overview of every column (type, missing, distribution chart),
// then the cross tables and trends the configuration asks for. Counts below the
// minimum cell size (default 5) are shown as <5. The file appears only when the
// whole report was written.

import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import CivicStorage
import Foundation
import Yams

@main
struct CivicReport: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-report",
        abstract: appLanguage.pick(de: "Schreibt einen Statistik-Bericht als HTML (und Markdown).",
                                   en: "Writes a statistics report as HTML (and Markdown)."))

    @Option(help: .localized(de: "Die CSV-Datei, über die berichtet wird.", en: "The CSV file to report on."))
    var input: String
    @Option(help: .localized(de: "Eine YAML-Datei: title, minimum-count, columns, exclude, crosstabs, trends.",
                             en: "A YAML file: title, minimum-count, columns, exclude, crosstabs, trends."))
    var config: String?
    @Option(help: .localized(de: "Wohin der HTML-Bericht geschrieben wird.", en: "Where to write the HTML report."))
    var output: String
    @Option(help: .localized(de: "Den Bericht zusätzlich hierhin als Markdown schreiben.",
                             en: "Also write the report as Markdown here."))
    var markdown: String?
    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let language = languageOption.language
        do {
            var configuration = ReportConfiguration()
            if let config {
                do {
                    configuration = try YAMLDecoder().decode(
                        ReportConfiguration.self, from: String(contentsOfFile: config, encoding: .utf8))
                } catch let error as DecodingError {
                    throw ReportConfigurationError(file: config, reason: error.summary(in: language))
                }
            }
            let table = try TableFile.read(URL(fileURLWithPath: input))
            let title = language.pick(de: "Statistik: ", en: "Statistics: ") + URL(fileURLWithPath: input).lastPathComponent
            let report = try Report.statistics(of: table, configuration: configuration, language: language,
                                               defaultTitle: title)
            let outputs = AtomicFileSet()  // the HTML and the Markdown together, or neither
            try outputs.write(Array(report.html().utf8), to: URL(fileURLWithPath: output))
            if let markdown { try outputs.write(Array(report.markdown().utf8), to: URL(fileURLWithPath: markdown)) }
            try outputs.commit()
            print(language.pick(de: "Bericht geschrieben: \(output) (\(table.rowCount) Zeilen, \(table.columnCount) Spalten).",
                                en: "Wrote the report to \(output) (\(table.rowCount) rows, \(table.columnCount) columns)."))
        } catch {
            throw failure(reporting: error, in: language)
        }
    }
}

/// A configuration file that does not fit the expected shape.
struct ReportConfigurationError: LocalizedMessageError {
    var file: String
    var reason: String

    func message(in language: Language) -> String {
        language.pick(de: "Die Konfiguration \(file) passt nicht: \(reason)",
                      en: "The configuration \(file) does not fit: \(reason)")
    }
}
