import CivicModels
import Foundation

/// Why a generalisation hierarchy is unusable. Messages name lines, columns and
/// rows, never a value: hierarchies are built from the data.
public enum HierarchyError: Error, Equatable, Sendable {
    /// The hierarchy has no rows.
    case empty
    /// A row has a different number of levels than the first (line from 1).
    case unevenDepth(line: Int, expected: Int, found: Int)
    /// A value has two rows (the second at this line, from 1).
    case duplicateValue(line: Int)
    /// Two values that agree at `level` disagree at the next level (line from 1).
    case inconsistentLevels(line: Int, level: Int)
    /// A value of the data has no row in the hierarchy (row of the table, from 1).
    case valueNotCovered(column: String, row: Int)
    /// The parameters of a builder make no hierarchy (e.g. widths that do not grow).
    /// The reason names parameters and counts, never a value.
    case invalidParameters(BilingualText)
    /// The hierarchy file could not be read.
    case unreadable(file: String, reason: String)
}

extension HierarchyError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .empty:
            return language.pick(de: "Die Hierarchie ist leer.", en: "The hierarchy is empty.")
        case let .unevenDepth(line, expected, found):
            return language.pick(de: "Hierarchie, Zeile \(line): \(found) Stufen statt \(expected).",
                                 en: "Hierarchy, line \(line): \(found) levels instead of \(expected).")
        case .duplicateValue(let line):
            return language.pick(de: "Hierarchie, Zeile \(line): der Wert dieser Zeile steht schon in einer früheren.",
                                 en: "Hierarchy, line \(line): this line's value already has an earlier line.")
        case let .inconsistentLevels(line, level):
            return language.pick(
                de: "Hierarchie, Zeile \(line): Stufe \(level) wird nicht einheitlich zu Stufe \(level + 1) vergröbert.",
                en: "Hierarchy, line \(line): level \(level) does not generalise consistently to level \(level + 1).")
        case let .valueNotCovered(column, row):
            return language.pick(de: "Spalte „\(column)“, Zeile \(row): der Wert fehlt in der Hierarchie (oder ist leer).",
                                 en: "Column '\(column)', row \(row): the value is missing from the hierarchy (or empty).")
        case .invalidParameters(let reason):
            return language.pick(de: "Ungültige Hierarchie-Parameter: \(reason.german)",
                                 en: "Invalid hierarchy parameters: \(reason.english)")
        case let .unreadable(file, reason):
            return language.pick(de: "\(file): Hierarchie nicht lesbar (\(reason)).",
                                 en: "\(file): cannot read the hierarchy (\(reason)).")
        }
    }
}
