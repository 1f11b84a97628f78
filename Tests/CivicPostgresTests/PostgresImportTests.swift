import CivicModels
import CivicPostgres
import CivicPostgresTestSupport
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// Importing an export into the shared casebook: the same persons and cases as the
/// SQLite casebook takes from it, and only additions on a second run.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipped)))
struct PostgresImportTests {
    static let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")

    /// A shared casebook (a data officer's) beside an empty SQLite casebook, to compare
    /// the two stores on the same export; the folder holds the SQLite file.
    static func casebookPair() async throws
        -> (book: PostgresCasebook, sqlite: Casebook, admin: PostgresCasebookAdministration, folder: TemporaryDirectory) {
        let (location, admin, a, _, _) = try await PostgresCasebookTests.twoOrganisations(duty: .dataOfficer)
        let book = try await PostgresCasebook.connect(to: location.connecting(as: PostgresCasebookTests.login(of: a), password: nil),
                                                      organisation: a)
        let folder = try TemporaryDirectory()
        let sqlite = try Casebook.create(path: folder.file("book.sqlite").path,
                                         organisation: Organisation(organisationID: "x", name: "X"), actor: "tester")
        return (book, sqlite, admin, folder)
    }

    @Test func theExampleImportsAsIntoTheSQLiteCasebookAndAgainAddsNothing() async throws {
        let (book, sqlite, admin, _) = try await Self.casebookPair()
        let expected = try sqlite.importCases(from: Self.example)
        let first = try await book.importCases(from: Self.example)
        #expect(first == expected)
        for caseID in ["F-2025-0000001", "F-2025-0000002"] {
            #expect(try await book.caseFile(caseID) == (try sqlite.caseFile(caseID)))
        }
        let personID = try #require(try await book.caseFile("F-2025-0000001")?.personID)
        #expect(try await book.person(personID) == (try sqlite.person(personID)))

        let again = try await book.importCases(from: Self.example)
        #expect(again.newCases == 0 && again.newPersons == 0 && again.knownCases == expected.rows)
        let audit = try await book.verifyAudit()
        #expect(audit.isIntact && audit.entries == 2)
        await book.close()
        await admin.close()
    }

    @Test func anErasedPersonDoesNotComeBackWithTheNextImportAsInTheSQLiteCasebook() async throws {
        let (book, sqlite, admin, _) = try await Self.casebookPair()
        try sqlite.importCases(from: Self.example)
        try await book.importCases(from: Self.example)
        let personID = try #require(try await book.caseFile("F-2025-0000001")?.personID)
        let erasedHere = try await book.erase(personID)
        #expect(erasedHere == (try sqlite.erase(personID)))
        #expect(try await book.person(personID) == nil)

        let again = try await book.importCases(from: Self.example)
        #expect(again == (try sqlite.importCases(from: Self.example)))
        #expect(again.skippedErasedRows == erasedHere.cases && again.newPersons == 0 && again.newCases == 0)
        #expect(try await book.person(personID) == nil, "the erased person is not imported again")
        try await admin.vacuum()
        await book.close()
        await admin.close()
    }

    @Test func casesRetentionDeletedDoNotComeBackWithTheNextImportAsInTheSQLiteCasebook() async throws {
        let (book, sqlite, admin, _) = try await Self.casebookPair()
        try await book.setRetentionRule(RetentionRule(records: .cases, years: 2, action: .anonymise))
        for rule in try await book.retentionRules() { try sqlite.setRetentionRule(rule) }
        #expect(try await book.importCases(from: Self.example) == (try sqlite.importCases(from: Self.example)))
        let day = CivicDate(year: 2029, month: 1, day: 1)!
        let applied = try await book.retention(on: day, apply: true)
        #expect(applied == (try sqlite.retention(on: day, apply: true)))
        #expect((applied.expired.first { $0.rule.records == .cases }?.records ?? 0) > 1_000)
        #expect(try await book.monthlyCases(on: day) == (try sqlite.monthlyCases(on: day)))

        let again = try await book.importCases(from: Self.example)
        #expect(again == (try sqlite.importCases(from: Self.example)))
        #expect(again.skippedRetiredRows == applied.expired.first { $0.rule.records == .cases }?.records && again.newCases == 0,
                "no retired case comes back: \(again)")
        await book.close()
        await admin.close()
    }

    @Test func aCaseworkerMayLookButNeitherApplyRetentionNorReadRetiredCases() async throws {
        let (location, admin, a, _, _) = try await PostgresCasebookTests.twoOrganisations(duty: .caseworker)
        let login = PostgresCasebookTests.login(of: a)
        let book = try await PostgresCasebook.connect(to: location.connecting(as: login, password: nil), organisation: a)
        try await book.importCases(from: Self.example)
        let day = CivicDate(year: 2029, month: 1, day: 1)!
        #expect(try await book.retentionRules().map(\.records) == [.cases, .withdrawnConsents], "the common periods")
        let dryRun = try await book.retention(on: day, apply: false)
        #expect((dryRun.expired.first?.records ?? 0) > 0)
        await #expect(throws: CasebookError.self) { try await book.retention(on: day, apply: true) }
        await #expect(throws: CasebookError.self) { try await book.setRetentionRule(RetentionRule(records: .cases, years: 1)) }
        #expect(try await book.retention(on: day, apply: false) == dryRun, "nothing was deleted")
        let asCaseworker = location.connecting(as: login, password: nil)
        for sql in ["SELECT count(*)::text FROM retired_cases", "SELECT civic_retire_cases('\(a)', ARRAY['F-1'])::text",
                    "DELETE FROM statistical_residue"] {
            await #expect(throws: (any Error).self, "\(sql)") { _ = try await PostgresTestServer.raw(sql, at: asCaseworker) }
        }
        await book.close()
        await admin.close()
    }

    @Test func aCaseworkerCanNeitherEraseNorReadTheFingerprintsOfErasedPersons() async throws {
        let (location, admin, a, _, _) = try await PostgresCasebookTests.twoOrganisations(duty: .caseworker)
        let login = PostgresCasebookTests.login(of: a)
        let book = try await PostgresCasebook.connect(to: location.connecting(as: login, password: nil), organisation: a)
        try await book.add(Person(personID: "K-1", name: "Erika Beispiel"))
        await #expect(throws: CasebookError.notPermitted(.person)) { try await book.erase("K-1") }
        #expect(try await book.person("K-1") != nil)
        let asCaseworker = location.connecting(as: login, password: nil)
        for sql in ["SELECT count(*)::text FROM erased_persons", "SELECT count(*)::text FROM erasure_salts",
                    "SELECT civic_forget_person('\(a)', 'K-1')::text"] {
            await #expect(throws: (any Error).self, "\(sql)") { _ = try await PostgresTestServer.raw(sql, at: asCaseworker) }
        }
        await book.close()
        await admin.close()
    }
}
