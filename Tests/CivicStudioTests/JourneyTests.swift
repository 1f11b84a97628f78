import CivicModels
import CivicPublishing
import CivicStorage
import CivicStudio
import CivicTestSupport
import Foundation
import Testing
import ZIPFoundation

@Suite("civic-studio's journey: upload, check, publish, download", .serialized)
struct JourneyTests {
    @Test("the bundled example: the check page names every column and the verdict, the ZIP holds datapackage.json and no name")
    func journey() async throws {
        let hold = PublicationHold()  // the publication waits until the progress page is seen
        let studio = try await RunningStudio.start(holding: hold)
        let example = try exampleExport()
        let table = try CSVTableReader.read(example.url).table
        let expected = FileCheck(table, fileName: "counselling-cases.csv")

        let uploaded = try await studio.upload("counselling-cases.csv", example.bytes)
        #expect(uploaded.status == 303)
        let checkPath = try uploaded.location()
        #expect(checkPath.hasPrefix("\(studio.base)/files/"))
        let check = try await studio.client.get(checkPath)
        #expect(check.status == 200)
        for field in table.schema.fields {
            #expect(check.text.contains("<label for=\"role-") && check.text.contains(">\(htmlEscaped(field.name))</label>"),
                    "column \(field.name)")
        }
        #expect(check.text.contains(htmlEscaped(expected.verdict.headline(in: .english))))
        // The check page shows figures, never a value of the file.
        let names = try #require(table.column(named: "name"))
        for row in 0..<50 { #expect(!check.text.contains(names.value(at: row).description)) }

        // Publish with what the check proposes: the answer comes at once, a redirect to the
        // progress page, while the publication runs in the background.
        let id = try uploadID(in: checkPath)
        let unit = expected.personColumn ?? "row"
        let published = try await studio.publish(id, [("k", "5"), ("unit", unit)])
        #expect(published.status == 303, "\(published.text)")
        let progressPath = try published.location()
        #expect(progressPath == "\(studio.base)/files/\(id)/progress?lang=en")
        // While it runs (held), a second publication is refused politely,
        let second = try await studio.publish(id, [("k", "5")])
        #expect(second.status == 409)
        #expect(second.text.contains("A publication is already running"))
        #expect(second.text.contains("href=\"\(htmlEscaped(progressPath))\""))
        // and the progress page says which step it is at and reloads itself by its Refresh
        // header (no script, no meta refresh).
        let progress = try await studio.client.get(progressPath)
        #expect(progress.status == 200)
        #expect(progress.headers["refresh"] == "1")
        #expect(progress.text.contains("role=\"status\""))
        #expect(progress.text.contains("<li aria-current=\"step\">"))
        #expect(!progress.text.contains("http-equiv"))
        #expect(!progress.text.contains(names.value(at: 0).description))
        // The other pages still answer.
        #expect(try await studio.client.get("\(studio.base)/").status == 200)
        // Then the result page, with the ZIP.
        hold.release()
        let resultPath = try await studio.waitForPublication(progressPath)
        #expect(resultPath == "\(studio.base)/files/\(id)/result?lang=en")
        let result = try await studio.client.get(resultPath)
        #expect(result.status == 200)
        #expect(result.text.contains("package.zip"))
        #expect(result.text.contains("<iframe"))
        let report = try await studio.client.get("\(studio.base)/files/\(id)/report")
        #expect(report.status == 200)
        #expect(report.text.contains("<html lang=\"en\""))

        let zip = try await studio.client.get("\(studio.base)/files/\(id)/package.zip")
        #expect(zip.status == 200)
        #expect(zip.headers["content-type"] == "application/zip")
        let contents = try ZIPContents(zip.body)
        let descriptor = try #require(contents.file(endingWith: "/datapackage.json"))
        #expect(contents.file(endingWith: "/.civic-package") == nil, "the ZIP holds the package, not the folder's marker")
        let package = try #require(try JSONSerialization.jsonObject(with: Data(descriptor)) as? [String: Any])
        let resources = try #require(package["resources"] as? [[String: Any]])
        #expect(!resources.isEmpty)
        let fields = ((resources[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(fields?.isEmpty == false)
        #expect(fields?.contains("name") == false, "the identifier column is removed")
        let data = try #require(contents.file(endingWith: ".csv", under: "/data/"))
        let publishedCSV = String(decoding: data, as: UTF8.self)
        for row in 0..<200 { #expect(!publishedCSV.contains(names.value(at: row).description), "a name from row \(row)") }

        // Deleting removes the upload and its folder.
        let deleted = try await studio.client.postForm("\(studio.base)/files/\(id)/delete?lang=en", [],
                                                       headers: [("Origin", studio.origin)])
        #expect(deleted.status == 303)
        #expect(try await studio.client.get(checkPath).status == 404)
        #expect(try studio.uploadFolders().isEmpty)
        await studio.stop()
        #expect(!FileManager.default.fileExists(atPath: studio.server.workingFolder.path))
    }

    @Test("a role changed in the form is the role published: a column made an identifier is not in the package")
    func roleEditing() async throws {
        let studio = try await RunningStudio.start()
        // The first 800 cases keep the debug run short; the rules are the same.
        let table = try CSVTableReader.read(try exampleExport().url).table.filtering { $0 < 800 }
        let bytes = Array(try CSVTableWriter.string(table).utf8)
        let column = "nationality"
        let index = try #require(table.schema.fields.firstIndex { $0.name == column })
        let check = FileCheck(table, fileName: "cases.csv")
        #expect(check.guesses[index].role != .identifier, "the example must not already remove the column")

        let checkPath = try await studio.upload("cases.csv", bytes).location()
        let id = try uploadID(in: checkPath)
        let published = try await studio.publishAndWait(id, [("role-\(index)", "identifier"), ("k", "5")])
        #expect(published.contains("/result?"), "\(published)")
        let contents = try ZIPContents(try await studio.client.get("\(studio.base)/files/\(id)/package.zip").body)
        let descriptor = String(decoding: try #require(contents.file(endingWith: "/datapackage.json")), as: UTF8.self)
        #expect(!descriptor.contains("\"\(column)\""))
        #expect(descriptor.contains("\"district\""))
        // The check page keeps the choice.
        let again = try await studio.client.get(checkPath)
        #expect(again.text.contains("<option value=\"identifier\" selected>"))

        // A value the form does not offer is refused.
        let bad = try await studio.client.postForm("\(studio.base)/files/\(id)/publish?lang=en", [("k", "1")],
                                                   headers: [("Origin", studio.origin)])
        #expect(bad.status == 400)
        #expect(bad.text.contains("&#39;k&#39;"))
        await studio.stop()
    }

    @Test("an Excel workbook is read like a CSV file: its columns and verdict on the check page")
    func excelUpload() async throws {
        let studio = try await RunningStudio.start()
        let services = ["Schuldnerberatung", "Sozialberatung", "Migrationsberatung"]
        var rows: [[(String, XLSXFixture.Cell)]] = [[("A1", .shared("Alter")), ("B1", .shared("Bezirk")), ("C1", .shared("Angebot"))]]
        for row in 2...41 {
            rows.append([("A\(row)", .number("\(20 + row % 7 * 5)")), ("B\(row)", .shared(row % 2 == 0 ? "Mitte" : "Pankow")),
                         ("C\(row)", .shared(services[row % 3]))])
        }
        var book = XLSXFixture()
        book.addSheet("Fälle", rows: rows)
        let file = studio.temporary.file("faelle.xlsx")
        try book.write(to: file)
        let table = try TableFile.read(file)
        let expected = FileCheck(table, fileName: "faelle.xlsx")

        let checkPath = try await studio.upload("faelle.xlsx", Array(try Data(contentsOf: file))).location()
        let check = try await studio.client.get(checkPath)
        #expect(check.status == 200)
        for name in ["Alter", "Bezirk", "Angebot"] { #expect(check.text.contains(">\(name)</label>")) }
        #expect(check.text.contains(htmlEscaped(expected.verdict.headline(in: .english))))
        #expect(check.text.contains("40 rows, 3 columns"))
        await studio.stop()
    }

    @Test("every page in German and in English, switchable")
    func languages() async throws {
        let studio = try await RunningStudio.start(language: .german)
        let german = try await studio.client.get("\(studio.base)/")
        #expect(german.text.contains("<html lang=\"de\">"))
        #expect(german.text.contains("<h1>Datei hochladen</h1>"))
        #expect(german.text.contains("href=\"\(studio.base)/?lang=en\""))
        let english = try await studio.client.get("\(studio.base)/?lang=en")
        #expect(english.text.contains("<html lang=\"en\">"))
        #expect(english.text.contains("<h1>Upload a file</h1>"))

        let example = try exampleExport()
        let table = try CSVTableReader.read(example.url).table
        let expected = FileCheck(table, fileName: "faelle.csv")
        let checkPath = try await studio.upload("faelle.csv", example.bytes, language: .german).location()
        #expect(checkPath.hasSuffix("lang=de"))
        let check = try await studio.client.get(checkPath)
        #expect(check.text.contains("<html lang=\"de\">"))
        #expect(check.text.contains(htmlEscaped(expected.verdict.headline(in: .german))))
        let checkInEnglish = try await studio.client.get(checkPath.replacingOccurrences(of: "lang=de", with: "lang=en"))
        #expect(checkInEnglish.text.contains(htmlEscaped(expected.verdict.headline(in: .english))))
        await studio.stop()
    }
}

/// The files of a ZIP archive, read with ZIPFoundation.
struct ZIPContents {
    private let files: [String: [UInt8]]

    init(_ bytes: [UInt8]) throws {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var files: [String: [UInt8]] = [:]
        for entry in archive where entry.type == .file {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files["/" + entry.path] = Array(data)
        }
        self.files = files
    }

    /// The first file whose path ends with `suffix` (and contains `folder`).
    func file(endingWith suffix: String, under folder: String = "/") -> [UInt8]? {
        files.keys.sorted().first { $0.hasSuffix(suffix) && $0.contains(folder) }.flatMap { files[$0] }
    }
}
