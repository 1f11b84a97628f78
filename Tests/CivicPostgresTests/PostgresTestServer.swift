import CivicModels
import CivicPostgres
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server the tests use: `CIVIC_POSTGRES_URL`, as `.ci/postgres start`
/// exports it. Without it the suites are skipped with that message, and `.ci/run`
/// fails when they were.
enum PostgresTestServer {
    /// The server's URL, if one is configured.
    static let url = ProcessInfo.processInfo.environment["CIVIC_POSTGRES_URL"]

    /// Whether the PostgreSQL tests can run.
    static var isAvailable: Bool { url != nil }

    /// The reason shown when they cannot.
    static let skipped = "PostgreSQL tests skipped: no server (set CIVIC_POSTGRES_URL, e.g. with eval \"$(.ci/postgres start)\")"

    /// A fresh database on the server with the schema installed, its location (as
    /// the owner) and a suffix that keeps the names of this test's logins apart.
    static func freshDatabase() async throws -> (location: PostgresLocation, admin: PostgresCasebookAdministration, suffix: String) {
        let server = try PostgresLocation(url!)
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        let name = "civic_test_\(suffix)"
        _ = try await raw("CREATE DATABASE \(name)", at: server)
        var location = server
        location.database = name
        let fresh = try await PostgresCasebookAdministration.connect(to: location)
        try await fresh.install()
        return (location, fresh, suffix)
    }

    /// Runs one statement on a connection of its own as `location`'s user, and
    /// returns the first column of the rows (which must be text: cast with `::text`),
    /// for raw SQL as a caseworker would type it.
    static func raw(_ sql: String, at location: PostgresLocation) async throws -> [String] {
        var logger = Logger(label: "civic.tests")
        logger.logLevel = .critical
        let connection = try await PostgresConnection.connect(configuration: location.connectionConfiguration, id: 1, logger: logger)
        do {
            let rows = try await connection.simpleQuery(sql).get()
            try await connection.close()
            return rows.map { row in (try? row.decode(String?.self)) ?? nil ?? "" }
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
