import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicPublishing
import Foundation
import Testing

/// `FileCheck` of a weighted survey sample: the weight column found by its name,
/// the Benedetti–Franconi risk in the verdict, and people counted once per group.
@Suite("the check of a weighted sample")
struct FileCheckWeightTests {
    /// 60 rows in 20 groups of 3 on (Bezirk, Altersgruppe, Geschlecht), each row weighing `weight`.
    static func sample(weight: Double, person: Bool = false) throws -> Table {
        var fields = [Field("Bezirk", type: .string), Field("Altersgruppe", type: .string), Field("Geschlecht", type: .string),
                      Field("Gewicht", type: .number)]
        if person { fields.insert(Field("Klientennummer", type: .string), at: 0) }
        let rows: [[Value]] = (0..<60).map { i in
            let group = i % 20
            var row: [Value] = [.text(["Mitte", "Pankow", "Spandau", "Neukölln", "Wedding"][group % 5]),
                                .text(["18-29", "30-44"][group / 10]), .text(["w", "m"][(group / 5) % 2]),
                                .number(weight + Double(i / 20))]
            // Persons: the group's first row is one person, its other two rows another.
            if person { row.insert(.text("K-\(group)-\(i < 20 ? "a" : "b")"), at: 0) }
            return row
        }
        return try Table(schema: Schema(fields: fields), rows: rows)
    }

    @Test("the weight column is recognised by its name and lowers the risk to the model's")
    func recognisedWeights() throws {
        let table = try Self.sample(weight: 200)
        let check = FileCheck(table, fileName: "stichprobe.csv")
        #expect(check.weightColumn == "Gewicht")
        #expect(check.guesses.first { $0.column == "Gewicht" }?.role == .insensitive)
        #expect(!check.quasiIdentifiers.contains("Gewicht"))
        let weighted = try #require(check.weightedRisk)
        // Every group: 3 rows weighing 200, 201, 202.
        let expected = IndividualRisk.risk(sampleFrequency: 3, populationEstimate: 603)
        #expect(abs(weighted.global - expected) < 1e-15 && weighted.classRisks.count == 20)
        #expect(check.verdict == .noObviousProblem)
        // Without weights the same file is far above 3 %: one in three.
        let unweighted = try FileCheck(table.selecting(["Bezirk", "Altersgruppe", "Geschlecht"]), fileName: "s.csv")
        #expect(unweighted.weightedRisk == nil && unweighted.verdict == .riskAboveThreshold(average: 1.0 / 3))
    }

    @Test("small weights keep the risk high, and the verdict says so with the global risk")
    func smallWeights() throws {
        let check = FileCheck(try Self.sample(weight: 1), fileName: "stichprobe.csv", weightColumn: "Gewicht")
        let global = try #require(check.weightedRisk?.global)
        #expect(abs(global - IndividualRisk.risk(sampleFrequency: 3, populationEstimate: 6)) < 1e-15)
        #expect(check.verdict == .riskAboveThreshold(average: global))
        #expect(check.report(in: .german).html().contains("Benedetti und Franconi"))
    }

    @Test("with a person column a person counts once per group, with their smallest weight")
    func personsWithWeights() throws {
        let table = try Self.sample(weight: 10, person: true)
        let check = FileCheck(table, fileName: "faelle.csv")
        #expect(check.personColumn == "Klientennummer")
        let weighted = try #require(check.weightedRisk)
        // Each group: person a with one row weighing 10, person b with rows weighing 11 and 12 (counts 11).
        #expect(weighted.sampleFrequencies == Array(repeating: 2, count: 20))
        #expect(weighted.populationEstimates == Array(repeating: 21, count: 20))
        #expect(abs(weighted.global - IndividualRisk.risk(sampleFrequency: 2, populationEstimate: 21)) < 1e-15)
    }
}
