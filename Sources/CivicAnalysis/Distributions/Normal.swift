import Foundation

/// The normal (Gaussian) distribution.
///
/// ```swift
/// Normal().survival(1.96)   // 0.0249978951482204...
/// ```
///
/// Tails come from the complementary error function, quantiles from P. J. Acklam's
/// rational approximation refined by two Halley steps (full double precision).
public struct Normal: ContinuousDistribution, Hashable {
    /// The mean.
    public let mean: Double
    /// The standard deviation (> 0).
    public let standardDeviation: Double

    /// The normal distribution with the given mean and standard deviation.
    public init(mean: Double = 0, standardDeviation: Double = 1) {
        precondition(standardDeviation > 0, "a standard deviation is positive")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    public func density(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return exp(-0.5 * z * z) / (standardDeviation * (2 * Double.pi).squareRoot())
    }

    public func cdf(_ x: Double) -> Double { 0.5 * erfc(-(x - mean) / standardDeviation / 2.0.squareRoot()) }

    public func survival(_ x: Double) -> Double { 0.5 * erfc((x - mean) / standardDeviation / 2.0.squareRoot()) }

    public func quantile(_ p: Double) -> Double {
        precondition((0...1).contains(p), "a probability lies between 0 and 1")
        // 1 - p is exact for p >= 0.5, so the lower tail suffices.
        let z = p <= 0.5 ? Self.standardLowerQuantile(p) : -Self.standardLowerQuantile(1 - p)
        return mean + standardDeviation * z
    }

    public func inverseSurvival(_ q: Double) -> Double {
        precondition((0...1).contains(q), "a probability lies between 0 and 1")
        let z = q <= 0.5 ? -Self.standardLowerQuantile(q) : Self.standardLowerQuantile(1 - q)
        return mean + standardDeviation * z
    }

    /// The standard normal quantile for `p <= 0.5`.
    private static func standardLowerQuantile(_ p: Double) -> Double {
        if p == 0 { return -.infinity }
        if p == 0.5 { return 0 }
        // Acklam's approximation (relative error about 1e-9) ...
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        var x: Double
        if p < 0.02425 {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        // ... refined by Halley's method on the lower tail, which keeps relative
        // precision for tiny p.
        for _ in 0..<2 {
            let error = 0.5 * erfc(-x / 2.0.squareRoot()) - p
            let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
            x -= u / (1 + x * u / 2)
        }
        return x
    }
}
