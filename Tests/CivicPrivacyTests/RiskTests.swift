import CivicExampleData
import CivicModels
import CivicPrivacy
import Testing

@Suite struct RiskTests {
    /// Ten people; by (age, zip): three classes of sizes 5, 3, 1, plus a missing-zip row.
    static func table() throws -> Table {
        let schema = Schema(fields: [Field("age", type: .integer, role: .quasiIdentifier),
                                     Field("zip", type: .string, role: .quasiIdentifier),
                                     Field("service", type: .string, role: .sensitive)])
        var rows: [[Value]] = []
        for _ in 0..<5 { rows.append([.integer(30), .text("10115"), .text("Schuldnerberatung")]) }
        for _ in 0..<3 { rows.append([.integer(40), .text("12043"), .text("Suchtberatung")]) }
        rows.append([.integer(85), .text("12043"), .text("Sozialberatung")])
        rows.append([.integer(85), .missing, .text("Sozialberatung")])
        return try Table(schema: schema, rows: rows)
    }

    @Test func classesFollowTheDefinition() throws {
        let table = try Self.table()
        let classes = try EquivalenceClasses(table, quasiIdentifiers: ["age", "zip"])
        #expect(classes.count == 4)
        #expect(classes.sizes.reduce(0, +) == table.rowCount)
        // Two rows share a class exactly when they agree on every quasi-identifier.
        for a in 0..<table.rowCount {
            for b in 0..<table.rowCount {
                let same = table[a, "age"] == table[b, "age"] && table[a, "zip"] == table[b, "zip"]
                #expect((classes.classOfRow[a] == classes.classOfRow[b]) == same)
            }
        }
        #expect(classes.smallestClassSize == 1)
        #expect(classes.sizeDistribution == [5: 1, 3: 1, 1: 2])
    }

    /// Random tables of texts, whole numbers and missing cells (an empty text is a
    /// value, not a missing cell), with persons repeating.
    @Test(arguments: [1, 2, 3] as [UInt64]) func classesAndPersonsFollowTheDefinitionOnRandomTables(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let rows = (0..<300).map { _ -> [Value] in
            [random.pick([.text("a"), .text("b"), .text(""), .missing]), .integer(Int64(random.uniform(in: 1...3))),
             random.pick([.text("x"), .missing]), .text("P-\(random.uniform(in: 1...60))")]
        }
        let table = try Table(schema: Schema(fields: [Field("q1", type: .string), Field("q2", type: .integer),
                                                      Field("q3", type: .string), Field("person", type: .string)]),
                              rows: rows)
        let classes = try EquivalenceClasses(table, quasiIdentifiers: ["q1", "q2", "q3"])
        var firstRowOfClass: [Int] = []
        for row in 0..<table.rowCount {
            let c = classes.classOfRow[row]
            // Numbered in order of first appearance.
            if c == firstRowOfClass.count { firstRowOfClass.append(row) }
            #expect(c < firstRowOfClass.count)
            // A row shares its class's first row's values, and no other class's.
            for (other, first) in firstRowOfClass.enumerated() {
                #expect((0..<3).allSatisfy { rows[row][$0] == rows[first][$0] } == (other == c))
            }
        }
        #expect(classes.sizes == (0..<classes.count).map { c in classes.classOfRow.filter { $0 == c }.count })
        let persons = rows.map { $0[3].description }
        let expected = (0..<classes.count).map { c in
            Set(persons.indices.filter { classes.classOfRow[$0] == c }.map { persons[$0] }).count
        }
        #expect(classes.personCounts(persons) == expected)
        #expect(classes.persons(persons).map(\.count) == expected)
        // The column's own numbering counts the same, also for a subset of the rows.
        let units = try PrivacyUnits(table, column: "person")
        #expect(classes.personCounts(units) == expected)
        #expect(units.personCount == Set(persons).count)
        let some = (0..<40).map { _ in random.uniform(in: 0...(rows.count - 1)) }
        #expect(units.gathering(rows: some).distinctPersonCount == Set(some.map { persons[$0] }).count)
    }

    /// One person written once with a precomposed é and once with e and a combining
    /// accent is one person, in the counts as in the sets.
    @Test func canonicallyEquivalentPersonsCountOnce() throws {
        let rows: [[Value]] = [[.text("a"), .text("Ren\u{E9}")], [.text("a"), .text("Rene\u{301}")],
                               [.text("a"), .text("Ida")], [.text("b"), .text("Rene\u{301}")]]
        let table = try Table(schema: Schema(fields: [Field("q", type: .string), Field("person", type: .string)]), rows: rows)
        let classes = try EquivalenceClasses(table, quasiIdentifiers: ["q"])
        let persons = rows.map { $0[1].description }
        #expect(classes.personCounts(persons) == [2, 1])
        #expect(classes.persons(persons).map(\.count) == [2, 1])
        #expect(classes.personCounts(try PrivacyUnits(table, column: "person")) == [2, 1])
    }

    @Test func prosecutorRisk() throws {
        let risk = ProsecutorRisk(try EquivalenceClasses(try Self.table(), quasiIdentifiers: ["age", "zip"]))
        #expect(risk.highest == 1)
        #expect(risk.average == 0.4)               // 4 classes / 10 rows
        #expect(risk.sampleUniques == 2)
        #expect(risk.shareOfRows(above: 0.2) == 0.5)   // the classes of size 3, 1, 1
        #expect(risk.shareOfRows(above: 0.5) == 0.2)
    }

    @Test func coarserQuasiIdentifiersLowerTheRisk() throws {
        let table = try Self.table()
        let fine = ProsecutorRisk(try EquivalenceClasses(table, quasiIdentifiers: ["age", "zip"]))
        let coarse = ProsecutorRisk(try EquivalenceClasses(table, quasiIdentifiers: ["zip"]))
        #expect(coarse.average <= fine.average)
        #expect(throws: PrivacyError.unknownColumn("plz")) { try EquivalenceClasses(table, quasiIdentifiers: ["plz"]) }
    }
}
