import Foundation

/// Fisher's exact test of independence for a 2 x 2 table: exact where the
/// chi-square test's approximation fails, with small expected counts.
///
/// ```swift
/// let test = FisherExactTest([[8, 2], [1, 5]])
/// test.pValue      // two-sided
/// test.oddsRatio   // (8 * 5) / (2 * 1)
/// ```
///
/// The two-sided p-value sums the probabilities of all tables with the observed
/// margins that are no more likely than the observed one (with a relative tolerance
/// of 1e-7 for ties, as R does), as `scipy.stats.fisher_exact` does.
public struct FisherExactTest: Sendable, Hashable {
    /// The sample odds ratio (a d) / (b c); infinite when b c = 0 and a d > 0, `nil`
    /// when both are 0.
    public let oddsRatio: Double?
    /// The two-sided p-value.
    public let pValue: Double

    /// Tests `table` = [[a, b], [c, d]] (counts >= 0).
    public init(_ table: [[Int]]) {
        precondition(table.count == 2 && table.allSatisfy { $0.count == 2 && $0.allSatisfy { $0 >= 0 } },
                     "Fisher's exact test needs a 2 x 2 table of counts")
        let a = table[0][0], b = table[0][1], c = table[1][0], d = table[1][1]
        let product = Double(a) * Double(d), cross = Double(b) * Double(c)
        oddsRatio = cross > 0 ? product / cross : (product > 0 ? .infinity : nil)
        // With the margins fixed, a follows the hypergeometric distribution.
        let row1 = a + b, column1 = a + c, total = a + b + c + d
        let lowest = max(0, column1 - (total - row1)), highest = min(row1, column1)
        func logProbability(_ k: Int) -> Double {
            Self.logChoose(row1, k) + Self.logChoose(total - row1, column1 - k) - Self.logChoose(total, column1)
        }
        let observed = logProbability(a)
        var p = 0.0
        for k in lowest...highest {
            let logP = logProbability(k)
            if logP <= observed + log1p(1e-7) { p += exp(logP) }
        }
        pValue = min(1, p)
    }

    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
