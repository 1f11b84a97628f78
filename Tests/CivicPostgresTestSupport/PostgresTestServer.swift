import CivicModels
import CivicPostgres
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server the tests use: `CIVIC_POSTGRES_URL`, as `.ci/postgres start`
/// exports it. Without it the suites are skipped with that message, and `.ci/run`
/// fails when they were.
///
/// ```swift
/// @Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipped)))
/// struct MySharedCasebookTests { … }
/// ```
public enum PostgresTestServer {
    /// The server's URL, if one is configured.
    public static let url = ProcessInfo.processInfo.environment["CIVIC_POSTGRES_URL"]

    /// Whether the PostgreSQL tests can run.
    public static var isAvailable: Bool { url != nil }

    /// The reason shown when they cannot.
    public static let skipped = "PostgreSQL tests skipped: no server (set CIVIC_POSTGRES_URL, e.g. with eval \"$(.ci/postgres start)\")"

    /// The server itself, as its owner (the URL's user).
    public static func server() throws -> PostgresLocation {
        guard let url else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: skipped]) }
        return try PostgresLocation(url)
    }

    /// A fresh, empty database on the server (no schema), named with `prefix` and a
    /// random suffix, and that suffix (which keeps the names of a test's logins apart).
    public static func emptyDatabase(prefix: String = "civic_test") async throws -> (location: PostgresLocation, suffix: String) {
        let server = try server()
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        let name = "\(prefix)_\(suffix)"
        try await PostgresCasebookAdministration.createDatabase(named: name, on: server)
        var location = server
        location.database = name
        return (location, suffix)
    }

    /// A fresh database on the server with the schema installed, its location (as
    /// the owner) and a suffix that keeps the names of this test's logins apart.
    public static func freshDatabase(prefix: String = "civic_test") async throws
        -> (location: PostgresLocation, admin: PostgresCasebookAdministration, suffix: String) {
        let (location, suffix) = try await emptyDatabase(prefix: prefix)
        let fresh = try await PostgresCasebookAdministration.connect(to: location)
        try await fresh.install()
        return (location, fresh, suffix)
    }

    /// Registers `organisation` with a login of `duty` for it (no password: the test
    /// server trusts local connections) and returns the login's name: `login`, or
    /// ``login(of:)``. Logins belong to the whole server, so a name must be new to it
    /// (give an organisation name or a login with a database's suffix).
    @discardableResult
    public static func addOrganisation(_ organisation: String, duty: PostgresCasebookAdministration.Duty,
                                       login: String? = nil, to admin: PostgresCasebookAdministration) async throws -> String {
        try await admin.register(Organisation(organisationID: organisation, name: "Beratungsstelle \(organisation)"))
        let login = login ?? self.login(of: organisation)
        try await admin.createLogin(login, password: nil)
        try await admin.addStaff(login, to: organisation, duty: duty)
        return login
    }

    /// The login ``addOrganisation(_:duty:to:)`` creates for `organisation`.
    public static func login(of organisation: String) -> String {
        "staff_\(organisation.replacingOccurrences(of: "-", with: "_"))"
    }

    /// Runs one statement on a connection of its own as `location`'s user, and
    /// returns the first column of the rows (which must be text: cast with `::text`),
    /// for raw SQL as a caseworker would type it.
    public static func raw(_ sql: String, at location: PostgresLocation) async throws -> [String] {
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
