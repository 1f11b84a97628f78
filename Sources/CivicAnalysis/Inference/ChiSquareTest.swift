import Foundation

/// Pearson's chi-square test of independence on a contingency table, with
/// Cramér's V as the strength of association.
///
/// ```swift
/// let test = try ChiSquareTest(CrossTable(cases, rows: "service", columns: "outcome"))
/// print(test.statistic, test.degreesOfFreedom, test.pValue, test.cramersV)
/// ```
///
/// Matches `scipy.stats.chi2_contingency`; SciPy applies Yates' continuity
/// correction to 2 x 2 tables by default, here it is off unless asked for
/// (`continuityCorrection: true`). Cramér's V uses the uncorrected statistic, as
/// `scipy.stats.contingency.association` does.
public struct ChiSquareTest: Sendable, Hashable {
    /// The chi-square statistic.
    public let statistic: Double
    /// The degrees of freedom, (rows - 1)(columns - 1).
    public let degreesOfFreedom: Int
    /// The p-value (upper tail).
    public let pValue: Double
    /// Cramér's V, between 0 (independent) and 1.
    public let cramersV: Double
    /// The counts expected under independence.
    public let expected: [[Double]]

    /// Tests the counts `counts[row][column]`. Rows and columns that hold no count
    /// are left out; at least two of each must remain.
    public init(counts: [[Int]], continuityCorrection: Bool = false) throws(AnalysisError) {
        var table = counts.filter { $0.reduce(0, +) > 0 }
        let width = table.first?.count ?? 0
        let usedColumns = (0..<width).filter { c in table.contains { $0[c] > 0 } }
        table = table.map { row in usedColumns.map { row[$0] } }
        guard table.count >= 2, usedColumns.count >= 2 else {
            throw .tableTooSmall(rows: table.count, columns: usedColumns.count)
        }
        let rowTotals = table.map { Double($0.reduce(0, +)) }
        let columnTotals = usedColumns.indices.map { c in Double(table.reduce(0) { $0 + $1[c] }) }
        let total = rowTotals.reduce(0, +)
        let expected = rowTotals.map { r in columnTotals.map { r * $0 / total } }
        let df = (table.count - 1) * (usedColumns.count - 1)
        var plain = 0.0, corrected = 0.0
        for r in table.indices {
            for c in usedColumns.indices {
                let difference = Double(table[r][c]) - expected[r][c]
                plain += difference * difference / expected[r][c]
                // Yates: move each count half a unit toward its expectation.
                let shrunk = abs(difference) - min(0.5, abs(difference))
                corrected += shrunk * shrunk / expected[r][c]
            }
        }
        let statistic = continuityCorrection && df == 1 ? corrected : plain
        self.statistic = statistic
        self.degreesOfFreedom = df
        self.pValue = ChiSquared(degreesOfFreedom: Double(df)).survival(statistic)
        self.cramersV = (plain / (total * Double(min(table.count, usedColumns.count) - 1))).squareRoot()
        self.expected = expected
    }

    /// Tests a cross table's counts.
    public init(_ table: CrossTable, continuityCorrection: Bool = false) throws(AnalysisError) {
        try self.init(counts: table.counts, continuityCorrection: continuityCorrection)
    }
}
