// civic-publish: a raw case export in, a publishable open data package out.
//
//   civic-publish                                   (the bundled example -> ./civic-output/)
//   civic-publish --input export.csv --config publish.yaml --output package/ --lang de
//
// Stages: load the CSV; classify every column (defaults for counselling exports,
// publish.yaml for the rest; an unclassified column stops the run); redact free
// text; pseudonymise case and client numbers; anonymise (k-anonymity, l-diversity);
// check the result independently; count protected tables; write data, statistics,
// datapackage.json and report.html into a temporary folder that replaces the
// output folder only when everything succeeded.

import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation
import Yams

@main
struct CivicPublish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-publish",
        abstract: "Macht aus einem Fallexport ein veröffentlichbares Datenpaket / turns a case export into a publishable data package.",
        discussion: """
            Without arguments it publishes the bundled example (Examples/counselling-cases.csv) to ./civic-output/. \
            The folder holds data/<name>.csv, statistics/*.csv, datapackage.json (Frictionless) and report.html. \
            If a privacy check fails, nothing is written and an earlier folder stays as it was.
            """)

    @Option(help: "The case export (CSV).") var input = "Examples/counselling-cases.csv"
    @Option(help: "Settings (YAML): title, licence, attributes, privacy; see Docs/.") var config: String?
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
        let progress = Progress(quiet: quiet)
        let settings = try loadConfiguration()
        let key = try keyFile.map { try PseudonymKey(contentsOf: URL(fileURLWithPath: $0)) } ?? PseudonymKey.generate()
        let inputURL = URL(fileURLWithPath: input)
        guard FileManager.default.fileExists(atPath: inputURL.path) else { throw PublishError.missingInput(input) }

        // 1. Load and classify.
        let loaded = try progress.stage("load", { try CSVTableReader.read(inputURL).table }) { table in
            language.pick(de: "\(table.rowCount) Zeilen, \(table.columnCount) Spalten", en: "\(table.rowCount) rows, \(table.columnCount) columns")
        }
        let roles = try classify(loaded, configuration: settings)
        func columns(_ role: PublishRole) -> [String] { roles.filter { $0.attribute.role == role }.map(\.name) }

        // 2. Redact free text and pseudonymise numbers; remember what must not reappear.
        let secrets = Set((columns(.identifier) + columns(.pseudonym)).flatMap { loaded.texts(of: $0).compactMap { $0 } })
        let redacted = try progress.stage("redact", {
            try redactFreeText(loaded, columns: columns(.freeText), identifiers: columns(.identifier), language: language)
        }) { result in
            language.pick(de: "\(result.summary.total) Fundstellen ersetzt", en: "\(result.summary.total) findings replaced")
        }
        let prepared = try pseudonymize(redacted.table, columns: columns(.pseudonym), key: key, language: language)

        // 3. Anonymise, then check the result independently.
        let outcome = try progress.stage("anonymise", {
            try anonymize(prepared, roles: roles, configuration: settings) { sofar in
                let best = sofar.bestValue.map { String(format: "%.4f", $0) } ?? "–"
                progress.note("anonymise", language.pick(
                    de: "\(sofar.nodesChecked) von \(sofar.latticeSize) Vergröberungen geprüft, bisher beste \(best)",
                    en: "\(sofar.nodesChecked) of \(sofar.latticeSize) generalisations checked, best so far \(best)"))
            }
        }) { outcome in
            let levels = zip(outcome.quasiIdentifiers, outcome.result.best.transformation.levels).map { "\($0)=\($1)" }
            let heuristic = outcome.result.isOptimal ? "" : language.pick(de: " (heuristisch, nicht garantiert optimal)",
                                                                           en: " (heuristic, not guaranteed optimal)")
            return language.pick(de: "\(outcome.suppressedRows) Zeilen unterdrückt; Stufen \(levels.joined(separator: " "))\(heuristic)",
                                 en: "\(outcome.suppressedRows) rows suppressed; levels \(levels.joined(separator: " "))\(heuristic)")
        }
        let privacy = settings.privacy ?? CounsellingDefaults.privacy(firstSensitive: columns(.sensitive).first)
        try progress.stage("check", {
            try checkPublication(outcome, privacy: privacy, freeText: columns(.freeText), detector: redacted.detector, secrets: secrets)
        }) { language.pick(de: "k, l, Freitext und Kennungen geprüft", en: "k, l, free text and identifiers checked") }

        // 4. Protected statistics.
        let rule = try settings.minimumFrequency()
        let statistics = try progress.stage("statistics", {
            try protectedStatistics(of: outcome.published, sensitive: columns(.sensitive),
                                    quasiIdentifiers: outcome.quasiIdentifiers, rule: rule)
        }) { language.pick(de: "\($0.count) geschützte Tabellen", en: "\($0.count) protected tables") }

        // 5. Write everything into a temporary folder, then swap it in.
        let name = settings.name ?? slug(inputURL.deletingPathExtension().lastPathComponent)
        let title = settings.title ?? language.pick(de: "Beratungsfälle (anonymisiert)", en: "Counselling cases (anonymised)")
        let licence = try settings.dataLicence()
        let facts = PublicationFacts(inputName: inputURL.lastPathComponent, inputRows: loaded.rowCount, roles: roles,
                                     redaction: redacted.summary, outcome: outcome, privacy: privacy, statistics: statistics,
                                     minimumFrequency: rule.threshold, licence: licence.name)
        let folder = URL(fileURLWithPath: output)
        try progress.stage("write", {
            try OutputFolder.replace(folder) { temporary in
                try writePackage(into: temporary, name: name, title: title, licence: licence, settings: settings,
                                 facts: facts, language: language)
            }
        }) { language.pick(de: "\(outcome.published.rowCount) Zeilen nach \(output)/", en: "\(outcome.published.rowCount) rows to \(output)/") }

        if !quiet {
            print(language.pick(
                de: "Fertig in \(String(format: "%.1f", progress.elapsed)) s: \(output)/datapackage.json, \(output)/report.html. "
                    + "Höchstes Risiko vorher \(riskText(outcome.result.riskBefore.highest)), nachher \(riskText(outcome.result.riskAfter.highest)).",
                en: "Done in \(String(format: "%.1f", progress.elapsed)) s: \(output)/datapackage.json, \(output)/report.html. "
                    + "Highest risk before \(riskText(outcome.result.riskBefore.highest)), after \(riskText(outcome.result.riskAfter.highest))."))
        }
    }

    private func loadConfiguration() throws -> PublishConfiguration {
        guard let config else { return PublishConfiguration() }
        do {
            return try YAMLDecoder().decode(PublishConfiguration.self, from: String(contentsOf: URL(fileURLWithPath: config), encoding: .utf8))
        } catch let error as DecodingError {
            throw ConfigurationError.invalidSetting(key: config, reason: error.summary)
        }
    }

    private func riskText(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
}

/// Writes the data, the statistics, `datapackage.json`, `report.html` and
/// `privacy-report.json` into `folder`.
func writePackage(into folder: URL, name: String, title: String, licence: DataPackage.License,
                  settings: PublishConfiguration, facts: PublicationFacts, language: Language) throws {
    let manager = FileManager.default
    try manager.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
    try manager.createDirectory(at: folder.appendingPathComponent("statistics"), withIntermediateDirectories: true)

    let published = facts.outcome.published
    try CSVTableWriter.write(published, to: folder.appendingPathComponent("data/\(name).csv"))
    var resources = [DataPackage.Resource(
        name: name, path: "data/\(name).csv", title: title,
        description: language.pick(de: "Die anonymisierten Fälle, eine Zeile je Fall.", en: "The anonymised cases, one row per case."),
        schema: published.schema)]
    for statistic in facts.statistics {
        let writer = try CSVWriter(url: folder.appendingPathComponent("statistics/\(statistic.fileName)"))
        try writer.writeRecord(statistic.header)
        for record in statistic.records { try writer.writeRecord(record) }
        try writer.finish()
        resources.append(DataPackage.Resource(name: statistic.resourceName, path: "statistics/\(statistic.fileName)",
                                              title: statistic.title(in: language),
                                              description: statistic.table.method.description(in: language),
                                              schema: statistic.schema(in: language)))
    }

    let formatter = ISO8601DateFormatter()
    let description = settings.description ?? language.pick(
        de: "Anonymisierte Fälle einer Beratungsstelle: Namen entfernt, Kennnummern pseudonymisiert, Freitext geschwärzt, "
            + "Quasi-Identifikatoren vergröbert (k-Anonymität). Details in report.html.",
        en: "Anonymised cases of a counselling service: names removed, case numbers pseudonymised, free text redacted, "
            + "quasi-identifiers generalised (k-anonymity). Details in report.html.")
    let package = DataPackage(
        name: name, title: title, description: description, created: formatter.string(from: Date()),
        licenses: [licence], sources: [DataPackage.Source(title: settings.publisher ?? facts.inputName)],
        contributors: settings.publisher.map { [DataPackage.Contributor(title: $0, role: "publisher")] } ?? [],
        resources: resources)
    try package.write(to: folder.appendingPathComponent("datapackage.json"))

    let report = publicationReport(facts, title: title, language: language)
    try Array(report.html().utf8).write(to: folder.appendingPathComponent("report.html"))
    try Array(prettyJSON(AnonymizationReport(facts.outcome.result, anonymizer: facts.outcome.anonymizer)))
        .write(to: folder.appendingPathComponent("privacy-report.json"))
}

extension Array where Element == UInt8 {
    func write(to url: URL) throws { try Foundation.Data(self).write(to: url) }
}
