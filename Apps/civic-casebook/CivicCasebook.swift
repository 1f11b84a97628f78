// civic-casebook: an organisation's records in one SQLite file, kept the lawful way.
//
//   civic-casebook init --organisation "Beispielverein e.V."
//   civic-casebook import --input export.csv
//   civic-casebook person add K-0001 --name "Erika Beispiel" --zip 10115
//   civic-casebook consent give K-0001 --purpose statistics
//   civic-casebook stats
//   civic-casebook export --purpose statistics --output fuer-civic-publish.csv
//   civic-casebook retention            (a dry run; --apply deletes)
//   civic-casebook subject-access K-0001 --output auskunft
//   civic-casebook erase K-0001 --yes
//   civic-casebook audit verify
//   civic-casebook records-of-processing --config verzeichnis.yaml --law kdg --output verzeichnis.html
//   civic-casebook keys --member sb-nord --output sb-nord.key
//   civic-casebook report --for umbrella --key sb-nord.key --period 2025 --output bericht-2025.json
//
// A thin shell over CivicStorage's `Casebook` (records, consent, retention, audit,
// access and erasure) and CivicPublishing (the documents for people and supervisors,
// and the signed report for an umbrella organisation).
// Every change is one transaction with its audit entry. Errors name records and
// fields, never values.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicStorage
import Foundation

@main
struct CivicCasebook: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-casebook",
        abstract: appLanguage.pick(de: "Das Fallbuch einer Organisation: Personen, Fälle, Einwilligungen, Löschfristen, Auskunft.",
                                   en: "An organisation's casebook: persons, cases, consents, retention, access."),
        subcommands: [
            Init.self, Import.self, PersonCommand.self, CaseCommand.self, ConsentCommand.self, Stats.self, Export.self,
            Retention.self, SubjectAccess.self, Erase.self, Audit.self, RecordsOfProcessingCommand.self, Keys.self, Report.self,
        ])
}

/// The options every command that opens a casebook shares.
struct CasebookOptions: ParsableArguments {
    @Option(help: .localized(de: "Das Fallbuch (SQLite-Datei).", en: "The casebook (an SQLite file)."))
    var database = "civic-casebook.sqlite"

    @Option(name: .customLong("actor"),
            help: .localized(de: "Wer die Änderung macht, für das Protokoll (Vorgabe: der Benutzername).",
                             en: "Who makes the change, for the audit log (default: the login name)."))
    var actorName: String?

    @OptionGroup var languageOption: LanguageOption

    var language: Language { languageOption.language }

    /// Who makes the changes: the option, else the login name.
    var actor: String { actorName ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown" }

    /// Opens the casebook.
    func open() throws -> Casebook { try Casebook(path: database, actor: actor) }

    /// Runs `body`, printing any error in the chosen language and exiting non-zero.
    func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let usage as ValidationError {
            throw usage  // ArgumentParser prints it with the usage, in the process's language
        } catch {
            throw failure(reporting: error, in: language)
        }
    }

    /// A field's German title, or its name for English.
    func label(_ field: Field) -> String { language == .german ? field.title ?? field.name : field.name }

    /// Prints the German or the English line.
    func say(_ de: String, _ en: String) { print(language.pick(de: de, en: en)) }

    /// A count as the chosen language writes it, thousands grouped ("1.593", "1,593").
    func count<Number: BinaryInteger>(_ value: Number) -> String { language.integer(value) }

    /// A stored value for `person show` and `case show`: whole numbers (minutes, contacts,
    /// income) grouped like counts, everything else as it is stored.
    func text(_ value: Value) -> String {
        if case .integer(let number) = value { return count(number) }
        return value.description
    }
}

/// A day given on the command line (`YYYY-MM-DD`), today by default.
struct Day: ExpressibleByArgument {
    let date: CivicDate

    init?(argument: String) {
        guard let date = CivicDate(iso: argument) else { return nil }
        self.date = date
    }

    init(_ date: CivicDate) { self.date = date }

    static var today: Day { Day(CivicDate(Date())) }
    var defaultValueDescription: String { appLanguage.pick(de: "heute", en: "today") }
}

extension Person.Role: ExpressibleByArgument {}
extension Gender: ExpressibleByArgument {}
extension CaseFile.Status: ExpressibleByArgument {}
extension CaseContact.Kind: ExpressibleByArgument {}
extension Consent.LegalBasis: ExpressibleByArgument {}
extension RetentionRule.Records: ExpressibleByArgument {}
extension RetentionRule.Action: ExpressibleByArgument {}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Legt ein neues Fallbuch an, mit üblichen Löschfristen.",
                                   en: "Creates a new casebook, with common retention periods."))

    @Option(help: .localized(de: "Name der Organisation.", en: "The organisation's name."))
    var organisation = "Beispielverein e.V."
    @Option(help: .localized(de: "Kurzkennung der Organisation.", en: "A short identifier of the organisation."))
    var organisationID = "beispielverein"
    @Option(help: .localized(de: "Kontakt für Datenschutzfragen.", en: "Contact for data-protection questions."))
    var privacyContact: String?
    @OptionGroup var options: CasebookOptions

    func run() throws {
        try options.run {
            let book = try Casebook.create(
                path: options.database,
                organisation: Organisation(organisationID: organisationID, name: organisation, privacyContact: privacyContact),
                actor: options.actor)
            for rule in RetentionRule.commonDefaults { try book.setRetentionRule(rule) }
            options.say("Fallbuch \(options.database) für „\(organisation)“ angelegt, mit diesen Löschfristen (prüfen und mit „retention --set“ anpassen):",
                        "Created the casebook \(options.database) for '\(organisation)', with these retention periods (check them; change them with 'retention --set'):")
            for rule in try book.retentionRules() { print("  " + Retention.describe(rule, in: options.language)) }
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Übernimmt neue Personen und Fälle aus einem Fallexport (CSV); wiederholbar.",
                                   en: "Takes new persons and cases over from a case export (CSV); can be repeated."),
        discussion: appLanguage.pick(
            de: "Was das Fallbuch schon hat, bleibt, wie es ist; gelöschte Personen und Fälle mit abgelaufener Frist kommen nicht zurück.",
            en: "What the casebook has already stays as it is; erased persons and cases past their retention period do not come back."))

    @Option(help: .localized(de: "Der Fallexport (CSV; Trennzeichen und Zeichenkodierung werden erkannt).",
                             en: "The case export (CSV; separator and encoding are detected)."))
    var input = "Examples/counselling-cases.csv"
    @OptionGroup var options: CasebookOptions

    func run() throws {
        try options.run {
            let book = try options.open()
            let (summary, seconds) = try timed {
                try book.importCases(from: URL(fileURLWithPath: input)) { rows in
                    // Progress on long imports only (the last call reports the whole file).
                    if rows % 65_536 == 0 {
                        printError(options.language.pick(de: "  \(options.count(rows)) Zeilen …", en: "  \(options.count(rows)) rows …"))
                    }
                }
            }
            let n = { (value: Int) in options.count(value) }
            options.say("""
                Importiert aus \(input): \(n(summary.rows)) Zeilen in \(options.language.decimal(seconds, digits: 1)) s.
                  Fälle: \(n(summary.newCases)) neu, \(n(summary.knownCases)) schon im Fallbuch (unverändert).
                  Personen: \(n(summary.newPersons)) neu, \(n(summary.knownPersons)) schon im Fallbuch (unverändert).
                """, """
                Imported from \(input): \(n(summary.rows)) rows in \(options.language.decimal(seconds, digits: 1)) s.
                  Cases: \(n(summary.newCases)) new, \(n(summary.knownCases)) already in the casebook (left as they are).
                  Persons: \(n(summary.newPersons)) new, \(n(summary.knownPersons)) already in the casebook (left as they are).
                """)
            if summary.skippedErasedRows > 0 {
                options.say("  Übersprungen: \(n(summary.skippedErasedRows)) Zeilen gelöschter Personen (Recht auf Löschung).",
                            "  Skipped: \(n(summary.skippedErasedRows)) rows of erased persons (right to erasure).")
            }
            if summary.skippedRetiredRows > 0 {
                options.say("  Übersprungen: \(n(summary.skippedRetiredRows)) Zeilen von Fällen, deren Aufbewahrungsfrist abgelaufen ist.",
                            "  Skipped: \(n(summary.skippedRetiredRows)) rows of cases whose retention period has ended.")
            }
        }
    }
}
