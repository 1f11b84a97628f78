import Foundation

/// Student's t distribution, for tests and confidence intervals on means.
///
/// ```swift
/// StudentT(degreesOfFreedom: 10).quantile(0.975)   // 2.228138851986...
/// ```
///
/// Tails come from the regularised incomplete beta function:
/// P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2).
public struct StudentT: ContinuousDistribution, Hashable {
    /// The degrees of freedom (> 0; need not be whole, as in Welch's test).
    public let degreesOfFreedom: Double

    /// The t distribution with `degreesOfFreedom` degrees of freedom.
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "degrees of freedom are positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    public func density(_ x: Double) -> Double {
        let v = degreesOfFreedom
        return exp(lgamma((v + 1) / 2) - lgamma(v / 2) - 0.5 * log(v * Double.pi) - (v + 1) / 2 * log1p(x * x / v))
    }

    /// P(T > |t|): half the two-sided tail.
    private func tail(_ t: Double) -> Double {
        if t == 0 { return 0.5 }
        // x = v / (v + t²), written so that t² cannot overflow for |t| > 1e154.
        let v = degreesOfFreedom, ratio = v / abs(t) / abs(t)
        let x = ratio / (1 + ratio), complement = 1 / (1 + ratio)
        return 0.5 * SpecialFunctions.incompleteBeta(x, v / 2, 0.5, complement: complement).lower
    }

    public func cdf(_ x: Double) -> Double { x < 0 ? tail(x) : 1 - tail(x) }

    public func survival(_ x: Double) -> Double { x > 0 ? tail(x) : 1 - tail(x) }
}
