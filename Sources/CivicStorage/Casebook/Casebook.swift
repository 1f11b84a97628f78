import CivicModels
import Foundation
import GRDB

/// An organisation's records in one SQLite file: persons, case files, consents,
/// donations, volunteer shifts and surveys, with an audit log that every change
/// appends to, retention rules, and the data-subject rights of the GDPR.
///
/// Open an existing casebook with ``init(path:actor:)`` and create a new one with
/// ``create(path:organisation:actor:)``. Every method that changes records runs in
/// one transaction together with its audit entry: it happens completely, with its
/// entry, or not at all. The file is in WAL mode with foreign keys on, and deleted
/// content is overwritten (`secure_delete`), so an erased person leaves no bytes
/// behind in free pages.
///
/// ```swift
/// let book = try Casebook.create(path: "verein.casebook",
///                                organisation: Organisation(organisationID: "bv", name: "Beispielverein e.V."),
///                                actor: "m.muster")
/// try book.add(Person(personID: "K-0001", name: "Anna Beispiel"))
/// try book.giveConsent(Consent(consentID: "E-0001", personID: "K-0001", purpose: Consent.statisticsPurpose,
///                              legalBasis: .consent, given: CivicDate(year: 2025, month: 3, day: 1)!))
/// try book.verifyAudit().isIntact   // true
/// ```
///
/// ## Topics
/// - ``init(path:actor:)``
/// - ``create(path:organisation:actor:)``
/// - ``importCases(from:progress:)``
/// - ``monthlyCases(on:)``
/// - ``exportForStatistics(to:purpose:on:)``
/// - ``retention(on:apply:)``
/// - ``subjectAccess(_:on:)``
/// - ``erase(_:)``
/// - ``verifyAudit()``
public struct Casebook: Sendable {
    /// The database (WAL mode, so readers never wait for the writer).
    let database: DatabasePool
    /// Who makes the changes: the name written into each audit entry.
    public let actor: String
    /// The file the casebook lives in.
    public let path: String

    /// Opens the casebook at `path`, migrating it to the current schema if an
    /// earlier version made it.
    ///
    /// - Parameters:
    ///   - path: the casebook's file.
    ///   - actor: who makes the changes (a staff member's login name), for the audit log.
    /// - Throws: ``CasebookError/missingFile(_:)`` when there is no file (use
    ///   ``create(path:organisation:actor:)``), ``CasebookError/notACasebook(_:)`` or
    ///   ``CasebookError/newerVersion(_:)``.
    public init(path: String, actor: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw CasebookError.missingFile(path) }
        try self.init(opening: path, actor: actor)
    }

    /// Creates a new casebook for `organisation` at `path`, readable and writable by
    /// its owner only (mode 0600).
    ///
    /// - Throws: ``CasebookError/fileExists(_:)`` when the file is already there.
    public static func create(path: String, organisation: Organisation, actor: String) throws -> Casebook {
        guard !FileManager.default.fileExists(atPath: path) else { throw CasebookError.fileExists(path) }
        // Readable and writable by its owner only; SQLite gives its write-ahead log
        // and shared-memory files the same permissions.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CasebookError.cannotCreate(path)
        }
        let book = try Casebook(opening: path, actor: actor)
        try book.audited(.create, .organisation) { db in
            try db.execute(sql: """
                INSERT INTO organisation (id, organisation_number, name, legal_form, city, privacy_contact)
                VALUES (1, ?, ?, ?, ?, ?)
                """, arguments: [organisation.organisationID, organisation.name, organisation.legalForm,
                                 organisation.city, organisation.privacyContact])
            return 1
        }
        return book
    }

    private init(opening path: String, actor: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Deleted content is overwritten with zeros, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try database.read { db in
                if try CasebookMigrations.migrator.hasBeenSuperseded(db) { throw CasebookError.newerVersion(path) }
            }
            try CasebookMigrations.migrator.migrate(database)
        } catch let error as CasebookError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw CasebookError.notACasebook(path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // A database of another program: its tables clash with ours.
            throw CasebookError.notACasebook(path)
        }
        self.actor = actor
        self.path = path
    }

    /// The organisation that keeps the casebook (the controller).
    public func organisation() throws -> Organisation {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM organisation WHERE id = 1")!
            return Organisation(organisationID: row["organisation_number"], name: row["name"], legalForm: row["legal_form"],
                                city: row["city"], privacyContact: row["privacy_contact"])
        }
    }

    /// The schema versions this casebook has been migrated through, oldest first.
    public func schemaVersions() throws -> [String] {
        let applied = try database.read { db in try CasebookMigrations.migrator.appliedIdentifiers(db) }
        return CasebookMigrations.versions.filter { applied.contains($0) }
    }

    /// How many records of each kind the casebook holds, by table name.
    public func counts() throws -> [String: Int] {
        try database.read { db in
            var counts: [String: Int] = [:]
            for table in ["persons", "cases", "case_contacts", "case_status_history", "consents", "donations",
                          "volunteer_shifts", "survey_questions", "survey_responses", "audit_log"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    /// Runs `change` in one write transaction and appends its audit entry in the same
    /// transaction. `change` returns the row id of the record it changed.
    func audited(_ action: AuditEntry.Action, _ kind: AuditEntry.RecordKind, detail: String? = nil,
                 _ change: (Database) throws -> Int64) throws {
        try write { db in
            let id = try change(db)
            try AuditLog.append(action, kind, recordID: id, detail: detail, actor: actor, in: db)
        }
    }

    /// Runs `change` in one write transaction; the caller appends its own audit entries.
    /// A constraint SQLite refuses becomes a ``CasebookError`` naming the record kind
    /// and the field, never the value.
    func write<T>(_ change: (Database) throws -> T) throws -> T {
        do {
            return try database.write(change)
        } catch let error as DatabaseError {
            throw CasebookError(error)
        }
    }
}
