import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// Declared derivations (`derived` in publish.yaml, `DomainProfile.derivedColumns`):
/// checked on every row, refused by file, column and row count (never a value),
/// and only the derived column published.
@Suite("derived columns")
struct ColumnDerivationTests {
    static let schema = Schema(fields: [Field("zip", type: .string), Field("district", type: .string),
                                        Field("birth_date", type: .date), Field("age", type: .integer),
                                        Field("start_date", type: .date)])

    /// Ten cases in two postcodes of two districts, each age the whole years from
    /// the birth date to the start of the case; `change` edits the rows first.
    static func cases(_ change: (inout [[Value]]) -> Void = { _ in }) throws -> Table {
        var rows: [[Value]] = (0..<10).map { i in
            let birth = CivicDate(year: 1970 + i, month: 6, day: 15)!, start = CivicDate(year: 2024, month: 3, day: 1)!
            return [.text(i < 6 ? "12043" : "13089"), .text(i < 6 ? "Neukölln" : "Pankow"), .date(birth),
                    .integer(Int64(birth.wholeYears(until: start))), .date(start)]
        }
        change(&rows)
        return try Table(schema: schema, rows: rows)
    }

    @Test("the profile's declarations hold on consistent data: the sources are removed, the derived columns kept")
    func consistent() throws {
        let roles = try ColumnRoles(of: Self.cases(), settings: PublicationSettings(), profile: CounsellingProfile())
        #expect(roles.redundant == ["birth_date": "age", "zip": "district"])
        #expect(roles.names(.identifier) == ["zip", "birth_date"])
        #expect(roles.names(.quasiIdentifier).contains("age") && roles.names(.quasiIdentifier).contains("district"))
    }

    @Test("a postcode in two districts is refused, naming file, column and the rows of that postcode, never a value")
    func postcodeInTwoDistricts() throws {
        let table = try Self.cases { $0[2][1] = .text("Pankow") }
        let expected = PublicationError.derivationBroken(file: "faelle.csv", column: "district", source: "zip", rows: 6)
        #expect(throws: expected) {
            try ColumnRoles(of: table, settings: PublicationSettings(), profile: CounsellingProfile(), file: "faelle.csv")
        }
        for language in [Language.german, .english] {
            let message = expected.message(in: language)
            #expect(message.contains("faelle.csv") && message.contains("district") && message.contains("6"))
            for value in ["12043", "13089", "Neukölln", "Pankow"] { #expect(!message.contains(value)) }
        }
    }

    @Test("a row without a postcode is not counted; a postcode whose district is missing in one row is broken")
    func missingCells() throws {
        let noPostcode = try Self.cases { $0[0][0] = .missing }
        #expect(try ColumnRoles(of: noPostcode, settings: PublicationSettings(), profile: CounsellingProfile()).redundant["zip"] == "district")
        let noDistrict = try Self.cases { $0[7][1] = .missing }
        #expect(throws: PublicationError.derivationBroken(file: "input", column: "district", source: "zip", rows: 4)) {
            try ColumnRoles(of: noDistrict, settings: PublicationSettings(), profile: CounsellingProfile())
        }
    }

    @Test("an age that is not the years from birth to the case is refused; a tolerance in the settings admits it")
    func ageOffByTwo() throws {
        let table = try Self.cases { $0[4][3] = .integer(($0[4][3].doubleValue.map { Int64($0) } ?? 0) + 2) }
        #expect(throws: PublicationError.derivationBroken(file: "input", column: "age", source: "birth_date", rows: 1)) {
            try ColumnRoles(of: table, settings: PublicationSettings(), profile: CounsellingProfile())
        }
        let one = try PublicationSettings(yaml: "derived: {age: {from: birth_date, years-until: start_date, tolerance: 1}}\n")
        #expect(throws: PublicationError.derivationBroken(file: "input", column: "age", source: "birth_date", rows: 1)) {
            try ColumnRoles(of: table, settings: one, profile: CounsellingProfile())
        }
        let two = try PublicationSettings(yaml: "derived: {age: {from: birth_date, years-until: start_date, tolerance: 2}}\n")
        #expect(try ColumnRoles(of: table, settings: two, profile: CounsellingProfile()).redundant["birth_date"] == "age")
    }

    @Test("the YAML key reads and writes back; an unknown key inside it is an error; columns must exist")
    func yaml() throws {
        let settings = try PublicationSettings(yaml: """
            derived:
              district: {from: zip}
              age: {from: birth_date, years-until: start_date, tolerance: 1}
            """)
        #expect(settings.derived == ["district": ColumnDerivation(from: "zip"),
                                     "age": ColumnDerivation(from: "birth_date", yearsUntil: "start_date", tolerance: 1)])
        let json = try JSONEncoder().encode(settings)
        #expect(try JSONDecoder().decode(PublicationSettings.self, from: json).derived == settings.derived)
        #expect(throws: PublicationError.self) { try PublicationSettings(yaml: "derived: {district: {form: zip}}\n") }
        #expect(throws: PublicationError.self) { try PublicationSettings(yaml: "derived: {district: {from: zip, tolerance: 1}}\n") }
        let unknown = try PublicationSettings(yaml: "derived: {district: {from: plz}}\n")
        #expect(throws: PublicationError.unknownColumn("plz")) {
            try ColumnRoles(of: Self.cases(), settings: unknown, profile: CounsellingProfile())
        }
    }

    @Test("a source the settings classify keeps its role and is not checked")
    func classifiedSource() throws {
        let table = try Self.cases { $0[2][1] = .text("Pankow") }
        var settings = PublicationSettings()
        settings.attributes["zip"] = .init(role: .identifier)
        let roles = try ColumnRoles(of: table, settings: settings, profile: CounsellingProfile())
        #expect(roles.redundant == ["birth_date": "age"])
    }

    @Test("the bundled example satisfies the counselling declarations, and the publication drops both sources")
    func bundledExample() throws {
        let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")
        let cases = try CSVTableReader.read(example).table.filtering { $0 < 800 }
        let result = try Publication(settings: PublicationSettings()).run(cases, inputName: "cases.csv")
        #expect(result.roles.redundant == ["birth_date": "age", "zip": "district"])
        let published = result.anonymization.table.schema.fields.map(\.name)
        #expect(!published.contains("birth_date") && !published.contains("zip"))
        #expect(published.contains("age") && published.contains("district"))
    }
}
