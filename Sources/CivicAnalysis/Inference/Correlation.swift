import Foundation

/// A correlation coefficient with its two-sided p-value.
public struct CorrelationResult: Sendable, Hashable {
    /// The coefficient, between -1 and 1.
    public var coefficient: Double
    /// The two-sided p-value of "no association".
    public var pValue: Double
    /// The number of pairs.
    public var count: Int
}

/// Correlation between two paired samples: Pearson's r (linear), Spearman's rho
/// (monotone, on ranks) and Kendall's tau-b (concordant pairs, corrected for ties).
///
/// ```swift
/// let (age, income, _) = try cases.pairedNumbers("age", "income_eur")
/// let rho = try Correlation.spearman(age, income)
/// ```
///
/// P-values as SciPy's `pearsonr`, `spearmanr` and `kendalltau`: Pearson and
/// Spearman from the t distribution on n - 2 degrees of freedom; Kendall exact
/// (Mahonian numbers) when there are no ties and n <= 33, otherwise the normal
/// approximation with the tie-corrected variance.
public enum Correlation {
    /// Pearson's product-moment correlation.
    public static func pearson(_ x: [Double], _ y: [Double], names: (String, String) = ("x", "y"))
        throws(AnalysisError) -> CorrelationResult
    {
        try check(x, y, names)
        let r = pearsonCoefficient(x, y)
        guard let r else { throw .constantValues(column: constantName(x, y, names), group: nil) }
        return CorrelationResult(coefficient: r, pValue: pValueFromR(r, count: x.count), count: x.count)
    }

    /// Spearman's rank correlation: Pearson's r of the average ranks.
    public static func spearman(_ x: [Double], _ y: [Double], names: (String, String) = ("x", "y"))
        throws(AnalysisError) -> CorrelationResult
    {
        try check(x, y, names)
        guard let r = pearsonCoefficient(Ranks(x).ranks, Ranks(y).ranks) else {
            throw .constantValues(column: constantName(x, y, names), group: nil)
        }
        return CorrelationResult(coefficient: r, pValue: pValueFromR(r, count: x.count), count: x.count)
    }

    /// Kendall's tau-b, counted in O(n log n) by W. R. Knight's method (JASA 61,
    /// 1966): sort by x, then count the exchanges a merge sort of y needs.
    public static func kendall(_ x: [Double], _ y: [Double], names: (String, String) = ("x", "y"))
        throws(AnalysisError) -> CorrelationResult
    {
        try check(x, y, names)
        let n = x.count
        let order = x.indices.sorted { x[$0] != x[$1] ? x[$0] < x[$1] : y[$0] < y[$1] }
        func pairsWithin(_ size: Int) -> Int { size * (size - 1) / 2 }
        // Pairs tied in x, and tied in both.
        var tiedX = 0, tiedBoth = 0
        var xTies: [Int] = []
        for run in equalRuns(in: 0..<n, { x[order[$0]] == x[order[$1]] }) {
            if run.count > 1 { xTies.append(run.count) }
            tiedX += pairsWithin(run.count)
            for inner in equalRuns(in: run, { y[order[$0]] == y[order[$1]] }) { tiedBoth += pairsWithin(inner.count) }
        }
        var ys = order.map { y[$0] }
        let discordant = countInversions(&ys)
        // ys is now sorted: pairs tied in y.
        let yRuns = equalRuns(in: 0..<n) { ys[$0] == ys[$1] }.map(\.count)
        let yTies = yRuns.filter { $0 > 1 }
        let tiedY = yRuns.reduce(0) { $0 + pairsWithin($1) }
        let pairs = n * (n - 1) / 2
        guard tiedX < pairs, tiedY < pairs else { throw .constantValues(column: constantName(x, y, names), group: nil) }
        let difference = Double(pairs - tiedX - tiedY + tiedBoth - 2 * discordant)
        let tau = difference / (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
        let p: Double
        let smaller = min(discordant, pairs - discordant)
        if xTies.isEmpty && yTies.isEmpty && (n <= 33 || smaller <= 1) {
            p = exactKendallPValue(n: n, discordant: smaller)
        } else {
            let m = Double(n) * Double(n - 1), size = Double(n)
            func sums(_ ties: [Int]) -> (pairs: Double, cubic: Double, quadratic: Double) {
                ties.reduce((0, 0, 0)) { total, t in
                    let t = Double(t)
                    return (total.0 + t * (t - 1) / 2, total.1 + t * (t - 1) * (t - 2), total.2 + t * (t - 1) * (2 * t + 5))
                }
            }
            let sx = sums(xTies), sy = sums(yTies)
            let variance = (m * (2 * size + 5) - sx.quadratic - sy.quadratic) / 18
                + 2 * sx.pairs * sy.pairs / m + sx.cubic * sy.cubic / (9 * m * (size - 2))
            p = min(1, 2 * Normal().survival(abs(difference) / variance.squareRoot()))
        }
        return CorrelationResult(coefficient: max(-1, min(1, tau)), pValue: p, count: n)
    }

    // MARK: - Helpers

    private static func check(_ x: [Double], _ y: [Double], _ names: (String, String)) throws(AnalysisError) {
        precondition(x.count == y.count, "paired samples have the same length")
        guard x.count >= 3 else { throw .tooFewValues(column: names.0, group: nil, needed: 3, found: x.count) }
    }

    private static func constantName(_ x: [Double], _ y: [Double], _ names: (String, String)) -> String {
        x.allSatisfy { $0 == x[0] } ? names.0 : names.1
    }

    /// Pearson's r, or `nil` when either sample is constant.
    private static func pearsonCoefficient(_ x: [Double], _ y: [Double]) -> Double? {
        var sx = RunningSummary(), sy = RunningSummary()
        for value in x { sx.add(value) }
        for value in y { sy.add(value) }
        let mx = sx.mean, my = sy.mean
        var xy = 0.0, xx = 0.0, yy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            xy += dx * dy
            xx += dx * dx
            yy += dy * dy
        }
        guard xx > 0, yy > 0 else { return nil }
        return max(-1, min(1, xy / (xx.squareRoot() * yy.squareRoot())))
    }

    /// The two-sided p-value of r on n pairs: 2 P(|R| >= |r|) with R's null
    /// distribution, a beta distribution on [-1, 1] with both shapes n/2 - 1 (the t
    /// test on n - 2 degrees of freedom in other words).
    private static func pValueFromR(_ r: Double, count: Int) -> Double {
        let shape = Double(count) / 2 - 1
        if abs(r) == 1 { return 0 }
        let tail = SpecialFunctions.incompleteBeta((1 - abs(r)) / 2, shape, shape, complement: (1 + abs(r)) / 2).lower
        return min(1, 2 * tail)
    }

    /// Sorts `values` and returns how many pairs were out of order (strictly greater
    /// before smaller), by merge sort.
    private static func countInversions(_ values: inout [Double]) -> Int {
        var buffer = values
        var inversions = 0
        var width = 1
        let n = values.count
        while width < n {
            var start = 0
            while start < n {
                let middle = min(start + width, n), end = min(start + 2 * width, n)
                var i = start, j = middle, k = start
                while i < middle && j < end {
                    if values[j] < values[i] {
                        buffer[k] = values[j]; j += 1
                        inversions += middle - i
                    } else {
                        buffer[k] = values[i]; i += 1
                    }
                    k += 1
                }
                while i < middle { buffer[k] = values[i]; i += 1; k += 1 }
                while j < end { buffer[k] = values[j]; j += 1; k += 1 }
                start = end
            }
            swap(&values, &buffer)
            width *= 2
        }
        return inversions
    }

    /// The exact two-sided p-value of Kendall's tau without ties: twice the share of
    /// the n! orderings with at most `discordant` inversions (Mahonian numbers).
    private static func exactKendallPValue(n: Int, discordant c: Int) -> Double {
        if n <= 2 { return 1 }
        let pairs = n * (n - 1) / 2
        if 2 * c == pairs { return 1 }
        // counts[k]: orderings of j items with k inversions, for k <= c.
        var counts = [Double](repeating: 0, count: c + 1)
        counts[0] = 1
        var factorial = 1.0
        for j in 2...n {
            factorial *= Double(j)
            // Inserting item j adds 0 ... j-1 inversions.
            var cumulative = [Double](repeating: 0, count: c + 1)
            var running = 0.0
            for k in 0...c { running += counts[k]; cumulative[k] = running }
            for k in 0...c { counts[k] = cumulative[k] - (k >= j ? cumulative[k - j] : 0) }
        }
        return min(1, 2 * counts.reduce(0, +) / factorial)
    }
}
