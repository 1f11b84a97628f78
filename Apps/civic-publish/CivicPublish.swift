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
struct CivicPublish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-publish",
        abstract: "Macht aus einem Fallexport ein veröffentlichbares Datenpaket / turns a case export into a publishable data package.",
        discussion: """
            Without arguments it publishes the bundled example (Examples/counselling-cases.csv) to ./civic-output/. \
            The folder holds data/<name>.csv, statistics/*.csv, datapackage.json (Frictionless), report.html and \
            privacy-report.json. If a privacy check fails, nothing is written and an earlier folder stays as it was.
            """)

    @Option(help: "The case export (CSV).") var input = "Examples/counselling-cases.csv"
    @Option(help: "Settings (YAML): title, licence, attributes, privacy; see Examples/publish.yaml.") var config: String?
    @Option(help: "The folder to write (replaced as a whole).") var output = "civic-output"
    @Option(help: "A pseudonym key file (civic-redact keygen), for pseudonyms that stay the same across publications. Default: a new key each run.")
    var keyFile: String?
    @Flag(help: "No progress lines.") var quiet = false
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

        let result = try publication.run(contentsOf: URL(fileURLWithPath: input), progress: printer.show)
        try result.write(to: URL(fileURLWithPath: output), progress: printer.show)

        guard !quiet else { return }
        let seconds = String(format: "%.1f", (clock.now - start).seconds)
        let before = result.anonymization.riskBefore.highest, after = result.riskAfter.highest
        print(language.pick(
            de: "Fertig in \(seconds) s: \(output)/datapackage.json, \(output)/report.html. "
                + "Höchstes Risiko vorher \(percent(before)), nachher \(percent(after)).",
            en: "Done in \(seconds) s: \(output)/datapackage.json, \(output)/report.html. "
                + "Highest risk before \(percent(before)), after \(percent(after))."))
    }

    private func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
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
            printError(pad(stage.name(in: language)) + summary + String(format: "  (%.2f s)", seconds))
        case .searching(let search):
            let best = search.bestValue.map { String(format: "%.4f", $0) } ?? "–"
            printError(pad(PublicationStage.anonymise.name(in: language)) + "… " + language.pick(
                de: "\(search.nodesChecked) von \(search.latticeSize) Vergröberungen geprüft, bisher beste \(best)",
                en: "\(search.nodesChecked) of \(search.latticeSize) generalisations checked, best so far \(best)"))
        }
    }

    private func pad(_ name: String) -> String { name.padding(toLength: 14, withPad: " ", startingAt: 0) }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
