import CivicModels
import CivicPostgres
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// Importing an export into the shared casebook: the same persons and cases as the
/// SQLite casebook takes from it, and only additions on a second run.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipped)))
struct PostgresImportTests {
    static let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")

    @Test func theExampleImportsAsIntoTheSQLiteCasebookAndAgainAddsNothing() async throws {
        let (location, admin, a, _, _) = try await PostgresCasebookTests.twoOrganisations(duty: .dataOfficer)
        let book = try await PostgresCasebook.connect(to: location.connecting(as: PostgresCasebookTests.login(of: a), password: nil),
                                                      organisation: a)
        let folder = try TemporaryDirectory()
        let sqlite = try Casebook.create(path: folder.file("book.sqlite").path,
                                         organisation: Organisation(organisationID: "x", name: "X"), actor: "tester")
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
        let (location, admin, a, _, _) = try await PostgresCasebookTests.twoOrganisations(duty: .dataOfficer)
        let book = try await PostgresCasebook.connect(to: location.connecting(as: PostgresCasebookTests.login(of: a), password: nil),
                                                      organisation: a)
        let folder = try TemporaryDirectory()
        let sqlite = try Casebook.create(path: folder.file("book.sqlite").path,
                                         organisation: Organisation(organisationID: "x", name: "X"), actor: "tester")
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
