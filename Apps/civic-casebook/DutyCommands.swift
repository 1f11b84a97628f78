// The commands that carry the organisation's duties: statistics only with consent,
// the export for publication, retention, access, erasure, the audit log and the
// record of processing activities.

import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import CivicPublishing
import CivicStorage
import Foundation

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Fälle je Monat und Angebot, nur von Personen mit Einwilligung in Statistik.",
                                   en: "Cases per month and service, only of persons who consented to statistics."))
    @Option(help: .localized(de: "Stichtag der Einwilligungen (JJJJ-MM-TT).", en: "Day the consents must hold on (YYYY-MM-DD)."))
    var on = Day.today
    @OptionGroup var options: CasebookOptions

    func run() async throws {
        try await options.runOnStore { store in
            let counts = try await store.monthlyCases(on: on.date)
            options.say("Monat\tAngebot\tFälle", "Month\tService\tCases")
            for count in counts { print("\(count.month)\t\(count.service)\t\(options.count(count.cases))") }
            let total = options.count(counts.map(\.cases).reduce(0, +))
            options.say("Zusammen: \(total) Fälle.", "Total: \(total) cases.")
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "Schreibt die Fälle der Personen, die in den Zweck eingewilligt haben, als CSV für civic-publish (ohne Namen und Notizen).",
            en: "Writes the cases of persons who consented to the purpose as a CSV for civic-publish (without names and notes)."))
    @Option(help: .localized(de: "Der Zweck, in den eingewilligt sein muss.", en: "The purpose consent must be given for."))
    var purpose = Consent.statisticsPurpose
    @Option(help: .localized(de: "Die CSV-Datei.", en: "The CSV file.")) var output: String
    @Option(help: .localized(de: "Stichtag der Einwilligungen (JJJJ-MM-TT).", en: "Day the consents must hold on (YYYY-MM-DD)."))
    var on = Day.today
    @OptionGroup var options: CasebookOptions

    func run() async throws {
        try await options.runOnStore { store in
            let rows = try await store.exportForStatistics(to: URL(fileURLWithPath: output), purpose: purpose, on: on.date)
            options.say("\(options.count(rows)) Fälle nach \(output) geschrieben. Weiter mit: civic-publish --input \(output)",
                        "Wrote \(options.count(rows)) cases to \(output). Next: civic-publish --input \(output)")
        }
    }
}

struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Zeigt (Probelauf) oder löscht, was über die Aufbewahrungsfrist hinaus ist (Art. 5 Abs. 1 e DSGVO).",
                                   en: "Shows (dry run) or deletes what is past its retention period (GDPR Art. 5(1)(e))."))
    @Flag(help: .localized(de: "Nur zeigen, nichts löschen (die Vorgabe).", en: "Only show, delete nothing (the default)."))
    var dryRun = false
    @Flag(help: .localized(de: "Wirklich löschen.", en: "Really delete.")) var apply = false
    @Option(help: .localized(de: "Stichtag (JJJJ-MM-TT).", en: "The day to count to (YYYY-MM-DD).")) var on = Day.today
    @Option(help: .localized(de: "Eine Frist setzen: ART=JAHRE oder ART=JAHRE:anonymise (z. B. cases=3:anonymise).",
                             en: "Set a period: KIND=YEARS or KIND=YEARS:anonymise (e.g. cases=3:anonymise).")) var set: [String] = []
    @OptionGroup var options: CasebookOptions

    func validate() throws {
        if dryRun && apply { throw ValidationError(de: "--dry-run oder --apply, nicht beides.", en: "--dry-run or --apply, not both.") }
    }

    func run() async throws {
        try await options.runOnStore { book in
            for text in set {
                let rule = try Self.rule(text)
                try await book.setRetentionRule(rule)
                options.say("Frist gesetzt: \(Self.describe(rule, in: options.language))",
                            "Period set: \(Self.describe(rule, in: options.language))")
            }
            if try await book.retentionRules().isEmpty {
                options.say("Es sind keine Löschfristen gesetzt; mit --set festlegen (z. B. --set cases=3:anonymise).",
                            "No retention periods are set; set them with --set (e.g. --set cases=3:anonymise).")
            }
            let report = try await book.retention(on: on.date, apply: apply)
            let l = options.language
            options.say(apply ? "Löschfristen angewandt (Stichtag \(on.date)):" : "Probelauf, nichts gelöscht (Stichtag \(on.date)):",
                        apply ? "Retention applied (day \(on.date)):" : "Dry run, nothing deleted (day \(on.date)):")
            for expired in report.expired {
                let records = l.integer(expired.records)
                print("  " + Self.describe(expired.rule, in: l) + l.pick(de: ": \(records) abgelaufen", en: ": \(records) expired"))
            }
            if apply {
                options.say("  Personen ohne verbleibende Daten gelöscht: \(l.integer(report.personsRemoved))",
                            "  Persons with no data left, deleted: \(l.integer(report.personsRemoved))")
            } else {
                options.say("Mit --apply löschen.", "Use --apply to delete.")
            }
        }
    }

    /// A rule from `KIND=YEARS[:ACTION]`.
    static func rule(_ text: String) throws -> RetentionRule {
        let parts = text.split(separator: "=", maxSplits: 1)
        let rest = parts.count == 2 ? parts[1].split(separator: ":") : []
        guard parts.count == 2, let records = RetentionRule.Records(rawValue: String(parts[0])),
              let years = rest.first.flatMap({ Int($0) }),
              let action = rest.count > 1 ? RetentionRule.Action(rawValue: String(rest[1])) : .delete, rest.count <= 2 else {
            let kinds = RetentionRule.Records.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError(de: "--set \(text): erwartet ART=JAHRE[:delete|anonymise], ART eine von \(kinds).",
                                  en: "--set \(text): expected KIND=YEARS[:delete|anonymise], KIND one of \(kinds).")
        }
        return RetentionRule(records: records, years: years, action: action)
    }

    /// One line about a rule.
    static func describe(_ rule: RetentionRule, in language: Language) -> String {
        let action = rule.action == .anonymise ? language.pick(de: "dann zur anonymen Statistik", en: "then to anonymous statistics")
                                               : language.pick(de: "dann löschen", en: "then delete")
        return "\(rule.records.rawValue): \(language.integer(rule.years)) " + language.pick(de: "Jahre", en: "years") + ", \(action)"
    }
}

struct SubjectAccess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject-access",
        abstract: appLanguage.pick(de: "Alles über eine Person, als JSON und lesbares HTML (Art. 15 DSGVO).",
                                   en: "Everything about one person, as JSON and readable HTML (GDPR Art. 15)."))
    @Argument(help: .localized(de: "Die Personennummer.", en: "The person's number.")) var person: String
    @Option(help: .localized(de: "Dateiname ohne Endung; es entstehen .json und .html.",
                             en: "File name without extension; writes .json and .html.")) var output = "subject-access"
    @Option(help: .localized(de: "Das Datenschutzrecht: dsgvo, kdg oder dsg-ekd.", en: "The data-protection law: dsgvo, kdg or dsg-ekd."))
    var law = DataProtectionLaw.dsgvo
    @Option(help: .localized(de: "Das Verzeichnis der Verarbeitungstätigkeiten (YAML), für Zwecke und Empfänger.",
                             en: "The record of processing activities (YAML), for purposes and recipients."))
    var processing: String?
    @OptionGroup var options: CasebookOptions

    func run() async throws {
        try await options.runOnStore { store in
            let activities = try processing.map { try RecordsOfProcessing.load(from: URL(fileURLWithPath: $0)) }
            let record = try await store.subjectAccess(person, on: CivicDate(Date()))
            // Both files hold the person's data: readable by their owner only.
            let files = AtomicFileSet()
            try files.write(Array(try record.json().utf8), to: URL(fileURLWithPath: output + ".json"), permissions: 0o600)
            try files.write(Array(record.report(law: law, language: options.language, processing: activities).html().utf8),
                            to: URL(fileURLWithPath: output + ".html"), permissions: 0o600)
            try files.commit()
            options.say("Auskunft geschrieben: \(output).json und \(output).html.", "Wrote \(output).json and \(output).html.")
        }
    }
}

struct Erase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Löscht eine Person mit allem, was zu ihr gehört (Art. 17 DSGVO); Spenden bleiben ohne Namen.",
                                   en: "Erases a person with everything that belongs to them (GDPR Art. 17); donations stay without a name."))
    @Argument(help: .localized(de: "Die Personennummer.", en: "The person's number.")) var person: String
    @Flag(help: .localized(de: "Ja, unwiderruflich löschen.", en: "Yes, erase for good.")) var yes = false
    @OptionGroup var options: CasebookOptions

    func run() async throws {
        try await options.runOnStore { store in
            guard yes else {
                guard try await store.person(person) != nil else { throw CasebookError.noSuchRecord(.person) }
                let cases = options.count(try await store.cases(of: person).count)
                options.say("Nichts gelöscht. Fälle der Person: \(cases). Mit --yes unwiderruflich löschen.",
                            "Nothing erased. The person's cases: \(cases). Add --yes to erase for good.")
                throw ExitCode.failure
            }
            let summary = try await store.erase(person)
            let n = { (value: Int) in options.count(value) }
            options.say("""
                Gelöscht: die Person mit allem, was zu ihr gehört (Fälle: \(n(summary.cases)), Einwilligungen: \
                \(n(summary.consents)), Einsätze: \(n(summary.shifts)), Antworten: \(n(summary.surveyResponses))). Spenden ohne \
                Spender:in in der Buchhaltung: \(n(summary.donationsDetached)).
                """, """
                Erased: the person with everything that belongs to them (cases: \(n(summary.cases)), consents: \
                \(n(summary.consents)), shifts: \(n(summary.shifts)), answers: \(n(summary.surveyResponses))). Donations kept in \
                the books without their donor: \(n(summary.donationsDetached)).
                """)
        }
    }
}

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Prüft das Änderungsprotokoll oder zeigt es.", en: "Checks or shows the audit log."),
        subcommands: [Verify.self, Show.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: appLanguage.pick(de: "Prüft, dass kein Eintrag geändert, entfernt oder umgestellt wurde.",
                                       en: "Checks that no entry was edited, removed or reordered."))
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                let result = try await store.verifyAudit()
                if result.isIntact {
                    let entries = options.count(result.entries)
                    options.say("Protokoll unversehrt: \(entries) Einträge. Letzter Hash (notieren): \(result.headHash)",
                                "Audit log intact: \(entries) entries. Last hash (note it down): \(result.headHash)")
                    return
                }
                for problem in result.problems {
                    printError(options.language.pick(de: "Eintrag \(problem.sequence): \(Self.german(problem.kind))",
                                                     en: "Entry \(problem.sequence): \(problem.kind.rawValue)"))
                }
                printError(options.language.pick(de: "Das Protokoll wurde verändert.", en: "The audit log has been tampered with."))
                throw ExitCode.failure
            }
        }

        private static func german(_ kind: AuditVerification.Problem.Kind) -> String {
            switch kind {
            case .edited: "geändert"
            case .brokenLink: "Kette unterbrochen (Eintrag entfernt, eingefügt oder verschoben)"
            case .gap: "Lücke in der Nummerierung"
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: appLanguage.pick(de: "Zeigt die Einträge, jeden mit seinem Hash (um einen notierten zu vergleichen).",
                                       en: "Shows the entries, each with its hash (to compare with one noted down)."))
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                for entry in try await store.auditEntries() {
                    print([String(entry.sequence), entry.at, entry.actor, entry.action.rawValue, entry.recordKind.rawValue,
                           entry.recordID.map(String.init) ?? "", entry.detail ?? "", entry.hash].joined(separator: "\t"))
                }
            }
        }
    }
}

struct RecordsOfProcessingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records-of-processing",
        abstract: appLanguage.pick(de: "Schreibt das Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO, § 31 KDG, § 31 DSG-EKD).",
                                   en: "Writes the record of processing activities (GDPR Art. 30, KDG § 31, DSG-EKD § 31)."))
    @Option(help: .localized(de: "Die Verarbeitungstätigkeiten (YAML).", en: "The processing activities (YAML)."))
    var config = "Examples/processing-activities.yaml"
    @Option(help: .localized(de: "Das Recht: dsgvo, kdg oder dsg-ekd.", en: "The law: dsgvo, kdg or dsg-ekd."))
    var law = DataProtectionLaw.dsgvo
    @Option(help: .localized(de: "Die Ausgabe: .md oder .html.", en: "The output: .md or .html.")) var output = "records-of-processing.html"
    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
        guard output.hasSuffix(".md") || output.hasSuffix(".html") else {
            throw ValidationError(de: "--output: eine Datei auf .md oder .html, nicht \(output)",
                                  en: "--output: a file ending in .md or .html, not \(output)")
        }
    }

    func run() throws {
        let l = languageOption.language
        do {
            let records = try RecordsOfProcessing.load(from: URL(fileURLWithPath: config))
            let text = output.hasSuffix(".md") ? records.markdown(law: law, language: l) : records.html(law: law, language: l)
            let file = try AtomicFile(destination: URL(fileURLWithPath: output))
            try file.write(Array(text.utf8))
            try file.commit()
            print(l.pick(de: "Geschrieben: \(output) (\(law.recordTitle(in: l))).", en: "Wrote \(output) (\(law.recordTitle(in: l)))."))
        } catch {
            throw failure(reporting: error, in: l)
        }
    }
}

extension DataProtectionLaw: ExpressibleByArgument {}
