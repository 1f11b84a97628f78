import CivicModels
import Foundation

/// Why a redaction could not run. Messages name file, line and column, never
/// the content.
public enum RedactionError: Error, Equatable, Sendable {
    /// The input is not valid UTF-8 at this place.
    case invalidUTF8(source: String, line: Int, column: Int)
    /// A column named on the command line is not in the CSV header.
    case unknownColumn(source: String, column: String, available: [String])
    /// A cell of a date column holds something that is not a date.
    case notADate(source: String, line: Int, column: String)
    /// Options that do not fit together.
    case invalidOptions(String)
}

extension RedactionError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case let .invalidUTF8(source, line, column):
            language.pick(
                de: "\(source), Zeile \(line), Zeichen \(column): kein gültiges UTF-8. Bitte die Datei als UTF-8 speichern.",
                en: "\(source), line \(line), character \(column): not valid UTF-8. Please save the file as UTF-8.")
        case let .unknownColumn(source, column, available):
            language.pick(
                de: "\(source) hat keine Spalte „\(column)“. Vorhanden: \(available.joined(separator: ", ")).",
                en: "\(source) has no column '\(column)'. Columns: \(available.joined(separator: ", ")).")
        case let .notADate(source, line, column):
            language.pick(
                de: "\(source), Zeile \(line), Spalte „\(column)“: kein Datum (erwartet JJJJ-MM-TT oder TT.MM.JJJJ).",
                en: "\(source), line \(line), column '\(column)': not a date (expected YYYY-MM-DD or DD.MM.YYYY).")
        case let .invalidOptions(detail):
            language.pick(de: "Ungültige Optionen: \(detail)", en: "Invalid options: \(detail)")
        }
    }
}
