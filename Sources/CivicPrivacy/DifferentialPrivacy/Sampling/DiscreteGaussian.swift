import Foundation

/// The discrete Gaussian distribution on the integers, P(x) proportional to
/// exp(-x² / (2 sigma²)), sampled exactly by rejection from the discrete Laplace
/// distribution (Canonne, Kamath and Steinke 2020, algorithm 3).
///
/// ```swift
/// var random = SecureRandom()
/// let gaussian = DiscreteGaussian(sigmaSquared: Rational("25")!)
/// gaussian.sample(using: &random)
/// ```
public struct DiscreteGaussian: Sendable, Hashable {
    /// The variance parameter sigma² (the variance itself is slightly smaller).
    public let sigmaSquared: Rational

    /// The discrete Gaussian with parameter sigma².
    public init(sigmaSquared: Rational) { self.sigmaSquared = sigmaSquared }

    /// The discrete Gaussian with parameter sigma (given as a decimal); `nil` when
    /// sigma is not a positive decimal.
    public init?(sigma: String) {
        guard let s = Rational(sigma) else { return nil }
        let (n, o1) = s.numerator.multipliedReportingOverflow(by: s.numerator)
        let (d, o2) = s.denominator.multipliedReportingOverflow(by: s.denominator)
        guard !o1, !o2 else { return nil }
        self.init(sigmaSquared: Rational(n, d))
    }

    /// P(X = x), computed in floating point (for tests and teaching).
    public func probability(_ x: Int) -> Double {
        let variance = sigmaSquared.doubleValue
        var normaliser = 0.0
        let reach = Int((variance.squareRoot() * 40).rounded(.up)) + 1
        for k in -reach...reach { normaliser += exp(-Double(k * k) / (2 * variance)) }
        return exp(-Double(x * x) / (2 * variance)) / normaliser
    }

    /// One draw.
    public func sample(using random: inout some RandomWordSource) -> Int64 {
        // sigma² = p / q; t = floor(sigma) + 1.
        let p = sigmaSquared.numerator, q = sigmaSquared.denominator
        let t = UInt64((Double(p) / Double(q)).squareRoot().rounded(.down)) + 1
        let laplace = DiscreteLaplace(scale: Rational(t, 1))
        while true {
            let y = laplace.sample(using: &random)
            // Accept with probability exp(-(|y| - sigma²/t)² / (2 sigma²))
            //   = exp(-(|y| q t - p)² / (2 p q t²)).
            let magnitude = UInt64(abs(y))
            let (yqt, o1) = magnitude.multipliedReportingOverflow(by: q * t)
            precondition(!o1, "discrete Gaussian parameters too large for 64-bit arithmetic")
            let difference = yqt > p ? yqt - p : p - yqt
            let (numerator, o2) = difference.multipliedReportingOverflow(by: difference)
            let (denominator, o3) = (2 * p * q).multipliedReportingOverflow(by: t * t)
            precondition(!o2 && !o3, "discrete Gaussian parameters too large for 64-bit arithmetic")
            if ExactBernoulli.flipExp(numerator, denominator, using: &random) { return y }
        }
    }
}
