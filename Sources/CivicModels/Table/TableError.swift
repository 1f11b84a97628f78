import Foundation

/// Why a table could not be built or derived.
public enum TableError: Error, Equatable, Sendable {
    /// The schema and the column list differ in length.
    case columnCountMismatch(fields: Int, columns: Int)
    /// A column's storage does not have its field's type.
    case columnTypeMismatch(field: String, expected: FieldType, found: FieldType)
    /// A column has a different number of rows than the first.
    case columnLengthMismatch(field: String, expected: Int, found: Int)
    /// Two fields share a name.
    case duplicateField(String)
    /// A row has a different number of values than the schema has fields.
    case rowLengthMismatch(row: Int, expected: Int, found: Int)
    /// A value does not have its column's type (row counted from 0).
    case valueTypeMismatch(row: Int, expected: FieldType)
    /// No field has this name.
    case unknownField(String)
    /// Two tables to combine have different fields.
    case schemaMismatch
}

extension TableError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case let .columnCountMismatch(fields, columns):
            return language.pick(de: "Das Schema hat \(fields) Felder, die Tabelle \(columns) Spalten.",
                                 en: "The schema has \(fields) fields but the table \(columns) columns.")
        case let .columnTypeMismatch(field, expected, found):
            return language.pick(de: "Spalte „\(field)“: Typ \(found.rawValue) statt \(expected.rawValue).",
                                 en: "Column '\(field)': type \(found.rawValue) instead of \(expected.rawValue).")
        case let .columnLengthMismatch(field, expected, found):
            return language.pick(de: "Spalte „\(field)“ hat \(found) statt \(expected) Zeilen.",
                                 en: "Column '\(field)' has \(found) rows instead of \(expected).")
        case let .duplicateField(name):
            return language.pick(de: "Der Spaltenname „\(name)“ kommt doppelt vor.",
                                 en: "The column name '\(name)' appears twice.")
        case let .rowLengthMismatch(row, expected, found):
            return language.pick(de: "Zeile \(row + 1) hat \(found) statt \(expected) Werte.",
                                 en: "Row \(row + 1) has \(found) values instead of \(expected).")
        case let .valueTypeMismatch(row, expected):
            return language.pick(de: "Zeile \(row + 1): ein Wert ist nicht vom Typ \(expected.rawValue).",
                                 en: "Row \(row + 1): a value is not of type \(expected.rawValue).")
        case let .unknownField(name):
            return language.pick(de: "Es gibt keine Spalte „\(name)“.", en: "There is no column '\(name)'.")
        case .schemaMismatch:
            return language.pick(de: "Die Tabellen haben verschiedene Spalten.",
                                 en: "The tables have different columns.")
        }
    }
}
