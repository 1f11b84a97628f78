import CivicAnalysis
import CivicPrivacy
import Foundation
import Testing

/// The goodness-of-fit p-value of `draws` against `probability`.
func goodnessOfFit(_ draws: [Int64], probability: (Int) -> Double) -> Double {
    var counts: [Int64: Int] = [:]
    for x in draws { counts[x, default: 0] += 1 }
    return GoodnessOfFit.symmetricPValue(counts: counts, probability: probability)
}

@Suite("Exact samplers")
struct SamplerTests {
    @Test("discrete Laplace passes chi-square goodness of fit", arguments: ["0.5", "1", "3", "10", "100", "1000"])
    func laplace(scale: String) throws {
        let laplace = DiscreteLaplace(scale: try #require(Rational(scale)))
        var random = SecureRandom(seed: 2026)
        let draws = (0..<60_000).map { _ in laplace.sample(using: &random) }
        let p = goodnessOfFit(draws, probability: laplace.probability)
        #expect(p > 0.001, "scale \(scale): p = \(p)")
    }

    @Test("discrete Gaussian passes chi-square goodness of fit", arguments: ["0.5", "1.5", "10", "200"])
    func gaussian(sigma: String) throws {
        let gaussian = try #require(DiscreteGaussian(sigma: sigma))
        var random = SecureRandom(seed: 7)
        let draws = (0..<40_000).map { _ in gaussian.sample(using: &random) }
        let p = goodnessOfFit(draws, probability: gaussian.probability)
        #expect(p > 0.001, "sigma \(sigma): p = \(p)")
    }

    @Test("the test notices a wrong distribution")
    func detectsMismatch() {
        // Draws at scale 10 judged against scale 11 must fail.
        let laplace = DiscreteLaplace(scale: Rational(10, 1))
        var random = SecureRandom(seed: 1)
        let draws = (0..<60_000).map { _ in laplace.sample(using: &random) }
        #expect(goodnessOfFit(draws, probability: DiscreteLaplace(scale: Rational(11, 1)).probability) < 1e-6)
    }

    @Test("decimals become exact fractions; bad ones are refused")
    func rationals() {
        #expect(Rational("0.25") == Rational(1, 4))
        #expect(Rational("10") == Rational(10, 1))
        #expect(Rational("1e-3") == Rational(1, 1000))
        #expect(Rational("2.50") == Rational(5, 2))
        for bad in ["", "0", "-1", "abc", "1.2.3", "1e40", "NaN"] { #expect(Rational(bad) == nil, "\(bad)") }
    }

    @Test("seeded sources repeat, secure ones do not")
    func sources() {
        var a = SecureRandom(seed: 5), b = SecureRandom(seed: 5), c = SecureRandom(), d = SecureRandom()
        let first = (0..<20_000).map { _ in a.nextWord() }
        #expect(first == (0..<20_000).map { _ in b.nextWord() })
        #expect((0..<4).map { _ in c.nextWord() } != (0..<4).map { _ in d.nextWord() })
        // Uniform below a bound stays below it and reaches both ends.
        var e = SecureRandom(seed: 9)
        let values = (0..<10_000).map { _ in e.uniform(below: 7) }
        #expect(values.allSatisfy { $0 < 7 } && values.contains(0) && values.contains(6))
    }
}
