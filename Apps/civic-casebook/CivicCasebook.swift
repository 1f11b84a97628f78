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
//
// A thin shell over CivicStorage's `Casebook` (records, consent, retention, audit,
// access and erasure) and CivicPublishing (the documents for people and supervisors).
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
            Retention.self, SubjectAccess.self, Erase.self, Audit.self, RecordsOfProcessingCommand.self,
        ])
}

/// The options every command that opens a casebook shares.
struct CasebookOptions: ParsableArguments {
    @Option(help: .localized(de: "Das Fallbuch (SQLite-Datei).", en: "The casebook (an SQLite file)."))
    var database = "civic-casebook.sqlite"

    @Option(help: .localized(de: "Wer die Änderung macht, für das Protokoll (Vorgabe: der Benutzername).",
                             en: "Who makes the change, for the audit log (default: the login name)."))
    var actor = ProcessInfo.processInfo.environment["USER"] ?? "unknown"

    @OptionGroup var languageOption: LanguageOption

    var language: Language { languageOption.language }

    /// Opens the casebook.
    func open() throws -> Casebook { try Casebook(path: database, actor: actor) }

    /// Runs `body`, printing any error in the chosen language and exiting non-zero.
    func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw failure(reporting: error, in: language)
        }
    }

    /// A field's German title, or its name for English.
    func label(_ field: Field) -> String { language == .german ? field.title ?? field.name : field.name }

    /// Prints the German or the English line.
    func say(_ de: String, _ en: String) { print(language.pick(de: de, en: en)) }
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
        abstract: appLanguage.pick(de: "Importiert einen Fallexport (CSV) in Personen und Fälle; wiederholbar.",
                                   en: "Imports a case export (CSV) into persons and cases; can be repeated."))

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
                    if rows % 65_536 == 0 { printError(options.language.pick(de: "  \(rows) Zeilen …", en: "  \(rows) rows …")) }
                }
            }
            options.say("""
                Importiert aus \(input): \(summary.rows) Zeilen in \(options.language.decimal(seconds, digits: 1)) s.
                  Fälle: \(summary.newCases) neu, \(summary.updatedCases) aktualisiert.
                  Personen: \(summary.newPersons) neu, \(summary.updatedPersons) aktualisiert.
                """, """
                Imported from \(input): \(summary.rows) rows in \(options.language.decimal(seconds, digits: 1)) s.
                  Cases: \(summary.newCases) new, \(summary.updatedCases) updated.
                  Persons: \(summary.newPersons) new, \(summary.updatedPersons) updated.
                """)
            if summary.skippedErasedRows > 0 {
                options.say("  \(summary.skippedErasedRows) Zeilen gelöschter Personen übersprungen (Art. 17 DSGVO).",
                            "  \(summary.skippedErasedRows) rows of erased persons skipped (GDPR Art. 17).")
            }
        }
    }
}
