import CivicModels
import CivicPublishing
import CivicStorage
import CivicStudio
import Foundation
import Testing

/// The check page's preview of the consequences, before anything is published.
@Suite("civic-studio previews the consequences of the privacy settings", .serialized)
struct PreviewTests {
    /// The first 300 cases of the bundled example, as CSV bytes, and as a table (short in a debug build).
    func cases() throws -> (table: Table, bytes: [UInt8]) {
        let table = try CSVTableReader.read(try exampleExport().url).table.filtering { $0 < 300 }
        return (table, Array(try CSVTableWriter.string(table).utf8))
    }

    /// Three quasi-identifiers (age, gender, district) instead of the profile's six, so
    /// that each publication takes seconds in a debug build: as roles, and as form fields.
    static let roles: [String: AttributeRole] = ["birth_date": .identifier, "zip": .identifier, "nationality": .insensitive,
                                                 "household_size": .insensitive, "start_date": .insensitive]
    func roleFields(_ table: Table) -> [(String, String)] {
        Self.roles.sorted { $0.key < $1.key }.compactMap { column, role in
            table.schema.fields.firstIndex { $0.name == column }.map { ("role-\($0)", role.rawValue) }
        }
    }

    /// The part of a check page that shows the consequences.
    func consequences(in page: String) throws -> String {
        let start = try #require(page.range(of: "<section id=\"consequences\""))
        let end = try #require(page.range(of: "</section>", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test("the preview shows what CivicPublishing's preview says, with k and l as chosen; publishing then leaves out what it said")
    func previewThenPublish() async throws {
        let studio = try await RunningStudio.start()
        let (table, bytes) = try cases()
        let checkPath = try await studio.upload("cases.csv", bytes).location()
        let id = try #require(checkPath.split(separator: "/").last?.split(separator: "?").first.map(String.init))
        let before = try consequences(in: try await studio.client.get(checkPath).text)
        #expect(!before.contains("<li>"), "no preview before one is asked for")

        let previewed = try await studio.client.postForm("\(studio.base)/files/\(id)/preview?lang=en",
                                                         roleFields(table) + [("k", "10"), ("l", "3")],
                                                         headers: [("Origin", studio.origin)])
        #expect(previewed.status == 303)
        #expect(try previewed.location().hasSuffix("#consequences"))
        let page = try await studio.client.get(checkPath)
        let shown = try consequences(in: page.text)
        #expect(page.text.contains("id=\"k\" name=\"k\" min=\"2\" max=\"1000\" step=\"1\" required value=\"10\""), "the form keeps k")
        #expect(page.text.contains("id=\"l\" name=\"l\" min=\"2\" max=\"100\" step=\"1\" required value=\"3\""), "the form keeps l")

        // The example's columns are the counselling profile's: the studio starts from its
        // roles, and the form changes some of them.
        let check = FileCheck(table, fileName: "cases.csv"), profile = CounsellingProfile()
        let roles = check.roles(of: table, under: profile).merging(Self.roles) { _, chosen in chosen }
        let settings = check.settings(for: table, under: profile, roles: roles, k: 10, l: 3)
        let expected = try await offThePool {
            try Publication(settings: settings, profile: profile, language: .english).preview(table, inputName: "cases.csv")
        }
        for line in expected.sentences(in: .english) { #expect(shown.contains(htmlEscaped(line)), "\(line)") }
        #expect(shown.contains("With k = 10, counted in people (column client_id), and l = 3 for "))
        // The German page says it in German.
        let german = try consequences(in: try await studio.client.get(checkPath.replacingOccurrences(of: "lang=en", with: "lang=de")).text)
        #expect(german.contains("Mit k = 10, gezählt in Personen (Spalte client_id), und l = 3 für "))
        // Never a value of the data: no district, service or name.
        for column in ["district", "service", "name", "nationality"] {
            let data = try #require(table.column(named: column))
            for value in Set((0..<data.count).map { data.value(at: $0).description }) where value.count >= 4 {
                #expect(!shown.contains(htmlEscaped(value)), "a value of \(column)")
            }
        }

        // Publishing with the same choices publishes what the preview said.
        let published = try await studio.publishAndWait(id, roleFields(table) + [("k", "10"), ("l", "3")])
        let result = try await studio.client.get(published)
        #expect(result.text.contains("\(expected.publishedRows) of 300 (\(expected.leftOutRows) left out)"), "\(result.text)")

        // Other choices: the old preview is not shown for them.
        _ = try await studio.publishAndWait(id, roleFields(table) + [("k", "6")])
        #expect(!(try consequences(in: try await studio.client.get(checkPath).text)).contains("<li>"))
        await studio.stop()
    }

    @Test("an l the form does not offer is refused; a preview that cannot be met says why, on the check page")
    func refusals() async throws {
        let studio = try await RunningStudio.start()
        let (table, bytes) = try cases()
        let checkPath = try await studio.upload("cases.csv", bytes).location()
        let id = try #require(checkPath.split(separator: "/").last?.split(separator: "?").first.map(String.init))
        let bad = try await studio.client.postForm("\(studio.base)/files/\(id)/preview?lang=en", [("l", "1")],
                                                   headers: [("Origin", studio.origin)])
        #expect(bad.status == 400)
        #expect(bad.text.contains("&#39;l&#39;"))
        // l = 100 different services in every group cannot be met: the preview fails closed and says so.
        let impossible = try await studio.client.postForm("\(studio.base)/files/\(id)/preview?lang=en",
                                                          roleFields(table) + [("l", "100")],
                                                          headers: [("Origin", studio.origin)])
        #expect(impossible.status == 303)
        let shown = try consequences(in: try await studio.client.get(checkPath).text)
        #expect(shown.contains("class=\"problem\""))
        #expect(shown.contains("This would not work: "))
        await studio.stop()
    }
}
