import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

@Suite("PublicationSettings")
struct PublicationSettingsTests {
    @Test("an unknown key is an error that names it and suggests the known one",
          arguments: [("privacy: {k: 5, t-closness: {variant: equal, t: 0.15, attribute: service}}", "t-closeness"),
                      ("privacy: {k: 5, supression-limit: 0.05}", "suppression-limit"),
                      ("privacy: {k: 5, l-diversty: {variant: distinct, l: 2, attribute: service}}", "l-diversity"),
                      ("titel: Fälle", "title"),
                      ("privacy: {k: 5, l-diversity: {variant: distinkt, l: 2, attribute: service}}", "distinct"),
                      ("search: {mode: optimal, max-node: 3}", "max-nodes")])
    func unknownKeys(yaml: String, suggestion: String) throws {
        do {
            _ = try PublicationSettings(yaml: yaml)
            Issue.record("accepted: \(yaml)")
        } catch let error as PublicationError {
            let message = error.message(in: .english)
            #expect(message.contains("did you mean '\(suggestion)'"), "\(message)")
            // The same error in German: German words around the names, no English left.
            let german = error.message(in: .german)
            #expect(german.contains("(gemeint: „\(suggestion)“?)"), "\(german)")
            #expect(german.firstMatch(of: /\b(unknown|setting|did you mean|known here|is not one of)\b/) == nil, "\(german)")
        }
    }

    @Test("a value of the wrong kind and a missing key are reported in the reader's language")
    func wrongKinds() throws {
        for (yaml, english, german) in [("privacy: {k: fünf}", "wrong kind of value at 'privacy.k'",
                                         "falsche Art von Wert bei „privacy.k“"),
                                        ("privacy: {l-diversity: {variant: distinct, l: 2}}", "missing 'attribute'",
                                         "„attribute“ fehlt"),
                                        ("- a\n- b", "not a set of settings", "keine Folge von Einstellungen")] {
            do {
                _ = try PublicationSettings(yaml: yaml)
                Issue.record("accepted: \(yaml)")
            } catch let error as PublicationError {
                #expect(error.message(in: .english).contains(english), "\(error.message(in: .english))")
                #expect(error.message(in: .german).contains(german), "\(error.message(in: .german))")
                #expect(error.message(in: .german).hasPrefix("Einstellungen"))
            }
        }
    }

    @Test("the example settings read, and write back to the same settings")
    func roundTrip() throws {
        let settings = try PublicationSettings(contentsOf: packageRoot().appendingPathComponent("Examples/publish.yaml"))
        #expect(settings.privacy?.lDiversity?.variant == .distinct)
        #expect(settings.attributes["start_date"]?.role == .quasiIdentifier)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(settings)
        let again = try JSONDecoder().decode(PublicationSettings.self, from: json)
        #expect(try encoder.encode(again) == json)
    }

    @Test("a package name must be a slug; names that leave the package are refused")
    func packageName() throws {
        #expect(try PublicationSettings().packageName(inputName: "Fälle 2025") == "f-lle-2025")
        #expect(try PublicationSettings(name: "faelle-2025").packageName(inputName: "x") == "faelle-2025")
        #expect(throws: PublicationError.self) { try PublicationSettings(name: "../outside").packageName(inputName: "x") }
    }

    @Test("a column neither the settings nor the profile classify stops the run, named")
    func unclassified() throws {
        let table = try Table(schema: Schema(fields: [Field("age", type: .integer), Field("hobby", type: .string)]),
                              rows: [[.integer(30), .text("Schach")]])
        #expect(throws: PublicationError.unclassifiedColumns(["hobby"])) {
            try ColumnRoles(of: table, settings: PublicationSettings(), profile: CounsellingProfile())
        }
    }

    @Test("the counselling profile and CounsellingCase.schema agree: one source of truth")
    func profileAgreesWithSchema() {
        let profile = CounsellingProfile()
        for field in CounsellingCase.schema.fields {
            #expect(profile.attribute(for: field.name)?.role == field.role, "\(field.name)")
            if field.role == .quasiIdentifier { #expect(profile.hierarchy(for: field.name) != nil, "\(field.name)") }
        }
    }

    @Test("hierarchy files (ARX format) work in a publication, relative to the hierarchy folder")
    func hierarchyFile() throws {
        let folder = try TemporaryDirectory()
        _ = try folder.write("district.csv", text: "Mitte;Innen;*\nNord;Außen;*\nSüd;Außen;*\n")
        let table = try PublicationAuditTests.cases()
        var settings = PublicationAuditTests.settings(.init(k: 5))
        settings.attributes["district"] = .init(role: .quasiIdentifier, hierarchy: .file("district.csv"))
        let result = try Publication(settings: settings, hierarchyFolder: folder.url).run(table, inputName: "cases.csv")
        let index = try #require(result.quasiIdentifiers.firstIndex(of: "district"))
        #expect(result.anonymizer.quasiIdentifiers[index].hierarchy.height == 3)
    }
}

@Suite("publishing raw data is refused")
struct RawDataRefusalTests {
    let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")

    @Test("k below 2 is refused")
    func smallK() throws {
        for k in [1, 0] {
            #expect(throws: PublicationError.self) {
                try Publication(settings: PublicationSettings(privacy: .init(k: k, suppressionLimit: 0.05))).run(contentsOf: example)
            }
        }
        #expect(throws: PublicationError.self, "a privacy section without k is k = 1") {
            try Publication(settings: PublicationSettings(privacy: .init(k: nil, lDiversity: .init(variant: .distinct, l: 2,
                                                                                                     attribute: "service"))))
                .run(contentsOf: example)
        }
    }

    @Test("name or notes reclassified as insensitive are refused, unless allowed, and then the report warns", arguments: ["name", "notes"])
    func reclassifiedIdentifiers(column: String) throws {
        let settings = PublicationSettings(attributes: [column: .init(role: .insensitive)])
        #expect(throws: PublicationError.identifyingColumns([column])) {
            try Publication(settings: settings).run(contentsOf: example)
        }
        var allowing = settings
        allowing.allowIdentifiers = [column]
        let result = try Publication(settings: allowing).run(contentsOf: example)
        #expect(result.report.html().contains("allow-identifiers"))
    }
}

@Suite("local recoding in a publication")
struct LocalRecodingPublicationTests {
    let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")

    @Test("recoding: local publishes with less loss than global, audited, and the report says row by row")
    func bundledExample() throws {
        // The first 800 cases keep the test quick in a debug build.
        let cases = try CSVTableReader.read(example).table.filtering { $0 < 800 }
        let global = try Publication(settings: PublicationSettings(yaml: "recoding: global\n")).run(cases, inputName: "cases.csv")
        let local = try Publication(settings: PublicationSettings(yaml: "recoding: local\n")).run(cases, inputName: "cases.csv")
        #expect(local.anonymization.best.loss < global.anonymization.best.loss)
        #expect(local.anonymization.levelCombinations.count > 1)
        #expect(local.suppressedRows <= global.suppressedRows)
        #expect(local.report.html().contains("row by row") || local.report.html().contains("Zeile für Zeile"))
        // The funder's questions, answered from both.
        #expect(local.workload.map(\.query.english) == ["Cases by year and service", "Cases by age group (10 years) and service",
                                                        "Cases by district and service"])
        // Not every question gains (a column global recoding kept whole may lose), but the three together do.
        #expect(local.workload.map(\.misplacedShare).reduce(0, +) < global.workload.map(\.misplacedShare).reduce(0, +))
        #expect(local.report.html().contains("What the data still answers") || local.report.html().contains("Was die Daten"))
        let folder = try TemporaryDirectory()
        try local.write(to: folder.file("package"))  // audited again on the written file
    }

    @Test("t-closeness with the profile's local recoding: no more loss than global, audited on the written file")
    func tCloseness() throws {
        let cases = try CSVTableReader.read(example).table.filtering { $0 < 800 }
        let privacy = "privacy: {k: 5, t-closeness: {variant: equal, t: 0.3, attribute: service}}\n"
        let global = try Publication(settings: PublicationSettings(yaml: privacy + "recoding: global\n"))
            .run(cases, inputName: "cases.csv")
        let local = try Publication(settings: PublicationSettings(yaml: privacy)).run(cases, inputName: "cases.csv")
        #expect(local.anonymization.best.loss <= global.anonymization.best.loss)
        #expect(local.report.html().contains("row by row") || local.report.html().contains("Zeile für Zeile"))
        let folder = try TemporaryDirectory()
        try local.write(to: folder.file("package"))  // audited again on the written file, against the input's distribution
    }

    @Test("a quasi-identifier weight is read from YAML, and an impossible one is refused by name")
    func weights() throws {
        let settings = try PublicationSettings(yaml: "attributes:\n  age: {role: quasi-identifier, hierarchy: {intervals: [10]}, weight: 3}\n")
        #expect(settings.attributes["age"]?.weight == 3)
        let bad = try PublicationSettings(yaml: "attributes:\n  age: {role: quasi-identifier, hierarchy: {intervals: [10]}, weight: 0}\n")
        do {
            _ = try Publication(settings: bad).run(contentsOf: example)
            Issue.record("a weight of 0 was accepted")
        } catch {
            #expect("\(error)".contains("age"))
        }
    }

    @Test("a misspelt recoding is named with the nearest choice")
    func misspelt() throws {
        do {
            _ = try PublicationSettings(yaml: "recoding: lokal\n")
            Issue.record("'lokal' was accepted")
        } catch {
            #expect("\(error)".contains("local"))
        }
    }
}
