import CivicModels
import Foundation

/// Why an analysis could not run.
///
/// Each case names the column (and group) concerned, so a message can tell a
/// non-statistician what to change; none carries a data value.
public enum AnalysisError: Error, Equatable, Sendable {
    /// The table has no column of this name.
    case unknownColumn(String)
    /// The column must hold numbers for this computation.
    case notNumeric(String)
    /// The column must hold dates for this computation.
    case notDates(String)
    /// A period must be month, quarter or year.
    case unknownPeriod(String)
    /// No key columns were given for a grouping.
    case noGroupingColumns
    /// A computation needs at least `needed` values and got `found` (in `group`
    /// when the data was split by a column).
    case tooFewValues(column: String, group: String?, needed: Int, found: Int)
    /// All values are equal, so a spread-based statistic (a t statistic, a
    /// correlation, a skewness) is undefined.
    case constantValues(column: String, group: String?)
    /// The grouping column has no group of this value.
    case unknownGroup(column: String, group: String)
    /// The grouping column must have exactly `expected` values; it has `found`.
    case wrongNumberOfGroups(column: String, expected: Int, found: Int)
    /// A weight is negative, or all weights are zero.
    case invalidWeights(column: String)
    /// The predictors of a regression are linearly dependent; `column` is the first
    /// one that repeats information the others already carry.
    case singularDesign(column: String)
    /// The predictors explain the response exactly (no residual variance), so
    /// standard errors and p-values are undefined; often the response is computed
    /// from a predictor.
    case perfectFit(response: String)
    /// A logistic regression's outcome is predicted perfectly by the predictors, so
    /// the estimates grow without bound.
    case perfectSeparation
    /// An iterative fit did not settle within its iteration limit.
    case notConverged(iterations: Int)
    /// A value's magnitude exceeds what the computation can square and sum
    /// without overflow.
    case valuesTooLarge(column: String, limit: Double)
    /// A contingency table needs at least two rows and two columns with counts.
    case tableTooSmall(rows: Int, columns: Int)
}

extension AnalysisError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .unknownColumn(let name):
            return language.pick(de: "Es gibt keine Spalte „\(name)“.", en: "There is no column '\(name)'.")
        case .notNumeric(let name):
            return language.pick(de: "Die Spalte „\(name)“ enthält keine Zahlen.",
                                 en: "The column '\(name)' does not hold numbers.")
        case .notDates(let name):
            return language.pick(de: "Die Spalte „\(name)“ enthält keine Datumswerte.",
                                 en: "The column '\(name)' does not hold dates.")
        case .unknownPeriod(let name):
            return language.pick(de: "Unbekannter Zeitraum „\(name)“; möglich sind month, quarter, year.",
                                 en: "Unknown period '\(name)'; use month, quarter or year.")
        case .noGroupingColumns:
            return language.pick(de: "Zum Gruppieren mindestens eine Spalte angeben.",
                                 en: "Name at least one column to group by.")
        case .tooFewValues(let column, let group, let needed, let found):
            let (whereDE, whereEN) = Self.groupPhrases(group)
            return language.pick(
                de: "Die Spalte „\(column)“ hat\(whereDE) \(found) gültige Werte; nötig sind mindestens \(needed).",
                en: "The column '\(column)' has \(found) valid values\(whereEN); at least \(needed) are needed.")
        case .constantValues(let column, let group):
            let (whereDE, whereEN) = Self.groupPhrases(group)
            return language.pick(
                de: "Alle Werte der Spalte „\(column)“\(whereDE) sind gleich; ohne Streuung ist das Ergebnis nicht definiert.",
                en: "All values of '\(column)'\(whereEN) are equal; without spread the result is undefined.")
        case .unknownGroup(let column, let group):
            return language.pick(de: "Die Spalte „\(column)“ hat keine Gruppe „\(group)“.",
                                 en: "The column '\(column)' has no group '\(group)'.")
        case .wrongNumberOfGroups(let column, let expected, let found):
            return language.pick(
                de: "Die Spalte „\(column)“ muss genau \(expected) verschiedene Werte haben, sie hat \(found).",
                en: "The column '\(column)' must have exactly \(expected) distinct values; it has \(found).")
        case .invalidWeights(let column):
            return language.pick(
                de: "Die Gewichte in „\(column)“ müssen Zahlen ≥ 0 sein, und nicht alle 0.",
                en: "The weights in '\(column)' must be numbers >= 0, not all zero.")
        case .singularDesign(let column):
            return language.pick(
                de: "Die Einflussgröße „\(column)“ lässt sich aus den anderen berechnen (singuläre Designmatrix); bitte weglassen.",
                en: "The predictor '\(column)' can be computed from the others (singular design matrix); leave it out.")
        case .perfectFit(let response):
            return language.pick(
                de: "Die Einflussgrößen erklären „\(response)“ exakt (keine Reststreuung); Standardfehler und p-Werte sind nicht definiert. Oft wird die Zielgröße aus einer Einflussgröße berechnet.",
                en: "The predictors explain '\(response)' exactly (no residual variance); standard errors and p-values are undefined. Often the response is computed from a predictor.")
        case .perfectSeparation:
            return language.pick(
                de: "Die Einflussgrößen sagen das Ergebnis perfekt voraus (vollständige Trennung); die Schätzer wachsen unbegrenzt.",
                en: "The predictors predict the outcome perfectly (complete separation); the estimates grow without bound.")
        case .notConverged(let iterations):
            return language.pick(
                de: "Die Schätzung hat nach \(iterations) Schritten nicht konvergiert.",
                en: "The fit did not converge after \(iterations) iterations.")
        case .valuesTooLarge(let column, let limit):
            let shown = "\(limit)"
            return language.pick(
                de: "Die Spalte „\(column)“ enthält Beträge über \(shown); damit liefe die Rechnung über. Die Spalte bitte vorher umskalieren (etwa durch 10⁶ teilen).",
                en: "The column '\(column)' holds magnitudes above \(shown), which would overflow the computation. Rescale the column first (divide by 10^6, say).")
        case .tableTooSmall(let rows, let columns):
            return language.pick(
                de: "Die Kreuztabelle hat \(rows) × \(columns) besetzte Zeilen und Spalten; nötig sind mindestens 2 × 2.",
                en: "The cross table has \(rows) x \(columns) non-empty rows and columns; at least 2 x 2 are needed.")
        }
    }
}

extension AnalysisError {
    /// " in der Gruppe „b“" / " in group 'b'", or nothing without a group.
    private static func groupPhrases(_ group: String?) -> (de: String, en: String) {
        guard let group else { return ("", "") }
        return (" in der Gruppe „\(group)“", " in group '\(group)'")
    }
}

extension Table {
    /// The column called `name`, or ``AnalysisError/unknownColumn(_:)``.
    func requireColumn(_ name: String) throws(AnalysisError) -> ColumnData {
        guard let column = column(named: name) else { throw .unknownColumn(name) }
        return column
    }
}
