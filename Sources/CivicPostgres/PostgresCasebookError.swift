import CivicModels
import Foundation

/// Why the shared casebook could not be reached or set up. Names the server without
/// a password, never a record's values.
public enum PostgresCasebookError: Error, Equatable, Sendable {
    /// The text is not a `postgres://` URL with a user and a database.
    case invalidLocation(String)
    /// The server could not be reached or refused the login; what it said.
    case unreachable(location: String, reason: String)
    /// A name for a login role or organisation that is not lower-case letters,
    /// digits, `-` and `_`.
    case invalidName(String)
    /// The organisation is not registered.
    case unknownOrganisation(String)
    /// A shared casebook was opened without saying for which organisation.
    case organisationMissing
    /// The connection to the server was lost while work was under way; the unfinished
    /// change was not kept.
    case connectionLost(location: String)
    /// The work is not yet possible in the shared casebook (only in an SQLite file);
    /// names the work.
    case notAvailableInSharedCasebook(BilingualText)
}

extension PostgresCasebookError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .invalidLocation(let url):
            return language.pick(de: "\(url) ist keine Datenbankadresse der Form postgres://BENUTZER@RECHNER:PORT/DATENBANK.",
                                 en: "\(url) is not a database address of the form postgres://USER@HOST:PORT/DATABASE.")
        case let .unreachable(location, reason):
            return language.pick(de: "Die Datenbank \(location) ist nicht erreichbar oder lehnt die Anmeldung ab: \(reason)",
                                 en: "The database \(location) cannot be reached or refuses the login: \(reason)")
        case .invalidName(let name):
            return language.pick(de: "„\(name)“ ist als Name nicht erlaubt: nur Kleinbuchstaben, Ziffern, - und _.",
                                 en: "'\(name)' is not allowed as a name: lower-case letters, digits, - and _ only.")
        case .unknownOrganisation(let id):
            return language.pick(de: "Die Organisation \(id) ist in der gemeinsamen Datenbank nicht eingetragen.",
                                 en: "The organisation \(id) is not registered in the shared database.")
        case .organisationMissing:
            return language.pick(de: "Für die gemeinsame Datenbank fehlt die Organisation (--organisation-id KENNUNG).",
                                 en: "The shared database needs the organisation (--organisation-id ID).")
        case .connectionLost(let location):
            return language.pick(de: "Die Verbindung zu \(location) ist abgebrochen; die unfertige Änderung wurde nicht gespeichert.",
                                 en: "The connection to \(location) was lost; the unfinished change was not kept.")
        case .notAvailableInSharedCasebook(let work):
            return language.pick(de: "\(work.german) geht bisher nur in einem Fallbuch als SQLite-Datei, nicht in der gemeinsamen Datenbank.",
                                 en: "\(work.english) works only in a casebook in an SQLite file so far, not in the shared database.")
        }
    }
}
