import CivicModels
import CivicStorage
import Foundation
import Logging
import PostgresNIO

/// The administrator's side of the shared casebook: installing the schema,
/// registering organisations and their staff, and the statistics across all
/// organisations that only the administrator may count.
///
/// The administrator connects as the role that owns the schema (it needs the right
/// to create roles for ``createLogin(_:password:)``). Staff are login roles of the
/// database, each a member of `civic_caseworker` or `civic_data_officer`, and staff
/// of one or more organisations.
///
/// ```swift
/// let admin = try await PostgresCasebookAdministration.connect(to: PostgresLocation("postgres://civic@db/casebook"))
/// try await admin.install()
/// try await admin.register(Organisation(organisationID: "sb-nord", name: "Schuldnerberatung Nord"))
/// try await admin.createLogin("anna", password: "…")
/// try await admin.addStaff("anna", to: "sb-nord", duty: .caseworker)
/// ```
public final class PostgresCasebookAdministration: Sendable {
    /// What a member of staff may do.
    public enum Duty: String, Sendable, CaseIterable {
        /// Reads and writes persons, cases, contacts and consents.
        case caseworker
        /// Also deletes them (erasure, retention) and reads the audit log.
        case dataOfficer = "data-officer"

        var groupRole: String { self == .caseworker ? "civic_caseworker" : "civic_data_officer" }
    }

    let pool: QuietPool
    var client: PostgresClient { pool.client }
    var logger: Logger { pool.logger }

    /// Connects as the owner of the schema.
    public static func connect(to location: PostgresLocation) async throws -> PostgresCasebookAdministration {
        let admin = PostgresCasebookAdministration(location: location)
        do {
            try await location.checkReachable(logger: admin.logger)
        } catch {
            await admin.close()
            throw error
        }
        return admin
    }

    private init(location: PostgresLocation) {
        self.pool = QuietPool(location, connections: 2, label: "civic.postgres.admin")
    }

    /// Closes the connections.
    public func close() async {
        await pool.close()
    }

    /// Creates a new, empty database on the server at `server` (whose user needs the
    /// right to create databases), for a casebook of its own.
    public static func createDatabase(named name: String, on server: PostgresLocation) async throws {
        try checkName(name)
        guard !name.contains("-") else { throw PostgresCasebookError.invalidName(name) }
        let admin = try await connect(to: server)
        defer { Task { await admin.close() } }
        try await admin.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: admin.logger)
    }

    /// Removes a database made by ``createDatabase(named:on:)`` (for tests and benchmarks).
    public static func dropDatabase(named name: String, on server: PostgresLocation) async throws {
        try checkName(name)
        guard !name.contains("-") else { throw PostgresCasebookError.invalidName(name) }
        let admin = try await connect(to: server)
        defer { Task { await admin.close() } }
        try await admin.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: admin.logger)
    }

    /// Runs SQL as the owner: for loading generated data in benchmarks, never with
    /// text from outside.
    package func execute(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    /// Creates or updates the schema: every migration not yet applied, each in one
    /// transaction together with the roles, rights and policies it needs.
    ///
    /// - Returns: the versions applied now (empty when the schema was up to date).
    @discardableResult
    public func install() async throws -> [String] {
        try await client.withConnection { db in
            try await db.query("CREATE TABLE IF NOT EXISTS civic_schema_versions (version TEXT PRIMARY KEY)", logger: logger)
            var applied: Set<String> = []
            for try await version in try await db.query("SELECT version FROM civic_schema_versions", logger: logger)
                .decode(String.self) { applied.insert(version) }
            var now: [String] = []
            for (version, sql) in PostgresCasebookSchema.migrations where !applied.contains(version) {
                var script = sql
                if version == "v1" {
                    // The rights and policies of the first tables; later versions grant their own.
                    script += "\n" + PostgresCasebookSchema.access + "\n"
                        + PostgresCasebookSchema.tenantTables.map(PostgresCasebookSchema.policy(on:)).joined(separator: "\n")
                }
                try await db.transaction(logger: logger) { db in
                    for statement in PostgresCasebookSchema.statements(in: script) {
                        try await db.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await db.query("INSERT INTO civic_schema_versions VALUES (\(version))", logger: logger)
                }
                now.append(version)
            }
            return now
        }
    }

    /// Registers an organisation, with the common retention periods of the records
    /// the shared casebook holds (`RetentionRule.commonDefaults` of CivicModels; its
    /// data officers check and change them). Its audit chain starts empty.
    public func register(_ organisation: Organisation) async throws {
        try Self.checkName(organisation.organisationID)
        let defaults = RetentionRule.commonDefaults.filter { PostgresCasebook.heldRecords.contains($0.records) }
        try await client.withConnection { db in
            try await db.transaction(logger: logger) { db in
                try await db.query("""
                    INSERT INTO organisations (organisation_id, name) VALUES (\(organisation.organisationID), \(organisation.name))
                    """, logger: logger)
                for rule in defaults {
                    try await db.query("""
                        INSERT INTO retention_rules (organisation_id, records, years, action, reason)
                        VALUES (\(organisation.organisationID), \(rule.records.rawValue), \(rule.years), \(rule.action.rawValue),
                            \(rule.reason))
                        """, logger: logger)
                }
            }
        }
    }

    /// Creates a login role for a member of staff (with no rights of its own).
    public func createLogin(_ name: String, password: String?) async throws {
        try Self.checkName(name)
        // Role names and passwords cannot be bound as parameters in DDL; the name is
        // checked above and the password is quoted as a literal.
        let secret = password.map { " PASSWORD '" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? ""
        try await client.query(PostgresQuery(unsafeSQL: "CREATE ROLE \"\(name)\" LOGIN\(secret)"), logger: logger)
    }

    /// Makes a login staff of an organisation, with the rights of `duty`.
    public func addStaff(_ login: String, to organisation: String, duty: Duty) async throws {
        try Self.checkName(login)
        try await client.withConnection { db in
            try await db.transaction(logger: logger) { db in
            try await db.query(PostgresQuery(unsafeSQL: "GRANT \(duty.groupRole) TO \"\(login)\""), logger: logger)
            try await db.query("""
                INSERT INTO staff (role_name, organisation_id, duty) VALUES (\(login), \(organisation), \(duty.rawValue))
                """, logger: logger)
            }
        }
    }

    /// Removes the row versions that deletions (erasure, retention) left in the tables' files at
    /// once, instead of at autovacuum's next visit.
    public func vacuum() async throws {
        try await client.query("VACUUM persons, person_roles, cases, case_contacts, case_status_history, consents", logger: logger)
    }

    /// Cases opened per organisation, month and service, of persons whose consent to
    /// statistics holds on `day`, with the residue retention left: the whole federation's statistics, which only the
    /// owner of the schema may count (row-level security does not bind it).
    public func monthlyCasesByOrganisation(on day: CivicDate) async throws -> [String: [MonthlyCaseCount]] {
        var result: [String: [MonthlyCaseCount]] = [:]
        let rows = try await client.query("""
            SELECT organisation_id, month, service, cases FROM civic_monthly_cases(\(Consent.statisticsPurpose), \(day.isoString))
            ORDER BY 1, 2, 3
            """, logger: logger)
        for try await (organisation, month, service, cases) in rows.decode((String, String, String, Int).self) {
            result[organisation, default: []].append(MonthlyCaseCount(month: month, service: service, cases: cases))
        }
        return result
    }

    /// Refuses names that could not be used safely as role or organisation names.
    static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.count <= 63,
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) else {
            throw PostgresCasebookError.invalidName(name)
        }
    }
}
