import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The `frictionless` command line tool, if installed (`.ci/run` installs it in a
/// virtual environment and puts it on the PATH).
let frictionlessTool: URL? = {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    return paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent("frictionless") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// `civic-publish` end to end: on the bundled example and on generated variants,
/// every published class has at least k rows, nothing personal from the input
/// reaches the output, the report states the anonymiser's figures, and a refusal
/// leaves nothing behind.
/// The words of a text, punctuation at their ends removed (so "Yıldız," is "Yıldız").
func words(of text: String) -> [String] {
    text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "\"" || $0 == "<" || $0 == ">" })
        .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".:;()[]'")) }
        .filter { !$0.isEmpty }
}

@Suite("civic-publish", .serialized)
struct CivicPublishTests {
    let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")

    /// Runs civic-publish into a fresh folder and returns it with the result.
    func publish(_ arguments: [String], in folder: TemporaryDirectory) throws -> (ProcessResult, URL) {
        let output = folder.file("package")
        let result = try runProduct("civic-publish", arguments + ["--output", output.path])
        return (result, output)
    }

    /// The generated cases of one variant.
    func generated(_ count: Int, seed: Int, in folder: TemporaryDirectory) throws -> URL {
        let file = folder.file("cases-\(seed).csv")
        let result = try runProduct("civic-generate", ["cases", "--rows", "\(count)", "--seed", "\(seed)", "--output", file.path])
        #expect(result.status == 0, "\(result.error)")
        return file
    }

    /// Checks a published package against its input: k, identifiers, personal details, statistics.
    func checkPackage(_ package: URL, input: URL, k: Int = 5) throws {
        let manifest = try DataPackage.read(from: package.appendingPathComponent("datapackage.json"))
        #expect(manifest.profile == "tabular-data-package")
        #expect(manifest.licenses.map(\.name) == ["CC-BY-4.0"])
        let dataResource = try #require(manifest.resources.first)
        let data = try CSVTableReader.read(package.appendingPathComponent(dataResource.path)).table
        let original = try CSVTableReader.read(input).table

        // Identifiers are gone; generalised columns are strings and say so.
        #expect(data.column(named: "name") == nil)
        let quasiIdentifiers = dataResource.schema.fields.filter { $0.role == .quasiIdentifier }
        // The profile publishes age and district, not birth date and postcode as well.
        #expect(quasiIdentifiers.map(\.name) == ["age", "gender", "district", "nationality", "household_size", "start_date"])
        // Described in the package's language (English by default, German with --lang de).
        #expect(quasiIdentifiers.allSatisfy { field in
            field.type == .string && ["Generalised", "vergröbert", "Vergröbert"].contains { (field.description ?? "").contains($0) }
        })

        // Every published equivalence class has at least k rows (counted here, from the file).
        var classes: [[String]: Int] = [:]
        for row in 0..<data.rowCount {
            classes[quasiIdentifiers.map { data[row, $0.name].description }, default: 0] += 1
        }
        #expect(!classes.isEmpty && classes.values.allSatisfy { $0 >= k }, "smallest class \(classes.values.min() ?? 0)")

        // Nothing personal from the input appears anywhere in the output.
        var secrets = Set<String>()
        for row in 0..<original.rowCount {
            for column in ["name", "case_id", "client_id"] { secrets.insert(original[row, column].description) }
            let notes = original[row, "notes"].description
            for pattern in [#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}"#, #"DE\d{2}( ?\d{4}){4} ?\d{2}"#,
                            #"\+49[\d /-]{6,}\d"#, #"\b0\d{2,4}[ /-]?\d{4,9}"#] {
                let regex = try NSRegularExpression(pattern: pattern)
                for match in regex.matches(in: notes, range: NSRange(notes.startIndex..., in: notes)) {
                    secrets.insert(String(notes[Range(match.range, in: notes)!]))
                }
            }
        }
        let normalised = Set(secrets.map { words(of: $0).joined(separator: " ") }.filter { !$0.isEmpty })
        #expect(normalised.count > original.rowCount)
        func leaks(in text: String) -> Int {
            let text = words(of: text)
            var leaks = 0
            for start in text.indices {
                var phrase = ""
                for end in start..<min(start + 6, text.count) {
                    phrase += (end == start ? "" : " ") + text[end]
                    if normalised.contains(phrase) { leaks += 1 }
                }
            }
            return leaks
        }
        // The scan finds what is there: the input itself is full of identifying values.
        #expect(leaks(in: try String(contentsOf: input, encoding: .utf8)) > original.rowCount)
        var files = [dataResource.path, "report.html", "datapackage.json"]
        files += manifest.resources.dropFirst().map(\.path)
        for file in files {
            let count = leaks(in: try String(contentsOf: package.appendingPathComponent(file), encoding: .utf8))
            #expect(count == 0, "\(file) contains \(count) identifying values")
        }

        // Tables and data are one release: every count of every table can be counted
        // from the data file (so no withheld cell could be hiding anything).
        #expect(manifest.resources.count > 2)
        for resource in manifest.resources.dropFirst() {
            let statistic = try CSVTableReader.read(package.appendingPathComponent(resource.path),
                                                    options: .init(schema: Schema(fields: resource.schema.fields.map {
                                                        Field($0.name, type: .string) }))).table
            let names = statistic.schema.fieldNames
            let rowVariable = names[0], isFrequency = names.count == 2 && names[1] == "count"
            for row in 0..<statistic.rowCount where statistic[row, rowVariable].description != "total" {
                let label = statistic[row, rowVariable].description
                for column in names.dropFirst() where column != "total" {
                    let shown = statistic[row, column].description
                    let counted = (0..<data.rowCount).filter { record in
                        data[record, rowVariable].description == label
                            && (isFrequency || data[record, resource.schema.fields.count > 2 ? columnVariable(of: resource) : ""].description == column)
                    }.count
                    #expect(shown == String(counted), "\(resource.path): \(label) / \(column)")
                }
            }
        }
    }

    /// The column variable of a cross table, named in its file name (`service-by-gender.csv`).
    private func columnVariable(of resource: DataPackage.Resource) -> String {
        let stem = resource.path.split(separator: "/").last!.dropLast(4)
        return stem.components(separatedBy: "-by-").last!.replacingOccurrences(of: "-", with: "_")
    }

    @Test("the bundled example becomes a package with data, statistics, datapackage.json and report")
    func bundledExample() throws {
        let folder = try TemporaryDirectory()
        let (result, package) = try publish(["--input", example.path], in: folder)
        #expect(result.status == 0, "\(result.error)")
        for stage in ["load", "redact", "anonymise", "check", "statistics", "write"] {
            #expect(result.error.contains(stage), "progress line for \(stage)")
        }
        try checkPackage(package, input: example)
        let names = try FileManager.default.contentsOfDirectory(atPath: package.path).sorted()
        #expect(names == [".civic-package", "data", "datapackage.json", "privacy-report.json", "report.html", "statistics"],
                "the marker says the folder is a package civic-publish may replace")
        #expect(try folder.fileNames() == ["package"], "no temporary folder is left")

        // The report states the anonymiser's figures.
        let figures = try JSONSerialization.jsonObject(with: Data(contentsOf: package.appendingPathComponent("privacy-report.json"))) as! [String: Any]
        let report = try String(contentsOf: package.appendingPathComponent("report.html"), encoding: .utf8)
        let loss = (figures["metrics"] as! [String: Double])["loss"]!
        #expect(report.contains(String(format: "%.4f", loss)))
        #expect(report.contains(">\(figures["suppressed_rows"] as! Int)<"))
        #expect(report.contains(">\(figures["smallest_class"] as! Int)<"))
        let after = figures["risk_after"] as! [String: Any]
        #expect(report.contains(String(format: "%.1f %%", (after["highest"] as! Double) * 100)))
        #expect(report.contains("<svg") && !report.contains("<script"))
    }

    @Test("the levels and loss are those civic-anonymize finds with the same settings")
    func sameAsAnonymizer() throws {
        let folder = try TemporaryDirectory()
        let input = try generated(800, seed: 11, in: folder)
        let (result, package) = try publish(["--input", input.path, "--quiet"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.isEmpty && result.error.isEmpty, "--quiet prints nothing")
        let config = try folder.write("anonymize.yaml", text: """
            attributes:
              name: identifier
              birth_date: identifier
              age: {role: quasi-identifier, hierarchy: {intervals: [5, 10, 20]}, weight: 2}
              gender: {role: quasi-identifier, hierarchy: {levels: 1}}
              zip: identifier
              district: {role: quasi-identifier, hierarchy: {levels: 1}}
              nationality:
                role: quasi-identifier
                hierarchy: {groups: [{deutsch: Deutschland, bulgarisch: EU, italienisch: EU, polnisch: EU, rumänisch: EU,
                  russisch: übriges Europa, serbisch: übriges Europa, türkisch: übriges Europa, ukrainisch: übriges Europa,
                  afghanisch: Asien, irakisch: Asien, libanesisch: Asien, syrisch: Asien, vietnamesisch: Asien,
                  eritreisch: Afrika},
                  {Deutschland: deutsch, EU: nicht deutsch, übriges Europa: nicht deutsch, Asien: nicht deutsch, Afrika: nicht deutsch}]}
              household_size: {role: quasi-identifier, hierarchy: {intervals: [2, 4]}}
              start_date: {role: quasi-identifier, hierarchy: {dates: [month, quarter, year]}, weight: 2}
              service: sensitive
            privacy: {k: 5, suppression-limit: 0.05, l-diversity: {variant: distinct, l: 2, attribute: service}}
            privacy-unit: client_id
            recoding: local
            """)
        let reportFile = folder.file("anonymize.json")
        let anonymize = try runProduct("civic-anonymize", ["--config", config.path, "--input", input.path,
                                                           "--output", folder.file("anon.csv").path, "--report", reportFile.path])
        #expect(anonymize.status == 0, "\(anonymize.error)")
        let theirs = try JSONSerialization.jsonObject(with: Data(contentsOf: reportFile)) as! [String: Any]
        let mine = try JSONSerialization.jsonObject(with: Data(contentsOf: package.appendingPathComponent("privacy-report.json"))) as! [String: Any]
        #expect(mine["levels"] as? [String: Int] == theirs["levels"] as? [String: Int])
        #expect(mine["suppressed_rows"] as? Int == theirs["suppressed_rows"] as? Int)
        #expect(mine["privacy_unit"] as? String == "client_id" && theirs["privacy_unit"] as? String == "client_id")
        #expect((mine["metrics"] as! [String: Double])["loss"] == (theirs["metrics"] as! [String: Double])["loss"])
        try checkPackage(package, input: input)
    }

    @Test("generated variants publish safely, in German on request, with the example settings",
          arguments: [(600, 3), (1200, 4)])
    func variants(count: Int, seed: Int) throws {
        let folder = try TemporaryDirectory()
        let input = try generated(count, seed: seed, in: folder)
        let settings = packageRoot().appendingPathComponent("Examples/publish.yaml").path
        let (result, package) = try publish(["--input", input.path, "--lang", "de", "--config", settings], in: folder)
        #expect(result.status == 0, "\(result.error)")
        try checkPackage(package, input: input)
        let report = try String(contentsOf: package.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<html lang=\"de\">") && report.contains("Re-Identifikationsrisiko"))
        #expect(report.contains("Beratungsfälle 2025 (anonymisiert)"))
        // The package describes its columns in German too.
        let manifest = try DataPackage.read(from: package.appendingPathComponent("datapackage.json"))
        let age = try #require(manifest.resources.first?.schema.field(named: "age"))
        #expect(age.description?.contains("vergröbert") == true && age.description?.contains("Generalised") == false)
        #expect(FileManager.default.fileExists(atPath: package.appendingPathComponent("data/beratungsfaelle-2025.csv").path))
    }

    @Test("an unclassified column stops the run; it is named and nothing is written")
    func unclassifiedColumn() throws {
        let folder = try TemporaryDirectory()
        let input = try generated(300, seed: 5, in: folder)
        let lines = try String(contentsOf: input, encoding: .utf8).split(separator: "\n")
        let widened = lines.enumerated().map { $0.offset == 0 ? $0.element + ",hobby" : $0.element + ",Schach" }
        let file = try folder.write("wide.csv", text: widened.joined(separator: "\n") + "\n")
        let (result, package) = try publish(["--input", file.path], in: folder)
        #expect(result.status != 0)
        #expect(result.error.contains("hobby"))
        #expect(!FileManager.default.fileExists(atPath: package.path))

        // Classified in the configuration, the column is published.
        let config = try folder.write("publish.yaml", text: "attributes:\n  hobby: insensitive\nlicence: ODbL-1.0\n")
        let (accepted, published) = try publish(["--input", file.path, "--config", config.path, "--quiet"], in: folder)
        #expect(accepted.status == 0, "\(accepted.error)")
        let manifest = try DataPackage.read(from: published.appendingPathComponent("datapackage.json"))
        #expect(manifest.licenses.map(\.name) == ["ODbL-1.0"])
        #expect(manifest.resources[0].schema.field(named: "hobby") != nil)
    }

    @Test("an impossible privacy target is refused and the previous package stays as it was")
    func refusalKeepsPrevious() throws {
        let folder = try TemporaryDirectory()
        let input = try generated(300, seed: 6, in: folder)
        let package = folder.file("package")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        let marker = try folder.write("package/earlier.txt", text: "the earlier publication")
        let config = try folder.write("publish.yaml", text: "privacy: {k: 5, l-diversity: {variant: distinct, l: 40, attribute: service}}\n")
        let (result, _) = try publish(["--input", input.path, "--config", config.path], in: folder)
        #expect(result.status != 0)
        #expect(!result.error.isEmpty)
        #expect(try String(contentsOf: marker, encoding: .utf8) == "the earlier publication")
        #expect(try folder.fileNames() == ["cases-6.csv", "package", "publish.yaml"], "no temporary folder is left")

        let badLicence = try folder.write("licence.yaml", text: "licence: all rights reserved\n")
        let (refused, _) = try publish(["--input", input.path, "--config", badLicence.path], in: folder)
        #expect(refused.status != 0 && refused.error.contains("licence"))
    }

    @Test("datapackage.json passes frictionless validate", .enabled(if: frictionlessTool != nil,
          "the frictionless tool is not installed (pip install frictionless); .ci/run installs it"))
    func frictionlessValidate() throws {
        let folder = try TemporaryDirectory()
        let input = try generated(500, seed: 8, in: folder)
        let (result, package) = try publish(["--input", input.path, "--quiet"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        let process = Process()
        process.executableURL = frictionlessTool!
        process.arguments = ["validate", package.appendingPathComponent("datapackage.json").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }

    @Test("the library publishes the bundled example with the app's figures (the 20-line article's settings)")
    func libraryMatchesApp() throws {
        let folder = try TemporaryDirectory()
        let settingsFile = packageRoot().appendingPathComponent("Examples/publish.yaml")
        let (app, package) = try publish(["--config", settingsFile.path, "--quiet"], in: folder)
        #expect(app.status == 0, "\(app.error)")
        let figures = try JSONSerialization.jsonObject(
            with: Data(contentsOf: package.appendingPathComponent("privacy-report.json"))) as! [String: Any]
        let result = try Publication(settings: try PublicationSettings(contentsOf: settingsFile), language: .german)
            .run(contentsOf: example)
        #expect(figures["levels"] as? [String: Int] == result.privacyReport.levels)
        #expect(figures["suppressed_rows"] as? Int == result.suppressedRows)
        #expect(figures["equivalence_classes"] as? Int == result.privacyReport.equivalenceClasses)
        #expect(abs((figures["metrics"] as! [String: Double])["loss"]! - result.anonymization.best.loss) < 1e-12)
        let written = try CSVTableReader.read(package.appendingPathComponent("data/beratungsfaelle-2025.csv")).table
        #expect(written.rowCount == result.published.rowCount)
    }

    @Test("--output never deletes what it did not write: '.', the input's folder, a file, a foreign folder")
    func dangerousOutputs() throws {
        let folder = try TemporaryDirectory()
        let input = try generated(300, seed: 12, in: folder)
        let foreign = folder.file("photos")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        let photo = try folder.write("photos/holiday.jpg", text: "not a package")
        let plain = try folder.write("notes.txt", text: "a plain file")
        for output in [".", folder.url.path, foreign.path, plain.path] {
            let result = try runProduct("civic-publish", ["--input", input.path, "--output", output, "--quiet"], in: folder.url)
            #expect(result.status != 0, "\(output) was accepted")
        }
        #expect(try String(contentsOf: photo, encoding: .utf8) == "not a package")
        #expect(try String(contentsOf: plain, encoding: .utf8) == "a plain file")
        #expect(FileManager.default.fileExists(atPath: input.path))
        // A package written before is replaced.
        let (first, package) = try publish(["--input", input.path, "--quiet"], in: folder)
        #expect(first.status == 0, "\(first.error)")
        let (second, _) = try publish(["--input", input.path, "--quiet"], in: folder)
        #expect(second.status == 0, "\(second.error)")
        #expect(FileManager.default.fileExists(atPath: package.appendingPathComponent(".civic-package").path))
    }
}
