/// The result of a t-test.
public struct TTestResult: Sendable, Hashable {
    /// The t statistic.
    public var t: Double
    /// The degrees of freedom (fractional for Welch's test).
    public var degreesOfFreedom: Double
    /// The two-sided p-value.
    public var pValue: Double
    /// What is compared: the mean (one-sample), the mean difference a - b
    /// (Welch, paired).
    public var estimate: Double
    /// The confidence interval of `estimate`.
    public var confidenceInterval: ConfidenceInterval
}

/// Student's t-tests for means: one sample against a value, two independent
/// samples without assuming equal variances (Welch 1947), and paired samples.
///
/// ```swift
/// let result = try TTest.welch(women, men)
/// print(result.t, result.degreesOfFreedom, result.pValue)
/// ```
///
/// Matches `scipy.stats.ttest_1samp`, `ttest_ind(equal_var=False)` and `ttest_rel`,
/// including their confidence intervals.
public enum TTest {
    /// Tests whether the mean of `values` differs from `hypothesizedMean`.
    public static func oneSample(_ values: [Double], hypothesizedMean: Double = 0, level: Double = 0.95,
                                 column: String = "values") throws(AnalysisError) -> TTestResult
    {
        let (mean, variance) = try meanAndVariance(values, column: column, group: nil)
        let n = Double(values.count), se = (variance / n).squareRoot()
        return try result(difference: mean - hypothesizedMean, estimate: mean, standardError: se,
                      degreesOfFreedom: n - 1, level: level, column: column, group: nil)
    }

    /// Tests whether two independent samples have the same mean, allowing different
    /// variances (Welch's test with the Welch-Satterthwaite degrees of freedom).
    /// `groups` names the samples in messages.
    public static func welch(_ a: [Double], _ b: [Double], level: Double = 0.95, column: String = "values",
                             groups: (String, String) = ("a", "b")) throws(AnalysisError) -> TTestResult
    {
        let (meanA, varianceA) = try meanAndVariance(a, column: column, group: groups.0)
        let (meanB, varianceB) = try meanAndVariance(b, column: column, group: groups.1)
        let shareA = varianceA / Double(a.count), shareB = varianceB / Double(b.count)
        let se = (shareA + shareB).squareRoot()
        let df = (shareA + shareB) * (shareA + shareB)
            / (shareA * shareA / Double(a.count - 1) + shareB * shareB / Double(b.count - 1))
        return try result(difference: meanA - meanB, estimate: meanA - meanB, standardError: se,
                      degreesOfFreedom: df, level: level, column: column, group: nil)
    }

    /// Tests whether paired measurements differ on average: the one-sample test of
    /// the differences a - b. The arrays must have the same length.
    public static func paired(_ a: [Double], _ b: [Double], level: Double = 0.95, column: String = "values")
        throws(AnalysisError) -> TTestResult
    {
        precondition(a.count == b.count, "paired samples have the same length")
        let differences = zip(a, b).map { $0 - $1 }
        return try oneSample(differences, hypothesizedMean: 0, level: level, column: column)
    }

    private static func meanAndVariance(_ values: [Double], column: String, group: String?)
        throws(AnalysisError) -> (Double, Double)
    {
        guard values.count >= 2 else { throw .tooFewValues(column: column, group: group, needed: 2, found: values.count) }
        let moments = CentralMoments(values)
        return (moments.mean, moments.sampleVariance!)
    }

    private static func result(difference: Double, estimate: Double, standardError: Double, degreesOfFreedom: Double,
                               level: Double, column: String, group: String?) throws(AnalysisError) -> TTestResult
    {
        guard standardError > 0, degreesOfFreedom.isFinite else { throw .constantValues(column: column, group: group) }
        let t = difference / standardError
        let distribution = StudentT(degreesOfFreedom: degreesOfFreedom)
        let margin = distribution.inverseSurvival((1 - level) / 2) * standardError
        return TTestResult(
            t: t, degreesOfFreedom: degreesOfFreedom, pValue: min(1, 2 * distribution.survival(abs(t))),
            estimate: estimate,
            confidenceInterval: ConfidenceInterval(lower: estimate - margin, upper: estimate + margin, level: level))
    }
}
