import CivicModels
import CivicPrivacy
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// Differential privacy per person: contribution bounding keeps at most N rows of
/// each person, and the noise is calibrated to N.
@Suite("contribution bounding")
struct ContributionBoundTests {
    let example = try! CSVTableReader.read(packageRoot().appendingPathComponent("Examples/counselling-cases.csv")).table

    @Test("on the bundled example, 10,000 releases with 2 rows per person have the spread of sensitivity 2")
    func spreadMatchesSensitivity() throws {
        let bound = try ContributionBound(privacyUnit: "client_id", maxRowsPerPerson: 2)
        let genders = ["w", "m", "d"]
        // Gender belongs to the client, so the bounded counts do not depend on which
        // rows are kept: each client counts min(cases, 2) times.
        var casesOf: [String: (gender: String, cases: Int)] = [:]
        for row in 0..<example.rowCount {
            casesOf[example[row, "client_id"].description, default: (example[row, "gender"].description, 0)].cases += 1
        }
        let exact = genders.map { g in Int64(casesOf.values.filter { $0.gender == g }.reduce(0) { $0 + min($1.cases, 2) }) }
        // The two columns the release reads, so that 10,000 releases stay quick.
        let cases = try example.selecting(["client_id", "gender"])
        var random = SecureRandom(seed: 14)
        var noise: [Int64] = []
        for _ in 0..<10_000 {
            let counts = try NoisyCounts(cases, column: "gender", categories: genders, epsilon: Rational(1, 2), bound: bound,
                                         using: &random)
            #expect(counts.sensitivity == 2)
            noise += zip(counts.counts, exact).map { $0 - $1 }
        }
        let stated = DiscreteLaplace(scale: Rational(4, 1))       // sensitivity 2 / epsilon 0.5
        #expect(goodnessOfFit(noise, probability: stated.probability) > 0.001)
        // Noise calibrated to one row (scale 2) is clearly told apart.
        #expect(goodnessOfFit(noise, probability: DiscreteLaplace(scale: Rational(2, 1)).probability) < 1e-6)
    }

    @Test("bounding keeps at most N rows of each person, in order, and every row of a small person")
    func keepsAtMostN() throws {
        var random = SecureRandom(seed: 3)
        let bounded = try ContributionBound(privacyUnit: "client_id", maxRowsPerPerson: 2).apply(to: example, using: &random)
        var rowsOf: [String: Int] = [:], casesOf: [String: Int] = [:]
        for row in 0..<bounded.rowCount { rowsOf[bounded[row, "client_id"].description, default: 0] += 1 }
        for row in 0..<example.rowCount { casesOf[example[row, "client_id"].description, default: 0] += 1 }
        #expect(rowsOf.keys.count == casesOf.keys.count)
        #expect(rowsOf.allSatisfy { $0.value == min(casesOf[$0.key]!, 2) })
        // Case numbers end in a running number in the order of the rows.
        let serials = (0..<bounded.rowCount).map { Int(bounded[$0, "case_id"].description.split(separator: "-").last!)! }
        #expect(zip(serials, serials.dropFirst()).allSatisfy { $0 < $1 }, "rows keep their order")
    }

    @Test("the kept rows are a uniform sample of a person's rows")
    func uniformChoice() throws {
        // One person with 4 rows, keep 1: each row should be kept a quarter of the time.
        let table = try Table(schema: Schema(fields: [Field("p", type: .string), Field("i", type: .integer)]),
                              rows: (0..<4).map { [.text("x"), .integer(Int64($0))] })
        let bound = try ContributionBound(privacyUnit: "p", maxRowsPerPerson: 1)
        var random = SecureRandom(seed: 9)
        var kept = [Int](repeating: 0, count: 4)
        for _ in 0..<8_000 { kept[Int(try bound.apply(to: table, using: &random)[0, "i"].description)!] += 1 }
        let chiSquare = kept.reduce(0.0) { $0 + pow(Double($1) - 2_000, 2) / 2_000 }
        #expect(chiSquare < 16.27, "chi-square \(chiSquare) with 3 degrees of freedom (p = 0.001 at 16.27)")
    }

    @Test("sum, mean, quantile and contingency tables scale their sensitivity by N")
    func everyMechanismScales() throws {
        let bound = try ContributionBound(privacyUnit: "client_id", maxRowsPerPerson: 3)
        var random = SecureRandom(seed: 5)
        let sum = try NoisySum(example, column: "income_eur", lower: 0, upper: 5000, resolution: Rational(1, 1),
                               epsilon: Rational(1, 1), mean: false, bound: bound, using: &random)
        #expect(sum.sensitivity == 15_000)
        let quantile = try NoisyQuantile(example, column: "income_eur", q: Rational(1, 2), lower: 0, upper: 5000,
                                         epsilon: Rational(1, 1), bound: bound, using: &random)
        #expect(quantile.sensitivity == 6)
        let table = try NoisyContingencyTable(example, rows: "gender", rowCategories: ["w", "m", "d"], columns: "outcome",
                                              columnCategories: ["abgeschlossen", "laufend"], epsilon: Rational(1, 1),
                                              bound: bound, using: &random)
        #expect(table.sensitivity == 3)
        #expect(throws: PrivacyError.self) { try ContributionBound(privacyUnit: "client_id", maxRowsPerPerson: 0) }
        #expect(throws: PrivacyError.self) { try ContributionBound(privacyUnit: "nobody", maxRowsPerPerson: 2).apply(to: example, using: &random) }
    }
}
