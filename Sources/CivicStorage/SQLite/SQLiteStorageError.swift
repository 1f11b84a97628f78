import CivicModels
import Foundation

/// Why a table could not be imported into or read from SQLite.
public enum SQLiteStorageError: Error, Equatable, Sendable {
    /// The database already has a table of this name (and replacing was not asked for).
    case tableExists(String)
    /// The database has no table of this name.
    case noSuchTable(String)
    /// SQLite refused a row; `row` counts from 1. The import was rolled back.
    case rowRejected(table: String, row: Int, reason: String)
    /// A stored value does not fit the column type recorded for it.
    case unreadableValue(table: String, column: String, row: Int)
    /// A table or column name SQLite cannot hold (empty).
    case invalidName(String)
}

extension SQLiteStorageError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .tableExists(let name):
            return language.pick(de: "Die Datenbank hat schon eine Tabelle „\(name)“.",
                                 en: "The database already has a table '\(name)'.")
        case .noSuchTable(let name):
            return language.pick(de: "Die Datenbank hat keine Tabelle „\(name)“.",
                                 en: "The database has no table '\(name)'.")
        case let .rowRejected(table, row, reason):
            return language.pick(
                de: "Tabelle „\(table)“, Zeile \(row): SQLite lehnt die Zeile ab (\(reason)). Nichts wurde importiert.",
                en: "Table '\(table)', row \(row): SQLite rejected the row (\(reason)). Nothing was imported.")
        case let .unreadableValue(table, column, row):
            return language.pick(de: "Tabelle „\(table)“, Zeile \(row), Spalte „\(column)“: der Wert passt nicht zum Typ.",
                                 en: "Table '\(table)', row \(row), column '\(column)': the value does not fit the type.")
        case .invalidName(let name):
            return language.pick(de: "„\(name)“ ist kein gültiger Name.", en: "'\(name)' is not a valid name.")
        }
    }
}
