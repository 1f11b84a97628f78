import Foundation

/// The chi-square distribution, for tests of independence and rank tests.
///
/// ```swift
/// ChiSquared(degreesOfFreedom: 3).survival(7.81)   // about 0.05
/// ```
///
/// Tails come from the regularised incomplete gamma function: P(X <= x) = P(df/2, x/2).
public struct ChiSquared: ContinuousDistribution, Hashable {
    /// The degrees of freedom (> 0).
    public let degreesOfFreedom: Double

    /// The chi-square distribution with `degreesOfFreedom` degrees of freedom.
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "degrees of freedom are positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    public var supportLowerBound: Double { 0 }

    public func density(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 && degreesOfFreedom == 2 ? 0.5 : 0 }
        let k = degreesOfFreedom / 2
        let logDensity: Double = (k - 1) * log(x) - x / 2 - k * log(2.0) - lgamma(k)
        return exp(logDensity)
    }

    public func cdf(_ x: Double) -> Double { SpecialFunctions.incompleteGamma(degreesOfFreedom / 2, max(x, 0) / 2).lower }

    public func survival(_ x: Double) -> Double { SpecialFunctions.incompleteGamma(degreesOfFreedom / 2, max(x, 0) / 2).upper }
}
