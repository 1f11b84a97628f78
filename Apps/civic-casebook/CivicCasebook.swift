// civic-casebook: an organisation's records, kept the lawful way: in one SQLite file, or
// in a shared PostgreSQL database (--database postgres://USER@HOST/DB --organisation-id ID)
// for every command but init (there the administrator registers the organisation).
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
// access and erasure), CivicPostgres's shared `PostgresCasebook`, and CivicPublishing (the documents for people and supervisors,
// and the signed report for an umbrella organisation).
// Every change is one transaction with its audit entry. Errors name records and
// fields, never values.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPostgres
import CivicStorage
import Foundation

@main
struct CivicCasebook: AsyncLocalizedCommand {
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
    @Option(help: .localized(
        de: "Das Fallbuch: eine SQLite-Datei (PFAD oder sqlite:PFAD) oder die gemeinsame Datenbank (postgres://BENUTZER@RECHNER:PORT/DATENBANK).",
        en: "The casebook: an SQLite file (PATH or sqlite:PATH) or the shared database (postgres://USER@HOST:PORT/DATABASE)."))
    var database = "civic-casebook.sqlite"

    @Option(help: .localized(
        de: "Kurzkennung der Organisation: beim Anlegen einer SQLite-Datei; in der gemeinsamen Datenbank die, für die gearbeitet wird.",
        en: "A short identifier of the organisation: when creating an SQLite file; in the shared database, the one to work for."))
    var organisationID: String?

    @Option(name: .customLong("actor"),
            help: .localized(de: "Wer die Änderung macht, für das Protokoll (Vorgabe: der Benutzername).",
                             en: "Who makes the change, for the audit log (default: the login name)."))
    var actorName: String?

    @OptionGroup var languageOption: LanguageOption

    var language: Language { languageOption.language }

    /// Who makes the changes: the option, else the login name. (A shared database
    /// records the login it was opened with instead.)
    var actor: String { actorName ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown" }

    /// The SQLite file `--database` names, for the commands that work only on one
    /// (a shared database is refused with a message saying so).
    func sqlitePath() throws -> String {
        guard case .sqlite(let path) = try CasebookDatabase(database) else {
            throw PostgresCasebookError.notAvailableInSharedCasebook(BilingualText(de: "Dieser Befehl", en: "This command"))
        }
        return path
    }

    /// Opens the casebook, an SQLite file.
    func open() throws -> Casebook { try Casebook(path: sqlitePath(), actor: actor) }

    /// Runs `body`, printing any error in the chosen language and exiting non-zero.
    func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw reported(error)
        }
    }

    /// Opens the casebook `--database` names, an SQLite file or the shared database,
    /// runs `body` on it and closes it; errors as ``run(_:)``.
    func runOnStore(_ body: (any CasebookStore) async throws -> Void) async throws {
        do {
            let database = try CasebookDatabase(database)
            let store = try await database.open(organisation: organisationID, actor: actor)
            do {
                try await body(store)
            } catch {
                await database.close(store)
                throw error
            }
            await database.close(store)
        } catch {
            throw reported(error)
        }
    }

    /// The error to exit with: usage errors and exit codes as they are (ArgumentParser
    /// prints usage errors in the process's language), anything else printed here.
    private func reported(_ error: any Error) -> any Error {
        switch error {
        case is ExitCode, is ValidationError: error
        default: failure(reporting: error, in: language)
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
    @Option(help: .localized(de: "Kontakt für Datenschutzfragen.", en: "Contact for data-protection questions."))
    var privacyContact: String?
    @OptionGroup var options: CasebookOptions

    func run() throws {
        try options.run {
            let path = try options.sqlitePath()
            let book = try Casebook.create(
                path: path,
                organisation: Organisation(organisationID: options.organisationID ?? "beispielverein", name: organisation,
                                           privacyContact: privacyContact),
                actor: options.actor)
            for rule in RetentionRule.commonDefaults { try book.setRetentionRule(rule) }
            options.say("Fallbuch \(path) für „\(organisation)“ angelegt, mit diesen Löschfristen (prüfen und mit „retention --set“ anpassen):",
                        "Created the casebook \(path) for '\(organisation)', with these retention periods (check them; change them with 'retention --set'):")
            for rule in try book.retentionRules() { print("  " + Retention.describe(rule, in: options.language)) }
        }
    }
}

struct Import: AsyncParsableCommand {
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

    func run() async throws {
        try await options.runOnStore { store in
            let url = URL(fileURLWithPath: input)
            let language = options.language
            let (summary, seconds) = try await timed {
                if let shared = store as? PostgresCasebook {
                    // The shared casebook reports every batch of 5,000 rows; progress every 100,000.
                    return try await shared.importCases(from: url) { rows in
                        if rows % 100_000 == 0 {
                            printError(language.pick(de: "  \(language.integer(rows)) Zeilen …", en: "  \(language.integer(rows)) rows …"))
                        }
                    }
                }
                return try (store as? Casebook ?? options.open()).importCases(from: url) { rows in
                    // Progress on long imports only (the last call reports the whole file).
                    if rows % 65_536 == 0 {
                        printError(language.pick(de: "  \(language.integer(rows)) Zeilen …", en: "  \(language.integer(rows)) rows …"))
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
