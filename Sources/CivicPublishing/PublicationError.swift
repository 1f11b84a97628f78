import Foundation
import CivicModels

/// Why a publication was refused. Messages name files, columns, rows and
/// criteria, never a data value.
public enum PublicationError: Error, Equatable, Sendable {
    /// The settings file is not readable, or a key is unknown or of the wrong kind.
    case invalidSettings(file: String, reason: BilingualText)
    /// A setting has an unusable value.
    case invalidSetting(key: String, reason: BilingualText)
    /// The input file does not exist.
    case missingInput(String)
    /// Columns neither the settings nor the profile classify: nothing unclassified is published.
    case unclassifiedColumns([String])
    /// The settings give a role to a column the data lacks.
    case unknownColumn(String)
    /// A check of the publication failed (see ``PublicationAudit``); the reason names
    /// columns, rows and criteria, never a value.
    case checkFailed(BilingualText)
    /// No row is left after anonymisation.
    case nothingToPublish
    /// Columns that would be published as they are hold values that look like direct identifiers.
    case identifyingColumns([String])
    /// Publishing the person key needs more rows suppressed (whole persons) than the limit allows.
    case wholePersonsExceedSuppression(rows: Int, allowed: Int)
    /// A column declared derived from another (see ``ColumnDerivation``) does not
    /// follow from it on `rows` rows of `file`.
    case derivationBroken(file: String, column: String, source: String, rows: Int)
}

extension PublicationError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case let .invalidSettings(file, reason):
            return language.pick(de: "Einstellungen \(file): \(reason.german)", en: "Settings \(file): \(reason.english)")
        case let .invalidSetting(key, reason):
            return language.pick(de: "Einstellung „\(key)“: \(reason.german)", en: "Setting '\(key)': \(reason.english)")
        case .missingInput(let path):
            return language.pick(de: "Die Eingabedatei \(path) fehlt (--input DATEI).",
                                 en: "The input file \(path) does not exist (--input FILE).")
        case .unclassifiedColumns(let names):
            let list = names.joined(separator: ", ")
            let roles = AttributeRole.allCases.map(\.rawValue).joined(separator: ", ")
            return language.pick(
                de: "Die Spalten \(list) sind nicht eingestuft; ohne Einstufung wird nichts veröffentlicht. "
                    + "Geben Sie in publish.yaml unter attributes eine Rolle an (\(roles)).",
                en: "The columns \(list) are not classified, and nothing unclassified is published. "
                    + "Give each a role under attributes in publish.yaml (\(roles)).")
        case .unknownColumn(let name):
            return language.pick(de: "Einstellungen: die Daten haben keine Spalte „\(name)“.",
                                 en: "Settings: the data has no column '\(name)'.")
        case .checkFailed(let reason):
            return language.pick(de: "Prüfung nach der Anonymisierung fehlgeschlagen: \(reason.german). "
                                     + "Es wird nichts veröffentlicht.",
                                 en: "A check after anonymisation failed: \(reason.english). Nothing is published.")
        case .nothingToPublish:
            return language.pick(de: "Nach der Anonymisierung bleibt keine Zeile übrig. Es wird nichts veröffentlicht.",
                                 en: "No row is left after anonymisation. Nothing is published.")
        case .identifyingColumns(let names):
            let list = names.joined(separator: ", ")
            return language.pick(
                de: "Die Spalten \(list) würden unverändert veröffentlicht, enthalten aber Werte, die wie Namen, Kontaktdaten oder "
                    + "Kennnummern aussehen. Stufen Sie sie als identifier oder free-text ein, oder, wenn Sie sicher sind, "
                    + "nennen Sie sie unter allow-identifiers.",
                en: "The columns \(list) would be published as they are but hold values that look like names, contact details "
                    + "or identification numbers. Classify them as identifier or free-text, or, if you are sure, list them "
                    + "under allow-identifiers.")
        case let .wholePersonsExceedSuppression(rows, allowed):
            return language.pick(
                de: "Mit veröffentlichter Personenkennung müssten \(rows) Zeilen unterdrückt werden, erlaubt sind \(allowed). "
                    + "Setzen Sie publish-privacy-unit: false (die Kennung wird dann nicht veröffentlicht) oder erlauben Sie mehr Unterdrückung.",
                en: "With the person key published, \(rows) rows would have to be suppressed, but only \(allowed) may be. "
                    + "Set publish-privacy-unit: false (the key is then not published) or allow more suppression.")
        case let .derivationBroken(file, column, source, rows):
            return language.pick(
                de: "\(file): die Spalte „\(column)“ soll aus „\(source)“ abgeleitet sein, aber in "
                    + "\(Language.german.integer(rows)) Zeilen folgt sie nicht daraus. Berichtigen Sie die Daten, ändern Sie "
                    + "die Angabe unter derived in publish.yaml oder stufen Sie „\(source)“ unter attributes selbst ein. "
                    + "Es wird nichts veröffentlicht.",
                en: "\(file): the column '\(column)' is declared derived from '\(source)', but on \(rows) rows it does not "
                    + "follow from it. Correct the data, change the declaration under derived in publish.yaml, or classify "
                    + "'\(source)' under attributes yourself. Nothing is published.")
        }
    }
}
