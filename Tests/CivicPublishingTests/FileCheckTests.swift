import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// `FileCheck` on the bundled example under three sets of column names: the
/// original ones, German ones, and none at all (`column_1` ...), where only the
/// values can tell.
@Suite("is this file safe to share? the check of an unfamiliar export")
struct FileCheckTests {
    static let example: Table? = try? CSVTableReader.read(
        packageRoot().appendingPathComponent("Examples/counselling-cases.csv")).table

    static let german = [
        "case_id": "Aktenzeichen", "client_id": "Klientennummer", "name": "Vor- und Nachname", "birth_date": "Geburtsdatum",
        "age": "Alter", "gender": "Geschlecht", "zip": "PLZ", "district": "Bezirk", "nationality": "Staatsangehörigkeit",
        "household_size": "Haushaltsgröße", "service": "Beratungsangebot", "start_date": "Beginn", "duration_minutes": "Dauer",
        "contacts": "Kontakte", "income_eur": "Einkommen", "outcome": "Ergebnis", "notes": "Notizen",
    ]

    /// The example with its columns renamed by `names` (or numbered, without).
    func renamed(_ names: [String: String]?) throws -> Table {
        let table = try #require(Self.example)
        var schema = table.schema
        for index in schema.fields.indices {
            schema.fields[index].name = names?[schema.fields[index].name] ?? "column_\(index + 1)"
        }
        return try Table(schema: schema, columns: table.columns)
    }

    /// The original name of each column of a renamed table, by position.
    func originalNames() throws -> [String] { try #require(Self.example).schema.fields.map(\.name) }

    @Test("every direct identifier and free-text column is found, under English, German and no names", arguments: [0, 1, 2])
    func recall(variant: Int) throws {
        let table = try variant == 0 ? #require(Self.example) : renamed(variant == 1 ? Self.german : nil)
        let check = FileCheck(table, fileName: "cases.csv")
        let original = try originalNames()
        let roleOf = Dictionary(uniqueKeysWithValues: zip(original, check.guesses.map(\.role)))
        // Direct identifiers and free text: what must never be published as it is.
        #expect(roleOf["name"] == .identifier, "\(check.guesses[2])")
        #expect(roleOf["notes"] == .freeText)
        #expect(check.guesses.allSatisfy { $0.role != .identifier || $0.column == table.schema.fields[2].name })
        // Keys are never published as they are either.
        #expect(roleOf["case_id"] == .pseudonym)
        if variant < 2 {
            #expect(roleOf["client_id"] == .pseudonym)
            #expect(check.personColumn == table.schema.fields[1].name)
            for name in ["birth_date", "age", "gender", "zip", "district", "nationality", "household_size", "start_date"] {
                #expect(roleOf[name] == .quasiIdentifier, "\(name)")
            }
            #expect(roleOf["service"] == .sensitive)
        } else {
            // Without names, dates still count as quasi-identifiers.
            #expect(roleOf["birth_date"] == .quasiIdentifier && roleOf["start_date"] == .quasiIdentifier)
        }
        // False alarms: columns called identifying that are not, at most one per 20.
        let identifying: Set = ["name", "notes", "case_id", "client_id"]
        let falseAlarms = zip(original, check.guesses).filter { name, guess in
            [.identifier, .freeText, .pseudonym].contains(guess.role) && !identifying.contains(name)
        }
        #expect(falseAlarms.count * 20 <= original.count, "\(falseAlarms.map(\.0))")
        if case .directIdentifiers(let columns) = check.verdict {
            #expect(columns == [table.schema.fields[2].name])
        } else {
            Issue.record("verdict \(check.verdict)")
        }
    }

    @Test("the risk is the definition's: people alone in their group of quasi-identifier values, counted by hand")
    func riskByHand() throws {
        let table = try renamed(Self.german)
        let check = FileCheck(table, fileName: "faelle.csv")
        #expect(check.personColumn == "Klientennummer")
        let qis = check.quasiIdentifiers
        #expect(qis.contains("Alter") && qis.contains("PLZ"))
        var personsOfKey: [[String]: Set<String>] = [:]
        let person = try #require(table.column(named: "Klientennummer"))
        for row in 0..<table.rowCount {
            let key = qis.map { table.column(named: $0)!.value(at: row).description }
            personsOfKey[key, default: []].insert(person.value(at: row).description)
        }
        let unique = Set(personsOfKey.values.filter { $0.count == 1 }.flatMap { $0 })
        #expect(check.uniquePeople == unique.count)
        #expect(check.people == Set((0..<table.rowCount).map { person.value(at: $0).description }).count)
        let risk = try #require(check.risk)
        #expect(abs(risk.average - Double(personsOfKey.count) / Double(personsOfKey.values.map(\.count).reduce(0, +))) < 1e-12)
        #expect(risk.highest == 1)
    }

    @Test("the proposed publish.yaml reads, and civic-publish's library publishes the export with it")
    func proposedConfiguration() throws {
        // A thousand rows keep the debug run short; the rules are the same.
        let table = try renamed(Self.german).filtering { $0 < 1_000 }
        let check = FileCheck(table, fileName: "faelle.csv")
        let yaml = check.configurationYAML(for: table, in: .german)
        #expect(yaml.contains("\"Vor- und Nachname\": identifier   # sicher"))
        #expect(yaml.contains("privacy-unit: Klientennummer"))
        let settings = try PublicationSettings(yaml: yaml)
        #expect(settings.attributes["Alter"]?.role == .quasiIdentifier)
        let result = try Publication(settings: settings, language: .german).run(table, inputName: "faelle.csv")
        #expect(!result.published.schema.fields.contains { $0.name == "Vor- und Nachname" })
        #expect(result.personColumn == "Klientennummer")
        #expect(result.suppressedRows * 20 <= table.rowCount)
        // The same in English, and as a value.
        #expect(try PublicationSettings(yaml: check.configurationYAML(for: table, in: .english)).privacyUnit == "Klientennummer")
        #expect(check.proposedSettings(for: table).attributes.count == table.columnCount)
    }

    @Test("a person's corrections replace the guesses: roles, k and privacy unit")
    func correctedSettings() throws {
        let table = try #require(Self.example)
        let check = FileCheck(table, fileName: "cases.csv")
        let district = try #require(check.guesses.first { $0.column == "district" })
        let changed: AttributeRole = district.role == .insensitive ? .quasiIdentifier : .insensitive
        let settings = check.settings(for: table, roles: ["district": changed, "household_size": .quasiIdentifier],
                                      k: 11, privacyUnit: "row")
        #expect(settings.attributes["district"]?.role == changed)
        #expect(settings.attributes["household_size"]?.role == .quasiIdentifier)
        #expect(settings.attributes["household_size"]?.hierarchy != nil)
        #expect(settings.privacy?.k == 11)
        #expect(settings.privacyUnit == "row")
        // Without corrections: the proposal.
        let proposed = check.settings(for: table, roles: [:])
        #expect(proposed.privacyUnit == (check.personColumn ?? "row"))
        for guess in check.guesses { #expect(proposed.attributes[guess.column]?.role == guess.role) }
    }

    @Test("the report names columns and figures, never a value, in the reader's language")
    func reportWithoutValues() throws {
        let table = try #require(Self.example)
        let check = FileCheck(table, fileName: "cases.csv")
        let html = check.report(in: .german).html()
        #expect(html.contains("Nicht anonym: die Spalte name enthält direkte Identifikatoren."))
        #expect(html.contains("<dt>Ergebnis</dt>"))
        let names = try #require(table.column(named: "name"))
        for row in 0..<200 {
            let value = names.value(at: row).description
            #expect(!html.contains(value), "a name from row \(row) is in the report")
        }
        #expect(check.report(in: .english).html().contains("Not anonymous"))
    }

    @Test("column names in German and English point to their meaning")
    func vocabulary() {
        let cases: [(String, ColumnMeaning?)] = [
            ("E-Mail", .contact), ("Telefonnummer", .contact), ("IBAN", .accountNumber), ("Straße", .address),
            ("client_id", .personKey), ("Klientennummer", .personKey), ("case_id", .recordKey), ("Aktenzeichen", .recordKey),
            ("Geburtsdatum", .birthDate), ("dateOfBirth", .birthDate), ("PLZ", .postcode), ("Wohnort", .place), ("latitude", .coordinates),
            ("Geschlecht", .gender), ("Staatsangehörigkeit", .nationality), ("Notizen", .freeText), ("Diagnose", .sensitiveTopic),
            ("service_name", .sensitiveTopic), ("Kontakte", nil), ("duration_minutes", nil), ("usage", nil),
            // KoboToolbox / ODK: metadata columns and questions inside groups.
            ("_uuid", .recordKey), ("_submission_time", .eventDate), ("deviceid", .identityDocument),
            ("_geolocation", .coordinates), ("_latitude", .coordinates), ("household/head/vorname", .personName),
            ("demographics/age", .age), ("grp_kontakt/telefon", .contact), ("section_b/q12", nil),
            ("gesundheit/diabetes", .sensitiveTopic), ("household/tv", nil),
        ]
        for (name, meaning) in cases {
            #expect(FileCheck.meaning(ofColumnNamed: name) == meaning, "\(name)")
        }
    }

    @Test("HXL hashtags say what columns hold where the names do not")
    func hxl() throws {
        let rows = (0..<40).map { i in
            [.text("Person \(i)"), .text(["Mitte", "Pankow", "Spandau"][i % 3]), .integer(Int64(20 + i % 50)), .text("Bildung")]
        } as [[Value]]
        let table = try Table(schema: Schema(fields: [Field("A", type: .string), Field("B", type: .string),
                                                      Field("C", type: .integer), Field("D", type: .string)]), rows: rows)
        let hashtags = HXLHashtags(hashtagOfColumn: ["A": "#affected+name", "B": "#adm2+name", "C": "#affected+age",
                                                     "D": "#sector"])
        let check = FileCheck(table, fileName: "3w.csv", hashtags: hashtags)
        #expect(check.guesses.map(\.role) == [.identifier, .quasiIdentifier, .quasiIdentifier, .insensitive])
        #expect(check.guesses[0].reasons.first?.english.contains("#affected+name") == true)
        #expect(FileCheck(table, fileName: "3w.csv").guesses[1].role == .insensitive)
    }
}
