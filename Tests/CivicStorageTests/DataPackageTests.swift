import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

@Suite struct DataPackageTests {
    static let schema = Schema(fields: [
        Field("case_id", type: .string, role: .identifier, title: "Fallnummer",
              constraints: FieldConstraints(required: true, unique: true)),
        Field("age", type: .integer, role: .quasiIdentifier,
              constraints: FieldConstraints(minimum: .integer(0), maximum: .integer(120))),
        Field("amount", type: .number, role: .sensitive, constraints: FieldConstraints(minimum: .number(0.5))),
        Field("outcome", type: .string, constraints: FieldConstraints(allowedValues: [.text("abgeschlossen"), .text("laufend")])),
        Field("start", type: .date, format: Field.germanDateFormat,
              constraints: FieldConstraints(minimum: .date(CivicDate(year: 2019, month: 1, day: 1)!))),
        Field("zip", type: .string, description: "Postleitzahl", constraints: FieldConstraints(pattern: "[0-9]{5}", minLength: 5, maxLength: 5)),
        Field("open", type: .boolean),
    ], missingValues: ["", "NA"], primaryKey: ["case_id"])

    static let package = DataPackage(
        name: "beratungsfaelle-2025", title: "Beratungsfälle 2025", description: "Anonymisiert.",
        created: "2026-01-15T10:00:00Z", licenses: [.ccBy4], sources: [DataPackage.Source(title: "Fallverwaltung")],
        contributors: [DataPackage.Contributor(title: "Beispiel e.V.", role: "publisher")],
        resources: [DataPackage.Resource(name: "cases", path: "data/cases.csv", title: "Fälle",
                                         dialect: .germanExcel, schema: schema)])

    @Test func schemaToDatapackageJSONToSchema() throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("datapackage.json")
        try Self.package.write(to: url)
        let back = try DataPackage.read(from: url)
        #expect(back.resources.first?.schema == Self.schema)
        var expected = Self.package
        // The JSON dialect has no decimal mark; line ending, separator and encoding survive.
        expected.resources[0].dialect.decimalSeparator = UInt8(ascii: ".")
        #expect(back == expected)
    }

    @Test func jsonUsesTheFrictionlessVocabulary() throws {
        let json = try Self.package.jsonString()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(object["profile"] as? String == "tabular-data-package")
        let resource = (object["resources"] as! [[String: Any]])[0]
        #expect(resource["profile"] as? String == "tabular-data-resource")
        #expect(resource["encoding"] as? String == "windows-1252")
        #expect((resource["dialect"] as! [String: Any])["delimiter"] as? String == ";")
        let fields = (resource["schema"] as! [String: Any])["fields"] as! [[String: Any]]
        #expect(fields[1]["type"] as? String == "integer")
        #expect((fields[1]["constraints"] as! [String: Any])["maximum"] as? Int == 120)
        #expect((fields[3]["constraints"] as! [String: Any])["enum"] as? [String] == ["abgeschlossen", "laufend"])
        #expect(fields[4]["format"] as? String == "%d.%m.%Y")
        #expect(fields[0]["role"] as? String == "identifier")
    }

    @Test func brokenPackagesGiveClearErrors() throws {
        let folder = try TemporaryDirectory()
        let notJSON = try folder.write("a.json", text: "{ nope")
        #expect(throws: DataPackageError.self) { try DataPackage.read(from: notJSON) }
        let noResources = try folder.write("b.json", text: #"{"name": "x"}"#)
        do {
            _ = try DataPackage.read(from: noResources)
            Issue.record("accepted a package without resources")
        } catch let error as DataPackageError {
            #expect(error.message(in: .english).contains("resources"))
            #expect(error.file == noResources.path)
        }
        let badType = try folder.write("c.json", text: #"{"name": "x", "resources": [{"name": "r", "path": "r.csv", "schema": {"fields": [{"name": "f", "type": "geopoint"}]}}]}"#)
        #expect(throws: DataPackageError(file: badType.path, reason: .invalid("field 'f' has the unsupported type 'geopoint'"))) {
            try DataPackage.read(from: badType)
        }
        #expect(throws: DataPackageError.self) { try DataPackage.read(from: folder.file("missing.json")) }
    }
}

@Suite struct AtomicFileTests {
    @Test func nothingAppearsUntilCommit() throws {
        let folder = try TemporaryDirectory()
        let target = folder.file("out.csv")
        do {
            let file = try AtomicFile(destination: target)
            try file.write(Array("half".utf8))
            #expect(!FileManager.default.fileExists(atPath: target.path))
        }
        #expect(try folder.fileNames().isEmpty, "an abandoned write leaves nothing")
        let file = try AtomicFile(destination: target)
        try file.write(Array("whole".utf8))
        try file.commit()
        #expect(try String(contentsOf: target, encoding: .utf8) == "whole")
        #expect(try folder.fileNames() == ["out.csv"])
    }
}

@Suite("Files replaced together, and leftovers of killed runs")
struct AtomicFileSetTests {
    @Test("a set whose second file fails leaves the first destination with its old content")
    func allOrNothing() throws {
        let folder = try TemporaryDirectory()
        let data = try folder.write("data.csv", text: "old data")
        let reports = folder.file("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: false)
        let outputs = AtomicFileSet()
        try outputs.write(Array("new data".utf8), to: data)
        try outputs.write(Array("{}".utf8), to: reports.appendingPathComponent("report.json"))
        // The second file's folder disappears before the commit: its move must fail.
        try FileManager.default.removeItem(at: reports)
        #expect(throws: (any Error).self) { try outputs.commit() }
        #expect(try String(contentsOf: data, encoding: .utf8) == "old data")
        #expect(try folder.fileNames() == ["data.csv"], "no temporary is left behind")
    }

    @Test("a set that succeeds replaces old files and creates new ones, leaving nothing else")
    func replacesAll() throws {
        let folder = try TemporaryDirectory()
        let data = try folder.write("data.csv", text: "old data")
        let outputs = AtomicFileSet()
        try CSVTableWriter.write(try Table(schema: Schema(fields: [Field("a", type: .integer)]), rows: [[.integer(1)]]),
                                 to: data, in: outputs)
        try outputs.write(Array("{}".utf8), to: folder.file("report.json"))
        #expect(try String(contentsOf: data, encoding: .utf8) == "old data", "nothing moves before the commit")
        try outputs.commit()
        #expect(try String(contentsOf: data, encoding: .utf8) == "a\n1\n")
        #expect(try folder.fileNames() == ["data.csv", "report.json"])
    }

    @Test("a temporary left by a killed run is removed; one a live writer holds is not")
    func abandonedTemporaries() throws {
        let folder = try TemporaryDirectory()
        _ = try folder.write(".data.csv.1F2E3D4C.tmp", text: "half a file")
        let live = try AtomicFile(destination: folder.file("data.csv"))
        try live.write(Array("being written".utf8))
        let file = try AtomicFile(destination: folder.file("data.csv"))
        #expect(!FileManager.default.fileExists(atPath: folder.file(".data.csv.1F2E3D4C.tmp").path))
        #expect(FileManager.default.fileExists(atPath: live.temporaryURL.path))
        try file.write(Array("whole".utf8))
        try file.commit()
        try live.commit()
        #expect(try String(contentsOf: folder.file("data.csv"), encoding: .utf8) == "being written")
        #expect(try folder.fileNames() == ["data.csv"])
    }

    @Test("a folder moved aside by a killed run is put back, and partial folders are removed")
    func folderLeftovers() throws {
        let folder = try TemporaryDirectory()
        let output = folder.file("package")
        try AtomicFolder.replace(output) { try "first".write(to: $0.appendingPathComponent("a.txt"), atomically: false, encoding: .utf8) }
        // A run killed between its two moves: the old package is aside, nothing in its place.
        try FileManager.default.moveItem(at: output, to: folder.file(".package.previous-0badf00d"))
        try FileManager.default.createDirectory(at: folder.file(".package.partial-deadbeef"), withIntermediateDirectories: false)
        AtomicFolder.recoverLeftovers(of: output)
        #expect(try String(contentsOf: output.appendingPathComponent("a.txt"), encoding: .utf8) == "first")
        #expect(try folder.fileNames() == ["package"])
        try AtomicFolder.replace(output) { try "second".write(to: $0.appendingPathComponent("a.txt"), atomically: false, encoding: .utf8) }
        #expect(try String(contentsOf: output.appendingPathComponent("a.txt"), encoding: .utf8) == "second")
        #expect(try folder.fileNames() == ["package"])
    }
}

