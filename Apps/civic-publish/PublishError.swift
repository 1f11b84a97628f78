import CivicModels
import Foundation

/// Why `civic-publish` refused to publish. Messages name columns and rows, never values.
enum PublishError: Error, LocalizedMessageError {
    /// Columns nobody classified: not published, so the run stops.
    case unclassifiedColumns([String])
    /// The input file is missing.
    case missingInput(String)
    /// A check after anonymisation failed.
    case checkFailed(String)
    /// Nothing is left to publish.
    case nothingToPublish

    func message(in language: Language) -> String {
        switch self {
        case .unclassifiedColumns(let names):
            let list = names.joined(separator: ", ")
            return language.pick(
                de: "Die Spalten \(list) sind nicht eingestuft; ohne Einstufung wird nichts veröffentlicht. "
                    + "Geben Sie in publish.yaml unter attributes eine Rolle an (identifier, pseudonym, free-text, "
                    + "quasi-identifier, sensitive, insensitive).",
                en: "The columns \(list) are not classified, and nothing unclassified is published. "
                    + "Give each a role under attributes in publish.yaml (identifier, pseudonym, free-text, "
                    + "quasi-identifier, sensitive, insensitive).")
        case .missingInput(let path):
            return language.pick(de: "Die Eingabedatei \(path) fehlt (--input DATEI).",
                                 en: "The input file \(path) does not exist (--input FILE).")
        case .checkFailed(let what):
            return language.pick(de: "Prüfung nach der Anonymisierung fehlgeschlagen: \(what). Es wird nichts veröffentlicht.",
                                 en: "A check after anonymisation failed: \(what). Nothing is published.")
        case .nothingToPublish:
            return language.pick(de: "Nach der Anonymisierung bleibt keine Zeile übrig. Es wird nichts veröffentlicht.",
                                 en: "No row is left after anonymisation. Nothing is published.")
        }
    }
}
