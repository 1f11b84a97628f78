import CivicAnalysis
import Foundation
import Testing

/// SciPy's values of the distribution functions (see Fixtures/make_statistics_reference.py).
struct DistributionReference: Decodable {
    struct Point: Decodable { var x: Double; var cdf: Double; var sf: Double }
    struct Quantile: Decodable { var p: Double; var ppf: Double; var isf: Double }
    struct Continuous: Decodable {
        var name: String
        var parameters: [Double]
        var points: [Point]
        var quantiles: [Quantile]
    }
    struct BinomialPoint: Decodable { var k: Int; var pmf: Double; var cdf: Double; var sf: Double }
    struct BinomialQuantile: Decodable { var q: Double; var ppf: Int }
    struct BinomialCase: Decodable {
        var n: Int
        var p: Double
        var points: [BinomialPoint]
        var quantiles: [BinomialQuantile]
    }
    var continuous: [Continuous]
    var binomial: [BinomialCase]

    static func load() throws -> DistributionReference {
        try JSONDecoder().decode(DistributionReference.self, from: fixtureData("distributions.json"))
    }
}

func fixtureData(_ name: String) throws -> Data {
    let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
    return try Data(contentsOf: url)
}

/// The relative error of `actual` against `expected`. Below `floor` SciPy's tails
/// underflow (it reports 0 where the value is 1e-297), so there both must merely be
/// tiny.
func relativeError(_ actual: Double, _ expected: Double, floor: Double = 1e-290) -> Double {
    if actual == expected { return 0 }
    if expected.isInfinite || actual.isInfinite { return .infinity }
    if abs(expected) < floor { return abs(actual) < floor ? 0 : .infinity }
    return abs(actual - expected) / abs(expected)
}

@Suite("Distributions against SciPy")
struct DistributionTests {
    func distribution(_ reference: DistributionReference.Continuous) -> any ContinuousDistribution {
        switch reference.name {
        case "normal": return Normal()
        case "t": return StudentT(degreesOfFreedom: reference.parameters[0])
        case "chi2": return ChiSquared(degreesOfFreedom: reference.parameters[0])
        default:
            return FisherF(numeratorDegreesOfFreedom: reference.parameters[0],
                           denominatorDegreesOfFreedom: reference.parameters[1])
        }
    }

    @Test("cdf and survival agree with SciPy to 1e-10 relative error")
    func tails() throws {
        for reference in try DistributionReference.load().continuous {
            let dist = distribution(reference)
            for point in reference.points {
                #expect(relativeError(dist.cdf(point.x), point.cdf) < 1e-10,
                        "\(reference.name) \(reference.parameters) cdf(\(point.x)) = \(dist.cdf(point.x)), SciPy \(point.cdf)")
                #expect(relativeError(dist.survival(point.x), point.sf) < 1e-10,
                        "\(reference.name) \(reference.parameters) sf(\(point.x)) = \(dist.survival(point.x)), SciPy \(point.sf)")
            }
        }
    }

    @Test("quantile and inverse survival agree with SciPy to 1e-10 relative error")
    func quantiles() throws {
        for reference in try DistributionReference.load().continuous {
            let dist = distribution(reference)
            for point in reference.quantiles {
                #expect(relativeError(dist.quantile(point.p), point.ppf) < 1e-10,
                        "\(reference.name) \(reference.parameters) ppf(\(point.p)) = \(dist.quantile(point.p)), SciPy \(point.ppf)")
                #expect(relativeError(dist.inverseSurvival(point.p), point.isf) < 1e-10,
                        "\(reference.name) \(reference.parameters) isf(\(point.p)) = \(dist.inverseSurvival(point.p)), SciPy \(point.isf)")
            }
        }
    }

    @Test("every quantile gives back its probability", arguments: [1e-100, 1e-40, 1e-12, 0.01, 0.3, 0.5, 0.8, 0.99])
    func roundTrip(p: Double) throws {
        for reference in try DistributionReference.load().continuous {
            let dist = distribution(reference)
            let low = dist.quantile(p), high = dist.inverseSurvival(p)
            // Where the quantile underflows to the support's end there is nothing to check.
            if low > dist.supportLowerBound && low.isFinite {
                #expect(relativeError(dist.cdf(low), p) < 1e-10, "\(reference.name) \(reference.parameters) cdf(ppf(\(p)))")
            }
            if high.isFinite {
                #expect(relativeError(dist.survival(high), p) < 1e-10, "\(reference.name) \(reference.parameters) sf(isf(\(p)))")
            }
        }
    }

    @Test("binomial mass, tails and quantiles agree with SciPy")
    func binomial() throws {
        for reference in try DistributionReference.load().binomial {
            let dist = Binomial(trials: reference.n, probability: reference.p)
            for point in reference.points {
                #expect(relativeError(dist.probabilityMass(point.k), point.pmf) < 1e-10, "pmf n=\(reference.n) k=\(point.k)")
                #expect(relativeError(dist.cdf(point.k), point.cdf) < 1e-10, "cdf n=\(reference.n) k=\(point.k)")
                #expect(relativeError(dist.survival(point.k), point.sf) < 1e-10, "sf n=\(reference.n) k=\(point.k)")
            }
            for point in reference.quantiles {
                #expect(dist.quantile(point.q) == point.ppf, "ppf n=\(reference.n) q=\(point.q)")
            }
        }
    }
}
