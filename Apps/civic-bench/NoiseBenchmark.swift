import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicPrivacy
import Foundation

/// Exact discrete Laplace (and Gaussian) draws per second on one core, for
/// Benchmarks/dp_compare.py to set beside OpenDP.
struct NoiseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noise", abstract: "Exact discrete Laplace / Gaussian draws per second (one core).")

    @Option(help: "discrete-laplace or discrete-gaussian.") var mechanism = "discrete-laplace"
    @Option(help: "The scale (Laplace) or sigma (Gaussian), a decimal.") var scale = "10"
    @Option(help: "How many draws.") var count = 10_000_000
    @Flag(help: "Also tally the draws and test them against the exact distribution (chi-square goodness of fit).")
    var fit = false

    func run() throws {
        guard let parameter = Rational(scale) else { throw ValidationError("--scale: a positive decimal") }
        var random = SecureRandom()
        var checksum: Int64 = 0, squares = 0.0
        var tally: [Int64: Int] = [:]
        let gaussian = DiscreteGaussian(sigmaSquared: Rational(parameter.numerator * parameter.numerator,
                                                               parameter.denominator * parameter.denominator))
        let laplace = DiscreteLaplace(scale: parameter)
        let isGaussian = mechanism == "discrete-gaussian"
        let (_, seconds) = timed {
            for _ in 0..<count {
                let x = isGaussian ? gaussian.sample(using: &random) : laplace.sample(using: &random)
                checksum &+= x
                squares += Double(x * x)
                if fit { tally[x, default: 0] += 1 }
            }
        }
        var result: [String: Double] = [
            "draws": Double(count), "seconds": seconds, "draws_per_second": Double(count) / seconds,
            "mean": Double(checksum) / Double(count), "mean_square": squares / Double(count),
        ]
        if fit {
            result["fit_p_value"] = GoodnessOfFit.symmetricPValue(
                counts: tally, probability: isGaussian ? gaussian.probability : laplace.probability)
        }
        try printJSONLine(result)
    }
}
