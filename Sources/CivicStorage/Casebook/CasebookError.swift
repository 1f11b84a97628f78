import CivicModels
import Foundation
import GRDB

/// Why a casebook refused an operation. Messages name files, record kinds and
/// fields, never a value or a person's number.
public enum CasebookError: Error, Equatable, Sendable {
    /// There is no casebook at this path.
    case missingFile(String)
    /// A file is already at this path (a new casebook is never written over one).
    case fileExists(String)
    /// The casebook's file cannot be created there (no such folder, or no permission).
    case cannotCreate(String)
    /// The file is not a casebook (another database, or not a database at all).
    case notACasebook(String)
    /// A newer version of CivicDataKit made this casebook; this one cannot read it safely.
    case newerVersion(String)
    /// No record of this kind has the number given.
    case noSuchRecord(AuditEntry.RecordKind)
    /// A record of this kind with the same number, or the same unique field, exists.
    case duplicate(AuditEntry.RecordKind, field: String)
    /// The database refused a value: the field and the rule it breaks.
    case rejected(table: String, field: String?, rule: Rule)
    /// An import file lacks columns the casebook needs.
    case missingColumns(file: String, columns: [String])
    /// An import file has columns the casebook does not know (it would drop them silently).
    case unknownColumns(file: String, columns: [String])
    /// A value in an import file cannot be read: file, line (counting the header as 1) and column.
    case unreadableValue(file: String, line: Int, column: String)
    /// The consent was withdrawn before; its withdrawal stands.
    case alreadyWithdrawn
    /// The database refused: the user may not do this to records of this kind in
    /// this organisation (a shared casebook keeps each user to their own).
    case notPermitted(AuditEntry.RecordKind)
    /// An anonymous residue was asked for records that cannot leave one.
    case noResidue(RetentionRule.Records)
    /// A retention rule with a negative period.
    case invalidRetentionPeriod(RetentionRule.Records)

    /// The kinds of rule the database enforces.
    public enum Rule: String, Sendable {
        /// A required field is empty.
        case required
        /// The value breaks the field's rule (a format, a range, a list of allowed values).
        case check
        /// The value must be unique and is not.
        case unique
        /// The record refers to one that does not exist, or is referred to by others.
        case reference
        /// Another rule of the database.
        case other
    }

    /// Translates SQLite's constraint errors (whose messages name the table and
    /// column, or the constraint, which the schema names after its column).
    init(_ error: DatabaseError) {
        let message = error.message ?? ""
        let subject = message.split(separator: ":", maxSplits: 1).dropFirst().first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let tableAndField = subject.split(separator: ",").first.map { $0.split(separator: ".").map(String.init) } ?? []
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_NOTNULL:
            self = .rejected(table: tableAndField.first ?? "", field: tableAndField.last, rule: .required)
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            self = .rejected(table: tableAndField.first ?? "", field: tableAndField.last, rule: .unique)
        case .SQLITE_CONSTRAINT_CHECK:
            self = .rejected(table: "", field: subject.isEmpty ? nil : subject, rule: .check)
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            self = .rejected(table: "", field: nil, rule: .reference)
        default:
            self = .rejected(table: "", field: nil, rule: .other)
        }
    }
}

extension CasebookError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .missingFile(let path):
            return language.pick(de: "Es gibt kein Fallbuch unter \(path). Mit „init“ anlegen.",
                                 en: "There is no casebook at \(path). Create one with 'init'.")
        case .fileExists(let path):
            return language.pick(de: "Unter \(path) liegt schon eine Datei; ein neues Fallbuch überschreibt nichts.",
                                 en: "A file is already at \(path); a new casebook overwrites nothing.")
        case .cannotCreate(let path):
            return language.pick(de: "Das Fallbuch \(path) kann dort nicht angelegt werden (Ordner fehlt oder keine Schreibrechte).",
                                 en: "The casebook \(path) cannot be created there (no such folder, or no permission to write).")
        case .notACasebook(let path):
            return language.pick(de: "\(path) ist kein Fallbuch von CivicDataKit.", en: "\(path) is not a CivicDataKit casebook.")
        case .newerVersion(let path):
            return language.pick(de: "\(path) wurde von einer neueren Version angelegt; bitte CivicDataKit aktualisieren.",
                                 en: "A newer version made \(path); please update CivicDataKit.")
        case .noSuchRecord(let kind):
            return language.pick(de: "Kein Datensatz der Art „\(kind.rawValue)“ hat diese Nummer.",
                                 en: "No record of kind '\(kind.rawValue)' has this number.")
        case let .duplicate(kind, field):
            return language.pick(de: "Ein Datensatz der Art „\(kind.rawValue)“ hat schon diesen Wert in „\(field)“.",
                                 en: "A record of kind '\(kind.rawValue)' already has this value in '\(field)'.")
        case let .rejected(table, field, rule):
            let place = [table, field ?? ""].filter { !$0.isEmpty }.joined(separator: ".")
            let what = place.isEmpty ? "" : " (\(place))"
            switch rule {
            case .required: return language.pick(de: "Pflichtfeld fehlt\(what).", en: "A required field is empty\(what).")
            case .check: return language.pick(de: "Der Wert passt nicht zur Regel des Felds\(what).",
                                              en: "The value breaks the field's rule\(what).")
            case .unique: return language.pick(de: "Der Wert ist schon vergeben\(what).", en: "The value is already taken\(what).")
            case .reference: return language.pick(de: "Der Datensatz verweist auf einen, den es nicht gibt, oder andere verweisen auf ihn.",
                                                  en: "The record refers to one that does not exist, or others refer to it.")
            case .other: return language.pick(de: "Die Datenbank lehnt die Änderung ab\(what).",
                                              en: "The database refused the change\(what).")
            }
        case let .missingColumns(file, columns):
            return language.pick(de: "\(file): es fehlen die Spalten \(columns.joined(separator: ", ")).",
                                 en: "\(file): the columns \(columns.joined(separator: ", ")) are missing.")
        case let .unknownColumns(file, columns):
            return language.pick(de: "\(file): unbekannte Spalten \(columns.joined(separator: ", ")); nichts wurde importiert.",
                                 en: "\(file): unknown columns \(columns.joined(separator: ", ")); nothing was imported.")
        case let .unreadableValue(file, line, column):
            return language.pick(de: "\(file), Zeile \(line), Spalte „\(column)“: der Wert ist nicht lesbar. Nichts wurde importiert.",
                                 en: "\(file), line \(line), column '\(column)': the value cannot be read. Nothing was imported.")
        case .alreadyWithdrawn:
            return language.pick(de: "Diese Einwilligung ist schon widerrufen; der Widerruf gilt ab seinem Tag.",
                                 en: "This consent was withdrawn before; the withdrawal stands from its day.")
        case .notPermitted(let kind):
            return language.pick(
                de: "Die Datenbank erlaubt Ihnen das nicht (Datensatzart \(kind.rawValue)): Sie arbeiten nur mit den Akten Ihrer eigenen Organisation und in Ihrer Rolle.",
                en: "The database does not permit this (record kind \(kind.rawValue)): you work only with your own organisation's records and in your role.")
        case .noResidue(let records):
            return language.pick(de: "Für „\(records.rawValue)“ gibt es keinen statistischen Rest; nur „delete“ ist möglich.",
                                 en: "'\(records.rawValue)' cannot leave a statistical residue; only 'delete' is possible.")
        case .invalidRetentionPeriod(let records):
            return language.pick(de: "Die Aufbewahrungsfrist für „\(records.rawValue)“ ist negativ.",
                                 en: "The retention period for '\(records.rawValue)' is negative.")
        }
    }
}
