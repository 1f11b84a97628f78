import Foundation

/// Fisher's F distribution, for analysis of variance and the overall test of a
/// regression.
///
/// ```swift
/// FisherF(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 27).survival(3.35)   // about 0.05
/// ```
///
/// Tails come from the regularised incomplete beta function:
/// P(F <= x) = I_{d1 x / (d1 x + d2)}(d1/2, d2/2).
public struct FisherF: ContinuousDistribution, Hashable {
    /// The numerator's degrees of freedom (> 0).
    public let numeratorDegreesOfFreedom: Double
    /// The denominator's degrees of freedom (> 0).
    public let denominatorDegreesOfFreedom: Double

    /// The F distribution with the given degrees of freedom.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
        precondition(numeratorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom > 0, "degrees of freedom are positive")
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    public var supportLowerBound: Double { 0 }

    public func density(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        return exp(d1 / 2 * log(d1 / d2) + (d1 / 2 - 1) * log(x) - (d1 + d2) / 2 * log1p(d1 * x / d2)
                   - SpecialFunctions.logBeta(d1 / 2, d2 / 2))
    }

    private func tails(_ x: Double) -> (lower: Double, upper: Double) {
        guard x > 0 else { return (0, 1) }
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        let denominator = d1 * x + d2
        return SpecialFunctions.incompleteBeta(d1 * x / denominator, d1 / 2, d2 / 2, complement: d2 / denominator)
    }

    public func cdf(_ x: Double) -> Double { tails(x).lower }

    public func survival(_ x: Double) -> Double { tails(x).upper }
}
