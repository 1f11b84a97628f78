import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// The main job of CivicDataKit as one call: a raw export in, a checked,
/// protected and documented open data package out.
///
/// The stages: classify every column (settings over the ``DomainProfile``; an
/// unclassified column stops the run), redact free text, pseudonymise case and
/// client numbers, anonymise the quasi-identifiers (k-anonymity, l-diversity,
/// t-closeness with suppression), audit the result independently
/// (``PublicationAudit``), count protected tables. ``PublicationResult/write(to:progress:)``
/// then writes the package folder as one atomic step.
///
/// ```swift
/// let publication = Publication(settings: try PublicationSettings(yaml: "privacy: {k: 5}"), language: .german)
/// let result = try publication.run(contentsOf: URL(fileURLWithPath: "export.csv"))
/// try result.write(to: URL(fileURLWithPath: "civic-output"))
/// ```
///
/// ## Topics
/// - ``run(contentsOf:sheet:progress:)``
/// - ``run(_:inputName:progress:)``
/// - ``PublicationResult``
/// - ``PublicationAudit``
public struct Publication: Sendable {
    /// What to publish and how.
    public var settings: PublicationSettings
    /// The defaults for the export's domain.
    public var profile: any DomainProfile
    /// The language of the report, the descriptions and the progress summaries.
    public var language: Language
    /// The key for pseudonyms; `nil` makes a new one for each run (pseudonyms then
    /// differ between publications, so they cannot be joined across them).
    public var key: PseudonymKey?
    /// The folder that relative hierarchy file paths (`hierarchy: {file: ...}`) are read from.
    public var hierarchyFolder: URL
    /// The least time between two reports of a long search (``PublicationProgress/searching(_:)``);
    /// 5 seconds by default, shorter for a page that shows the search as it runs.
    public var searchProgressInterval: Duration = .seconds(5)

    /// A publication; by default of a counselling export with the profile's settings.
    public init(settings: PublicationSettings = PublicationSettings(), profile: any DomainProfile = CounsellingProfile(),
                language: Language = .english, key: PseudonymKey? = nil,
                hierarchyFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.settings = settings
        self.profile = profile
        self.language = language
        self.key = key
        self.hierarchyFolder = hierarchyFolder
    }

    /// The column that identifies persons in `input`: the settings' (which must
    /// exist), else the profile's if the input has it; `nil` when the unit is the row.
    func personColumn(of input: Table) throws(PublicationError) -> String? {
        if let unit = settings.privacyUnit {
            guard unit != AnonymizationConfiguration.rowsArePersons else { return nil }
            guard input.column(named: unit) != nil else { throw .unknownColumn(unit) }
            return unit
        }
        guard let unit = profile.privacyUnit, input.column(named: unit) != nil else { return nil }
        return unit
    }

    /// Refuses what would publish people as they are: k below 2, or columns that look
    /// like direct identifiers yet would be published unchanged (unless allowed).
    func refuseRawData(_ input: Table, privacy: AnonymizationConfiguration.Privacy, roles: ColumnRoles,
                       detector: PIIDetector) throws(PublicationError) {
        guard let k = privacy.k, k >= 2 else {
            throw .invalidSetting(key: "privacy.k", reason: BilingualText(de: "eine Veröffentlichung braucht k von mindestens 2",
                                                                         en: "a publication needs k of at least 2"))
        }
        let unchanged = roles.columns.filter { [.sensitive, .insensitive, .quasiIdentifier].contains($0.role) }.map(\.name)
            .filter { !settings.allowIdentifiers.contains($0) }
        let identifying = DirectIdentifierCheck(detector: detector).suspiciousColumns(in: input, among: unchanged)
        guard identifying.isEmpty else { throw .identifyingColumns(identifying) }
    }

    /// Reads a CSV export or a sheet of an Excel workbook (`sheet`, default the
    /// first) and publishes it.
    ///
    /// - Throws: ``PublicationError/missingInput(_:)``, a `CSVError` or `XLSXError`
    ///   naming file, line or cell, or what ``run(_:inputName:progress:)`` throws
    ///   (also what `progress` throws).
    public func run(contentsOf input: URL, sheet: String? = nil,
                    progress: ((PublicationProgress) throws -> Void)? = nil) throws -> PublicationResult {
        guard FileManager.default.fileExists(atPath: input.path) else { throw PublicationError.missingInput(input.path) }
        let table = try StageClock(progress).run(.load, { try TableFile.read(input, sheet: sheet) }) { table in
            language.pick(de: "\(language.integer(table.rowCount)) Zeilen, \(table.columnCount) Spalten",
                          en: "\(language.integer(table.rowCount)) rows, \(table.columnCount) columns")
        }
        var result = try run(consume table, inputName: input.lastPathComponent, progress: progress)
        result.inputURL = input
        return result
    }

    /// Publishes a table already in memory.
    ///
    /// - Parameters:
    ///   - export: the export as a table. It is taken over, so that its free text can be let go
    ///     once redacted (pass it with `consume` where the caller needs it no more).
    ///   - inputName: the export's file name, for the report and the default package name.
    ///   - progress: called after each stage and while a long search runs (at most
    ///     once per ``searchProgressInterval``). Throwing from it stops the
    ///     publication: after a stage at once, during the search once the search ends.
    /// - Throws: ``PublicationError`` (unclassified columns, a failed check, nothing
    ///   left), `PrivacyError.noSolution` when the privacy models
    ///   cannot be met, a configuration error, or what `progress` throws. Nothing is
    ///   returned then: fail closed.
    public func run(_ export: consuming Table, inputName: String,
                    progress: ((PublicationProgress) throws -> Void)? = nil) throws -> PublicationResult {
        var input = export
        let clock = StageClock(progress)
        let l = language
        let roles = try ColumnRoles(of: input, settings: settings, profile: profile, file: inputName)
        let name = try settings.packageName(inputName: (inputName as NSString).deletingPathExtension)
        let licence = try settings.dataLicence()

        // Redact free text and pseudonymise numbers.
        let redacted = try clock.run(.redact, {
            // Names and case numbers are counted by value for the redaction and the
            // pseudonyms, and again by the audit. A large file's reader stores them
            // row by row (their first rows are mostly distinct), so each count hashed
            // every row's text: storing each value once first leaves one such pass.
            input = try input.deduplicatingTexts(of: roles.names(.identifier) + roles.names(.pseudonym))
            // The pseudonyms are made beside the redaction: they replace other columns,
            // and each job has stretches on one core that the other fills.
            let (source, pseudonymKey) = (input, key ?? .generate())
            let pseudonymized = BackgroundWork {
                Result { try pseudonymize(source, columns: roles.names(.pseudonym), key: pseudonymKey, language: l) }
            }
            let redacted = try redactFreeText(input, columns: roles.names(.freeText), identifiers: roles.names(.identifier), language: l)
            let prepared = try redacted.table.takingColumns(roles.names(.pseudonym), from: pseudonymized.value.get())
            return (table: prepared, summary: redacted.summary, detector: redacted.detector)
        }) { l.pick(de: "\(l.integer($0.summary.total)) Fundstellen ersetzt", en: "\(l.integer($0.summary.total)) findings replaced") }

        // Past the redaction nothing reads the export's own free text: it goes,
        // which on a large export frees a good share of the memory.
        input = try input.selecting(input.schema.fields.map(\.name).filter { !roles.names(.freeText).contains($0) })
        let privacy = settings.privacy ?? profile.defaultPrivacy(sensitive: roles.names(.sensitive))
        let topCoded = try topCode(redacted.table, roles: roles, privacy: privacy)
        try refuseRawData(input, privacy: privacy, roles: roles, detector: redacted.detector)

        // Anonymise, counting persons when the data name them.
        let person = try personColumn(of: input)
        let publishesPerson = person != nil && settings.publishPrivacyUnit == true
        // The profile's recoding applies where it can: local recoding does not yet
        // support whole-person k for a published person key.
        let recoding = settings.recoding ?? (!publishesPerson ? profile.defaultRecoding : .global)
        let configuration = AnonymizationConfiguration(attributes: roles.anonymizationAttributes, privacy: privacy,
                                                       metric: settings.metric ?? .loss, search: settings.search,
                                                       privacyUnit: person, recoding: recoding)
        let plan = try configuration.plan(for: topCoded.table) { path in
            try ARXHierarchyFile.read(path.hasPrefix("/") ? URL(fileURLWithPath: path) : hierarchyFolder.appendingPathComponent(path))
        }
        let removed = roles.names(.identifier) + (person.map { publishesPerson ? [] : [$0] } ?? [])
        let anonymization = try clock.run(.anonymise, {
            // The search cannot stop midway: an error from `progress` is kept and thrown once it ends.
            var stop: (any Error)?
            let result = try plan.anonymizer.anonymize(topCoded.table, removing: removed, progressInterval: searchProgressInterval) {
                guard stop == nil else { return }
                do { try progress?(.searching($0)) } catch { stop = error }
            }
            if let stop { throw stop }
            return result
        }) { result in
            let levels = plan.anonymizer.quasiIdentifiers.enumerated().map { q, qi in
                result.levelCombinations.count == 1 ? "\(qi.name)=\(result.best.transformation.levels[q])" : "\(qi.name)(\(result.levelSharesText(of: q)))"
            }
            let heuristic = result.isOptimal ? "" : l.pick(de: " (heuristisch, nicht garantiert optimal)", en: " (heuristic, not guaranteed optimal)")
            let n = result.best.suppressedRows
            return l.pick(de: "\(l.integer(n)) \(n == 1 ? "Zeile" : "Zeilen") unterdrückt; Stufen \(levels.joined(separator: " "))\(heuristic)",
                          en: "\(l.integer(n)) \(n == 1 ? "row" : "rows") suppressed; levels \(levels.joined(separator: " "))\(heuristic)")
        }

        // With the person key published, whole persons must be k-anonymous too.
        let quasiIdentifiers = plan.anonymizer.quasiIdentifiers.map(\.name)
        // The persons numbered once, as the anonymiser numbers them, for every count
        // below: on a million cases, their texts were hashed again for each.
        let units = try person.map { column throws(PrivacyError) in try PrivacyUnits(topCoded.table, column: column) }
        let wholePersonK = publishesPerson ? plan.anonymizer.criteria.map(\.minimumClassSize).max() : nil
        var isSuppressed = anonymization.isSuppressed
        if let wholePersonK, let units {
            isSuppressed = try suppressingRarePersonProfiles(anonymization.table, quasiIdentifiers: quasiIdentifiers,
                                                             persons: units, isSuppressed: isSuppressed, k: wholePersonK,
                                                             suppressionLimit: plan.anonymizer.suppressionLimit)
        }

        // Check independently, then count the protected tables.
        let published = try describingQuasiIdentifiers(of: anonymization, anonymizer: plan.anonymizer)
            .filtering { !isSuppressed[$0] }
        let inputRows = isSuppressed.indices.filter { !isSuppressed[$0] }
        let publishedPersons = units?.gathering(rows: inputRows)
        // The audit's preparation (every identifier of the input, split into what may
        // not reappear) is part of the check's time: on a million cases it takes seconds.
        let audit = try clock.run(.check, {
            let audit = PublicationAudit(quasiIdentifiers: quasiIdentifiers, criteria: plan.anonymizer.criteria, input: input,
                                         privacyUnit: person, wholePersonK: wholePersonK, freeTextColumns: roles.names(.freeText),
                                         detector: redacted.detector,
                                         identifierColumns: roles.names(.identifier) + roles.names(.pseudonym),
                                         allowedColumns: settings.allowIdentifiers)
            try audit.check(published, units: publishedPersons, inputRows: inputRows)
            return audit
        }) { _ in
            l.pick(de: "alle Kriterien, Freitext und Kennungen geprüft", en: "every criterion, free text and identifiers checked")
        }
        let statistics = try clock.run(.statistics, {
            publishedStatistics(of: published, sensitive: roles.names(.sensitive), quasiIdentifiers: quasiIdentifiers)
        }) { l.pick(de: "\($0.count) Tabellen aus den veröffentlichten Zeilen", en: "\($0.count) tables of the published rows") }

        return PublicationResult(
            name: name, title: settings.title ?? profile.defaultTitle(in: l), licence: licence, settings: settings,
            profile: profile, language: l, inputName: inputName, inputRows: input.rowCount, roles: roles,
            redaction: redacted.summary, anonymizer: plan.anonymizer, anonymization: anonymization, isSuppressed: isSuppressed,
            published: published, personColumn: person, publishesPersonColumn: publishesPerson,
            inputPersons: units?.personCount, publishedPersons: publishedPersons,
            publishedPersonCount: publishedPersons?.distinctPersonCount,
            statistics: statistics, workload: workload(published: published, raw: input, anonymizer: plan.anonymizer),
            topCodings: topCoded.codings, audit: audit,
            riskAfter: PublicationResult.risk(of: published, quasiIdentifiers: quasiIdentifiers, units: publishedPersons))
    }

    /// The profile's questions answered from `published` and `raw`; a question
    /// whose columns are not both published is left out.
    private func workload(published: Table, raw: Table, anonymizer: Anonymizer) -> [WorkloadAnswer] {
        profile.workload.compactMap { query in
            let hierarchy = anonymizer.quasiIdentifiers.first { $0.name == query.column }?.hierarchy
            return WorkloadAnswer(query, published: published, raw: raw, hierarchy: hierarchy)
        }
    }

    /// The top-coded columns (the profile's, then the settings'), and the settings'
    /// bottom-coded ones, where they are published as they are (not generalised,
    /// not removed) and no criterion protects them: a criterion compares the
    /// published values with the input's.
    ///
    /// - Throws: ``PublicationError/unknownColumn(_:)`` for a column the settings
    ///   name that the data lacks, ``PublicationError/invalidSetting(key:reason:)``
    ///   for a share outside 0.5–1 (top) or 0–0.5 (bottom).
    private func topCode(_ table: Table, roles: ColumnRoles, privacy: AnonymizationConfiguration.Privacy) throws
        -> (table: Table, codings: [TopCoding]) {
        for (key, shares, range) in [("top-coding", settings.topCoding, 0.5..<1.0), ("bottom-coding", settings.bottomCoding, 0.0..<0.5)] {
            for (column, share) in shares.sorted(by: { $0.key < $1.key }) {
                guard table.column(named: column) != nil else { throw PublicationError.unknownColumn(column) }
                guard range.contains(share) && share > 0 else {
                    throw PublicationError.invalidSetting(key: "\(key).\(column)", reason: BilingualText(
                        de: "der Anteil muss zwischen \(Language.german.number(range.lowerBound)) und \(Language.german.number(range.upperBound)) liegen, nicht \(Language.german.number(share))",
                        en: "the share must lie between \(Language.english.number(range.lowerBound)) and \(Language.english.number(range.upperBound)), not \(Language.english.number(share))"))
                }
            }
        }
        let protected = Set([privacy.lDiversity?.attribute, privacy.tCloseness?.attribute].compactMap { $0 })
        let top = profile.topCodedColumns.merging(settings.topCoding) { _, chosen in chosen }
        let plan = top.sorted { $0.key < $1.key }.map { ($0.key, $0.value, TopCoding.End.top) }
            + settings.bottomCoding.sorted { $0.key < $1.key }.map { ($0.key, $0.value, TopCoding.End.bottom) }
        var table = table, codings: [TopCoding] = []
        for (column, quantile, end) in plan
            where !protected.contains(column) && [.sensitive, .insensitive].contains(roles.columns.first { $0.name == column }?.role) {
            let result = try table.topCoding(column, quantile: quantile, end: end, language: language)
            table = result.table
            if let coding = result.coding { codings.append(coding) }
        }
        return (table, codings)
    }

    /// The anonymised table with each quasi-identifier described in the
    /// publication's language (the anonymiser describes them in English): how far
    /// it was generalised, and that suppressed rows are left out.
    private func describingQuasiIdentifiers(of result: Anonymizer.Result, anonymizer: Anonymizer) throws -> Table {
        var schema = result.table.schema
        let l = language
        for (q, qi) in anonymizer.quasiIdentifiers.enumerated() {
            guard let index = schema.index(of: qi.name) else { continue }
            let height = qi.hierarchy.height - 1
            let description: String
            if result.levelCombinations.count > 1 {
                description = l.pick(
                    de: "Zeile für Zeile vergröbert (Stufen von 0 = unverändert bis \(height) = *; Anteil der Zeilen je Stufe: "
                        + "\(result.levelSharesText(of: q))); jeder Wert ist ein Knoten seiner Hierarchie.",
                    en: "Generalised row by row (levels from 0 = unchanged to \(height) = *; share of rows per level: "
                        + "\(result.levelSharesText(of: q))); every value is a node of its hierarchy.")
            } else {
                let level = result.best.transformation.levels[q]
                description = l.pick(de: "Vergröbert auf Stufe \(level) von \(height) (0 = unverändert, \(height) = *).",
                                     en: "Generalised to level \(level) of \(height) (0 = unchanged, \(height) = *).")
            }
            schema.fields[index].description = description
        }
        return try Table(schema: schema, columns: result.table.columns)
    }
}
