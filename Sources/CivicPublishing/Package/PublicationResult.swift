import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// A checked publication, ready to write: the published table, the protected
/// tables, the anonymiser's figures and the report, all computed by
/// ``Publication/run(_:inputName:progress:)``.
///
/// ## Topics
/// - ``write(to:progress:)``
/// - ``report``
/// - ``report(in:)``
/// - ``dataPackage(created:)``
public struct PublicationResult: Sendable {
    /// The package's machine name, also the data file's (`data/<name>.csv`).
    public let name: String
    /// The package's title (the profile's default title follows the report's language
    /// in ``report(in:)``).
    public internal(set) var title: String
    /// The licence of the data.
    public let licence: DataPackage.License
    /// The settings it was made with.
    public let settings: PublicationSettings
    /// The profile it was made with.
    public let profile: any DomainProfile
    /// The language the publication was made in: of ``report``, of the package's
    /// descriptions and of `report.html` (``report(in:)`` renders the report in another).
    public internal(set) var language: Language
    /// The input's file name.
    public let inputName: String
    /// The input file, when the publication read one (never deleted by ``write(to:progress:)``).
    public var inputURL: URL?
    /// Rows of the input.
    public let inputRows: Int
    /// What each input column is.
    public let roles: ColumnRoles
    /// What the redaction found in the free text.
    public let redaction: RedactionSummary
    /// The anonymiser that ran.
    public let anonymizer: Anonymizer
    /// Its result: levels, utility, risk before and after (per person with a
    /// privacy unit), which rows it suppressed.
    public let anonymization: Anonymizer.Result
    /// For each input row, whether it is left out: suppressed by the anonymiser, or,
    /// with the person key published, a person whose set of rows too few share.
    public let isSuppressed: [Bool]
    /// The rows to publish: identifiers removed, numbers pseudonymised, free text
    /// redacted, quasi-identifiers generalised, suppressed rows left out, and the
    /// person column removed unless it is published on purpose.
    public let published: Table
    /// The column that identifies persons (`nil`: each row counts as a person).
    public let personColumn: String?
    /// Whether the person column is published (as a pseudonym).
    public let publishesPersonColumn: Bool
    /// Distinct persons in the input (`nil` without a person column).
    public let inputPersons: Int?
    /// The person of each published row, numbered (`nil` without a person column).
    public let publishedPersons: PrivacyUnits?
    /// Distinct persons among the published rows (`nil` without a person column).
    public let publishedPersonCount: Int?
    /// The tables, counted from the published rows.
    public let statistics: [PublishedStatistic]
    /// The profile's questions, answered from the published and the raw rows.
    public let workload: [WorkloadAnswer]
    /// The numeric columns whose largest values were capped.
    public let topCodings: [TopCoding]
    /// The audit the rows passed; it runs again on the written file.
    public let audit: PublicationAudit
    /// When the publication was made (the package's `created`, the report's date).
    public var created = Date()

    /// The name of `column` for people: from the settings' `labels`, else the
    /// profile's, else the column's own name.
    public func label(of column: String) -> String {
        settings.labels[column] ?? profile.label(of: column, in: language) ?? column
    }

    /// Rows left out because they were suppressed.
    public var suppressedRows: Int { isSuppressed.lazy.filter { $0 }.count }
    /// The quasi-identifiers, in column order.
    public var quasiIdentifiers: [String] { anonymizer.quasiIdentifiers.map(\.name) }

    /// Prosecutor risk of the package as published: 1 / the persons (or rows) of
    /// each group of published rows sharing their quasi-identifier values. Unlike
    /// the anonymiser's figure, rows left out do not count: they are not in the
    /// package. Counted once, when the publication is made (``risk(of:quasiIdentifiers:units:)``).
    public let riskAfter: ProsecutorRisk

    /// The risk of `published`: 1 / the persons (`persons`, one per row) or rows of
    /// each group sharing the values of `quasiIdentifiers`.
    public static func risk(of published: Table, quasiIdentifiers: [String], persons: [String]?) -> ProsecutorRisk {
        risk(of: published, quasiIdentifiers: quasiIdentifiers, units: persons.map(PrivacyUnits.init))
    }

    /// As ``risk(of:quasiIdentifiers:persons:)``, with each row's person already numbered.
    public static func risk(of published: Table, quasiIdentifiers: [String], units: PrivacyUnits?) -> ProsecutorRisk {
        // The published rows always hold the quasi-identifiers they were made with.
        guard let classes = try? EquivalenceClasses(published, quasiIdentifiers: quasiIdentifiers) else {
            return ProsecutorRisk(classSizes: [])
        }
        guard let units else { return ProsecutorRisk(classSizes: classes.sizes) }
        return ProsecutorRisk(classSizes: classes.personCounts(units))
    }

    /// Writes the package into `folder` as one step: data, statistics,
    /// `datapackage.json`, `report.html` and `privacy-report.json` go into a hidden
    /// sibling folder, the data file is read back and audited again (every
    /// criterion, and every table recounted from it), and only then does the
    /// sibling replace `folder`. On any error an earlier `folder` stays as it was.
    ///
    /// - Throws: `OutputFolderError` without touching anything when `folder` exists
    ///   but is not a package written before, or contains the input or the working
    ///   directory.
    public func write(to folder: URL, progress: ((PublicationProgress) -> Void)? = nil) throws {
        let protected = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] + (inputURL.map { [$0] } ?? [])
        try StageClock(progress).run(.write, {
            try AtomicFolder.replace(folder, marker: ".civic-package", protecting: protected) { temporary in
                try writeFiles(into: temporary)
                // Audit what was written, not only what was meant to be.
                let written = try CSVTableReader.read(temporary.appendingPathComponent("data/\(name).csv"),
                                                      options: .init(schema: published.schema)).table
                guard written.rowCount == published.rowCount else {
                    throw PublicationError.checkFailed(BilingualText(
                        de: "die geschriebene Datendatei hat \(Language.german.integer(written.rowCount)) Zeilen "
                            + "statt \(Language.german.integer(published.rowCount))",
                        en: "the written data file has \(written.rowCount) rows, not \(published.rowCount)"))
                }
                try audit.checkCriteria(written, units: publishedPersons)
                try verifyStatistics(statistics, against: written, sensitive: roles.names(.sensitive),
                                     quasiIdentifiers: quasiIdentifiers)
            }
        }) {
            language.pick(de: "\(language.integer(published.rowCount)) Zeilen nach \(folder.lastPathComponent)/",
                          en: "\(language.integer(published.rowCount)) rows to \(folder.lastPathComponent)/")
        }
    }

    /// The package description (`datapackage.json`) of what ``write(to:progress:)`` writes.
    public func dataPackage(created: Date? = nil) -> DataPackage {
        let created = created ?? self.created
        let l = language
        var schema = published.schema
        for index in schema.fields.indices where label(of: schema.fields[index].name) != schema.fields[index].name {
            schema.fields[index].title = label(of: schema.fields[index].name)
        }
        var resources = [DataPackage.Resource(name: name, path: "data/\(name).csv", title: title,
                                              description: profile.recordDescription(in: l), schema: schema)]
        resources += statistics.map { $0.resource(in: l, label: label(of:)) }
        let description = (settings.description ?? l.pick(
            de: "Anonymisierte Daten: Namen entfernt, Kennnummern pseudonymisiert, Freitext geschwärzt, "
                + "Quasi-Identifikatoren vergröbert (k-Anonymität). Details in report.html.",
            en: "Anonymised data: names removed, case numbers pseudonymised, free text redacted, "
                + "quasi-identifiers generalised (k-anonymity). Details in report.html.")) + " " + privacyUnitSentence
        return DataPackage(
            name: name, title: title, description: description, created: ISO8601DateFormatter().string(from: created),
            licenses: [licence], sources: [DataPackage.Source(title: settings.publisher ?? inputName)],
            contributors: settings.publisher.map { [DataPackage.Contributor(title: $0, role: "publisher")] } ?? [],
            resources: resources)
    }

    /// One sentence on what the guarantees count, for every description of the package.
    public var privacyUnitSentence: String { privacyUnitSentence(in: language) }

    /// ``privacyUnitSentence`` in `language`, for a page that shows the publication
    /// in another language than it was made in.
    ///
    /// ```swift
    /// result.privacyUnitSentence(in: .german)   // "Schutzeinheit: die Person (client_id); …"
    /// ```
    public func privacyUnitSentence(in language: Language) -> String {
        guard let personColumn else {
            return language.pick(
                de: "Schutzeinheit: die Zeile (jede Zeile gilt als eigene Person).",
                en: "Privacy unit: the row (every row counts as a different person).")
        }
        return language.pick(
            de: "Schutzeinheit: die Person (\(personColumn)); jede Gruppe ist nach Personen gezählt geschützt.",
            en: "Privacy unit: the person (\(personColumn)); every group is protected counting persons.")
    }

    /// The anonymiser's figures as `privacy-report.json` holds them.
    /// Its risk after is the package's (``riskAfter``): rows left out are not in it.
    public var privacyReport: AnonymizationReport {
        var report = AnonymizationReport(anonymization, anonymizer: anonymizer)
        report.riskAfter = AnonymizationReport.Risk(riskAfter)
        return report
    }

    private func writeFiles(into folder: URL) throws {
        let manager = FileManager.default
        let data = folder.appendingPathComponent("data"), tables = folder.appendingPathComponent("statistics")
        try manager.createDirectory(at: data, withIntermediateDirectories: true)
        try manager.createDirectory(at: tables, withIntermediateDirectories: true)
        try CSVTableWriter.write(published, to: data.appendingPathComponent("\(name).csv"))
        for statistic in statistics { try statistic.write(into: tables) }
        try dataPackage().write(to: folder.appendingPathComponent("datapackage.json"))
        try Foundation.Data(report.html().utf8).write(to: folder.appendingPathComponent("report.html"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(privacyReport).write(to: folder.appendingPathComponent("privacy-report.json"))
    }
}
