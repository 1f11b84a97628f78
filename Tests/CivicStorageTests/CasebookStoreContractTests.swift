import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The SQLite casebook keeps the contract every casebook store keeps (the
/// PostgreSQL store runs the same checks in CivicPostgresTests).
@Suite struct CasebookStoreContractTests {
    @Test func theSQLiteCasebookKeepsTheStoreContract() async throws {
        let folder = try TemporaryDirectory()
        let book = try Casebook.create(path: folder.file("book.sqlite").path,
                                       organisation: Organisation(organisationID: "test", name: "Testverein"), actor: "tester")
        let failures = try await CasebookStoreContract.failures(of: book)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func theSQLiteCasebookKeepsTheRetentionContract() async throws {
        let folder = try TemporaryDirectory()
        let book = try Casebook.create(path: folder.file("book.sqlite").path,
                                       organisation: Organisation(organisationID: "test", name: "Testverein"), actor: "tester")
        let failures = try await CasebookStoreContract.retentionFailures(of: book)
        #expect(failures.isEmpty, "\(failures)")
    }
}
