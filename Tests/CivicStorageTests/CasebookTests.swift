import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import GRDB
import Testing

/// A new casebook in a temporary folder.
private func makeCasebook(_ folder: TemporaryDirectory, actor: String = "tester") throws -> Casebook {
    try Casebook.create(path: folder.file("test.casebook").path,
                        organisation: Organisation(organisationID: "bv", name: "Beispielverein e.V."), actor: actor)
}

private let day = CivicDate(year: 2025, month: 3, day: 1)!

@Suite struct CasebookRecordTests {
    @Test func recordsGoInAndComeOutWithTheirRelations() throws {
        let folder = try TemporaryDirectory()
        let book = try makeCasebook(folder)
        let anna = Person(personID: "K-1", name: "Anna Beispiel", birthDate: CivicDate(year: 1980, month: 1, day: 2),
                          gender: .female, zip: "10115", district: "Mitte", householdSize: 3)
        try book.add(anna)
        try book.add(CaseFile(caseID: "F-1", personID: "K-1", service: "Schuldnerberatung", opened: day))
        try book.addContact(CaseContact(caseID: "F-1", date: day + 7, minutes: 45, kind: .inPerson))
        try book.addContact(CaseContact(caseID: "F-1", date: day + 14, minutes: 15, kind: .phone))
        var file = try #require(try book.caseFile("F-1"))
        #expect(file.durationMinutes == 60 && file.contactCount == 2)
        file.status = .closed
        file.closed = day + 30
        try book.update(file)
        #expect(try book.statusHistory(of: "F-1").map(\.status) == [.ongoing, .closed])
        try book.add(Donation(donationID: "S-1", donorID: "K-1", amountCents: 2_550, date: day))
        try book.add(VolunteerShift(shiftID: "V-1", personID: "K-1", date: day, quarterHours: 6, activity: "Ausgabe"))
        #expect(try book.person("K-1")?.roles == [.client, .donor, .volunteer])
        #expect(try book.donations(of: "K-1").first?.euros == Decimal(string: "25.5"))
        #expect(try book.person("K-1")?.birthDate == anna.birthDate)
        #expect(try book.verifyAudit().isIntact)
        #expect(try book.auditEntries().count == 1 + 1 + 1 + 2 + 1 + 1 + 1)
    }

    @Test func aRefusedValueNamesTheFieldNotTheValue() throws {
        let folder = try TemporaryDirectory()
        let book = try makeCasebook(folder)
        let error = #expect(throws: CasebookError.self) {
            try book.add(Person(personID: "K-1", name: "Anna Beispiel", zip: "ABCDE"))
        }
        let message = try #require(error).message(in: .english)
        #expect(message.contains("zip"))
        #expect(!message.contains("ABCDE") && !message.contains("Anna"))
        #expect(try book.persons().isEmpty, "nothing half-written")
        #expect(try book.auditEntries().count == 1, "no audit entry for a refused change")
        try book.add(Person(personID: "K-1", name: "Anna Beispiel"))
        #expect(throws: CasebookError.duplicate(.person, field: "person_number")) {
            try book.add(Person(personID: "K-1", name: "Someone Else"))
        }
        #expect(throws: CasebookError.noSuchRecord(.person)) {
            try book.add(CaseFile(caseID: "F-1", personID: "K-404", service: "x", opened: day))
        }
    }

    @Test func anExistingFileIsNeverOverwrittenAndAMissingOneNeverCreated() throws {
        let folder = try TemporaryDirectory()
        _ = try makeCasebook(folder)
        #expect(throws: CasebookError.self) { try makeCasebook(folder) }
        #expect(throws: CasebookError.missingFile(folder.file("typo.casebook").path)) {
            try Casebook(path: folder.file("typo.casebook").path, actor: "tester")
        }
        let text = try folder.write("notes.txt", text: "not a database at all, just some words\n")
        #expect(throws: CasebookError.notACasebook(text.path)) { try Casebook(path: text.path, actor: "tester") }
    }
}

@Suite struct CasebookAuditTests {
    /// A casebook with a few entries, and a raw connection to tamper with it.
    private func tampered(_ edit: String) throws -> AuditVerification {
        let folder = try TemporaryDirectory()
        let book = try makeCasebook(folder)
        for number in 1...4 { try book.add(Person(personID: "K-\(number)", name: "Person \(number)")) }
        #expect(try book.verifyAudit().isIntact)
        try DatabaseQueue(path: book.path).write { db in try db.execute(sql: edit) }
        return try book.verifyAudit()
    }

    @Test func anEditedEntryIsFound() throws {
        let result = try tampered("UPDATE audit_log SET actor = 'someone else' WHERE sequence = 3")
        #expect(result.problems == [.init(sequence: 3, kind: .edited)])
    }

    @Test func aRemovedEntryIsFound() throws {
        let result = try tampered("DELETE FROM audit_log WHERE sequence = 2")
        #expect(result.problems.map(\.kind) == [.gap, .brokenLink])
        #expect(result.problems.first?.sequence == 3)
    }

    @Test func reorderedEntriesAreFound() throws {
        let result = try tampered("""
            UPDATE audit_log SET sequence = -1 WHERE sequence = 2;
            UPDATE audit_log SET sequence = 2 WHERE sequence = 3;
            UPDATE audit_log SET sequence = 3 WHERE sequence = -1;
            """)
        #expect(!result.isIntact)
        #expect(result.problems.contains { $0.sequence == 2 && $0.kind == .brokenLink })
    }

    @Test func aRehashedEditStillBreaksTheNextLink() throws {
        // Someone who edits an entry and recomputes its hash breaks the link of the next.
        let folder = try TemporaryDirectory()
        let book = try makeCasebook(folder)
        for number in 1...3 { try book.add(Person(personID: "K-\(number)", name: "Person \(number)")) }
        try DatabaseQueue(path: book.path).write { db in
            try db.execute(sql: "UPDATE audit_log SET detail = 'harmless', hash = ? WHERE sequence = 2",
                           arguments: [String(repeating: "a", count: 64)])
        }
        let problems = try book.verifyAudit().problems
        #expect(problems.contains(.init(sequence: 2, kind: .edited)))
        #expect(problems.contains(.init(sequence: 3, kind: .brokenLink)))
    }

    @Test func theHashIsTheOneAnIndependentImplementationComputes() throws {
        // The v1 fixture's entry was hashed by Python's hashlib (make_casebook_v1.py).
        let folder = try TemporaryDirectory()
        let book = try CasebookFixtures.version1(in: folder)
        let entries = try book.auditEntries()
        #expect(entries.first?.hash == "d2e78f8bd22ca5ed2f310a4abe8cfe773989761570ddafd11a18c924888688b7")
        #expect(try book.verifyAudit().isIntact)
    }
}

/// Casebooks made by earlier schema versions, from the SQL dumps in Fixtures.
enum CasebookFixtures {
    static func version1(in folder: TemporaryDirectory) throws -> Casebook {
        try Casebook(path: version1File(in: folder), actor: "tester")
    }

    /// The version-1 dump as a file, not yet opened (so not yet migrated) by a casebook.
    static func version1File(in folder: TemporaryDirectory) throws -> String {
        let dump = try String(contentsOf: packageRoot().appendingPathComponent(
            "Tests/CivicStorageTests/Fixtures/casebook-v1.sql"), encoding: .utf8)
        let path = folder.file("v1.casebook").path
        // The dump's own BEGIN and COMMIT give way to GRDB's transaction; its tables come
        // in alphabetical order, so references are checked at the commit.
        let statements = dump.split(separator: "\n").filter { $0 != "BEGIN TRANSACTION;" && $0 != "COMMIT;" }
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            try db.execute(sql: statements.joined(separator: "\n"))
        }
        return path
    }

    /// Appends entries to the audit log of an unopened file, chained and hashed as a
    /// casebook appends them: `(action, kind, record id, detail)` each.
    static func appendAuditEntries(_ entries: [(AuditEntry.Action, AuditEntry.RecordKind, Int64?, String?)],
                                   to path: String) throws {
        try DatabaseQueue(path: path).write { db in
            let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
            var sequence: Int64 = last?["sequence"] ?? 0
            var previous: String = last?["hash"] ?? AuditLog.genesisHash
            for (action, kind, id, detail) in entries {
                sequence += 1
                let entry = AuditEntry(sequence: sequence, at: "2025-02-01T10:00:00Z", actor: "earlier", action: action,
                                       recordKind: kind, recordID: id, detail: detail, previousHash: previous, hash: "")
                previous = entry.computedHash
                try db.execute(sql: """
                    INSERT INTO audit_log (sequence, at, actor, action, record_kind, record_id, detail, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [sequence, entry.at, entry.actor, action.rawValue, kind.rawValue, id, detail,
                                     entry.previousHash, previous])
            }
        }
    }
}

@Suite struct CasebookMigrationTests {
    @Test func aVersion1CasebookMigratesWithItsRecords() throws {
        let folder = try TemporaryDirectory()
        let book = try CasebookFixtures.version1(in: folder)
        #expect(try book.schemaVersions() == CasebookMigrations.versions && CasebookMigrations.versions.count == 3)
        #expect(try book.person("K-0001")?.name == "Erika Beispiel")
        #expect(try book.caseFile("F-0001")?.closed == CivicDate(year: 2021, month: 6, day: 30))
        #expect(try book.contacts(of: "F-0002").count == 1)
        #expect(try book.consents(of: "K-0001").count == 1)
        // What version 2 added works on the migrated file.
        try book.add(Donation(donationID: "S-1", donorID: "K-0002", amountCents: 1_000, date: day))
        try book.setRetentionRule(RetentionRule(records: .cases, years: 3, action: .anonymise))
        #expect(try book.retention(on: day, apply: false).expired.first?.records == 1)
        #expect(try book.verifyAudit().isIntact)
    }

    /// The schema as SQLite keeps it, by name: each table's and index's SQL (`nil` for
    /// the indexes SQLite makes for UNIQUE), and each table's foreign keys.
    private func schema(_ path: String) throws -> (sql: [String: String], foreignKeys: [String: [String]]) {
        try DatabaseQueue(path: path).read { db in
            var sql: [String: String] = [:]
            var foreignKeys: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name <> 'sqlite_sequence'") {
                let name: String = row["name"]
                sql[name] = row["sql"] ?? "(automatic)"
                guard row["type"] == "table" as String else { continue }
                foreignKeys[name] = try Row.fetchAll(db, sql: "SELECT * FROM pragma_foreign_key_list(?)", arguments: [name])
                    .map { "\($0["from"] as String) -> \($0["table"] as String)(\($0["to"] as String)) \($0["on_delete"] as String)" }
            }
            return (sql, foreignKeys)
        }
    }

    @Test func version3RebuildsTheTablesWithAutoincrementAndKeepsEverythingElse() throws {
        let folder = try TemporaryDirectory()
        let path = try CasebookFixtures.version1File(in: folder)
        try CasebookMigrations.migrator.migrate(DatabaseQueue(path: path), upTo: CasebookMigrations.version2)
        let before = try schema(path)
        let rowsBefore = try DatabaseQueue(path: path).read { db in
            try ["persons", "person_roles", "cases", "case_contacts", "case_status_history", "consents"].map { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2")
            }
        }
        let book = try Casebook(path: path, actor: "tester")
        let after = try schema(path)

        let rebuilt: Set = ["persons", "cases", "case_contacts", "consents"]
        for table in rebuilt {
            // The same definition, but for AUTOINCREMENT and the name SQLite quotes on
            // renaming (and the line breaks and indentation, which the fixture has its own).
            func words(_ sql: String?) -> String? { sql?.replacing(/\s+/, with: " ") }
            let expected = try #require(words(before.sql[table]))
                .replacingOccurrences(of: "CREATE TABLE \(table) (", with: "CREATE TABLE \"\(table)\" (")
                .replacingOccurrences(of: "id INTEGER PRIMARY KEY,", with: "id INTEGER PRIMARY KEY AUTOINCREMENT,")
            #expect(words(after.sql[table]) == expected, "\(table)")
        }
        // Every other table, every index (those of the rebuilt tables included) and every
        // foreign key are as they were.
        #expect(after.sql.filter { !rebuilt.contains($0.key) } == before.sql.filter { !rebuilt.contains($0.key) })
        #expect(after.foreignKeys == before.foreignKeys)
        let (rowsAfter, problems, integrity) = try DatabaseQueue(path: path).read { db in
            (try ["persons", "person_roles", "cases", "case_contacts", "case_status_history", "consents"].map { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2")
            }, try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
        #expect(rowsAfter == rowsBefore, "every row kept with its id")
        #expect(problems == 0 && integrity == "ok")
        // The references still cascade: erasing K-0001 takes their case, its history and the consent.
        try book.erase("K-0001")
        let left = try DatabaseQueue(path: path).read { db in
            try ["case_status_history WHERE case_id = 1", "cases WHERE person_id = 1", "consents WHERE person_id = 1",
                 "person_roles WHERE person_id = 1"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
        #expect(left == [0, 0, 0, 0])
        #expect(try book.verifyAudit().isIntact)
    }

    @Test(arguments: [CasebookMigrations.version1, CasebookMigrations.version2])
    func aMigratedCasebookNeverReusesAnIDKnownOnlyFromTheAuditLog(from version: String) throws {
        // Before the migration, a person with a case, a contact and a consent was erased:
        // their rows are gone, their ids (higher than any left) are in the log only.
        let folder = try TemporaryDirectory()
        let path = try CasebookFixtures.version1File(in: folder)
        try CasebookMigrations.migrator.migrate(DatabaseQueue(path: path), upTo: version)
        try CasebookFixtures.appendAuditEntries([
            (.create, .person, 7, nil), (.update, .person, 7, "fields: zip"), (.create, .case, 9, nil),
            (.create, .contact, 5, nil), (.create, .consent, 4, "purpose: statistics"),
            (.erasure, .person, 7, "cases: 1; consents: 1; donations kept without donor: 0; shifts: 0; survey answers: 0"),
        ], to: path)
        let book = try Casebook(path: path, actor: "tester")
        #expect(try book.verifyAudit().isIntact)
        let known = try book.auditEntries()

        let day = CivicDate(year: 2025, month: 3, day: 1)!
        try book.add(Person(personID: "K-0003", name: "Paula Probe"))
        try book.add(CaseFile(caseID: "F-0003", personID: "K-0003", service: "Sozialberatung", opened: day))
        try book.addContact(CaseContact(caseID: "F-0003", date: day, minutes: 30, kind: .inPerson))
        try book.giveConsent(Consent(consentID: "E-0003", personID: "K-0003", purpose: Consent.statisticsPurpose,
                                     legalBasis: .consent, given: day))
        let new = try book.auditEntries().dropFirst(known.count)
        #expect(new.map(\.recordKind) == [.person, .case, .contact, .consent])
        for entry in new {
            let highest = known.filter { $0.recordKind == entry.recordKind }.compactMap(\.recordID).max() ?? 0
            #expect(try #require(entry.recordID) > highest, "\(entry.recordKind) got an id the log knows")
        }
        let record = try book.subjectAccess("K-0003", on: day)
        #expect(record.auditEntries.allSatisfy { $0.sequence > known.count }, "K-0003's answer holds earlier entries")
        #expect(record.auditEntries.count == 4)
    }

    @Test func aCasebookOfANewerVersionIsRefused() throws {
        let folder = try TemporaryDirectory()
        let book = try makeCasebook(folder)
        try DatabaseQueue(path: book.path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 from the future')")
        }
        #expect(throws: CasebookError.newerVersion(book.path)) { try Casebook(path: book.path, actor: "tester") }
    }
}
