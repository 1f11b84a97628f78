// The record commands: persons, cases and their contacts, consents.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicStorage

/// The details of a person the `add` and `update` commands take.
struct PersonDetails: ParsableArguments {
    @Option(help: .localized(de: "Vollständiger Name.", en: "Full name.")) var name: String?
    @Option(help: .localized(de: "Geburtsdatum (JJJJ-MM-TT).", en: "Date of birth (YYYY-MM-DD).")) var birthDate: Day?
    @Option(help: .localized(de: "Geschlecht: w, m oder d.", en: "Gender: w, m or d.")) var gender: Gender?
    @Option(help: .localized(de: "Postleitzahl.", en: "Postcode.")) var zip: String?
    @Option(help: .localized(de: "Bezirk.", en: "District.")) var district: String?
    @Option(help: .localized(de: "Staatsangehörigkeit.", en: "Nationality.")) var nationality: String?
    @Option(help: .localized(de: "Personen im Haushalt.", en: "People in the household.")) var householdSize: Int?
    @Option(help: .localized(de: "Rolle: client, donor, volunteer (mehrfach möglich).",
                             en: "Role: client, donor, volunteer (may be repeated).")) var role: [Person.Role] = []

    /// `person` with every detail given here replaced.
    func applied(to person: Person) -> Person {
        var person = person
        if let name { person.name = name }
        if let birthDate { person.birthDate = birthDate.date }
        if let gender { person.gender = gender }
        if let zip { person.zip = zip }
        if let district { person.district = district }
        if let nationality { person.nationality = nationality }
        if let householdSize { person.householdSize = householdSize }
        if !role.isEmpty { person.roles = Set(role) }
        return person
    }
}

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: appLanguage.pick(de: "Personen anlegen, ändern, zeigen.", en: "Add, change, show persons."),
        subcommands: [Add.self, Update.self, Show.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Legt eine Person an.", en: "Adds a person."))
        @Argument(help: .localized(de: "Die Personennummer.", en: "The person's number.")) var number: String
        @OptionGroup var details: PersonDetails
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                guard details.name != nil else {
                    throw ValidationError(de: "--name fehlt.", en: "--name is missing.")
                }
                let person = details.applied(to: Person(personID: number, name: "", roles: [.client]))
                try await store.add(person)
                options.say("Person \(number) angelegt.", "Added person \(number).")
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Ändert die Angaben einer Person.",
                                                                                   en: "Changes a person's details."))
        @Argument(help: .localized(de: "Die Personennummer.", en: "The person's number.")) var number: String
        @OptionGroup var details: PersonDetails
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                guard let person = try await store.person(number) else { throw CasebookError.noSuchRecord(.person) }
                try await store.update(details.applied(to: person))
                options.say("Person \(number) geändert.", "Changed person \(number).")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Zeigt eine Person mit ihren Fällen.",
                                                                                   en: "Shows a person with their cases."))
        @Argument(help: .localized(de: "Die Personennummer.", en: "The person's number.")) var number: String
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                guard let person = try await store.person(number) else { throw CasebookError.noSuchRecord(.person) }
                for (field, value) in zip(Person.schema.fields, person.values) where value != .missing {
                    print("\(options.label(field)): \(options.text(value))")
                }
                for file in try await store.cases(of: number) { print("  " + CaseCommand.line(file, in: options.language)) }
                for consent in try await store.consents(of: number) { print("  " + ConsentCommand.line(consent, in: options.language)) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Listet Personen.", en: "Lists persons."))
        @Option(help: .localized(de: "Nur Personen mit dieser Rolle.", en: "Only persons with this role.")) var role: Person.Role?
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                for person in try await store.persons(withRole: role) {
                    print([person.personID, person.name, person.roles.sorted().map(\.rawValue).joined(separator: ",")]
                        .joined(separator: "\t"))
                }
            }
        }
    }
}

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: appLanguage.pick(de: "Fälle anlegen, ändern, zeigen; Kontakte erfassen.",
                                                        en: "Add, change, show cases; record contacts."),
        subcommands: [Add.self, Update.self, Contact.self, Show.self, List.self])

    /// One line about a case, its counts written as `language` writes numbers.
    static func line(_ file: CaseFile, in language: Language) -> String {
        [file.caseID, file.personID, file.service, file.opened.isoString, file.closed?.isoString ?? "–", file.status.rawValue,
         language.integer(file.contactCount), language.integer(file.durationMinutes) + " min"].joined(separator: "\t")
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Legt einen Fall an.", en: "Opens a case."))
        @Argument(help: .localized(de: "Die Fallnummer.", en: "The case number.")) var number: String
        @Option(help: .localized(de: "Die Personennummer.", en: "The person's number.")) var person: String
        @Option(help: .localized(de: "Das Beratungsangebot.", en: "The counselling service.")) var service: String
        @Option(help: .localized(de: "Beginn (JJJJ-MM-TT).", en: "Opened on (YYYY-MM-DD).")) var opened = Day.today
        @Option(help: .localized(de: "Monatliches Nettoeinkommen in Euro.", en: "Monthly net income in euros.")) var incomeEur: Int?
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                try await store.add(CaseFile(caseID: number, personID: person, service: service, opened: opened.date,
                                                incomeEUR: incomeEur))
                options.say("Fall \(number) angelegt.", "Opened case \(number).")
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Ändert einen Fall, etwa seinen Stand.",
                                                                                   en: "Changes a case, such as its status."))
        @Argument(help: .localized(de: "Die Fallnummer.", en: "The case number.")) var number: String
        @Option(help: .localized(de: "Neuer Stand: laufend, abgeschlossen, weitervermittelt, abgebrochen.",
                                 en: "New status: laufend, abgeschlossen, weitervermittelt, abgebrochen.")) var status: CaseFile.Status?
        @Option(help: .localized(de: "Tag des Abschlusses (Vorgabe beim Beenden: heute).",
                                 en: "Day it was closed (default when ending: today).")) var closed: Day?
        @Option(help: .localized(de: "Das Beratungsangebot.", en: "The counselling service.")) var service: String?
        @Option(help: .localized(de: "Notizen (ersetzen die bisherigen).", en: "Notes (replace the old ones).")) var notes: String?
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                guard var file = try await store.caseFile(number) else { throw CasebookError.noSuchRecord(.case) }
                if let status {
                    file.status = status
                    file.closed = status == .ongoing ? nil : (closed ?? Day.today).date
                } else if let closed {
                    file.closed = closed.date
                }
                if let service { file.service = service }
                if let notes { file.notes = notes }
                try await store.update(file)
                options.say("Fall \(number) geändert.", "Changed case \(number).")
            }
        }
    }

    struct Contact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Erfasst einen Kontakt in einem Fall.",
                                                                                   en: "Records a contact in a case."))
        @Argument(help: .localized(de: "Die Fallnummer.", en: "The case number.")) var number: String
        @Option(help: .localized(de: "Dauer in Minuten.", en: "Length in minutes.")) var minutes: Int
        @Option(help: .localized(de: "Art: persoenlich, telefonisch, online, schriftlich.",
                                 en: "Kind: persoenlich, telefonisch, online, schriftlich.")) var kind: CaseContact.Kind = .inPerson
        @Option(help: .localized(de: "Tag (JJJJ-MM-TT).", en: "Day (YYYY-MM-DD).")) var date = Day.today
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                try await store.addContact(CaseContact(caseID: number, date: date.date, minutes: minutes, kind: kind))
                options.say("Kontakt in Fall \(number) erfasst.", "Recorded a contact in case \(number).")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Zeigt einen Fall mit Kontakten und Verlauf.",
                                                                                   en: "Shows a case with contacts and history."))
        @Argument(help: .localized(de: "Die Fallnummer.", en: "The case number.")) var number: String
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                guard let file = try await store.caseFile(number) else { throw CasebookError.noSuchRecord(.case) }
                for (field, value) in zip(CaseFile.schema.fields, file.values) where value != .missing {
                    print("\(options.label(field)): \(options.text(value))")
                }
                for change in try await store.statusHistory(of: number) { print("  \(change.date)  \(change.status.rawValue)") }
                for contact in try await store.contacts(of: number) {
                    print("  \(contact.date)  \(contact.kind.rawValue)  \(options.count(contact.minutes)) min")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Listet Fälle.", en: "Lists cases."))
        @Option(help: .localized(de: "Nur die Fälle dieser Person.", en: "Only this person's cases.")) var person: String?
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                for file in try await store.cases(of: person) { print(line(file, in: options.language)) }
            }
        }
    }
}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: appLanguage.pick(de: "Einwilligungen erfassen, widerrufen, zeigen (Art. 7 DSGVO).",
                                                           en: "Record, withdraw and list consents (GDPR Art. 7)."),
        subcommands: [Give.self, Withdraw.self, List.self])

    /// One line about a consent.
    static func line(_ consent: Consent, in language: Language) -> String {
        let withdrawn = consent.withdrawn.map { language.pick(de: "widerrufen am \($0)", en: "withdrawn on \($0)") }
        return [consent.consentID, consent.personID, consent.purpose, consent.legalBasis.rawValue, consent.given.isoString,
                withdrawn ?? language.pick(de: "gilt", en: "in force")].joined(separator: "\t")
    }

    struct Give: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Erfasst eine Einwilligung.",
                                                                                   en: "Records a consent."))
        @Argument(help: .localized(de: "Die Personennummer.", en: "The person's number.")) var person: String
        @Option(help: .localized(de: "Zweck, z. B. statistics (für stats und export).",
                                 en: "Purpose, e.g. statistics (for stats and export).")) var purpose: String
        @Option(help: .localized(de: "Nummer der Einwilligung (Vorgabe: aus Person und Zweck).",
                                 en: "The consent's number (default: from person and purpose).")) var id: String?
        @Option(help: .localized(de: "Rechtsgrundlage nach Art. 6 Abs. 1 DSGVO.", en: "Legal basis under GDPR Art. 6(1)."))
        var legalBasis: Consent.LegalBasis = .consent
        @Option(help: .localized(de: "Tag der Einwilligung (JJJJ-MM-TT).", en: "Day it was given (YYYY-MM-DD).")) var date = Day.today
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                let number = id ?? "\(person)/\(purpose)/\(date.date)"
                try await store.giveConsent(Consent(consentID: number, personID: person, purpose: purpose,
                                                       legalBasis: legalBasis, given: date.date))
                options.say("Einwilligung \(number) erfasst.", "Recorded consent \(number).")
            }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Erfasst den Widerruf einer Einwilligung; ab dem Tag gilt sie nicht mehr.",
                                                                                   en: "Records that a consent was withdrawn; from that day on it no longer holds."))
        @Argument(help: .localized(de: "Die Nummer der Einwilligung.", en: "The consent's number.")) var consent: String
        @Option(help: .localized(de: "Tag des Widerrufs (JJJJ-MM-TT).", en: "Day of withdrawal (YYYY-MM-DD).")) var date = Day.today
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                try await store.withdrawConsent(consent, on: date.date)
                options.say("Einwilligung \(consent) widerrufen am \(date.date).", "Consent \(consent) withdrawn on \(date.date).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: appLanguage.pick(de: "Listet Einwilligungen.", en: "Lists consents."))
        @Option(help: .localized(de: "Nur die dieser Person.", en: "Only this person's.")) var person: String?
        @OptionGroup var options: CasebookOptions

        func run() async throws {
            try await options.runOnStore { store in
                for consent in try await store.consents(of: person) { print(line(consent, in: options.language)) }
            }
        }
    }
}
