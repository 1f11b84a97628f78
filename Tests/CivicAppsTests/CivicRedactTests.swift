import CivicStorage
import CivicTestSupport
import Foundation
import Testing

@Suite struct CivicRedactTests {
    @Test func keygenWritesAnOwnerOnlyKeyAndRefusesToOverwrite() throws {
        let folder = try TemporaryDirectory()
        let key = folder.file("secret.key")
        let first = try runProduct("civic-redact", ["keygen", key.path])
        #expect(first.status == 0, "\(first.error)")
        #expect(try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int == 0o600)
        let keyText = try String(contentsOf: key, encoding: .utf8)
        #expect(!first.output.contains(keyText.split(separator: "\n")[1]))

        let second = try runProduct("civic-redact", ["keygen", key.path])
        #expect(second.status != 0)
        #expect(second.error.contains("already exists"))
        #expect(try String(contentsOf: key, encoding: .utf8) == keyText)
    }

    @Test func csvChangesOnlyTheNamedColumns() throws {
        let folder = try TemporaryDirectory()
        let key = folder.file("k.key")
        #expect(try runProduct("civic-redact", ["keygen", key.path]).status == 0)
        let input = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")
        let output = folder.file("out.csv"), again = folder.file("again.csv"), report = folder.file("r.json")
        let arguments = ["csv", "--input", input.path, "--columns", "notes", "--pseudonymize", "client_id",
                         "--key", key.path, "--lang", "en"]
        let result = try runProduct("civic-redact", arguments + ["--output", output.path, "--report", report.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(try runProduct("civic-redact", arguments + ["--output", again.path]).status == 0)

        let before = try CSVReader(url: input).readAllRecords()
        let after = try CSVReader(url: output).readAllRecords()
        #expect(before.count == after.count)
        let header = try #require(try CSVReader(url: input).header)
        let notes = header.firstIndex(of: "notes")!, client = header.firstIndex(of: "client_id")!
        var tokenByClient: [String: String] = [:]
        for (old, new) in zip(before, after) {
            for column in header.indices where column != notes && column != client { #expect(old[column] == new[column]) }
            #expect(new[client].hasPrefix("P-") && new[client].count == 14)
            // One client, one token; two clients, two tokens.
            #expect(tokenByClient.updateValue(new[client], forKey: old[client]).map { $0 == new[client] } ?? true)
            #expect(!new[notes].contains("@"))
            #expect(new[notes].range(of: #"DE\d\d"#, options: .regularExpression) == nil)
        }
        #expect(Set(tokenByClient.values).count == tokenByClient.count)
        // Same key, same tokens in a second run.
        #expect(try CSVReader(url: again).readAllRecords() == after)

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as! [String: Any]
        let totals = json["totals"] as! [String: Int]
        #expect(totals["phone", default: 0] > 0 && totals["email", default: 0] > 0 && totals["iban", default: 0] > 0)
        #expect((json["pseudonymizedColumns"] as? [String: Int])?["client_id"] == tokenByClient.count)
        // The report holds counts, never a found value.
        let reportText = try String(contentsOf: report, encoding: .utf8)
        #expect(!reportText.contains("@") && !reportText.contains("K-0"))
    }

    @Test func datesShiftPerPersonAndKeepTheirFormat() throws {
        let folder = try TemporaryDirectory()
        let key = folder.file("k.key")
        #expect(try runProduct("civic-redact", ["keygen", key.path]).status == 0)
        let input = try folder.write("in.csv", text: "client;seen;note\nA;2024-03-01;x\nA;01.04.2024;y\nB;2024-03-01;z\n")
        let output = folder.file("out.csv")
        let result = try runProduct("civic-redact", [
            "csv", "--input", input.path, "--pseudonymize", "client", "--shift-dates", "seen", "--shift-days", "10",
            "--key", key.path, "--output", output.path,
        ])
        #expect(result.status == 0, "\(result.error)")
        let rows = try CSVReader(url: output).readAllRecords()
        #expect(rows[0][1].count == 10 && rows[0][1].contains("-") && rows[1][1].contains("."))
        #expect(rows[0][1] != "2024-03-01")
        #expect(rows[0][0] == rows[1][0] && rows[0][0] != rows[2][0])
    }

    @Test func badInputWritesNothing() throws {
        let folder = try TemporaryDirectory()
        let bad = try folder.write("bad.txt", bytes: Array("Hallo\nWelt ".utf8) + [0xFF, 0x41])
        let output = folder.file("out.txt")
        let result = try runProduct("civic-redact", ["text", "--input", bad.path, "--output", output.path, "--lang", "de"])
        #expect(result.status != 0)
        #expect(result.error.contains("Zeile 2"))
        #expect(!FileManager.default.fileExists(atPath: output.path))

        let csv = try folder.write("in.csv", text: "id,notes\n1,hi\n")
        let unknown = try runProduct("civic-redact", ["csv", "--input", csv.path, "--columns", "comment", "--output", output.path])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("comment") && unknown.error.contains("notes"))
        #expect(try folder.fileNames().sorted() == ["bad.txt", "in.csv"])
    }

    @Test func textModeRedactsAndReports() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("n.txt", text: "Frau Yılmaz, Tel. 0151 23456789, IBAN DE89 3704 0044 0532 0130 00.\n")
        let output = folder.file("o.txt"), report = folder.file("r.json")
        let result = try runProduct("civic-redact", ["text", "--input", input.path, "--output", output.path,
                                                     "--report", report.path, "--lang", "de"])
        #expect(result.status == 0, "\(result.error)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "Frau [NAME], Tel. [TELEFON], IBAN [IBAN].\n")
        #expect(result.output.contains("3 Funde"))
    }

    @Test func evaluatePrintsTheTable() throws {
        let result = try runProduct("civic-redact", ["evaluate"], in: packageRoot())
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("precision") && result.output.contains("iban"))
    }
}
