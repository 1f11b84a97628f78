import CivicModels
import Foundation

/// Why a privacy computation could not run.
public enum PrivacyError: Error, Equatable, Sendable {
    /// The table has no column of this name.
    case unknownColumn(String)
    /// A privacy parameter that makes no sense (k below 1, a suppression limit
    /// outside 0...1, ...). The reason names parameters and columns, never a value of the data.
    case invalidParameter(BilingualText)
    /// No transformation satisfies the privacy criteria within the suppression limit.
    case noSolution
    /// The column that identifies persons (the privacy unit) is empty in this row
    /// (from 1): the row's person is unknown, so it cannot be counted safely.
    case missingPrivacyUnit(column: String, row: Int)
    /// The heuristic search evaluated this many transformations without finding
    /// one that qualifies; a larger budget, or the optimal search, may find one.
    case noSolutionWithinBudget(Int)
}

extension PrivacyError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .unknownColumn(let name):
            return language.pick(de: "Es gibt keine Spalte „\(name)“.", en: "There is no column '\(name)'.")
        case .invalidParameter(let reason):
            return language.pick(de: "Ungültiger Datenschutz-Parameter: \(reason.german)",
                                 en: "Invalid privacy parameter: \(reason.english)")
        case let .missingPrivacyUnit(column, row):
            return language.pick(
                de: "Die Personenspalte „\(column)“ ist in Zeile \(row) leer; ohne Person lässt sich nicht in Personen zählen.",
                en: "The person column '\(column)' is empty in row \(row); a row without a person cannot be counted in persons.")
        case .noSolution:
            return language.pick(
                de: "Keine Vergröberung erfüllt die Datenschutz-Anforderungen innerhalb der Unterdrückungsgrenze. Es wird nichts geschrieben.",
                en: "No generalisation meets the privacy requirements within the suppression limit. Nothing is written.")
        case .noSolutionWithinBudget(let nodes):
            return language.pick(
                de: "Die heuristische Suche hat \(language.integer(nodes)) Vergröberungen geprüft und keine gefunden, die die Anforderungen erfüllt. "
                    + "Ein größeres Budget (search: {mode: heuristic, max-nodes: N}) oder die optimale Suche (search: {mode: optimal}) findet vielleicht eine. Es wird nichts geschrieben.",
                en: "The heuristic search checked \(language.integer(nodes)) generalisations and found none that meets the requirements. "
                    + "A larger budget (search: {mode: heuristic, max-nodes: N}) or the optimal search (search: {mode: optimal}) may find one. Nothing is written.")
        }
    }
}

/// Reasons for ``PrivacyError/invalidParameter(_:)`` that several mechanisms give.
extension BilingualText {
    /// A release needs numbers, and `column` holds other values.
    static func notANumberColumn(_ column: String) -> BilingualText {
        BilingualText(de: "„\(column)“ ist keine Zahlenspalte", en: "\(column): not a number column")
    }

    /// Epsilon of zero (no privacy cost) releases nothing.
    static let epsilonNotPositive = BilingualText(de: "epsilon muss positiv sein", en: "epsilon must be positive")

    /// The exact discrete Laplace sampler cannot draw noise of this scale.
    static let epsilonTooSmallForExactNoise = BilingualText(
        de: "epsilon ist zu klein (oder hat zu viele Nachkommastellen) für exaktes Rauschen",
        en: "epsilon is too small (or has too many decimal places) for exact noise")

    /// The bounds, counted in steps of the resolution, overflow the arithmetic.
    static let boundsTooLarge = BilingualText(de: "Grenzen / Auflösung zu groß", en: "bounds / resolution too large")
}
