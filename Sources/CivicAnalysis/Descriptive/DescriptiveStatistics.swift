import Foundation

/// The usual summary of a sample of numbers: size, centre, spread and shape.
///
/// ```swift
/// let summary = DescriptiveStatistics([3, 1, 4, 1, 5, 9, 2, 6])
/// summary.median              // 3.5
/// summary.standardDeviation   // 2.825...
/// ```
///
/// Definitions follow SciPy and NumPy so that results can be checked against them:
/// the standard deviation divides by n - 1; quartiles and median are R's type 7;
/// skewness and excess kurtosis are the bias-corrected sample versions G1 and G2
/// (`scipy.stats.skew(bias=False)`, `kurtosis(bias=False)`); the mode is the
/// smallest of the most frequent values. Statistics a sample is too small for (a
/// standard deviation of one value, a skewness of a constant sample) are `nil`, never
/// NaN.
///
/// With weights (frequency weights, as statsmodels' `DescrStatsW`), the mean,
/// standard deviation (dividing by the total weight minus 1), quartiles and median
/// (NumPy's weighted `inverted_cdf`) and mode (largest total weight) are weighted;
/// skewness and kurtosis are then not computed.
///
/// Values of any finite size work: the moments are taken of the values divided by
/// a power of two near the largest one (exact, and invisible in the results), so
/// squares and fourth powers of numbers near 1e308 do not overflow. A standard
/// deviation too large for a `Double` is `nil`, never infinity.
public struct DescriptiveStatistics: Sendable, Hashable {
    /// How many values (missing ones left out).
    public let count: Int
    /// How many values were missing.
    public let missing: Int
    /// The total weight (equal to `count` without weights).
    public let totalWeight: Double
    /// The arithmetic mean.
    public let mean: Double
    /// The sample standard deviation; `nil` for fewer than two values, or when it
    /// exceeds the largest `Double` (values of both signs near 1e308).
    public let standardDeviation: Double?
    /// The smallest value.
    public let minimum: Double
    /// The first quartile.
    public let firstQuartile: Double
    /// The median.
    public let median: Double
    /// The third quartile.
    public let thirdQuartile: Double
    /// The largest value.
    public let maximum: Double
    /// The most frequent value (the smallest among equally frequent ones).
    public let mode: Double
    /// The bias-corrected skewness G1; `nil` below three values, for a constant
    /// sample, or with weights.
    public let skewness: Double?
    /// The bias-corrected excess kurtosis G2; `nil` below four values, for a
    /// constant sample, or with weights.
    public let kurtosis: Double?

    /// The interquartile range, third minus first quartile; `nil` when it exceeds
    /// the largest `Double` (quartiles of both signs near 1e308).
    public var interquartileRange: Double? { Self.finite(thirdQuartile - firstQuartile) }

    /// Describes `values`; `missing` is only recorded. Returns `nil` for an empty
    /// sample.
    public init?(_ values: [Double], missing: Int = 0) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let n = Double(sorted.count)
        let scale = Self.powerOfTwoScale(sorted[0], sorted[sorted.count - 1])
        let moments = CentralMoments(sorted.lazy.map { $0 / scale })
        let (m2, m3, m4) = (moments.m2, moments.m3, moments.m4)
        self.count = sorted.count
        self.missing = missing
        self.totalWeight = n
        self.mean = moments.mean * scale
        self.standardDeviation = moments.sampleVariance.flatMap { Self.finite($0.squareRoot() * scale) }
        self.minimum = sorted[0]
        self.maximum = sorted[sorted.count - 1]
        self.firstQuartile = Quantiles.linear(sorted, 0.25)
        self.median = Quantiles.linear(sorted, 0.5)
        self.thirdQuartile = Quantiles.linear(sorted, 0.75)
        self.mode = Self.mode(sorted) { _ in 1 }
        let constant = sorted[0] == sorted[sorted.count - 1] || m2 == 0
        if sorted.count > 2 && !constant {
            let g1 = m3 / pow(m2, 1.5)
            self.skewness = (n * (n - 1)).squareRoot() / (n - 2) * g1
        } else {
            self.skewness = nil
        }
        if sorted.count > 3 && !constant {
            let g2 = m4 / (m2 * m2) - 3
            self.kurtosis = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6)
        } else {
            self.kurtosis = nil
        }
    }

    /// Describes `values` with frequency weights (one per value, each >= 0, not all
    /// zero); `nil` for an empty sample or when the weights do not qualify.
    public init?(_ values: [Double], weights: [Double], missing: Int = 0) {
        precondition(values.count == weights.count, "one weight per value")
        guard !values.isEmpty, weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return nil }
        let order = values.indices.sorted { values[$0] < values[$1] }
        let sorted = order.map { values[$0] }, sortedWeights = order.map { weights[$0] }
        var cumulative = [Double](repeating: 0, count: sorted.count)
        var total = 0.0
        for i in sorted.indices {
            total += sortedWeights[i]
            cumulative[i] = total
        }
        guard total > 0 else { return nil }
        let scale = Self.powerOfTwoScale(sorted[0], sorted[sorted.count - 1])
        var weightedSum = RunningSummary()
        for i in sorted.indices { weightedSum.add(sorted[i] / scale * sortedWeights[i]) }
        let mean = weightedSum.sum / total
        var squares = 0.0
        for i in sorted.indices {
            let deviation = sorted[i] / scale - mean
            squares += sortedWeights[i] * deviation * deviation
        }
        self.count = sorted.count
        self.missing = missing
        self.totalWeight = total
        self.mean = mean * scale
        self.standardDeviation = total > 1 ? Self.finite((squares / (total - 1)).squareRoot() * scale) : nil
        self.minimum = sorted[0]
        self.maximum = sorted[sorted.count - 1]
        self.firstQuartile = Quantiles.invertedCDF(sorted, cumulativeWeights: cumulative, 0.25)
        self.median = Quantiles.invertedCDF(sorted, cumulativeWeights: cumulative, 0.5)
        self.thirdQuartile = Quantiles.invertedCDF(sorted, cumulativeWeights: cumulative, 0.75)
        self.mode = Self.mode(sorted) { sortedWeights[$0] }
        self.skewness = nil
        self.kurtosis = nil
    }

    /// A power of two near the larger magnitude of the smallest and the largest
    /// value; dividing by it is exact and brings every value below 2 in magnitude.
    private static func powerOfTwoScale(_ smallest: Double, _ largest: Double) -> Double {
        let magnitude = max(abs(smallest), abs(largest))
        guard magnitude.isNormal else { return 1 }
        return Double(sign: .plus, exponent: magnitude.exponent, significand: 1)
    }

    private static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    /// The value with the largest total weight in sorted values (the first on ties).
    private static func mode(_ sorted: [Double], weight: (Int) -> Double) -> Double {
        var best = sorted[0], bestWeight = -1.0
        for run in equalRuns(in: sorted.indices, { sorted[$0] == sorted[$1] }) {
            let runWeight = run.reduce(0.0) { $0 + weight($1) }
            if runWeight > bestWeight { best = sorted[run.lowerBound]; bestWeight = runWeight }
        }
        return best
    }
}
