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
        return try Casebook(path: path, actor: "tester")
    }
}

@Suite struct CasebookMigrationTests {
    @Test func aVersion1CasebookMigratesWithItsRecords() throws {
        let folder = try TemporaryDirectory()
        let book = try CasebookFixtures.version1(in: folder)
        #expect(try book.schemaVersions().count == 2)
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

    @Test func aCasebookOfANewerVersionIsRefused() throws {
        let folder = try TemporaryDirectory()
        let book = try makeCasebook(folder)
        try DatabaseQueue(path: book.path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 from the future')")
        }
        #expect(throws: CasebookError.newerVersion(book.path)) { try Casebook(path: book.path, actor: "tester") }
    }
}
