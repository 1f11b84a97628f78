import CivicModels
import CivicStorage
import Foundation

/// Where a casebook lives, as a user names it: an SQLite file for one office, or a
/// shared PostgreSQL database for many. Apps take it as one option
/// (`--database civic-casebook.sqlite`, `sqlite:akten.sqlite` or
/// `postgres://anna@db.local/casebook`) and open the store it names.
///
/// ```swift
/// let database = try CasebookDatabase("postgres://anna@db.local/casebook")
/// let store = try await database.open(organisation: "sb-nord", actor: "anna")
/// try await store.add(Person(personID: "K-1", name: "Erika Beispiel"))
/// await database.close(store)
/// ```
public enum CasebookDatabase: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file (`Casebook` of CivicStorage).
    case sqlite(path: String)
    /// A shared PostgreSQL database (``PostgresCasebook``).
    case postgres(PostgresLocation)

    /// The casebook `text` names: a `postgres://` or `postgresql://` URL, `sqlite:PATH`,
    /// or a plain path of an SQLite file.
    ///
    /// - Throws: ``PostgresCasebookError/invalidLocation(_:)`` for a PostgreSQL URL
    ///   without a user or database (named without its password).
    public init(_ text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(text))
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Whether the casebook is the shared PostgreSQL one.
    public var isShared: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// The casebook for messages: the file's path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let location): return location.description
        }
    }

    /// Opens the store.
    ///
    /// - Parameters:
    ///   - organisation: whose records to work on in a shared database; an SQLite
    ///     file holds one organisation's and ignores it.
    ///   - actor: who makes the changes, for the SQLite audit log; a shared
    ///     database records the login instead, which the user cannot choose.
    /// - Throws: ``PostgresCasebookError/organisationMissing`` for a shared
    ///   database without an organisation, and whatever opening the store throws.
    public func open(organisation: String?, actor: String) async throws -> any CasebookStore {
        switch self {
        case .sqlite(let path):
            return try Casebook(path: path, actor: actor)
        case .postgres(let location):
            guard let organisation, !organisation.isEmpty else { throw PostgresCasebookError.organisationMissing }
            return try await PostgresCasebook.connect(to: location, organisation: organisation, connections: 2)
        }
    }

    /// Closes a store this database opened (a shared one's connections; an SQLite
    /// file needs nothing).
    public func close(_ store: any CasebookStore) async {
        if let shared = store as? PostgresCasebook { await shared.close() }
    }
}
