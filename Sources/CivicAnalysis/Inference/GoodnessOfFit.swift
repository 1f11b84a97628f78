/// Pearson's chi-square goodness-of-fit test of integer draws against a probability
/// mass function symmetric around 0: does a sampler produce what it promises?
///
/// ```swift
/// var counts: [Int64: Int] = [:]
/// for _ in 0..<1_000_000 { counts[laplace.sample(using: &random), default: 0] += 1 }
/// let p = GoodnessOfFit.symmetricPValue(counts: counts, probability: laplace.probability)
/// ```
///
/// Every value from -m to m whose expected count is at least 5 is its own cell; the
/// two tails beyond are pooled into one cell each.
public enum GoodnessOfFit {
    /// The p-value of the draws tallied in `counts` under `probability`.
    public static func symmetricPValue(counts: [Int64: Int], probability: (Int) -> Double) -> Double {
        let n = Double(counts.values.reduce(0, +))
        var high = 0
        while n * probability(high + 1) >= 5 { high += 1 }
        var statistic = 0.0, cells = 0, inside = 0.0
        for x in -high...high {
            let expected = n * probability(x), observed = Double(counts[Int64(x)] ?? 0)
            statistic += (observed - expected) * (observed - expected) / expected
            inside += probability(x)
            cells += 1
        }
        let tailExpected = n * (1 - inside) / 2
        if tailExpected > 0 {
            var below = 0, above = 0
            for (x, count) in counts {
                if x < -Int64(high) { below += count } else if x > Int64(high) { above += count }
            }
            for observed in [Double(below), Double(above)] {
                statistic += (observed - tailExpected) * (observed - tailExpected) / tailExpected
                cells += 1
            }
        }
        return ChiSquared(degreesOfFreedom: Double(max(cells - 1, 1))).survival(statistic)
    }
}
