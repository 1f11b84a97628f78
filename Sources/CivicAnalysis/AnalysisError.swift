import CivicModels
import Foundation

/// Why an analysis could not run.
public enum AnalysisError: Error, Equatable, Sendable {
    /// The table has no column of this name.
    case unknownColumn(String)
    /// The column must hold numbers for this computation.
    case notNumeric(String)
    /// No key columns were given for a grouping.
    case noGroupingColumns
}

extension AnalysisError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .unknownColumn(let name):
            return language.pick(de: "Es gibt keine Spalte „\(name)“.", en: "There is no column '\(name)'.")
        case .notNumeric(let name):
            return language.pick(de: "Die Spalte „\(name)“ enthält keine Zahlen.",
                                 en: "The column '\(name)' does not hold numbers.")
        case .noGroupingColumns:
            return language.pick(de: "Zum Gruppieren mindestens eine Spalte angeben.",
                                 en: "Name at least one column to group by.")
        }
    }
}

extension Table {
    /// The column called `name`, or ``AnalysisError/unknownColumn(_:)``.
    func requireColumn(_ name: String) throws(AnalysisError) -> ColumnData {
        guard let column = column(named: name) else { throw .unknownColumn(name) }
        return column
    }
}
