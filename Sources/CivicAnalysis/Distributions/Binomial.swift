import Foundation

/// The binomial distribution: successes in `trials` independent tries with success
/// probability `probability`.
///
/// ```swift
/// Binomial(trials: 20, probability: 0.3).cdf(4)   // P(X <= 4)
/// ```
///
/// Tails come from the regularised incomplete beta function:
/// P(X <= k) = I_{1-p}(n - k, k + 1).
public struct Binomial: Sendable, Hashable {
    /// The number of tries.
    public let trials: Int
    /// The success probability of one try.
    public let probability: Double

    /// The binomial distribution for `trials` tries with success probability `probability`.
    public init(trials: Int, probability: Double) {
        precondition(trials >= 0, "the number of trials is not negative")
        precondition((0...1).contains(probability), "a probability lies between 0 and 1")
        self.trials = trials
        self.probability = probability
    }

    /// P(X = k).
    public func probabilityMass(_ k: Int) -> Double {
        guard (0...trials).contains(k) else { return 0 }
        let n = Double(trials), k = Double(k), p = probability
        if p == 0 { return k == 0 ? 1 : 0 }
        if p == 1 { return k == n ? 1 : 0 }
        let logChoose: Double = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
        let logPowers: Double = k * log(p) + (n - k) * log1p(-p)
        return exp(logChoose + logPowers)
    }

    /// P(X <= k) for both tails: (P(X <= k), P(X > k)).
    private func tails(_ k: Int) -> (lower: Double, upper: Double) {
        if k < 0 { return (0, 1) }
        if k >= trials { return (1, 0) }
        if probability == 0 { return (1, 0) }
        if probability == 1 { return (0, 1) }
        let beta = SpecialFunctions.incompleteBeta(
            1 - probability, Double(trials - k), Double(k + 1), complement: probability)
        return (beta.lower, beta.upper)
    }

    /// P(X <= k).
    public func cdf(_ k: Int) -> Double { tails(k).lower }

    /// P(X > k), the survival function.
    public func survival(_ k: Int) -> Double { tails(k).upper }

    /// The smallest k with P(X <= k) >= p.
    public func quantile(_ p: Double) -> Int {
        precondition((0...1).contains(p), "a probability lies between 0 and 1")
        var low = 0, high = trials
        while low < high {
            let middle = (low + high) / 2
            // Compare in the tail that keeps precision (the relative tolerance
            // absorbs the last-place rounding of the incomplete beta function).
            if cdf(middle) >= p * (1 - 1e-14) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
