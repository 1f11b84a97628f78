import CivicModels
import CivicPublishing
import CivicStorage
import CivicStudio
import Foundation
import Testing

/// A file with the columns of a known export starts from its domain profile's settings.
@Suite("civic-studio starts from the domain profile when the columns match", .serialized)
struct ProfileTests {
    @Test("the bundled example: the profile's roles are preselected and the preview is civic-publish's without settings")
    func counsellingExample() async throws {
        let studio = try await RunningStudio.start()
        let example = try exampleExport()
        let table = try CSVTableReader.read(example.url).table
        let checkPath = try await studio.upload("counselling-cases.csv", example.bytes).location()
        let id = try uploadID(in: checkPath)
        let check = try await studio.client.get(checkPath)
        #expect(check.text.contains("<p class=\"hint\" id=\"profile\">The columns are those of a known export (counselling cases)"))
        // The birth date is removed (the age is published); the check alone would generalise it.
        let birthDate = try #require(table.schema.fields.firstIndex { $0.name == "birth_date" })
        let start = try #require(check.text.range(of: "<select id=\"role-\(birthDate)\""))
        let end = try #require(check.text.range(of: "</select>", range: start.upperBound..<check.text.endIndex))
        #expect(check.text[start.lowerBound..<end.lowerBound].contains("<option value=\"identifier\" selected>"))

        // The preview with what the page proposes says what civic-publish would do without settings.
        let previewed = try await studio.client.postForm("\(studio.base)/files/\(id)/preview?lang=en", [],
                                                         headers: [("Origin", studio.origin)])
        #expect(previewed.status == 303)
        let page = try await studio.client.get(checkPath)
        let expected = try await offThePool { try Publication(language: .english).preview(table, inputName: "counselling-cases.csv") }
        for line in expected.sentences(in: .english) { #expect(page.text.contains(htmlEscaped(line)), "\(line)") }
        let age = try #require(expected.sentences(in: .english).first { $0.hasPrefix("age: ") })
        #expect(age.contains("bands of 20"), "\(age)")
        await studio.stop()
    }
}
