import Foundation

/// The re-identification risk of a survey sample, with its sampling weights: the
/// individual risk of Benedetti and Franconi (1998) as sdcMicro (`measure_risk`,
/// `indivRisk`) and µ-Argus compute it.
///
/// A sample file is not the population. Someone unique in the sample may have many
/// look-alikes outside it, and the weights say how many: a respondent with weight
/// 250 stands for 250 people. For the group (equivalence class) `k` of rows sharing
/// the quasi-identifiers, with `f` sample rows and the population estimate
/// `F̂ = Σ weights`, the model takes the unknown population size `F` of the group
/// to be `f` plus a negative binomial number of others with success probability
/// `p = f / F̂`, and the risk of each of its rows is the expected chance of picking
/// the right person among them:
///
///     r = E(1/F | f) = Σ_{h ≥ f} (1/h) · C(h−1, f−1) · p^f · (1−p)^(h−f)
///                    = p · ∫₀¹ u^(f−1) / (p + (1−p)·u) du
///
/// (the integral from the series with `1/h = ∫₀¹ t^(h−1) dt` and the substitution
/// `u = p·t / (1 − (1−p)·t)`). For `f = 1` it is `p/(1−p) · ln(1/p)`, the formula
/// of Benedetti and Franconi; with weights of 1 (`F̂ = f`, the sample is the
/// population) it is `1/f`, the prosecutor risk of ``ProsecutorRisk``. A group whose
/// weights add up to less than its rows (`F̂ < f`) is taken as the whole population
/// (`p = 1`).
///
/// This type computes the expectation itself, to double precision (the integral by
/// a stable recurrence for `p ≤ 1/2` and adaptive Simpson's rule otherwise).
/// sdcMicro's default, `method = "approx"`, replaces it for larger groups by an
/// approximation, so its figures for groups of four or more rows may differ
/// slightly; the tests compare with an independent high-precision evaluation of
/// the series (`Tests/CivicPrivacyTests/Fixtures/individual-risk.py`), since sdcMicro
/// itself could not be installed where this was written.
///
/// The global risk is sdcMicro's: the expected number of re-identifications, `Σ r`
/// over the rows, divided by the rows; the Centre for Humanitarian Data compares it
/// with 3 % before data are shared on HDX.
///
/// ```swift
/// let risk = IndividualRisk(sampleFrequencies: [1, 2, 5], populationEstimates: [120, 80, 900])
/// print(risk.classRisks[0], risk.global)
/// ```
///
/// References: Benedetti, R. and Franconi, L. (1998), Statistical and technological
/// solutions for controlled data dissemination, Pre-proceedings of New Techniques
/// and Technologies for Statistics, 225–232; Franconi, L. and Polettini, S. (2004),
/// Individual risk estimation in µ-Argus: a review, Privacy in Statistical
/// Databases, LNCS 3050, 262–272; Templ, M., Kowarik, A. and Meindl, B. (2015),
/// Statistical Disclosure Control for Micro-Data Using the R Package sdcMicro,
/// Journal of Statistical Software 67(4).
public struct IndividualRisk: Sendable, Equatable {
    /// The rows (`f`) of each group.
    public let sampleFrequencies: [Int]
    /// The population estimate (`F̂`, the sum of the weights) of each group.
    public let populationEstimates: [Double]
    /// The risk of each row of each group, in the groups' order.
    public let classRisks: [Double]
    /// The highest risk of any row.
    public let highest: Double
    /// The expected number of re-identifications: the risks of all rows added up.
    public let expectedReidentifications: Double
    /// The global risk: ``expectedReidentifications`` per row.
    public let global: Double
    /// The rows assessed.
    public let rowCount: Int

    /// The risk of groups with these rows and population estimates (each `f ≥ 1`, `F̂ > 0`).
    public init(sampleFrequencies: [Int], populationEstimates: [Double]) {
        precondition(sampleFrequencies.count == populationEstimates.count, "one population estimate per group")
        self.sampleFrequencies = sampleFrequencies
        self.populationEstimates = populationEstimates
        classRisks = zip(sampleFrequencies, populationEstimates).map { Self.risk(sampleFrequency: $0, populationEstimate: $1) }
        highest = classRisks.max() ?? 0
        rowCount = sampleFrequencies.reduce(0, +)
        expectedReidentifications = zip(sampleFrequencies, classRisks).reduce(0) { $0 + Double($1.0) * $1.1 }
        global = rowCount > 0 ? expectedReidentifications / Double(rowCount) : 0
    }

    /// The risk of the rows of `classes` with `weights` (one per row, each > 0).
    public init(_ classes: EquivalenceClasses, weights: [Double]) {
        var estimates = [Double](repeating: 0, count: classes.count)
        for (row, group) in classes.classOfRow.enumerated() { estimates[group] += weights[row] }
        self.init(sampleFrequencies: classes.sizes, populationEstimates: estimates)
    }

    /// The share of rows (0...1) whose risk exceeds `threshold`.
    public func shareOfRows(above threshold: Double) -> Double {
        guard rowCount > 0 else { return 0 }
        let atRisk = zip(sampleFrequencies, classRisks).filter { $0.1 > threshold }.reduce(0) { $0 + $1.0 }
        return Double(atRisk) / Double(rowCount)
    }

    /// `E(1/F | f)` for a group of `f` sample rows whose weights add up to `F̂`.
    public static func risk(sampleFrequency f: Int, populationEstimate estimate: Double) -> Double {
        precondition(f >= 1 && estimate > 0, "a group has rows and a positive population estimate")
        let p = min(1, Double(f) / estimate), q = 1 - p
        if q == 0 { return 1 / Double(f) }
        if p <= 0.5 {
            // I(1) = ln(1/p) / q; I(j+1) = (1/j − p·I(j)) / q, errors shrinking by p/q ≤ 1.
            var integral = -log(p) / q
            for j in stride(from: 1, to: f, by: 1) { integral = (1 / Double(j) - p * integral) / q }
            return p * integral
        }
        if f == 1 { return p / q * -log1p(-q) }
        // For p > 1/2 the integrand is smooth (the pole lies at u = −p/q ≤ −1).
        return p * adaptiveSimpson({ u in pow(u, Double(f - 1)) / (p + q * u) }, 0, 1, tolerance: 1e-15)
    }

    /// ∫ₐᵇ g by adaptive Simpson's rule.
    private static func adaptiveSimpson(_ g: (Double) -> Double, _ a: Double, _ b: Double, tolerance: Double) -> Double {
        func simpson(_ a: Double, _ fa: Double, _ b: Double, _ fb: Double) -> (Double, Double, Double) {
            let m = (a + b) / 2, fm = g(m)
            return (m, fm, (b - a) / 6 * (fa + 4 * fm + fb))
        }
        func refine(_ a: Double, _ fa: Double, _ b: Double, _ fb: Double, _ m: Double, _ fm: Double,
                    _ whole: Double, _ tolerance: Double, _ depth: Int) -> Double {
            let (lm, flm, left) = simpson(a, fa, m, fm), (rm, frm, right) = simpson(m, fm, b, fb)
            let delta = left + right - whole
            if depth <= 0 || abs(delta) <= 15 * tolerance { return left + right + delta / 15 }
            return refine(a, fa, m, fm, lm, flm, left, tolerance / 2, depth - 1)
                + refine(m, fm, b, fb, rm, frm, right, tolerance / 2, depth - 1)
        }
        let fa = g(a), fb = g(b)
        let (m, fm, whole) = simpson(a, fa, b, fb)
        return refine(a, fa, b, fb, m, fm, whole, tolerance, 40)
    }
}
