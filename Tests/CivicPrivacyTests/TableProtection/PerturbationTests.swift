import CivicPrivacy
import Testing

@Suite("Random rounding and the cell-key method")
struct PerturbationTests {
    let table = StatisticalTable(rowLabels: ["a", "b"], columnLabels: ["x", "y", "z"], counts: [[1, 7, 12], [4, 0, 30]])

    @Test("random rounding publishes multiples of the base, unbiased", arguments: [3, 5])
    func rounding(base: Int) throws {
        let rounding = try RandomRounding(base: base)
        var random = SecureRandom(seed: 11)
        let published = try rounding.protect(table, using: &random)
        for position in table.positions {
            let value = try #require(published.cell(at: position).publishedValue)
            let truth = table.value(at: position)
            #expect(Int(value) % base == 0)
            #expect(abs(value - truth) < Double(base), "\(position)")
        }
        // Unbiased: the mean of many roundings of 7 is close to 7 (standard error below 0.02).
        let draws = (0..<20_000).map { _ in rounding.round(7, using: &random) }
        #expect(Set(draws).isSubset(of: [7 - 7 % base, 7 - 7 % base + base]))
        #expect(abs(Double(draws.reduce(0, +)) / 20_000 - 7) < 0.08)
    }

    @Test("the standard perturbation table is unbiased with variance 1 and keeps counts non-negative")
    func standardTable() {
        for (i, row) in PerturbationTable.standard.rows.enumerated() {
            #expect(row.map { $0.noise * $0.perMille }.reduce(0, +) == 0, "row \(i + 1)")
            #expect(row.map { $0.noise * $0.noise * $0.perMille }.reduce(0, +) == 1000, "row \(i + 1)")
            #expect(row.allSatisfy { i + 1 + $0.noise >= 0 })
        }
    }

    @Test("cell keys pick noise with the table's probabilities")
    func noiseFrequencies() {
        var random = SecureRandom(seed: 3)
        var seen: [Int: Int] = [:]
        for _ in 0..<100_000 { seen[PerturbationTable.standard.noise(forCount: 9, cellKey: random.nextWord()), default: 0] += 1 }
        for entry in PerturbationTable.standard.rows[1] {
            // Within 5 standard errors of the expected share.
            let expected = Double(entry.perMille) * 100
            #expect(abs(Double(seen[entry.noise] ?? 0) - expected) < 5 * expected.squareRoot(), "noise \(entry.noise)")
        }
        #expect(PerturbationTable.standard.noise(forCount: 0, cellKey: 12345) == 0)
    }

    @Test("the same records get the same noise, in any order and in any table")
    func sameCellSameNoise() throws {
        let key = try PseudonymKey(bytes: (0..<32).map { UInt8(($0 * 7 + 3) % 256) })
        var random = SecureRandom(seed: 5)
        let ids = (0..<400).map { "case-\($0)" }
        let services = ids.map { _ in ["debt", "housing", "family"][Int(random.uniform(below: 3))] }
        let genders = ids.map { _ in ["f", "m", "d"][Int(random.uniform(below: 3))] }
        let districts = ids.map { _ in ["north", "south"][Int(random.uniform(below: 2))] }
        let keys = CellKeyMethod.recordKeys(for: ids, key: key)
        let method = CellKeyMethod()

        let byGender = try method.protect(StatisticalTable(counting: services, by: genders, recordKeys: keys))
        let byDistrict = try method.protect(StatisticalTable(counting: services, by: districts, recordKeys: keys))
        // The row totals are the same cells (all cases of one service) in both tables.
        #expect(byGender.rowTotals == byDistrict.rowTotals)
        #expect(byGender.grandTotal == byDistrict.grandTotal)

        let order = Array(ids.indices.reversed())
        let shuffled = try method.protect(StatisticalTable(counting: order.map { services[$0] }, by: order.map { genders[$0] },
                                                           recordKeys: order.map { keys[$0] }))
        #expect(shuffled == byGender)

        // Noise stays within the table's range and something did change.
        let truth = StatisticalTable(counting: services, by: genders)
        var changed = 0
        for position in truth.positions {
            let published = try #require(byGender.cell(at: position).publishedValue)
            #expect(abs(published - truth.value(at: position)) <= 2)
            if published != truth.value(at: position) { changed += 1 }
        }
        #expect(changed > 0)
        // Another key gives other noise.
        let otherKeys = CellKeyMethod.recordKeys(for: ids, key: try PseudonymKey(bytes: (0..<32).map { UInt8(($0 * 11 + 5) % 256) }))
        #expect(try method.protect(StatisticalTable(counting: services, by: genders, recordKeys: otherKeys)) != byGender)
    }

    @Test("bad parameters and tables without keys are refused")
    func refusals() {
        #expect(throws: PrivacyError.self) { try RandomRounding(base: 1) }
        #expect(throws: PrivacyError.self) { try CellKeyMethod().protect(table) }
        #expect(throws: PrivacyError.self) {
            try PerturbationTable(name: "bad", rows: [[.init(noise: -2, perMille: 500), .init(noise: 2, perMille: 500)]])
        }
        #expect(throws: PrivacyError.self) { try PerturbationTable(name: "bad", rows: [[.init(noise: 0, perMille: 999)]]) }
    }
}
