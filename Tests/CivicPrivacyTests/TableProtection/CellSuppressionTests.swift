import CivicPrivacy
import Testing

/// The cheapest safe set of partner cells, found by trying every set of inner,
/// non-empty, non-primary cells in order of size (only for small tables).
func bruteForceCheapestPartners(_ table: StatisticalTable, primary: [CellPosition]) -> Double {
    let candidates = table.positions.filter { !$0.isMargin && table.value(at: $0) > 0 && !primary.contains($0) }
    var best = Double.infinity
    func search(from start: Int, chosen: [CellPosition], cost: Double) {
        guard cost < best else { return }
        if isSafe(table, suppressing: primary + chosen) { best = cost; return }
        guard chosen.count < 6 else { return }
        for i in start..<candidates.count {
            search(from: i + 1, chosen: chosen + [candidates[i]], cost: cost + table.value(at: candidates[i]))
        }
    }
    search(from: 0, chosen: [], cost: 0)
    return best
}

/// Whether suppressing exactly `positions` lets no cell be recomputed (solved by the audit).
func isSafe(_ table: StatisticalTable, suppressing positions: [CellPosition]) -> Bool {
    DisclosureAudit.recomputableCells(in: ProtectedTable.withholding(positions, of: table)).isEmpty
}

extension ProtectedTable {
    /// A table with exactly `positions` withheld (for auditing hand-made patterns).
    static func withholding(_ positions: [CellPosition], of table: StatisticalTable) -> ProtectedTable {
        ProtectedTable(table, primary: Set(positions))
    }
}

/// A small table with many small counts, from a seeded generator.
func randomTable(seed: UInt64) -> StatisticalTable {
    var random = SecureRandom(seed: seed)
    let rows = 2 + Int(random.uniform(below: 4)), columns = 2 + Int(random.uniform(below: 4))
    let counts = (0..<rows).map { _ in
        (0..<columns).map { _ in random.uniform(below: 3) == 0 ? Int(random.uniform(below: 5)) : 5 + Int(random.uniform(below: 30)) }
    }
    return StatisticalTable(rowLabels: (0..<rows).map { "r\($0)" }, columnLabels: (0..<columns).map { "c\($0)" }, counts: counts)
}

@Suite("Cell suppression")
struct CellSuppressionTests {
    let frequency5 = try! MinimumFrequencyRule()

    @Test("the audit finds a lone withheld cell in a row and accepts a rectangle")
    func auditOnHandMadePatterns() throws {
        let table = StatisticalTable(rowLabels: ["a", "b"], columnLabels: ["x", "y", "z"], counts: [[2, 7, 9], [8, 6, 12]])
        let lone = ProtectedTable.withholding([CellPosition(row: 0, column: 0)], of: table)
        #expect(DisclosureAudit.recomputableCells(in: lone) == [CellPosition(row: 0, column: 0)])
        // Two cells in one row, but alone in their columns: both recomputable from the column totals.
        let pair = ProtectedTable.withholding([CellPosition(row: 0, column: 0), CellPosition(row: 0, column: 1)], of: table)
        #expect(Set(DisclosureAudit.recomputableCells(in: pair)) == [CellPosition(row: 0, column: 0), CellPosition(row: 0, column: 1)])
        let rectangle = ProtectedTable.withholding([CellPosition(row: 0, column: 0), CellPosition(row: 0, column: 1),
                                                    CellPosition(row: 1, column: 0), CellPosition(row: 1, column: 1)], of: table)
        #expect(DisclosureAudit.recomputableCells(in: rectangle).isEmpty)
        // A cell with its row total withheld too is still fixed by its column.
        let withTotal = ProtectedTable.withholding([CellPosition(row: 0, column: 0), CellPosition(row: 0, column: nil)], of: table)
        #expect(DisclosureAudit.recomputableCells(in: withTotal).count == 2)
        // A protected table audits itself: the unsafe pattern throws, naming its cells.
        #expect(throws: TableDisclosureError(recomputableCells: DisclosureAudit.recomputableCells(in: withTotal))) {
            try withTotal.auditDisclosure()
        }
        try rectangle.auditDisclosure()
    }

    @Test("after protection no withheld cell can be recomputed and every small cell is withheld", arguments: 1...60)
    func safeOnRandomTables(seed: UInt64) throws {
        let table = randomTable(seed: seed)
        let published = try CellSuppression(rules: [frequency5]).protect(table)
        #expect(DisclosureAudit.recomputableCells(in: published).isEmpty, "seed \(seed)")
        for position in table.positions {
            let count = table.frequency(at: position)
            let cell = published.cell(at: position)
            if count > 0 && count < 5 {
                #expect(cell == .primarySuppressed, "seed \(seed), \(position) has \(count)")
            } else if let value = cell.publishedValue {
                #expect(value == table.value(at: position))
            } else {
                #expect(cell == .secondarySuppressed)
                #expect(count > 0, "an empty cell is never a partner")
            }
        }
        // The rule of thumb, checked directly: a row or column with a withheld cell holds at least two.
        let suppressed = published.suppressedPositions
        for position in suppressed {
            #expect(suppressed.filter { $0.row == position.row }.count >= 2, "seed \(seed), row of \(position)")
            #expect(suppressed.filter { $0.column == position.column }.count >= 2, "seed \(seed), column of \(position)")
        }
    }

    @Test("textbook tables get the cheapest pattern", arguments: [
        // One small cell: the cheapest rectangle through it.
        [[3, 10, 8, 25], [12, 40, 7, 30], [15, 9, 20, 6]],
        // Two small cells on a diagonal: the rectangle they span is cheapest.
        [[3, 6, 20, 25], [7, 4, 18, 30], [15, 9, 20, 16]],
        // Two small cells in one row share partners in a second row.
        [[2, 30, 4, 25], [12, 40, 11, 30], [15, 9, 20, 16]],
        // Small cells in three rows and three columns.
        [[1, 12, 30, 8], [20, 2, 14, 9], [6, 17, 3, 22], [25, 11, 13, 40]],
    ])
    func cheapestPattern(counts: [[Int]]) throws {
        let table = StatisticalTable(rowLabels: counts.indices.map { "r\($0)" },
                                     columnLabels: counts[0].indices.map { "c\($0)" }, counts: counts)
        let published = try CellSuppression(rules: [frequency5]).protect(table)
        let primary = table.positions.filter { frequency5.isSensitive($0, in: table) }
        let cost = table.positions.filter { published.cell(at: $0) == .secondarySuppressed }
            .reduce(0) { $0 + table.value(at: $1) }
        #expect(cost == bruteForceCheapestPartners(table, primary: primary))
        #expect(published.secondaryCount > 0)
        let totalsPublished = published.rowTotals.allSatisfy { !$0.isSuppressed }
        #expect(totalsPublished)
    }

    @Test("on small random tables the pattern is as cheap as the brute-force optimum", arguments: 61...100)
    func optimalOnRandomTables(seed: UInt64) throws {
        let table = randomTable(seed: seed)
        let primary = table.positions.filter { frequency5.isSensitive($0, in: table) }
        // The brute force searches inner partners only, up to six of them.
        guard !primary.contains(where: { $0.isMargin }), primary.count <= 5 else { return }
        let published = try CellSuppression(rules: [frequency5]).protect(table)
        let cost = table.positions.filter { published.cell(at: $0) == .secondarySuppressed }.reduce(0) { $0 + table.value(at: $1) }
        let optimum = bruteForceCheapestPartners(table, primary: primary)
        #expect(cost <= optimum, "seed \(seed)")
    }

    @Test("a single non-empty row needs its total withheld")
    func totalsWhenNothingElseHelps() throws {
        let table = StatisticalTable(rowLabels: ["only"], columnLabels: ["x", "y"], counts: [[3, 9]])
        let published = try CellSuppression(rules: [frequency5]).protect(table)
        #expect(DisclosureAudit.recomputableCells(in: published).isEmpty)
        #expect(published.cells[0] == [.primarySuppressed, .secondarySuppressed])
        #expect(published.columnTotals.allSatisfy { $0.isSuppressed })
    }

    @Test("tables without small cells are published unchanged")
    func nothingToDo() throws {
        let table = StatisticalTable(rowLabels: ["a", "b"], columnLabels: ["x", "y"], counts: [[5, 0], [12, 30]])
        let published = try CellSuppression(rules: [frequency5]).protect(table)
        #expect(published.suppressedPositions.isEmpty)
        #expect(published.grandTotal == .value(47))
    }

    @Test("the dominance rule flags cells led by few contributors")
    func dominance() throws {
        let table = StatisticalTable(rowLabels: ["north", "south"], columnLabels: ["2025", "2026"], contributions: [
            [[900, 50, 50], [400, 300, 300]],
            [[500, 400, 100], [200, 200, 200, 200, 200]],
        ])
        let oneEightyFive = try DominanceRule(n: 1, k: 85), twoEightyFive = try DominanceRule(n: 2, k: 85)
        #expect(oneEightyFive.isSensitive(CellPosition(row: 0, column: 0), in: table))
        #expect(!oneEightyFive.isSensitive(CellPosition(row: 0, column: 1), in: table))
        #expect(twoEightyFive.isSensitive(CellPosition(row: 1, column: 0), in: table))
        #expect(!twoEightyFive.isSensitive(CellPosition(row: 1, column: 1), in: table))
        #expect(!twoEightyFive.isSensitive(.grandTotal, in: table))
        let published = try CellSuppression(rules: [oneEightyFive, twoEightyFive]).protect(table)
        #expect(published.primaryCount == 2)
        #expect(DisclosureAudit.recomputableCells(in: published).isEmpty)
    }

    @Test("impossible parameters are refused")
    func invalidParameters() {
        #expect(throws: PrivacyError.self) { try MinimumFrequencyRule(threshold: 0) }
        #expect(throws: PrivacyError.self) { try DominanceRule(n: 0, k: 85) }
        #expect(throws: PrivacyError.self) { try DominanceRule(n: 1, k: 100) }
    }
}

@Suite("table protection counts people")
struct PersonCellTests {
    @Test("the dominance rule adds up each person's records in a cell: three donations of one donor dominate")
    func dominanceByPerson() throws {
        // Cell (Mitte, 2025): donor d1 gives 30 three times, four others 5 each (total 110).
        // Per record the largest is 30 of 110 (27 %); per person d1 holds 90 of 110 (82 %).
        let donors = ["d1", "d1", "d1", "d2", "d3", "d4", "d5"] + (6...15).map { "d\($0)" }
        let amounts: [Double?] = [30, 30, 30, 5, 5, 5, 5] + Array(repeating: 10, count: 10)
        let districts: [String?] = Array(repeating: "Mitte", count: 7) + Array(repeating: "Nord", count: 10)
        let years: [String?] = Array(repeating: "2025", count: 17)
        let rule = try DominanceRule(n: 1, k: 60)
        let cell = CellPosition(row: 0, column: 0)
        let byRecord = StatisticalTable(summing: amounts, rows: districts, by: years)
        #expect(byRecord.value(at: cell) == 110 && byRecord.frequency(at: cell) == 7)
        #expect(!rule.isSensitive(cell, in: byRecord))
        let byPerson = StatisticalTable(summing: amounts, rows: districts, by: years, persons: donors)
        #expect(byPerson.value(at: cell) == 110 && byPerson.frequency(at: cell) == 5)
        #expect(rule.isSensitive(cell, in: byPerson))
        #expect(!rule.isSensitive(CellPosition(row: 1, column: 0), in: byPerson))
    }

    @Test("a cell of 7 cases from 2 clients is withheld at minimum frequency 3; counts stay case counts")
    func holdingsCountPersons() throws {
        // Row A: 7 cases of clients 1 and 2 in column x, 6 cases of 6 clients in y.
        let rows = Array(repeating: "A", count: 13) + Array(repeating: "B", count: 8)
        let columns = Array(repeating: "x", count: 7) + Array(repeating: "y", count: 6) + Array(repeating: "x", count: 4)
            + Array(repeating: "y", count: 4)
        let persons = ["1", "2", "1", "2", "1", "2", "1"] + (3...8).map(String.init) + (9...16).map(String.init)
        let table = StatisticalTable(counting: rows.map(Optional.some), by: columns.map(Optional.some), persons: persons)
        let first = CellPosition(row: 0, column: 0)
        #expect(table.frequency(at: first) == 7 && table.unitFrequency(at: first) == 2)
        #expect(table.unitFrequency(at: CellPosition(row: 0, column: nil)) == 8, "a client in two cells counts once in the margin")
        let published = try CellSuppression(rules: [try MinimumFrequencyRule(threshold: 3)]).protect(table)
        #expect(published.cell(at: first) == .primarySuppressed)
        // Counted in rows the same cell would be published.
        let byRows = StatisticalTable(counting: rows.map(Optional.some), by: columns.map(Optional.some))
        #expect(try CellSuppression(rules: [try MinimumFrequencyRule(threshold: 3)]).protect(byRows).cell(at: first) == .value(7))
    }
}
