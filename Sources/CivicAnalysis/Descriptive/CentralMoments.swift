/// The mean and the second to fourth central moments of a sample, in two passes
/// (compensated sum for the mean, then the deviations), which keeps them accurate
/// where the one-pass textbook formulas cancel.
struct CentralMoments {
    /// The number of values.
    let count: Int
    /// The arithmetic mean.
    let mean: Double
    /// The mean squared, cubed and fourth-power deviation from the mean (divided by n).
    let m2, m3, m4: Double

    /// The moments of `values` (not empty).
    init<Values: Collection<Double>>(_ values: Values) {
        precondition(!values.isEmpty, "moments need values")
        var sum = RunningSummary()
        for value in values { sum.add(value) }
        let mean = sum.mean
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for value in values {
            let d = value - mean, d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        let n = Double(values.count)
        self.count = values.count
        self.mean = mean
        self.m2 = m2 / n
        self.m3 = m3 / n
        self.m4 = m4 / n
    }

    /// The sample variance (dividing by n - 1); `nil` below two values.
    var sampleVariance: Double? { count > 1 ? m2 * Double(count) / Double(count - 1) : nil }
}
