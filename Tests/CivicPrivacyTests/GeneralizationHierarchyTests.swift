import CivicModels
import CivicPrivacy
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

@Suite struct GeneralizationHierarchyTests {
    @Test func intervalsNest() throws {
        let age = try GeneralizationHierarchy.intervals(values: 0...99, widths: [5, 10, 20])
        #expect(age.height == 5)
        #expect(age.generalize("34", to: 0) == "34")
        #expect(age.generalize("34", to: 1) == "30-34")
        #expect(age.generalize("34", to: 2) == "30-39")
        #expect(age.generalize("34", to: 3) == "20-39")
        #expect(age.generalize("34", to: 4) == "*")
        #expect(age.leafCount(of: "20-39", at: 3) == 20)
        #expect(throws: HierarchyError.invalidParameters(BilingualText(de: "die Intervallbreite 15 ist kein Vielfaches von 10",
                                                                        en: "interval width 15 is not a multiple of 10"))) {
            try GeneralizationHierarchy.intervals(values: 0...9, widths: [5, 10, 15])
        }
    }

    @Test func prefixMasking() throws {
        let zip = try GeneralizationHierarchy.prefixMasking(values: ["12043", "12045", "10115"])
        #expect(zip.height == 6)
        #expect((0..<6).map { zip.generalize("12043", to: $0) } == ["12043", "1204*", "120**", "12***", "1****", "*"])
        #expect(zip.leafCount(of: "1204*", at: 1) == 2)
        #expect(throws: HierarchyError.self) { try GeneralizationHierarchy.prefixMasking(values: ["123", "1234"]) }
    }

    @Test func dateRollUp() throws {
        let date = CivicDate(year: 2024, month: 3, day: 5)!
        let dates = try GeneralizationHierarchy.dates(values: [date, date + 40])
        #expect((0..<5).map { dates.generalize("2024-03-05", to: $0) } == ["2024-03-05", "2024-03", "2024-Q1", "2024", "*"])
        #expect(dates.generalize("2024-04-14", to: 2) == "2024-Q2")
        #expect(throws: HierarchyError.self) { try GeneralizationHierarchy.dates(values: [date], units: [.year, .month]) }
    }

    @Test func categoryGroups() throws {
        let origin = try GeneralizationHierarchy.categories(
            values: ["syrisch", "irakisch", "deutsch", "polnisch"],
            levels: [["syrisch": "Naher Osten", "irakisch": "Naher Osten", "deutsch": "EU", "polnisch": "EU"]])
        #expect(origin.generalize("irakisch", to: 1) == "Naher Osten")
        #expect(origin.generalize("irakisch", to: 2) == "*")
        #expect(throws: HierarchyError.invalidParameters(BilingualText(de: "Stufe 1 hat für 2 der 3 Werte keine Gruppe",
                                                                        en: "level 1 has no group for 2 of the 3 values"))) {
            try GeneralizationHierarchy.categories(values: ["eritreisch", "syrisch", "somalisch"], levels: [["syrisch": "Naher Osten"]])
        }
    }

    @Test func malformedHierarchiesAreRejectedWithTheLine() {
        #expect(throws: HierarchyError.unevenDepth(line: 2, expected: 3, found: 2)) {
            try GeneralizationHierarchy(rows: [["1", "0-4", "*"], ["2", "*"]])
        }
        #expect(throws: HierarchyError.duplicateValue(line: 2)) {
            try GeneralizationHierarchy(rows: [["1", "0-4", "*"], ["1", "0-4", "*"]])
        }
        // "0-4" goes to "0-9" in line 1 but to "*" in line 2: levels do not nest.
        #expect(throws: HierarchyError.inconsistentLevels(line: 2, level: 1)) {
            try GeneralizationHierarchy(rows: [["1", "0-4", "0-9", "*"], ["2", "0-4", "*", "*"]])
        }
        #expect(throws: HierarchyError.empty) { try GeneralizationHierarchy(rows: []) }
    }

    @Test func coverageNamesValueColumnAndRow() throws {
        let table = try Table(schema: Schema(fields: [Field("age", type: .integer)]),
                              rows: [[.integer(30)], [.integer(131)]])
        let age = try GeneralizationHierarchy.intervals(values: 0...99, widths: [10])
        #expect(throws: HierarchyError.valueNotCovered(column: "age", row: 2)) {
            try age.checkCoverage(of: table.column(named: "age")!, named: "age")
        }
    }

    @Test func arxFilesRoundTrip() throws {
        let folder = try TemporaryDirectory()
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("adult/adult_hierarchy_education.csv")
        let education = try GeneralizationHierarchy(rows: ARXHierarchyFile.read(url))
        #expect(education.height == 4)
        #expect(education.generalize("Bachelors", to: 2) == "Higher education")
        try ARXHierarchyFile.write(education.rows, to: folder.file("education.csv"))
        #expect(try GeneralizationHierarchy(rows: ARXHierarchyFile.read(folder.file("education.csv"))) == education)
        let uneven = try folder.write("bad.csv", text: "1;0-4;*\n2;*\n")
        #expect(throws: HierarchyError.unevenDepth(line: 2, expected: 3, found: 2)) {
            try GeneralizationHierarchy(rows: ARXHierarchyFile.read(uneven))
        }
    }
}

@Suite("hierarchy limits")
struct HierarchyLimitTests {
    @Test("thousands of interval levels are refused with a message instead of eating memory")
    func tooManyLevels() throws {
        let table = try Table(schema: Schema(fields: [Field("age", type: .integer)]), rows: [[.integer(30)], [.integer(40)]])
        let widths = (1...8_000).map { $0 * 2 }
        let configuration = AnonymizationConfiguration(
            attributes: ["age": .init(role: .quasiIdentifier, hierarchy: .intervals(widths))], privacy: .init(k: 2))
        #expect(throws: ConfigurationError.self) { try configuration.plan(for: table) { _ in [] } }
    }

    /// `privacy-unit: row` says that rows are persons, as on the command line; any
    /// other name must be a column.
    @Test func theWordRowMeansEveryRowIsAPerson() throws {
        let table = try Table(schema: Schema(fields: [Field("age", type: .integer), Field("client", type: .string)]),
                              rows: (0..<6).map { [.integer(Int64(20 + $0)), .text("c\($0 % 2)")] })
        func plan(_ unit: String?) throws -> AnonymizationConfiguration.Plan {
            try AnonymizationConfiguration(attributes: ["age": .init(role: .quasiIdentifier, hierarchy: .intervals([10]))],
                                           privacy: .init(k: 2), privacyUnit: unit).plan(for: table) { _ in [] }
        }
        #expect(try plan("row").anonymizer.privacyUnit == nil)
        #expect(try plan("row").identifiers.isEmpty)
        #expect(try plan("client").anonymizer.privacyUnit == "client")
        #expect(try plan("client").identifiers == ["client"])
        #expect(throws: ConfigurationError.unknownColumn("rows")) { try plan("rows") }
    }
}
