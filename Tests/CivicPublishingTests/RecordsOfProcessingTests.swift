import CivicModels
import CivicPublishing
import CivicTestSupport
import Foundation
import Testing
import Yams

/// The record of processing activities: the example reads, each law's document
/// speaks that law's words, and the YAML is read strictly.
@Suite("RecordsOfProcessing")
struct RecordsOfProcessingTests {
    static let exampleURL = packageRoot().appendingPathComponent("Examples/processing-activities.yaml")

    static func example() throws -> RecordsOfProcessing { try RecordsOfProcessing.load(from: exampleURL) }

    /// A small valid record, with `activity` (YAML lines of one activity, indented by four) as its only activity.
    static func record(activity: String) -> String {
        """
        controller: {name: Beispielverein e.V., address: "Musterstraße 1, 12345 Beispielstadt"}
        activities:
          - name: Beratung
        \(activity)
        """
    }

    static let validActivity = """
            purposes: [Beratung]
            legal-basis: [contract]
            data-subjects: [Ratsuchende]
            personal-data: [Name]
        """

    /// The error that reading `yaml` throws, or `nil` (recorded as an issue) if it reads.
    static func error(reading yaml: String, source: String = "verzeichnis.yaml") -> PublicationError? {
        do {
            _ = try RecordsOfProcessing(yaml: yaml, source: source)
            Issue.record("accepted: \(yaml)")
        } catch let error as PublicationError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    @Test("the example file decodes into the four activities of the counselling service")
    func exampleDecodes() throws {
        let records = try Self.example()
        #expect(records.controller.name == "Beispielverein e.V.")
        #expect(records.asOf == "2025-03-01")
        #expect(records.activities.count == 4)
        #expect(records.securityMeasures.count >= 3)
        let donations = try #require(records.activities.first { $0.name == "Spendenverwaltung" })
        #expect(donations.dataSubjects == ["Spenderinnen und Spender"])
        #expect(donations.legalBasis.map(\.kind) == [.contract, .legalObligation])
        #expect(donations.erasure.contains { $0.contains("zehn Jahre") && $0.contains("§ 147 Abs. 3 AO") })
        let cases = records.activities[0]
        #expect(!cases.specialCategories.isEmpty)
        #expect(records.activities.contains { !$0.thirdCountryTransfers.isEmpty })
    }

    @Test("each law puts its own title, references and terms into both documents, and no other law's",
          arguments: DataProtectionLaw.allCases)
    func lawsUseTheirOwnWords(law: DataProtectionLaw) throws {
        let records = try Self.example()
        for language in Language.allCases {
            for document in [records.markdown(law: law, language: language), records.html(law: law, language: language)] {
                #expect(document.contains(law.recordTitle(in: language)))
                #expect(document.contains(law.citation(.recordOfProcessing, in: language)))
                for provision in DataProtectionLaw.Provision.allCases {
                    #expect(document.contains(law.citation(provision, in: language)), "\(law) \(provision)")
                }
                let officer = law.term(.dataProtectionOfficer, in: language).lowercased()
                #expect(document.lowercased().contains(officer), "\(law) \(language)")
                for other in DataProtectionLaw.allCases where other != law {
                    for otherLanguage in Language.allCases {
                        let foreign = other.abbreviation(in: otherLanguage)
                        #expect(!document.contains(foreign), "the \(law) document names \(foreign)")
                    }
                }
            }
        }
        let german = records.markdown(law: law, language: .german)
        switch law {
        case .dsgvo:
            #expect(german.contains("Art. 30 Abs. 1 lit. g DSGVO"))
            #expect(records.markdown(law: law, language: .english).contains("Art. 30(1)(a) GDPR"))
            #expect(german.contains("Art. 6 Abs. 1 lit. b DSGVO"))
        case .kdg:
            #expect(german.contains("Verzeichnis von Verarbeitungstätigkeiten nach § 31 KDG"))
            #expect(german.contains("Betrieblicher Datenschutzbeauftragter"))
            #expect(!german.contains("Art. 30 DSGVO"))
        case .dsgEKD:
            #expect(german.contains("Name und Kontaktdaten der verantwortlichen Stelle (§ 31 Abs. 1 DSG-EKD)"))
            #expect(german.contains("Örtlich Beauftragte für den Datenschutz"))
            #expect(german.contains("Verwendung von Profiling"))
        }
        if law != .dsgEKD {
            #expect(!german.contains("verantwortliche Stelle"))
            #expect(!german.contains("Profiling"), "only the DSG-EKD's record has a profiling item")
        }
    }

    @Test("the German and the English document differ, each in its own language")
    func languagesDiffer() throws {
        let records = try Self.example()
        let german = records.html(law: .dsgvo, language: .german)
        let english = records.html(law: .dsgvo, language: .english)
        #expect(german != english)
        #expect(german.contains("<html lang=\"de\">") && english.contains("<html lang=\"en\">"))
        #expect(german.contains("Zwecke der Verarbeitung") && !german.contains("Purposes of the processing"))
        #expect(english.contains("Purposes of the processing") && !english.contains("Zwecke der Verarbeitung"))
        #expect(german.contains("Stand") && german.contains("1. März 2025"))
        #expect(english.contains("As of") && english.contains("1 March 2025"))
        #expect(records.markdown(law: .kdg, language: .german) != records.markdown(law: .kdg, language: .english))
    }

    @Test("every activity and every item the law requires appears in each document")
    func everyItemAppears() throws {
        let records = try Self.example()
        for law in DataProtectionLaw.allCases {
            for language in Language.allCases {
                let markdown = records.markdown(law: law, language: language)
                let lines = markdown.split(separator: "\n").map(String.init)
                for (index, activity) in records.activities.enumerated() {
                    let heading = language.pick(de: "Verarbeitungstätigkeit", en: "Processing activity") + " \(index + 1): "
                    #expect(lines.contains("## " + heading + activity.name), "\(law) \(language) \(activity.name)")
                    #expect(records.html(law: law, language: language).contains(activity.name))
                }
                for item in DataProtectionLaw.RecordItem.allCases {
                    guard let heading = law.heading(for: item, in: language) else { continue }
                    let expected = item == .controller ? 1 : records.activities.count
                    let level = item == .controller ? "## " : "### "
                    #expect(lines.filter { $0 == level + heading }.count == expected, "\(law) \(language) \(item)")
                }
                #expect(markdown.contains(records.controller.address))
            }
        }
    }

    @Test("an unknown key is an error that names the key and the file and suggests the known one")
    func unknownKey() throws {
        let misspelt = Self.record(activity: Self.validActivity.replacingOccurrences(of: "purposes:", with: "purpose:"))
        let error = try #require(Self.error(reading: misspelt, source: "verzeichnis.yaml"))
        let english = error.message(in: .english), german = error.message(in: .german)
        #expect(english.contains("verzeichnis.yaml") && german.contains("verzeichnis.yaml"))
        #expect(english.contains("unknown setting 'purpose'") && english.contains("did you mean 'purposes'"), "\(english)")
        #expect(german.contains("unbekannte Einstellung „purpose“") && german.contains("gemeint: „purposes“"), "\(german)")
        try MessageCheck.verify([MessageSample(error, "invalidSettings", ["verzeichnis.yaml"])])

        for (yaml, key) in [("controler: {name: X, address: Y}\nactivities: []", "controler"),
                            (Self.record(activity: Self.validActivity + "\n    retention: 3 Jahre"), "retention"),
                            (Self.record(activity: Self.validActivity.replacingOccurrences(
                                of: "[contract]", with: "[{basis: contract, notes: Vertrag}]")), "notes")] {
            let error = try #require(Self.error(reading: yaml))
            #expect(error.message(in: .english).contains("unknown setting '\(key)'"), "\(error.message(in: .english))")
        }
    }

    @Test("a missing purpose, legal basis, data or controller is an error that names what is missing")
    func missingParts() throws {
        let withoutPurpose = Self.validActivity.split(separator: "\n").filter { !$0.contains("purposes") }.joined(separator: "\n")
        let withoutBasis = Self.validActivity.split(separator: "\n").filter { !$0.contains("legal-basis") }.joined(separator: "\n")
        let cases: [(String, String, String)] = [
            (Self.record(activity: withoutPurpose), "missing 'purposes'", "„purposes“ fehlt"),
            (Self.record(activity: Self.validActivity.replacingOccurrences(of: "[Beratung]", with: "[]")),
             "give at least one purpose", "mindestens einen Zweck"),
            (Self.record(activity: withoutBasis), "missing 'legal-basis'", "„legal-basis“ fehlt"),
            (Self.record(activity: Self.validActivity.replacingOccurrences(of: "[contract]", with: "[]")),
             "give at least one legal basis", "mindestens eine Rechtsgrundlage"),
            (Self.record(activity: Self.validActivity.replacingOccurrences(of: "[contract]", with: "[contrakt]")),
             "did you mean 'contract'", "gemeint: „contract“"),
            ("activities:\n  - name: Beratung\n" + Self.validActivity, "missing 'controller'", "„controller“ fehlt"),
            ("controller: {name: Beispielverein e.V.}\nactivities: []", "missing 'address'", "„address“ fehlt"),
            ("controller: {name: Beispielverein e.V., address: Musterstraße 1}\nactivities: []",
             "give at least one processing activity", "mindestens eine Verarbeitungstätigkeit"),
            ("as-of: 2025-02-30\n" + Self.record(activity: Self.validActivity), "not a date", "kein Datum"),
        ]
        for (yaml, english, german) in cases {
            let error = try #require(Self.error(reading: yaml))
            #expect(error.message(in: .english).contains(english), "\(error.message(in: .english))")
            #expect(error.message(in: .german).contains(german), "\(error.message(in: .german))")
            try MessageCheck.verify([MessageSample(error, "invalidSettings", ["verzeichnis.yaml"])])
        }
        #expect(try RecordsOfProcessing(yaml: Self.record(activity: Self.validActivity), source: "ok.yaml").activities.count == 1)
    }

    @Test("HTML and Markdown escape < and & from the YAML")
    func escaping() throws {
        let yaml = Self.record(activity: Self.validActivity.replacingOccurrences(
            of: "[Beratung]", with: "['Beratung <script>alert(1)</script> & Begleitung']"))
        let records = try RecordsOfProcessing(yaml: yaml, source: "escape.yaml")
        for law in DataProtectionLaw.allCases {
            let html = records.html(law: law, language: .german)
            #expect(!html.contains("<script>"))
            #expect(html.contains("Beratung &lt;script&gt;alert(1)&lt;/script&gt; &amp; Begleitung"))
            let markdown = records.markdown(law: law, language: .english)
            #expect(!markdown.contains("<script>") && markdown.contains("&lt;script&gt;") && markdown.contains("&amp; Begleitung"))
        }
    }

    @Test("a record written back as YAML reads as the same record")
    func roundTrip() throws {
        let records = try Self.example()
        let yaml = try YAMLEncoder().encode(records)
        #expect(try RecordsOfProcessing(yaml: yaml, source: "written.yaml") == records)
    }
}
