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
