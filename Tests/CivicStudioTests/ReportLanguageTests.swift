import CivicModels
import CivicStorage
import CivicStudio
import Foundation
import Testing

/// The result page in the other language: the publication's report in that language,
/// the package as it was published.
@Suite("civic-studio shows the report in the page's language", .serialized)
struct ReportLanguageTests {
    @Test("published in English, the German result page embeds the report in German; the ZIP's report.html stays English")
    func reportFollowsTheLanguage() async throws {
        let studio = try await RunningStudio.start()
        let table = try CSVTableReader.read(try exampleExport().url).table.filtering { $0 < 300 }
        let checkPath = try await studio.upload("cases.csv", Array(try CSVTableWriter.string(table).utf8)).location()
        let id = try uploadID(in: checkPath)
        let resultPath = try await studio.publishAndWait(id, [("k", "5")])
        #expect(resultPath.hasSuffix("/result?lang=en"))

        let english = try await studio.client.get(resultPath)
        #expect(english.text.contains("src=\"\(studio.base)/files/\(id)/report?lang=en\""))
        let german = try await studio.client.get(resultPath.replacingOccurrences(of: "lang=en", with: "lang=de"))
        #expect(german.status == 200)
        let embedded = "\(studio.base)/files/\(id)/report?lang=de"
        #expect(german.text.contains("<iframe class=\"report\" src=\"\(embedded)\""))
        #expect(german.text.contains("report.html) bleibt auf Englisch"))
        #expect(german.text.contains("Schutzeinheit: die Person (client_id)"))
        #expect(!german.text.contains("Privacy unit:"))
        #expect(english.text.contains("Privacy unit: the person (client_id)"))
        let report = try await studio.client.get(embedded)
        #expect(report.status == 200)
        #expect(report.text.contains("<html lang=\"de\""))
        #expect(report.text.contains("<h2>Re-Identifikationsrisiko</h2>"))
        #expect(!report.text.contains("<h2>Re-identification risk</h2>"))
        let inEnglish = try await studio.client.get("\(studio.base)/files/\(id)/report?lang=en")
        #expect(inEnglish.text.contains("<h2>Re-identification risk</h2>"))

        // The package keeps the report it was published with.
        let contents = try ZIPContents(try await studio.client.get("\(studio.base)/files/\(id)/package.zip").body)
        let packaged = String(decoding: try #require(contents.file(endingWith: "/report.html")), as: UTF8.self)
        #expect(packaged.contains("<html lang=\"en\""))
        #expect(packaged.contains("<h2>Re-identification risk</h2>"))
        #expect(packaged == inEnglish.text)
        await studio.stop()
    }
}
