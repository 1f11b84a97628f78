import CivicModels
import CivicPrivacy
import Foundation
import Testing

@Suite("Privacy accountant and further mechanisms")
struct AccountantTests {
    @Test("zCDP arithmetic agrees with values computed by hand")
    func arithmetic() {
        var accountant = PrivacyAccountant()
        accountant.spend(.gaussian(sensitivity: 1, sigmaSquared: 4))
        #expect(accountant.rho == 0.125)
        #expect(accountant.pureEpsilon == nil)
        // 1/8 + 2 sqrt(1/8 ln 10^6) = 2.753260884878466 (computed with Python's math module).
        #expect(abs(accountant.epsilon(delta: 1e-6) - 2.753260884878466) < 1e-12)
        accountant.spend(.pure(epsilon: 0.5))
        // rho = 1/8 + 0.5^2/2 = 0.25; epsilon(10^-5) = 0.25 + 2 sqrt(0.25 ln 10^5) = 3.643070212207556.
        #expect(accountant.rho == 0.25)
        #expect(abs(accountant.epsilon(delta: 1e-5) - 3.643070212207556) < 1e-12)
    }

    @Test("pure releases compose by adding epsilons, and the better bound is reported")
    func pureComposition() {
        var accountant = PrivacyAccountant()
        accountant.spend(.pure(epsilon: 0.5))
        accountant.spend(.pure(epsilon: 0.25))
        #expect(accountant.pureEpsilon == 0.75)
        #expect(accountant.epsilon(delta: 1e-6) == 0.75)
        // Many small pure releases: the zCDP bound beats plain addition.
        var many = PrivacyAccountant()
        for _ in 0..<400 { many.spend(.pure(epsilon: 0.01)) }
        #expect(abs(many.pureEpsilon! - 4) < 1e-9)
        #expect(many.epsilon(delta: 1e-6) < 1.2)
    }

    let table = try! Table(schema: Schema(fields: [Field("income", type: .number), Field("service", type: .string),
                                                   Field("gender", type: .string)]),
                           rows: (0..<300).map { i in
                               [.number(Double(i * 10)), .text(["A", "B", "C"][i % 3]), .text(["f", "m"][i % 2])]
                           })

    @Test("a histogram over public edges counts each value in one bin")
    func histogram() throws {
        var random = SecureRandom(seed: 4)
        // Epsilon 1000: noise of scale 1/1000, almost always 0, so the exact counts show.
        let histogram = try NoisyCounts(table, column: "income", edges: [0, 500, 1000, 2500], epsilon: Rational(1000, 1),
                                        bound: .row, using: &random)
        #expect(histogram.categories == ["0–500", "500–1000", "1000–2500"])
        #expect(histogram.counts == [50, 50, 150])
        #expect(histogram.uncounted == 50)
        #expect(throws: PrivacyError.self) {
            try NoisyCounts(table, column: "income", edges: [5, 1], epsilon: Rational(1, 1), bound: .row, using: &random)
        }
    }

    @Test("a contingency table crosses two columns, noise on every cell")
    func contingency() throws {
        var random = SecureRandom(seed: 5)
        let exact = try NoisyContingencyTable(table, rows: "service", rowCategories: ["A", "B", "C"], columns: "gender",
                                              columnCategories: ["f", "m"], epsilon: Rational(1000, 1), bound: .row, using: &random)
        #expect(exact.counts == [[50, 50], [50, 50], [50, 50]])
        let noisy = try NoisyContingencyTable(table, rows: "service", rowCategories: ["A", "B", "C"], columns: "gender",
                                              columnCategories: ["f", "m"], epsilon: Rational(1, 10), bound: .row, using: &random)
        #expect(noisy.counts.joined().contains { $0 != 50 })
    }

    @Test("the quantile mechanism finds the true quantile at large epsilon and stays on the grid")
    func quantile() throws {
        var random = SecureRandom(seed: 6)
        // income: 0, 10, ..., 2990; the median lies between 1490 and 1500.
        let median = try NoisyQuantile(table, column: "income", q: Rational(1, 2), lower: 0, upper: 5000,
                                       resolution: Rational(10, 1), epsilon: Rational(1000, 1), bound: .row, using: &random)
        #expect(median.value == 1490 || median.value == 1500, "\(median.value)")
        let tenth = try NoisyQuantile(table, column: "income", q: Rational(1, 10), lower: 0, upper: 5000,
                                      resolution: Rational(10, 1), epsilon: Rational(1000, 1), bound: .row, using: &random)
        #expect(tenth.value == 290 || tenth.value == 300, "\(tenth.value)")
        // One person moves a candidate's utility by at most D, for q = N/D in lowest terms.
        #expect(median.sensitivity == 2 && tenth.sensitivity == 10)
        // With little epsilon the answer is noisy but a grid point within the bounds, and on average near.
        var total = 0.0
        for _ in 0..<200 {
            let noisy = try NoisyQuantile(table, column: "income", q: Rational(1, 2), lower: 0, upper: 5000,
                                          resolution: Rational(10, 1), epsilon: Rational(1, 2), bound: .row, using: &random)
            #expect((0...5000).contains(noisy.value) && noisy.value.truncatingRemainder(dividingBy: 10) == 0)
            total += noisy.value
        }
        #expect(abs(total / 200 - 1495) < 150, "mean of 200 noisy medians: \(total / 200)")
        #expect(throws: PrivacyError.self) {
            try NoisyQuantile(table, column: "income", q: Rational(3, 2), lower: 0, upper: 10, epsilon: Rational(1, 1), bound: .row, using: &random)
        }
        #expect(throws: PrivacyError.self) {
            try NoisyQuantile(table, column: "service", q: Rational(1, 2), lower: 0, upper: 10, epsilon: Rational(1, 1), bound: .row, using: &random)
        }
    }
}
