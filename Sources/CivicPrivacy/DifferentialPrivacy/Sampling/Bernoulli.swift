/// Exact coin flips for the samplers: with integer arithmetic only, as C. Canonne,
/// G. Kamath and T. Steinke describe them ("The Discrete Gaussian for Differential
/// Privacy", NeurIPS 2020, algorithms 1 and 2).
enum ExactBernoulli {
    /// True with probability `numerator / denominator` (<= 1).
    @inline(__always)
    static func flip(_ numerator: UInt64, _ denominator: UInt64, using random: inout some RandomWordSource) -> Bool {
        if numerator >= denominator { return true }
        if numerator == 0 { return false }
        return random.uniform(below: denominator) < numerator
    }

    /// True with probability exp(-numerator/denominator), for any non-negative
    /// fraction: exp(-1) once per whole unit, then the remainder by the series
    /// trick (count K while Bernoulli(gamma/K) succeeds; K odd has probability
    /// exp(-gamma)).
    static func flipExp(_ numerator: UInt64, _ denominator: UInt64, using random: inout some RandomWordSource) -> Bool {
        var whole = numerator / denominator
        while whole > 0 {
            if !flipExpAtMostOne(1, 1, using: &random) { return false }
            whole -= 1
        }
        return flipExpAtMostOne(numerator % denominator, denominator, using: &random)
    }

    /// exp(-n/d) for n <= d.
    @inline(__always)
    private static func flipExpAtMostOne(_ n: UInt64, _ d: UInt64, using random: inout some RandomWordSource) -> Bool {
        var k: UInt64 = 1
        while true {
            // Bernoulli(n / (d k)); d k fits as long as k stays small, which it does
            // with overwhelming probability (P(K > k) = 1/k!).
            let (bound, overflow) = d.multipliedReportingOverflow(by: k)
            if overflow || !flip(n, bound, using: &random) { break }
            k += 1
        }
        return k % 2 == 1
    }
}
