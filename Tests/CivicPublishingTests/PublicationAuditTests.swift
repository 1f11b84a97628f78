import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The audit is tested against the definitions: a publication that breaks any
/// configured criterion after the fact is refused, whichever criterion it is.
@Suite("PublicationAudit")
struct PublicationAuditTests {
    /// 600 rows: age and district as quasi-identifiers, service sensitive with a
    /// skewed distribution (mostly "A").
    static func cases() throws -> Table {
        let schema = Schema(fields: [Field("name", type: .string), Field("age", type: .integer),
                                     Field("district", type: .string), Field("service", type: .string)])
        let districts = ["Mitte", "Nord", "Süd"], services = ["A", "A", "A", "B", "C", "D"]
        let rows: [[Value]] = (0..<600).map { (i: Int) -> [Value] in
            let age: Value = .integer(Int64(20 + i % 40))
            return [.text("Person \(i)"), age, .text(districts[i % 3]), .text(services[(i / 3) % 6])]
        }
        return try Table(schema: schema, rows: rows)
    }

    static func settings(_ privacy: AnonymizationConfiguration.Privacy) -> PublicationSettings {
        PublicationSettings(attributes: [
            "name": .init(role: .identifier),
            "age": .init(role: .quasiIdentifier, hierarchy: .intervals([10, 20])),
            "district": .init(role: .quasiIdentifier, hierarchy: .levels(1)),
            "service": .init(role: .sensitive),
        ], privacy: privacy)
    }

    /// `table` with the sensitive value of the rows of its first equivalence class
    /// set to `value`: the tampering a careless edit of the published file would do.
    static func tampered(_ table: Table, quasiIdentifiers: [String], value: String) throws -> Table {
        let classes = try EquivalenceClasses(table, quasiIdentifiers: quasiIdentifiers)
        let rows = (0..<table.rowCount).map { row in
            table.row(row).enumerated().map { column, cell in
                table.schema.fields[column].name == "service" && classes.classOfRow[row] == 0 ? Value.text(value) : cell
            }
        }
        return try Table(schema: table.schema, rows: rows)
    }

    @Test("every criterion type is re-checked: a publication broken after the fact is refused",
          arguments: [
            AnonymizationConfiguration.Privacy(k: 5, tCloseness: .init(variant: .equal, t: 0.4, attribute: "service")),
            AnonymizationConfiguration.Privacy(k: 5, lDiversity: .init(variant: .distinct, l: 2, attribute: "service")),
            AnonymizationConfiguration.Privacy(k: 5, lDiversity: .init(variant: .entropy, l: 2, attribute: "service")),
            AnonymizationConfiguration.Privacy(k: 5, lDiversity: .init(variant: .recursive, l: 2, c: 3, attribute: "service")),
          ])
    func brokenAfterTheFact(privacy: AnonymizationConfiguration.Privacy) throws {
        let result = try Publication(settings: Self.settings(privacy)).run(Self.cases(), inputName: "cases.csv")
        // The honest result passes its own audit, class by class.
        try result.audit.checkCriteria(result.published)
        // One class made all "D" breaks t-closeness and every l-diversity.
        let broken = try Self.tampered(result.published, quasiIdentifiers: result.quasiIdentifiers, value: "D")
        #expect(throws: PublicationError.self) { try result.audit.checkCriteria(broken) }
        do {
            try result.audit.checkCriteria(broken)
        } catch {
            guard case .checkFailed(let reason) = error else { Issue.record("\(error)"); return }
            for text in [reason.english, reason.german] {
                #expect(text.contains("service"), "the message names the criterion: \(text)")
                #expect(!text.contains("Person "), "no data value in the message: \(text)")
            }
        }
    }

    @Test("k is recounted: too few rows in a class are refused")
    func kRecounted() throws {
        let result = try Publication(settings: Self.settings(.init(k: 5))).run(Self.cases(), inputName: "cases.csv")
        let firstRows = result.published.gathering(rows: [0, 1])
        #expect(throws: PublicationError.self) { try result.audit.checkCriteria(firstRows) }
    }

    /// One client with five cases of service "x", between five clients with one case
    /// of "y" each, all in one age band.
    static func repeatedClient() throws -> (table: Table, clients: [String]) {
        let clients = ["A", "B", "A", "C", "A", "D", "A", "E", "A", "F"]
        let schema = Schema(fields: [Field("client", type: .string), Field("age", type: .string), Field("service", type: .string)])
        let rows: [[Value]] = clients.map { [.text($0), .text("30-39"), .text($0 == "A" ? "x" : "y")] }
        return (try Table(schema: schema, rows: rows), clients)
    }

    @Test("with a privacy unit, k and t-closeness are recounted in persons: a client's five cases are one person, one voice")
    func personsRecounted() throws {
        let (table, clients) = try Self.repeatedClient()
        // Six persons; per person the class holds "x" once and "y" five times, as the
        // whole table does, so 0.2-closeness holds (counting rows, "x" would be half
        // the class against a sixth of the persons, 0.33 away).
        let closeness = PublicationAudit(quasiIdentifiers: ["age"],
                                         criteria: [try KAnonymity(k: 3), try TCloseness(t: 0.2, attribute: "service")],
                                         input: table, privacyUnit: "client")
        try closeness.checkCriteria(table, persons: clients)
        // Client A's five cases and B's one are six rows but two persons: under k = 3.
        let kOnly = PublicationAudit(quasiIdentifiers: ["age"], criteria: [try KAnonymity(k: 3)], input: table,
                                     privacyUnit: "client")
        let rows = [0, 1, 2, 4, 6, 8]
        #expect(throws: PublicationError.self) {
            try kOnly.checkCriteria(table.gathering(rows: rows), persons: rows.map { clients[$0] })
        }
        // One name written with a precomposed é and with e and a combining accent is
        // one person (equal as Swift strings), so these six rows are two persons too.
        let spellings = ["Ren\u{E9}", "B", "Rene\u{301}", "Ren\u{E9}", "B", "Rene\u{301}"]
        #expect(throws: PublicationError.self) { try kOnly.checkCriteria(table.gathering(rows: rows), persons: spellings) }
    }

    @Test("a sensitive value the input never had is refused")
    func unknownSensitiveValue() throws {
        let privacy = AnonymizationConfiguration.Privacy(k: 5, lDiversity: .init(variant: .distinct, l: 2, attribute: "service"))
        let result = try Publication(settings: Self.settings(privacy)).run(Self.cases(), inputName: "cases.csv")
        let broken = try Self.tampered(result.published, quasiIdentifiers: result.quasiIdentifiers, value: "Z")
        #expect(throws: PublicationError.self) { try result.audit.checkCriteria(broken) }
    }

    @Test("an identifier of the input in published text is refused")
    func identifierLeak() throws {
        let schema = Schema(fields: [Field("case", type: .string), Field("district", type: .string), Field("comment", type: .string)])
        let input = try Table(schema: schema, rows: [[.text("K-0042"), .text("Mitte"), .text("Termin mit k-0042 am Montag")]])
        let audit = PublicationAudit(quasiIdentifiers: ["district"], criteria: [try KAnonymity(k: 1)], input: input,
                                     freeTextColumns: ["comment"], identifierColumns: ["case"])
        let published = try input.selecting(["district", "comment"])
        #expect(throws: PublicationError.self) { try audit.checkText(published) }
        let clean = try Table(schema: Schema(fields: Array(schema.fields.dropFirst())), rows: [[.text("Mitte"), .text("Termin am Montag")]])
        try audit.checkText(clean)
    }

    @Test("every part of a name is found as a whole word in any case, in free text and in its own row")
    func nameParts() throws {
        let schema = Schema(fields: [Field("name", type: .string), Field("contact", type: .string), Field("notes", type: .string)])
        let rows: [[Value]] = [
            [.text("Anna Koch"), .text("Schule"), .text("Person koch bringt die Unterlagen")],
            [.text("Minh Vu"), .text("Minh Vu"), .text("Termin vereinbart")],
            [.text("Eva Lange"), .text("Jobcenter"), .text("wartet lange auf den Bescheid")],
        ]
        let input = try Table(schema: schema, rows: rows)
        let audit = PublicationAudit(quasiIdentifiers: [], criteria: [try KAnonymity(k: 1)], input: input,
                                     freeTextColumns: ["notes"], identifierColumns: ["name"])
        let published = try input.selecting(["contact", "notes"])
        for (row, expectedColumn) in [(0, "notes"), (1, "contact"), (2, "notes")] {
            let single = published.filtering { $0 == row }
            do {
                try audit.checkText(single, inputRows: [row])
                Issue.record("row \(row): the name part was not found")
            } catch {
                #expect("\(error)".contains("column \(expectedColumn)"), "row \(row): \(error)")
            }
        }
    }

    @Test("sequential integer case numbers that equal postcodes elsewhere do not block a publication")
    func numericCoincidences() throws {
        let schema = Schema(fields: [Field("case_id", type: .integer), Field("zip", type: .string), Field("office", type: .string)])
        // 20,000 cases numbered 1 to 20000; postcodes 10115 to 10179, offices named by a number too.
        let rows: [[Value]] = (1...20_000).map { (id: Int) -> [Value] in
            let zip = String(10_115 + id % 65), office = String(10_115 + (id * 7) % 65)
            return [Value.integer(Int64(id)), Value.text(zip), Value.text(office)]
        }
        let input = try Table(schema: schema, rows: rows)
        let audit = PublicationAudit(quasiIdentifiers: ["zip"], criteria: [try KAnonymity(k: 1)], input: input,
                                     identifierColumns: ["case_id"])
        let published = try input.selecting(["zip", "office"])
        try audit.checkText(published, inputRows: Array(0..<20_000))
        // A case number that only ever appears in its own row's column is distinctive: refused.
        var leaked = rows
        leaked[4][2] = .text("5")
        let leakedInput = try Table(schema: schema, rows: leaked)
        let strict = PublicationAudit(quasiIdentifiers: ["zip"], criteria: [try KAnonymity(k: 1)], input: leakedInput,
                                      identifierColumns: ["case_id"])
        #expect(throws: PublicationError.self) {
            try strict.checkText(try leakedInput.selecting(["zip", "office"]), inputRows: Array(0..<20_000))
        }
    }

    @Test("the suppressed-row mask is right even where a published row reads * throughout")
    func suppressedMask() throws {
        // With k = 600 every row must share one class: both columns go to the top (*), nothing is suppressed.
        let result = try Publication(settings: Self.settings(.init(k: 600))).run(Self.cases(), inputName: "cases.csv")
        #expect(result.suppressedRows == 0)
        #expect(result.published.rowCount == 600)
        #expect(result.anonymization.isSuppressed.allSatisfy { !$0 })
        // With a little suppression allowed, the mask counts exactly the suppressed rows.
        let some = try Publication(settings: Self.settings(.init(k: 40, suppressionLimit: 0.2))).run(Self.cases(), inputName: "cases.csv")
        #expect(some.anonymization.isSuppressed.filter { $0 }.count == some.suppressedRows)
        #expect(some.published.rowCount == 600 - some.suppressedRows)
    }
}
