import Foundation

/// A probability distribution on the real line: density, both tails and quantiles.
///
/// ```swift
/// let t = StudentT(degreesOfFreedom: 12)
/// let p = 2 * t.survival(2.1)          // two-sided p-value of t = 2.1
/// let critical = t.quantile(0.975)     // for a 95 % confidence interval
/// ```
///
/// `cdf` and `survival` are each computed directly, so a p-value of 1e-200 is as
/// precise as one of 0.2.
public protocol ContinuousDistribution: Sendable {
    /// The probability density at `x`.
    func density(_ x: Double) -> Double
    /// P(X <= x).
    func cdf(_ x: Double) -> Double
    /// P(X > x), the survival function.
    func survival(_ x: Double) -> Double
    /// The smallest lower end of the support (`-infinity` when unbounded).
    var supportLowerBound: Double { get }
    /// The value below which a share `p` of the distribution lies (the inverse of
    /// ``cdf(_:)``), for `0 <= p <= 1`.
    func quantile(_ p: Double) -> Double
    /// The value above which a share `q` of the distribution lies (the inverse of
    /// ``survival(_:)``): precise for tiny `q`, where `quantile(1 - q)` is not.
    func inverseSurvival(_ q: Double) -> Double
}

extension ContinuousDistribution {
    public var supportLowerBound: Double { -.infinity }

    /// Solves ``cdf(_:)`` = p numerically.
    public func quantile(_ p: Double) -> Double {
        precondition((0...1).contains(p), "a probability lies between 0 and 1")
        if p == 0 { return supportLowerBound }
        if p == 1 { return .infinity }
        // Solve in the tail the probability belongs to, so 1 - p is never formed
        // for a small upper-tail share.
        return p <= 0.5
            ? QuantileSearch.solve(self, tail: cdf, increasing: true, target: p)
            : QuantileSearch.solve(self, tail: survival, increasing: false, target: 1 - p)
    }

    /// Solves ``survival(_:)`` = q numerically.
    public func inverseSurvival(_ q: Double) -> Double {
        precondition((0...1).contains(q), "a probability lies between 0 and 1")
        if q == 1 { return supportLowerBound }
        if q == 0 { return .infinity }
        return q <= 0.5
            ? QuantileSearch.solve(self, tail: survival, increasing: false, target: q)
            : QuantileSearch.solve(self, tail: cdf, increasing: true, target: 1 - q)
    }
}

/// Inverts a tail probability by Newton's method on the logarithms of the tail and
/// of |x| (exact in one step for a power-law tail, fast for any other), kept
/// inside a shrinking bracket; where Newton would leave the bracket it bisects,
/// geometrically when the bracket spans orders of magnitude.
enum QuantileSearch {
    /// The x where `tail(x) == target`; `tail` is the cdf (`increasing`) or the
    /// survival function of `distribution`.
    static func solve(
        _ distribution: some ContinuousDistribution, tail: (Double) -> Double, increasing: Bool, target: Double
    ) -> Double {
        // gap is increasing in x and zero at the root.
        func gap(_ x: Double) -> Double { increasing ? tail(x) - target : target - tail(x) }
        var low = distribution.supportLowerBound, high = 1.0
        while gap(high) < 0 {
            low = high
            high *= 2
            if high > 1e300 { return .infinity }
        }
        if low == -.infinity {
            low = -1
            while gap(low) > 0 {
                high = low
                low *= 2
                if low < -1e300 { return -.infinity }
            }
        }
        var x = low + (high - low) / 2
        for _ in 0..<300 {
            let probability = tail(x)
            let value = increasing ? probability - target : target - probability
            if value == 0 { return x }
            if value < 0 { low = x } else { high = x }
            // d log(tail) / d log|x|
            let elasticity = x * (increasing ? 1 : -1) * distribution.density(x) / probability
            var next = x * exp(-(log(probability) - log(target)) / elasticity)
            if !(next > low && next < high) {
                if low == 0 {
                    next = high * 1e-4
                } else if low > 0 && high > 4 * low {
                    next = low.squareRoot() * high.squareRoot()
                } else if high < 0 && low < 4 * high {
                    next = -((-low).squareRoot() * (-high).squareRoot())
                } else {
                    next = low + (high - low) / 2
                }
            }
            if abs(next - x) <= 2e-16 * abs(x) || next == low || next == high { return next }
            x = next
        }
        return x
    }
}
