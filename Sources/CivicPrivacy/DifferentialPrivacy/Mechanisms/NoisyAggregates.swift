import CivicModels
import Foundation

/// Counts per category with discrete Laplace noise: epsilon-differentially private
/// for whole persons, each contributing at most the ``ContributionBound``'s rows.
///
/// Adding or removing one row changes one count by 1, a person of N rows the counts
/// by N in all (L1 sensitivity N), so noise of scale N/epsilon on every count costs
/// epsilon per person. The categories must be
/// known beforehand (from the form, a code list): taking them from the data would
/// publish which values occur, unprotected.
///
/// ```swift
/// var random = SecureRandom()
/// let counts = try NoisyCounts(table, column: "service", categories: ["A", "B"], epsilon: Rational("0.5")!,
///                              bound: try ContributionBound(privacyUnit: "client_id", maxRowsPerPerson: 2),
///                              using: &random)
/// ```
public struct NoisyCounts: Sendable, Equatable {
    /// The categories, in the order given.
    public let categories: [String]
    /// One noisy count per category (may be negative: noise is unbiased).
    public let counts: [Int64]
    /// The privacy cost.
    public let epsilon: Rational
    /// How many rows held a value outside the categories (or missing); they are not counted.
    public let uncounted: Int
    /// The most rows one person contributes: the sensitivity's factor.
    public let maxRowsPerPerson: Int

    /// How much one person can change the counts in all (L1): one count by one per row.
    public var sensitivity: Int { maxRowsPerPerson }

    /// The noise's scale (sensitivity over epsilon).
    public var scale: Rational { Rational(epsilon.denominator * UInt64(maxRowsPerPerson), epsilon.numerator) }

    /// Counts `column`'s values among `categories` with noise, after keeping at most
    /// `bound`'s rows of each person.
    public init(_ table: Table, column: String, categories: [String], epsilon: Rational, bound: ContributionBound,
                using random: inout some RandomWordSource) throws(PrivacyError) {
        let table = try bound.apply(to: table, using: &random)
        guard let data = table.column(named: column) else { throw .unknownColumn(column) }
        try self.init(labels: data.texts, categories: categories, epsilon: epsilon,
                      maxRowsPerPerson: bound.maxRowsPerPerson, using: &random)
    }

    /// Counts `labels` (`nil` for none) among `categories` with noise, each person
    /// having at most `maxRowsPerPerson` of the labels (bounded by the caller).
    public init(labels: [String?], categories: [String], epsilon: Rational, maxRowsPerPerson: Int = 1,
                using random: inout some RandomWordSource) throws(PrivacyError) {
        guard !categories.isEmpty, Set(categories).count == categories.count else {
            throw .invalidParameter(BilingualText(de: "Kategorien: eine nicht leere Liste ohne Wiederholungen",
                                                  en: "categories: a non-empty list without repeats"))
        }
        guard epsilon.numerator > 0 else { throw .invalidParameter(.epsilonNotPositive) }
        guard maxRowsPerPerson >= 1,
              !epsilon.denominator.multipliedReportingOverflow(by: UInt64(maxRowsPerPerson)).overflow else {
            throw .invalidParameter(BilingualText(
                de: "Zeilen je Person: mindestens 1 und klein genug für die Nachkommastellen von epsilon",
                en: "rows per person: at least 1, and small enough for epsilon's decimal places"))
        }
        var index: [String: Int] = [:]
        for (i, category) in categories.enumerated() { index[category] = i }
        var exact = [Int64](repeating: 0, count: categories.count)
        var uncounted = 0
        for label in labels {
            if let label, let i = index[label] { exact[i] += 1 } else { uncounted += 1 }
        }
        self.categories = categories
        self.epsilon = epsilon
        self.uncounted = uncounted
        self.maxRowsPerPerson = maxRowsPerPerson
        let laplace = DiscreteLaplace(scale: Rational(epsilon.denominator * UInt64(maxRowsPerPerson), epsilon.numerator))
        guard DiscreteLaplace.supports(scale: laplace.scale) else {
            throw .invalidParameter(.epsilonTooSmallForExactNoise)
        }
        self.counts = exact.map { $0 + laplace.sample(using: &random) }
    }

    /// A histogram of a numeric column over public bin edges: bin `i` holds the
    /// values in `edges[i] ..< edges[i+1]` and is labelled `"a–b"`; values outside
    /// the edges are not counted.
    ///
    /// The edges must be public (fixed in advance), like categories: edges taken
    /// from the data would publish where the data lies.
    public init(_ table: Table, column: String, edges: [Double], epsilon: Rational, bound: ContributionBound,
                using random: inout some RandomWordSource) throws(PrivacyError) {
        let table = try bound.apply(to: table, using: &random)
        guard let data = table.column(named: column) else { throw .unknownColumn(column) }
        guard data.isNumeric else { throw .invalidParameter(.notANumberColumn(column)) }
        guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }), edges.allSatisfy(\.isFinite) else {
            throw .invalidParameter(BilingualText(de: "Klassengrenzen: mindestens zwei, aufsteigend",
                                                  en: "bin edges: at least two, increasing"))
        }
        let names = zip(edges, edges.dropFirst()).map { "\(plainNumber($0))–\(plainNumber($1))" }
        let labels = (0..<table.rowCount).map { row -> String? in
            guard let value = data.doubleValue(at: row), value >= edges[0], value < edges[edges.count - 1] else { return nil }
            // The last edge at most `value`.
            let bin = edges.lastIndex { $0 <= value }!
            return names[bin]
        }
        try self.init(labels: labels, categories: names, epsilon: epsilon, maxRowsPerPerson: bound.maxRowsPerPerson,
                      using: &random)
    }
}

/// A contingency table (two variables crossed) with discrete Laplace noise on every
/// cell: epsilon-differentially private per person, since a person of at most N rows
/// (the ``ContributionBound``) changes the cells by N in all. Both category lists
/// must be public.
public struct NoisyContingencyTable: Sendable, Equatable {
    /// The row categories.
    public let rowCategories: [String]
    /// The column categories.
    public let columnCategories: [String]
    /// `counts[r][c]`: the noisy count of row category `r` and column category `c`.
    public let counts: [[Int64]]
    /// The privacy cost.
    public let epsilon: Rational

    /// The most rows one person contributes.
    public let maxRowsPerPerson: Int

    /// How much one person can change the cells in all (L1): one cell by one per row.
    public var sensitivity: Int { maxRowsPerPerson }

    /// Crosses two columns of `table` over the given categories, after keeping at
    /// most `bound`'s rows of each person.
    public init(_ table: Table, rows: String, rowCategories: [String], columns: String, columnCategories: [String],
                epsilon: Rational, bound: ContributionBound, using random: inout some RandomWordSource) throws(PrivacyError) {
        let table = try bound.apply(to: table, using: &random)
        guard let rowData = table.column(named: rows) else { throw .unknownColumn(rows) }
        guard let columnData = table.column(named: columns) else { throw .unknownColumn(columns) }
        guard Set(columnCategories).count == columnCategories.count, !columnCategories.isEmpty else {
            throw .invalidParameter(BilingualText(de: "Spaltenkategorien: eine nicht leere Liste ohne Wiederholungen",
                                                  en: "column categories: a non-empty list without repeats"))
        }
        // One category per (row, column) pair; a separator no category contains keeps pairs apart.
        let separator = "\u{1F}"
        let pairs = rowCategories.flatMap { r in columnCategories.map { r + separator + $0 } }
        let labels = (0..<table.rowCount).map { row -> String? in
            let a = rowData.value(at: row), b = columnData.value(at: row)
            return a.isMissing || b.isMissing ? nil : a.description + separator + b.description
        }
        let flat = try NoisyCounts(labels: labels, categories: pairs, epsilon: epsilon,
                                   maxRowsPerPerson: bound.maxRowsPerPerson, using: &random)
        self.maxRowsPerPerson = bound.maxRowsPerPerson
        self.rowCategories = rowCategories
        self.columnCategories = columnCategories
        self.counts = rowCategories.indices.map { r in
            Array(flat.counts[(r * columnCategories.count)..<((r + 1) * columnCategories.count)])
        }
        self.epsilon = epsilon
    }
}

/// A bin edge as written: `500`, not `500.0`.
func plainNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}

/// A sum or a mean of a numeric column with discrete Laplace noise, values clamped
/// to public bounds.
///
/// Values are clamped to `lower...upper` and rounded to a grid of `resolution`
/// (fixed point), so the noise comes from the exact integer sampler: the sum's
/// sensitivity is max(|lower|, |upper|) / resolution grid steps, its noise scale
/// that over epsilon. The mean spends half of epsilon on the sum and half on the
/// count and divides (clamped back into the bounds).
public struct NoisySum: Sendable, Equatable {
    /// The noisy sum.
    public let sum: Double
    /// The noisy number of values (for the mean; without noise for a sum).
    public let count: Double?
    /// The privacy cost.
    public let epsilon: Rational
    /// Rows with a missing value (not counted).
    public let missing: Int

    /// The noisy mean, clamped into the bounds; `nil` for a plain sum.
    public let mean: Double?

    /// How much one person can change the sum: max(|lower|, |upper|), rounded up to
    /// the grid, times the rows per person (the count of a mean changes by at most
    /// the rows per person).
    public let sensitivity: Double
    /// The most rows one person contributes.
    public let maxRowsPerPerson: Int

    /// A noisy sum (`mean: false`) or mean (`mean: true`) of `column`.
    ///
    /// - Parameters:
    ///   - table: the rows, one per person.
    ///   - column: the numeric column.
    ///   - lower: the public lower bound (a decimal); smaller values are clamped.
    ///   - upper: the public upper bound; larger values are clamped.
    ///   - resolution: the fixed-point grid, e.g. `0.01` for cents.
    ///   - epsilon: the privacy cost of the release.
    ///   - mean: `true` for the mean, `false` for the sum.
    ///   - bound: the privacy unit and the most rows kept of each person.
    ///   - random: the source of the noise (``SecureRandom`` outside tests).
    public init(_ table: Table, column: String, lower: Double, upper: Double, resolution: Rational = Rational(1, 100),
                epsilon: Rational, mean: Bool, bound: ContributionBound,
                using random: inout some RandomWordSource) throws(PrivacyError) {
        let table = try bound.apply(to: table, using: &random)
        guard let data = table.column(named: column) else { throw .unknownColumn(column) }
        guard data.isNumeric else { throw .invalidParameter(.notANumberColumn(column)) }
        guard lower < upper, lower.isFinite, upper.isFinite else {
            throw .invalidParameter(BilingualText(de: "Grenzen: die Untergrenze muss unter der Obergrenze liegen",
                                                  en: "bounds: lower < upper"))
        }
        let step = resolution.doubleValue
        var gridSum: Int64 = 0, present = 0
        for row in 0..<table.rowCount {
            guard let value = data.doubleValue(at: row) else { continue }
            gridSum += Int64((min(max(value, lower), upper) / step).rounded())
            present += 1
        }
        let perRow = max(abs(lower), abs(upper)) / step
        guard perRow < 1e15 else { throw .invalidParameter(.boundsTooLarge) }
        let sensitivity = try bound.scaled(UInt64(perRow.rounded(.up)))
        guard sensitivity > 0 else {
            throw .invalidParameter(BilingualText(de: "Grenzen: nicht beide 0", en: "bounds: not both 0"))
        }
        // Each half of epsilon for a mean: scale = sensitivity / (epsilon / 2).
        let share = mean ? Rational(epsilon.numerator, epsilon.denominator * 2) : epsilon
        let (scaleNumerator, overflow) = sensitivity.multipliedReportingOverflow(by: share.denominator)
        guard !overflow else { throw .invalidParameter(.boundsTooLarge) }
        let sumLaplace = DiscreteLaplace(scale: Rational(scaleNumerator, share.numerator))
        guard DiscreteLaplace.supports(scale: sumLaplace.scale) else {
            throw .invalidParameter(BilingualText(
                de: "Grenzen / Auflösung / epsilon: mehr Rauschen, als der exakte Zufallsgenerator erzeugen kann",
                en: "bounds / resolution / epsilon: more noise than the exact sampler supports"))
        }
        let sumNoise = sumLaplace.sample(using: &random)
        let noisySum = Double(gridSum + sumNoise) * step
        self.sum = noisySum
        self.epsilon = epsilon
        self.sensitivity = Double(sensitivity) * step
        self.missing = table.rowCount - present
        self.maxRowsPerPerson = bound.maxRowsPerPerson
        if mean {
            let countScale = try bound.scaled(share.denominator)
            let countLaplace = DiscreteLaplace(scale: Rational(countScale, share.numerator))
            guard DiscreteLaplace.supports(scale: countLaplace.scale) else {
                throw .invalidParameter(.epsilonTooSmallForExactNoise)
            }
            let countNoise = countLaplace.sample(using: &random)
            let noisyCount = Double(Int64(present) + countNoise)
            self.count = noisyCount
            self.mean = min(max(noisySum / max(noisyCount, 1), lower), upper)
        } else {
            self.count = nil
            self.mean = nil
        }
    }
}
