import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import GRDB
import Testing

/// Runs civic-casebook on the casebook in `folder`.
private func casebook(_ arguments: [String], in folder: TemporaryDirectory, lang: String = "en") throws -> ProcessResult {
    try runProduct("civic-casebook", arguments + ["--database", folder.file("book.sqlite").path, "--actor", "tester",
                                                  "--lang", lang], in: packageRoot())
}

/// A casebook with the bundled example imported.
private func exampleFolder() throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory()
    #expect(try casebook(["init", "--organisation", "Beispielverein e.V."], in: folder).status == 0)
    let imported = try casebook(["import"], in: folder)
    #expect(imported.status == 0, "\(imported.error)")
    return folder
}

/// The numbers of four or more digits in `text` written without a thousands separator
/// ("1653", not "1,653" or "1.653"); dates, record numbers and hashes are not numbers here.
private func ungroupedNumbers(_ text: String) -> [String] {
    text.split(whereSeparator: { $0.isWhitespace || "():;„“'".contains($0) })
        .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,")) }
        .filter { $0.count >= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
}

@Suite struct CivicCasebookTests {
    @Test func initAndImportTheBundledExampleTwice() throws {
        let folder = try TemporaryDirectory()
        let created = try casebook(["init"], in: folder, lang: "de")
        #expect(created.status == 0)
        #expect(created.output.contains("Löschfristen") && created.output.contains("cases: 3 Jahre"))
        #expect(try casebook(["init"], in: folder).status != 0, "init never overwrites")
        let first = try casebook(["import"], in: folder)
        #expect(first.output.contains("3,000 rows") && first.output.contains("Cases: 3,000 new, 0 already"))
        let again = try casebook(["import"], in: folder)
        #expect(again.output.contains("Cases: 0 new, 3,000 already in the casebook"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder.file("book.sqlite").path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the casebook is readable by its owner only")
        #expect(try casebook(["audit", "verify"], in: folder).output.contains("Audit log intact: 8 entries"))
    }

    @Test func aMissingCasebookIsAnErrorAndCreatesNothing() throws {
        let folder = try TemporaryDirectory()
        let result = try casebook(["import"], in: folder, lang: "de")
        #expect(result.status != 0)
        #expect(result.error.contains("Es gibt kein Fallbuch") && result.error.contains("init"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("book.sqlite").path))
    }

    @Test func personsCasesContactsAndConsentsEndToEnd() throws {
        let folder = try TemporaryDirectory()
        #expect(try casebook(["init"], in: folder).status == 0)
        #expect(try casebook(["person", "add", "K-1", "--name", "Erika Beispiel", "--zip", "10115", "--birth-date", "1970-05-01"],
                             in: folder).status == 0)
        #expect(try casebook(["case", "add", "F-1", "--person", "K-1", "--service", "Schuldnerberatung", "--opened", "2025-01-02"],
                             in: folder).status == 0)
        #expect(try casebook(["case", "contact", "F-1", "--minutes", "50", "--kind", "telefonisch", "--date", "2025-01-09"],
                             in: folder).status == 0)
        #expect(try casebook(["case", "update", "F-1", "--status", "abgeschlossen", "--closed", "2025-03-01"], in: folder).status == 0)
        #expect(try casebook(["person", "update", "K-1", "--district", "Mitte"], in: folder).status == 0)
        #expect(try casebook(["consent", "give", "K-1", "--purpose", "statistics", "--id", "E-1", "--date", "2025-01-02"],
                             in: folder).status == 0)
        let shown = try casebook(["person", "show", "K-1"], in: folder)
        #expect(shown.output.contains("district: Mitte") && shown.output.contains("F-1"))
        #expect(shown.output.contains("E-1"))
        let caseShown = try casebook(["case", "show", "F-1"], in: folder, lang: "de")
        #expect(caseShown.output.contains("Kontakte: 1") && caseShown.output.contains("telefonisch  50 min"))
        #expect(caseShown.output.contains("2025-03-01  abgeschlossen"))
        #expect(try casebook(["stats", "--on", "2025-06-01"], in: folder).output.contains("2025-01\tSchuldnerberatung\t1"))
        #expect(try casebook(["consent", "withdraw", "E-1", "--date", "2025-05-01"], in: folder).status == 0)
        #expect(try casebook(["stats", "--on", "2025-06-01"], in: folder).output.contains("Total: 0 cases"))
        let twice = try casebook(["consent", "withdraw", "E-1", "--date", "2025-07-01"], in: folder)
        #expect(twice.status != 0 && twice.error.contains("withdrawn before"))
        let list = try casebook(["case", "list", "--person", "K-1"], in: folder)
        #expect(list.output.split(separator: "\n").count == 1)
        let audit = try casebook(["audit", "show"], in: folder)
        #expect(!audit.output.contains("Erika") && !audit.output.contains("10115"), "the audit log holds no values")
        #expect(audit.output.contains("fields: district"))
    }

    @Test func aBadValueNamesTheFieldNeverTheValue() throws {
        let folder = try TemporaryDirectory()
        #expect(try casebook(["init"], in: folder).status == 0)
        let result = try casebook(["person", "add", "K-1", "--name", "Erika Beispiel", "--zip", "1O115"], in: folder, lang: "de")
        #expect(result.status != 0)
        #expect(result.error.contains("zip") && !result.error.contains("1O115") && !result.error.contains("Erika"))
        let badDate = try casebook(["case", "add", "F-1", "--person", "K-1", "--service", "x", "--opened", "2025-02-30"], in: folder)
        #expect(badDate.status != 0)
    }

    @Test func theStatisticsExportIsWhatCivicPublishReads() throws {
        let folder = try exampleFolder()
        // Consent for the persons listed first; the export holds exactly their cases.
        let persons = try casebook(["person", "list"], in: folder).output.split(separator: "\n")
            .map { String($0.split(separator: "\t")[0]) }
        for person in persons.prefix(400) {
            #expect(try casebook(["consent", "give", person, "--purpose", "statistics", "--date", "2015-01-01"], in: folder).status == 0)
        }
        let export = folder.file("export.csv")
        let result = try casebook(["export", "--output", export.path], in: folder)
        #expect(result.status == 0, "\(result.error)")
        let table = try CSVTableReader.read(export).table
        #expect(table.column(named: "name") == nil && table.column(named: "notes") == nil)
        let exported = Set((0..<table.rowCount).map { table[$0, "client_id"].description })
        #expect(exported == Set(persons.prefix(400)))
        let published = try runProduct("civic-publish", ["--input", export.path, "--output", folder.file("pub").path, "--quiet"],
                                       in: packageRoot())
        #expect(published.status == 0, "\(published.error)")
        #expect(FileManager.default.fileExists(atPath: folder.file("pub/datapackage.json").path))
    }

    @Test func retentionIsADryRunUnlessApplied() throws {
        let folder = try exampleFolder()
        let dry = try casebook(["retention", "--on", "2026-11-30"], in: folder)
        #expect(dry.output.contains("Dry run") && dry.output.contains("cases: 3 years"))
        let counts = try DatabaseQueue(path: folder.file("book.sqlite").path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM cases")
        }
        #expect(counts == 3000)
        let applied = try casebook(["retention", "--apply", "--on", "2026-11-30", "--set", "cases=5:anonymise"], in: folder)
        #expect(applied.status == 0, "\(applied.error)")
        #expect(applied.output.contains("cases: 5 years"))
        let after = try DatabaseQueue(path: folder.file("book.sqlite").path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM cases")
        }
        #expect((after ?? 0) < 3000 && (after ?? 0) > 0)
        #expect(try casebook(["retention", "--set", "survey-responses=2:anonymise"], in: folder).status != 0)
        let badKind = try casebook(["retention", "--set", "shoes=2"], in: folder)
        #expect(badKind.status != 0 && badKind.error.contains("withdrawn-consents"), "\(badKind.error)")
        #expect(try casebook(["audit", "verify"], in: folder).status == 0)
    }

    @Test func subjectAccessAndErasure() throws {
        let folder = try exampleFolder()
        let person = try #require(try casebook(["person", "list"], in: folder).output.split(separator: "\t").first.map(String.init))
        let output = folder.file("auskunft").path
        let access = try casebook(["subject-access", person, "--output", output, "--law", "dsg-ekd",
                                   "--processing", "Examples/processing-activities.yaml"], in: folder, lang: "de")
        #expect(access.status == 0, "\(access.error)")
        let html = try String(contentsOfFile: output + ".html", encoding: .utf8)
        #expect(html.contains("<html lang=\"de\">") && html.contains("DSG-EKD") && html.contains(person))
        #expect(html.contains("Fälle: 3 Jahre nach ihrem Abschluss"), "how long the data is kept")
        #expect(html.contains("Beispielverein") && html.contains("Wozu wir Daten verarbeiten"))
        let mode = try FileManager.default.attributesOfItem(atPath: output + ".json")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + ".json"))) as? [String: Any]
        #expect((json?["person"] as? [String: Any])?["personID"] as? String == person)

        let refused = try casebook(["erase", person], in: folder)
        #expect(refused.status != 0 && refused.output.contains("Nothing erased"))
        #expect(try casebook(["erase", person, "--yes"], in: folder).status == 0)
        #expect(try casebook(["person", "show", person], in: folder).status != 0)
        let verify = try casebook(["audit", "verify"], in: folder)
        #expect(verify.status == 0 && verify.output.contains("intact"))
    }

    @Test func everyCountIsWrittenWithThousandsSeparators() throws {
        let folder = try exampleFolder()
        let day = "2026-11-30", on = CivicDate(iso: day)!
        // Everybody consents (in one batch, through the library), so the counts run to thousands.
        let book = try Casebook(path: folder.file("book.sqlite").path, actor: "tester")
        try book.giveConsents(try book.persons().enumerated().map { index, person in
            Consent(consentID: "E-\(index)", personID: person.personID, purpose: Consent.statisticsPurpose, legalBasis: .consent,
                    given: CivicDate(year: 2015, month: 1, day: 1)!)
        })
        let file = try #require(try book.cases().first)
        #expect(try casebook(["case", "contact", file.caseID, "--minutes", "1234", "--date", day], in: folder).status == 0)
        let cases = try book.monthlyCases(on: on).map(\.cases).reduce(0, +)
        let expired = try #require(try book.retention(on: on, apply: false).expired.first { $0.rule.records == .cases }?.records)
        #expect(cases >= 1_000 && expired >= 1_000, "the example gives counts of four digits")

        for (language, lang) in [(Language.english, "en"), (.german, "de")] {
            let n = { (count: Int) in language.integer(count) }
            func run(_ arguments: [String]) throws -> String {
                let result = try casebook(arguments, in: folder, lang: lang)
                #expect(result.status == 0, "\(arguments): \(result.error)")
                // A postcode is a code, not a count.
                let counted = result.output.split(separator: "\n").filter { !$0.hasPrefix("zip: ") && !$0.hasPrefix("Postleitzahl: ") }
                    .joined(separator: "\n")
                #expect(ungroupedNumbers(counted).isEmpty, "\(arguments) in \(lang): \(ungroupedNumbers(counted))")
                return result.output
            }
            let stats = try run(["stats", "--on", day])
            #expect(stats.contains(language.pick(de: "Zusammen: \(n(cases)) Fälle.", en: "Total: \(n(cases)) cases.")))
            let export = try run(["export", "--on", day, "--output", folder.file("export-\(lang).csv").path])
            #expect(export.hasPrefix(language.pick(de: "\(n(cases)) Fälle nach", en: "Wrote \(n(cases)) cases to")))
            let retention = try run(["retention", "--on", day])
            #expect(retention.contains(language.pick(de: ": \(n(expired)) abgelaufen", en: ": \(n(expired)) expired")))
            let entries = try book.auditEntries().count
            let verify = try run(["audit", "verify"])
            #expect(verify.hasPrefix(language.pick(de: "Protokoll unversehrt: \(n(entries)) Einträge.",
                                                   en: "Audit log intact: \(n(entries)) entries.")))
            let minutes = n(file.durationMinutes + 1234) + " min"
            #expect(try run(["case", "list", "--person", file.personID]).contains("\t" + minutes))
            #expect(try run(["person", "show", file.personID]).contains("\t" + minutes))
            let shown = try run(["case", "show", file.caseID])
            #expect(shown.contains("  \(day)  persoenlich  \(n(1234)) min"))
            #expect(shown.contains(": \(n(file.durationMinutes + 1234))\n"), "the case's minutes in its details")
        }
        for (lang, words) in [("en", "Erased: the person"), ("de", "Gelöscht: die Person")] {
            let person = try #require(try book.persons().first?.personID)
            let erased = try casebook(["erase", person, "--yes"], in: folder, lang: lang)
            #expect(erased.status == 0 && erased.output.hasPrefix(words) && ungroupedNumbers(erased.output).isEmpty)
        }
        // Counted again: the erasures took cases with them.
        let left = try #require(try book.retention(on: on, apply: false).expired.first { $0.rule.records == .cases }?.records)
        let applied = try casebook(["retention", "--apply", "--on", day], in: folder, lang: "de")
        #expect(left >= 1_000 && applied.output.contains(": \(Language.german.integer(left)) abgelaufen"))
        #expect(ungroupedNumbers(applied.output).isEmpty, "\(ungroupedNumbers(applied.output))")
    }

    @Test func theAccessPageListsTheChangesToCasesContactsAndConsents() throws {
        let folder = try exampleFolder()
        for arguments in [["person", "add", "K-1", "--name", "Erika Beispiel"],
                          ["case", "add", "F-1", "--person", "K-1", "--service", "Schuldnerberatung", "--opened", "2025-01-02"],
                          ["case", "contact", "F-1", "--minutes", "50", "--date", "2025-01-09"],
                          ["case", "update", "F-1", "--status", "abgeschlossen", "--closed", "2025-03-01"],
                          ["consent", "give", "K-1", "--purpose", "statistics", "--id", "E-1", "--date", "2025-01-02"]] {
            let result = try casebook(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.error)")
        }
        func page(_ person: String, _ lang: String) throws -> String {
            let output = folder.file("access-\(person)-\(lang)").path
            let result = try casebook(["subject-access", person, "--output", output], in: folder, lang: lang)
            #expect(result.status == 0, "\(result.error)")
            return try String(contentsOfFile: output + ".html", encoding: .utf8)
        }
        let english = try page("K-1", "en")
        for row in [": Your details recorded.</li>", ": Case F-1 recorded.</li>", ": Contact in case F-1 recorded.</li>",
                    ": Case F-1 changed (closed, status).</li>", ": Consent E-1 recorded (purpose: statistics).</li>"] {
            #expect(english.contains(row), "\(row)")
        }
        #expect(!english.contains("No single changes"), "the page says there are none while it lists them")
        let german = try page("K-1", "de")
        for row in [": Ihre Angaben erfasst.</li>", ": Fall F-1 erfasst.</li>", ": Kontakt in Fall F-1 erfasst.</li>",
                    ": Fall F-1 geändert (Ende, Stand).</li>", ": Einwilligung E-1 erfasst (Zweck: statistics).</li>",
                    "(Art. 17 DSGVO)"] {
            #expect(german.contains(row), "\(row)")
        }
        // A person who came with the import has no single changes, and the page says so.
        let imported = try #require(try casebook(["person", "list"], in: folder).output.split(separator: "\t").first.map(String.init))
        #expect(try page(imported, "en").contains("No single changes are recorded."))

        // The English page cites the GDPR one way throughout, as "GDPR Art. 17".
        for citation in ["GDPR Art. 15", "GDPR Art. 17", "GDPR Art. 7", "GDPR Art. 77"] {
            #expect(english.contains(citation), "\(citation)")
        }
        #expect(english.firstMatch(of: /Art\. [0-9]+ GDPR/) == nil)
    }

    @Test func aTamperedAuditLogFailsVerification() throws {
        let folder = try exampleFolder()
        try DatabaseQueue(path: folder.file("book.sqlite").path).write { db in
            try db.execute(sql: "UPDATE audit_log SET actor = 'nobody' WHERE sequence = 2")
        }
        let result = try casebook(["audit", "verify"], in: folder, lang: "de")
        #expect(result.status != 0)
        #expect(result.error.contains("Eintrag 2: geändert"))
    }

    @Test func recordsOfProcessingUnderEachLaw() throws {
        let folder = try TemporaryDirectory()
        for (law, citation) in [("dsgvo", "Art. 30"), ("kdg", "§ 31 KDG"), ("dsg-ekd", "§ 31 DSG-EKD")] {
            let output = folder.file("rop-\(law).md").path
            let result = try runProduct("civic-casebook", ["records-of-processing", "--law", law, "--output", output, "--lang", "de"],
                                        in: packageRoot())
            #expect(result.status == 0, "\(result.error)")
            #expect(try String(contentsOfFile: output, encoding: .utf8).contains(citation))
        }
        let bad = try runProduct("civic-casebook", ["records-of-processing", "--law", "bgb"], in: packageRoot())
        #expect(bad.status != 0)
        let text = try runProduct("civic-casebook", ["records-of-processing", "--output", folder.file("r.txt").path],
                                  in: packageRoot())
        #expect(text.status != 0 && text.error.contains(".md or .html"))
    }

    @Test func aKilledImportLeavesAConsistentCasebook() throws {
        let folder = try TemporaryDirectory()
        let csv = folder.file("big.csv").path
        #expect(try runProduct("civic-generate", ["--rows", "100000", "--output", csv]).status == 0)
        #expect(try casebook(["init"], in: folder).status == 0)
        let process = Process()
        process.executableURL = productsDirectory().appendingPathComponent("civic-casebook")
        process.arguments = ["import", "--input", csv, "--database", folder.file("book.sqlite").path, "--lang", "en"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        // The first progress line comes from inside the import's transaction.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("rows") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "killed during the import")

        let book = try Casebook(path: folder.file("book.sqlite").path, actor: "tester")
        let integrity = try DatabaseQueue(path: folder.file("book.sqlite").path).read { db in
            try String.fetchOne(db, sql: "PRAGMA integrity_check")
        }
        #expect(integrity == "ok")
        #expect(try book.verifyAudit().isIntact)
        #expect(try book.counts()["cases"] == 0, "nothing of the killed import is kept")
        // The casebook works on: the same import now runs to its end.
        #expect(try book.importCases(from: URL(fileURLWithPath: csv)).newCases == 100_000)
    }
}
