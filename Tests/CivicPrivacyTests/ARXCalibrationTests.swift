import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation
import Testing

/// The anonymiser against ARX on the UCI Adult data (Fixtures/adult/SOURCE.md).
@Suite struct ARXCalibrationTests {
    static let quasiIdentifiers = ["sex", "age", "race", "marital-status", "education", "native-country",
                                   "workclass", "salary-class"]

    static func adult() throws -> (Table, [QuasiIdentifier]) {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("adult")
        var options = CSVTableReader.Options()
        options.schema = Schema(fields: (quasiIdentifiers + ["occupation"]).map { Field($0, type: .string) })
        let table = try CSVTableReader.read(folder.appendingPathComponent("adult.csv"), options: options).table
        let hierarchies = try quasiIdentifiers.map { name in
            QuasiIdentifier(name, hierarchy: try GeneralizationHierarchy(
                rows: ARXHierarchyFile.read(folder.appendingPathComponent("adult_hierarchy_\(name).csv"))))
        }
        return (table, hierarchies)
    }

    /// ARX 3.9's optimum for 5-anonymity without suppression: [0,4,1,2,3,2,0,0], Loss 0.5422.
    @Test func fiveAnonymityWithoutSuppressionMatchesARX() throws {
        let (table, quasiIdentifiers) = try Self.adult()
        #expect(table.rowCount == 30_162)
        let anonymizer = try Anonymizer(quasiIdentifiers: quasiIdentifiers, criteria: [KAnonymity(k: 5)])
        let result = try anonymizer.anonymize(table)
        #expect(result.latticeSize == 4_320)
        #expect(result.best.transformation == Transformation([0, 4, 1, 2, 3, 2, 0, 0]))
        #expect(abs(result.best.loss - 0.5422) < 0.00005, "loss \(result.best.loss)")
        #expect(result.best.smallestClassSize >= 5)
    }
}
