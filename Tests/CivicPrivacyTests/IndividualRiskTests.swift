import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation
import Testing

/// The Benedetti–Franconi individual risk with sampling weights against the
/// reference values of `Fixtures/individual-risk/individual-risk.py` (the model's
/// series in 60-digit arithmetic, checked against its integral form; sdcMicro itself
/// was not installable where the fixture was made).
@Suite struct IndividualRiskTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("individual-risk")

    static func csv(_ name: String) throws -> Table {
        try CSVTableReader.read(folder.appendingPathComponent(name)).table
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance * max(abs(b), 1e-300) }

    @Test("each row's risk and the global risk of a weighted sample equal the reference")
    func weightedSample() throws {
        let sample = try Self.csv("weighted-sample.csv"), reference = try Self.csv("weighted-sample-risk.csv")
        let classes = try EquivalenceClasses(sample, quasiIdentifiers: ["region", "age_group", "gender"])
        let weights = try #require(sample.column(named: "weight"))
        let risk = IndividualRisk(classes, weights: (0..<sample.rowCount).map { weights.doubleValue(at: $0)! })
        #expect(reference.rowCount == sample.rowCount)
        for row in 0..<sample.rowCount {
            #expect(reference[row, "id"] == sample[row, "id"])
            let group = classes.classOfRow[row]
            #expect(Int64(risk.sampleFrequencies[group]) == reference.column(named: "fk")!.value(at: row).integer)
            #expect(close(risk.populationEstimates[group], reference.column(named: "Fk")!.doubleValue(at: row)!, 1e-13))
            let expected = reference.column(named: "risk")!.doubleValue(at: row)!
            #expect(close(risk.classRisks[group], expected), "row \(row): \(risk.classRisks[group]) vs \(expected)")
        }
        let global = try String(contentsOf: Self.folder.appendingPathComponent("weighted-sample-global.txt"), encoding: .utf8)
        let figures = Dictionary(uniqueKeysWithValues: global.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            return (String(parts[0]), Double(parts[1])!)
        })
        #expect(close(risk.global, figures["global_risk"]!))
        #expect(close(risk.expectedReidentifications, figures["expected_reidentifications"]!))
        #expect(Double(classes.count) == figures["groups"])
        #expect(risk.rowCount == sample.rowCount)
    }

    @Test("single groups across the range: p near 0, above 1/2, 1, and weights below the rows")
    func singleGroups() throws {
        let cases = try Self.csv("single-groups.csv")
        #expect(cases.rowCount == 16)
        for row in 0..<cases.rowCount {
            let f = Int(cases.column(named: "fk")!.doubleValue(at: row)!), estimate = cases.column(named: "Fk")!.doubleValue(at: row)!
            let expected = cases.column(named: "risk")!.doubleValue(at: row)!
            let computed = IndividualRisk.risk(sampleFrequency: f, populationEstimate: estimate)
            #expect(close(computed, expected), "f \(f), F \(estimate): \(computed) vs \(expected)")
        }
    }

    @Test("with weights of 1 the sample is the population, and the risk is the prosecutor risk")
    func unitWeightsArePopulation() throws {
        let sample = try Self.csv("weighted-sample.csv")
        let classes = try EquivalenceClasses(sample, quasiIdentifiers: ["region", "age_group"])
        let risk = IndividualRisk(classes, weights: Array(repeating: 1, count: sample.rowCount))
        let prosecutor = ProsecutorRisk(classes)
        #expect(close(risk.global, prosecutor.average) && close(risk.highest, prosecutor.highest))
        #expect(risk.shareOfRows(above: 0.2) == prosecutor.shareOfRows(above: 0.2))
    }
}

private extension Value {
    var integer: Int64? { if case .integer(let v) = self { v } else { nil } }
}
