import CivicModels
import CivicPrivacy
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

@Suite("Privacy budget ledger and noisy aggregates")
struct BudgetTests {
    @Test("epsilons add up exactly; the release runs only when the budget suffices")
    func arithmetic() throws {
        let folder = try TemporaryDirectory()
        let ledger = PrivacyBudgetLedger(store: LockedFile(url: folder.file("b.json")))
        var runs = 0
        for _ in 0..<10 {
            _ = try ledger.spend(epsilon: Decimal(string: "0.1")!, query: "q", creatingWithBudget: 1) { runs += 1 }
        }
        // 10 x 0.1 is exactly 1 in decimal arithmetic (in binary floating point it is not).
        #expect(try ledger.state().spent == 1)
        #expect(try ledger.state().remaining == 0)
        #expect(throws: BudgetError.exceeded(requested: Decimal(string: "0.1")!, remaining: 0)) {
            try ledger.spend(epsilon: Decimal(string: "0.1")!, query: "q") { runs += 1 }
        }
        #expect(runs == 10)
    }

    @Test("a failing release enters nothing; a missing ledger needs a budget")
    func failures() throws {
        struct Boom: Error {}
        let folder = try TemporaryDirectory()
        let ledger = PrivacyBudgetLedger(store: LockedFile(url: folder.file("b.json")))
        #expect(throws: BudgetError.noLedger(path: folder.file("b.json").path)) {
            try ledger.spend(epsilon: 1, query: "q") {}
        }
        _ = try ledger.spend(epsilon: 1, query: "first", creatingWithBudget: 3) {}
        #expect(throws: Boom.self) { try ledger.spend(epsilon: 1, query: "q") { throw Boom() } }
        #expect(try ledger.state().entries.map(\.query) == ["first"])
    }

    @Test("noisy counts: with a huge epsilon the noise vanishes and the counts are exact")
    func exactCounts() throws {
        let table = try Table(schema: Schema(fields: [Field("g", type: .string)]),
                              rows: ["a", "b", "a", "c", "a"].map { [.text($0)] } + [[.missing]])
        var random = SecureRandom(seed: 3)
        let counts = try NoisyCounts(table, column: "g", categories: ["a", "b", "x"], epsilon: Rational(1000, 1),
                                     bound: .row, using: &random)
        #expect(counts.counts == [3, 1, 0])
        #expect(counts.uncounted == 2)
        #expect(counts.scale == Rational(1, 1000))
    }

    @Test("noisy counts are unbiased with the variance of their scale")
    func noiseLevel() throws {
        let table = try Table(schema: Schema(fields: [Field("g", type: .string)]), rows: (0..<50).map { _ in [.text("a")] })
        var random = SecureRandom(seed: 11)
        let draws = try (0..<4000).map { _ in
            try NoisyCounts(table, column: "g", categories: ["a"], epsilon: Rational(1, 2), bound: .row, using: &random).counts[0] - 50
        }
        let mean = Double(draws.reduce(0, +)) / Double(draws.count)
        let variance = draws.reduce(0.0) { $0 + Double($1 * $1) } / Double(draws.count)
        // Scale 2: variance 2q/(1-q)^2 with q = exp(-1/2), about 7.92; mean 0.
        let q = exp(-0.5), expected = 2 * q / ((1 - q) * (1 - q))
        #expect(abs(mean) < 0.2)
        #expect(abs(variance - expected) / expected < 0.1)
    }

    @Test("a clamped sum and mean land near the truth at a generous epsilon, bounds enforced")
    func sums() throws {
        let table = try Table(schema: Schema(fields: [Field("v", type: .number)]),
                              rows: [10, 20, 30, 10_000].map { [.number($0)] })
        var random = SecureRandom(seed: 5)
        let sum = try NoisySum(table, column: "v", lower: 0, upper: 100, epsilon: Rational(100, 1), mean: false, bound: .row, using: &random)
        // Clamped: 10 + 20 + 30 + 100 = 160; noise scale 100/0.01/100 = 100 grid steps of 0.01 (about 1).
        #expect(abs(sum.sum - 160) < 15)
        let mean = try NoisySum(table, column: "v", lower: 0, upper: 100, epsilon: Rational(100, 1), mean: true, bound: .row, using: &random)
        #expect(mean.mean! >= 0 && mean.mean! <= 100 && abs(mean.mean! - 40) < 5)
        // Sensitivity: the larger bound in absolute value, rounded up to the grid.
        #expect(sum.sensitivity == 100)
        let skewed = try NoisySum(table, column: "v", lower: -250, upper: 100.004, resolution: Rational(1, 100),
                                  epsilon: Rational(1, 1), mean: false, bound: .row, using: &random)
        #expect(skewed.sensitivity == 250)
        let fine = try NoisySum(table, column: "v", lower: 0, upper: 100.004, resolution: Rational(1, 100),
                                epsilon: Rational(1, 1), mean: false, bound: .row, using: &random)
        #expect(abs(fine.sensitivity - 100.01) < 1e-9)
        #expect(throws: PrivacyError.self) {
            try NoisySum(table, column: "v", lower: 5, upper: 5, epsilon: Rational(1, 1), mean: false, bound: .row, using: &random)
        }
    }
}

@Suite("ledger stores")
struct LedgerStoreTests {
    @Test("the ledger works on any store: in memory it refuses the overspending release as on disk")
    func inMemory() throws {
        let ledger = PrivacyBudgetLedger(store: InMemoryDocumentStore())
        var runs = 0
        for _ in 0..<3 { _ = try ledger.spend(epsilon: 0.5, query: "q", creatingWithBudget: 1.5) { runs += 1 } }
        #expect(throws: BudgetError.exceeded(requested: 0.5, remaining: 0)) {
            try ledger.spend(epsilon: 0.5, query: "q") { runs += 1 }
        }
        let remaining = try ledger.state().remaining
        #expect(runs == 3 && remaining == 0)
    }

    @Test("a ledger reached through a symbolic or hard link is refused: no second budget")
    func links() throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("budget.json")
        let ledger = PrivacyBudgetLedger(store: LockedFile(url: url))
        _ = try ledger.spend(epsilon: 1, query: "first", creatingWithBudget: 2) {}
        let alias = folder.file("alias.json"), second = folder.file("second.json")
        try FileManager.default.createSymbolicLink(at: alias, withDestinationURL: url)
        #expect(throws: LockedFileError(path: alias.path, kind: .symbolicLink)) {
            try PrivacyBudgetLedger(store: LockedFile(url: alias)).spend(epsilon: 1, query: "q") {}
        }
        try FileManager.default.removeItem(at: alias)
        #expect(link(url.path, second.path) == 0)
        var runs = 0
        for name in [url, second] {
            #expect(throws: LockedFileError(path: name.path, kind: .severalNames(2))) {
                try PrivacyBudgetLedger(store: LockedFile(url: name)).spend(epsilon: 1, query: "q") { runs += 1 }
            }
        }
        #expect(runs == 0)
        // The same file through a linked folder is the same ledger, under the same lock.
        try FileManager.default.removeItem(at: second)
        let linkedFolder = folder.file("linked")
        try FileManager.default.createSymbolicLink(at: linkedFolder, withDestinationURL: folder.url)
        let viaFolder = PrivacyBudgetLedger(store: LockedFile(url: linkedFolder.appendingPathComponent("budget.json")))
        _ = try viaFolder.spend(epsilon: 1, query: "second") {}
        #expect(throws: BudgetError.exceeded(requested: 1, remaining: 0)) { try ledger.spend(epsilon: 1, query: "third") {} }
    }

    @Test("a hand-edited ledger is refused: a lowered, zeroed, negative or deleted entry, or a raised budget")
    func tampering() throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("budget.json")
        let ledger = PrivacyBudgetLedger(store: LockedFile(url: url))
        for query in ["a", "b", "c"] { _ = try ledger.spend(epsilon: 0.5, query: query, creatingWithBudget: 2) {} }
        let original = try Data(contentsOf: url)
        #expect(try ledger.state().entries.count == 3)
        let edits: [(String, (inout [String: Any]) -> Void)] = [
            ("lowered", { state in Self.editEntry(&state, 1) { $0["epsilon"] = 0.1 } }),
            ("zeroed", { state in Self.editEntry(&state, 1) { $0["epsilon"] = 0 } }),
            ("negative", { state in Self.editEntry(&state, 2) { $0["epsilon"] = -5 } }),
            ("deleted", { state in var entries = state["entries"] as! [[String: Any]]; entries.remove(at: 0); state["entries"] = entries }),
            ("budget raised", { state in state["budget"] = 20 }),
            ("budget negative", { state in state["budget"] = -1 }),
        ]
        for (what, edit) in edits {
            var state = try JSONSerialization.jsonObject(with: original) as! [String: Any]
            edit(&state)
            try JSONSerialization.data(withJSONObject: state).write(to: url)
            do {
                _ = try ledger.state()
                Issue.record("\(what): the edited ledger was accepted")
            } catch {
                guard case .tampered = error else { Issue.record("\(what): \(error)"); continue }
            }
        }
        try original.write(to: url)
        #expect(try ledger.state().remaining == Decimal(string: "0.5"))
    }

    private static func editEntry(_ state: inout [String: Any], _ index: Int, _ change: (inout [String: Any]) -> Void) {
        var entries = state["entries"] as! [[String: Any]]
        change(&entries[index])
        state["entries"] = entries
    }

    @Test("a ledger file is readable by its owner only")
    func fileMode() throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("budget.json")
        _ = try PrivacyBudgetLedger(store: LockedFile(url: url)).spend(epsilon: 1, query: "q", creatingWithBudget: 2) {}
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
