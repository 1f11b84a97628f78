/// A confidence interval: a range that covers the true value in a share `level` of
/// repeated samples.
///
/// ```swift
/// let interval = try ConfidenceInterval.mean(of: durations)          // t interval
/// let share = ConfidenceInterval.wilson(successes: 12, trials: 40)   // a proportion
/// ```
public struct ConfidenceInterval: Sendable, Hashable {
    /// The lower end.
    public var lower: Double
    /// The upper end.
    public var upper: Double
    /// The confidence level, e.g. 0.95.
    public var level: Double

    /// An interval from its ends.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// The t interval for the mean of `values` (as `scipy.stats.t.interval`).
    ///
    /// - Throws: ``AnalysisError/tooFewValues(column:group:needed:found:)`` below two values.
    public static func mean(of values: [Double], level: Double = 0.95, column: String = "values")
        throws(AnalysisError) -> ConfidenceInterval
    {
        guard values.count >= 2 else { throw .tooFewValues(column: column, group: nil, needed: 2, found: values.count) }
        let moments = CentralMoments(values)
        let margin = StudentT(degreesOfFreedom: Double(values.count - 1)).inverseSurvival((1 - level) / 2)
            * moments.sampleVariance!.squareRoot() / Double(values.count).squareRoot()
        return ConfidenceInterval(lower: moments.mean - margin, upper: moments.mean + margin, level: level)
    }

    /// The Wilson score interval for a proportion (E. B. Wilson 1927): unlike the
    /// textbook normal interval it stays inside [0, 1] and behaves for 0 or all
    /// successes. `trials` must be positive.
    public static func wilson(successes: Int, trials: Int, level: Double = 0.95) -> ConfidenceInterval {
        precondition(trials > 0 && (0...trials).contains(successes), "successes lie between 0 and trials > 0")
        let n = Double(trials), p = Double(successes) / n
        let z = Normal().inverseSurvival((1 - level) / 2), z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let halfWidth = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return ConfidenceInterval(lower: centre - halfWidth, upper: centre + halfWidth, level: level)
    }
}
