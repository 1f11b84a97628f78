import Foundation

/// The discrete Laplace distribution on the integers, P(x) proportional to
/// exp(-|x| / scale), sampled exactly.
///
/// Floating-point Laplace noise leaks through the pattern of representable doubles
/// (I. Mironov, "On significance of the least significant bits for differential
/// privacy", CCS 2012); this sampler uses integer arithmetic and exact coin flips
/// only (Canonne, Kamath and Steinke 2020, algorithm 2).
///
/// ```swift
/// var random = SecureRandom()
/// let laplace = DiscreteLaplace(scale: Rational("10")!)
/// let noisyCount = trueCount + laplace.sample(using: &random)
/// ```
public struct DiscreteLaplace: Sendable, Hashable {
    /// The scale: the noise's typical size (sensitivity / epsilon for a release).
    public let scale: Rational

    /// The discrete Laplace distribution with the given scale.
    public init(scale: Rational) { self.scale = scale }

    /// The largest scale numerator the exact sampler handles without overflow
    /// (2^40, about 10^12): mechanisms refuse settings that would need more.
    public static let largestScaleNumerator: UInt64 = 1 << 40

    /// Whether `scale` can be sampled (its numerator at most ``largestScaleNumerator``).
    public static func supports(scale: Rational) -> Bool { scale.numerator <= largestScaleNumerator }

    /// P(X = x), computed in floating point (for tests and teaching).
    public func probability(_ x: Int) -> Double {
        let q = exp(-1 / scale.doubleValue)
        return (1 - q) / (1 + q) * pow(q, Double(abs(x)))
    }

    /// One draw.
    public func sample(using random: inout some RandomWordSource) -> Int64 {
        // scale = t / s: draw |X| as floor((U + t V) / s) with U uniform on 0..<t kept
        // with probability exp(-U/t) and V geometric with parameter exp(-1).
        let t = scale.numerator, s = scale.denominator
        while true {
            let u = random.uniform(below: t)
            guard ExactBernoulli.flipExp(u, t, using: &random) else { continue }
            var v: UInt64 = 0
            while ExactBernoulli.flipExp(1, 1, using: &random) { v += 1 }
            let magnitude = (u + t * v) / s
            let negative = random.nextWord() & 1 == 1
            if negative && magnitude == 0 { continue }
            return negative ? -Int64(magnitude) : Int64(magnitude)
        }
    }
}

