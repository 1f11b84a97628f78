import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// A checked file whose columns a domain profile knows starts from the profile's settings.
@Suite("FileCheck with a domain profile")
struct FileCheckProfileTests {
    func example() throws -> Table {
        try CSVTableReader.read(packageRoot().appendingPathComponent("Examples/counselling-cases.csv")).table
    }

    @Test("the bundled example matches the counselling profile; a file with a column it does not know does not")
    func matching() throws {
        let table = try example()
        #expect(FileCheck(table, fileName: "cases.csv").matches(CounsellingProfile()))
        let other = try CSVTableReader.read(bytes: Array("age,district,favourite_colour\n30,Mitte,blau\n41,Pankow,rot\n".utf8)).table
        #expect(!FileCheck(other, fileName: "other.csv").matches(CounsellingProfile()))
    }

    @Test("the profile's roles: the schema's, and the sources of derived columns (birth date, postcode) removed")
    func roles() throws {
        let table = try example()
        let roles = FileCheck(table, fileName: "cases.csv").roles(of: table, under: CounsellingProfile())
        #expect(roles["birth_date"] == .identifier)
        #expect(roles["zip"] == .identifier)
        #expect(roles["age"] == .quasiIdentifier)
        #expect(roles["district"] == .quasiIdentifier)
        #expect(roles["client_id"] == CounsellingCase.schema.field(named: "client_id")?.role)
        #expect(roles.count == table.columnCount)
    }

    @Test("settings under the profile name only what the person changed; the rest is the profile's, as civic-publish without settings")
    func settings() throws {
        let table = try example()
        let check = FileCheck(table, fileName: "cases.csv")
        let profile = CounsellingProfile()
        var roles = check.roles(of: table, under: profile)
        let unchanged = check.settings(for: table, under: profile, roles: roles)
        #expect(unchanged.attributes.isEmpty)
        #expect(unchanged.privacyUnit == "client_id")
        #expect(unchanged.privacy?.k == 5)
        #expect(unchanged.privacy?.lDiversity?.attribute == "service")
        #expect(unchanged.recoding == nil, "the profile's recoding applies")

        roles["district"] = .insensitive
        roles["birth_date"] = .quasiIdentifier
        let changed = check.settings(for: table, under: profile, roles: roles, k: 10, l: 3, privacyUnit: "row")
        #expect(changed.attributes.keys.sorted() == ["birth_date", "district"])
        #expect(changed.attributes["district"]?.role == .insensitive)
        guard case .dates(let units) = changed.attributes["birth_date"]?.hierarchy else {
            Issue.record("birth_date gets the profile's hierarchy (dates by month and year)")
            return
        }
        #expect(units == [.month, .year])
        #expect(changed.privacy?.k == 10)
        #expect(changed.privacy?.lDiversity?.l == 3)
        #expect(changed.privacyUnit == "row")
    }
}
