/// A fast, seedable random number generator (xoshiro256**, Blackman and Vigna 2018),
/// seeded through SplitMix64.
///
/// For example data, tests and simulations that must repeat exactly: the same seed
/// gives the same numbers on every platform and Swift version. Never use it where
/// an attacker must not predict the output (keys, noise for differential privacy):
/// use `SystemRandomNumberGenerator` there.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// A generator for item `index` of a stream seeded by `seed`, independent of the
    /// other items: lets code generate item 1,000,000 without generating the rest.
    public init(seed: UInt64, index: UInt64) {
        self.init(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03) ^ 0x2545_F491_4F6C_DD1D)
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform integer in `0..<bound` (Lemire's nearly-divisionless method, written
    /// out so that the sequence does not depend on the standard library's choice).
    public mutating func uniform(_ bound: Int) -> Int {
        precondition(bound > 0)
        let bound64 = UInt64(bound)
        var product = next().multipliedFullWidth(by: bound64)
        if product.low < bound64 {
            let threshold = (0 &- bound64) % bound64
            while product.low < threshold { product = next().multipliedFullWidth(by: bound64) }
        }
        return Int(product.high)
    }

    /// A uniform integer in a closed range.
    public mutating func uniform(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + uniform(range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `percent` / 100.
    public mutating func chance(percent: Int) -> Bool { uniform(100) < percent }

    /// An element of a non-empty array, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T { items[uniform(items.count)] }

    /// An element chosen with the given integer weights.
    public mutating func pick<T>(weighted items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var ticket = uniform(total)
        for (item, weight) in items {
            if ticket < weight { return item }
            ticket -= weight
        }
        return items[items.count - 1].0
    }
}
