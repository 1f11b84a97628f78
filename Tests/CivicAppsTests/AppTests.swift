import CivicTestSupport
import Foundation
import GRDB
import Testing

/// End-to-end tests: they run the built executables as a user would.
@Suite struct CivicGenerateTests {
    @Test func writesTheRequestedRowsReproducibly() throws {
        let folder = try TemporaryDirectory()
        for name in ["a.csv", "b.csv"] {
            let result = try runProduct("civic-generate", ["--rows", "250", "--seed", "5", "--output", folder.file(name).path])
            #expect(result.status == 0, "\(result.error)")
        }
        let other = try runProduct("civic-generate", ["--rows", "250", "--seed", "6", "--output", folder.file("c.csv").path])
        #expect(other.status == 0)
        let a = try String(contentsOf: folder.file("a.csv"), encoding: .utf8)
        #expect(a == (try String(contentsOf: folder.file("b.csv"), encoding: .utf8)))
        #expect(a != (try String(contentsOf: folder.file("c.csv"), encoding: .utf8)))
        #expect(a.hasPrefix("case_id,client_id,name,birth_date,age,gender,zip,district,nationality,household_size,"))
    }

    @Test func badArgumentsFail() throws {
        let result = try runProduct("civic-generate", ["--rows", "-3", "--output", "/tmp/x.csv"])
        #expect(result.status != 0)
        #expect(result.error.contains("--rows"))
    }
}

@Suite struct CivicBenchTests {
    @Test func casebookTimesEveryStepAndCountsWhatItDid() throws {
        let folder = try TemporaryDirectory()
        let csv = folder.file("cases.csv").path
        #expect(try runProduct("civic-generate", ["--rows", "2000", "--output", csv]).status == 0)
        let result = try runProduct("civic-bench", ["casebook", csv])
        #expect(result.status == 0, "\(result.error)")
        let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
        #expect(json["rows"] as? Int == 2000)
        let persons = json["persons"] as? Int ?? 0
        #expect(persons > 500 && persons < 2000)
        // Nine persons in ten consent: their cases are counted, the others' are not.
        let counted = json["consenting_cases"] as? Int ?? 0
        #expect(counted > 1500 && counted < 2000)
        let seconds = json["seconds"] as? [String: Double] ?? [:]
        #expect(Set(seconds.keys) == ["import", "reimport", "consents", "stats", "retention_dry_run", "export"])
    }

    @Test func groupbyPrintsOneJSONLineWithADigest() throws {
        let folder = try TemporaryDirectory()
        let csv = folder.file("cases.csv").path
        #expect(try runProduct("civic-generate", ["--rows", "1000", "--output", csv]).status == 0)
        let result = try runProduct("civic-bench", ["groupby", csv])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1)
        let json = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(json["rows"] as? Int == 1000)
        let digest = json["digest"] as! [String: Any]
        #expect(digest["n_sum"] as? Int == 1000)
        #expect((digest["groups"] as? Int ?? 0) > 50)
        #expect((digest["crosstab_w_abgeschlossen"] as? Int ?? 0) > 100)
        #expect(((json["seconds"] as? [String: Double])?["groupby"] ?? -1) >= 0)
    }

    @Test(arguments: ["ingest", "sqlite"])
    func otherBenchmarksReportRows(_ benchmark: String) throws {
        let folder = try TemporaryDirectory()
        let csv = folder.file("cases.csv").path
        #expect(try runProduct("civic-generate", ["--rows", "300", "--output", csv]).status == 0)
        let result = try runProduct("civic-bench", [benchmark, csv], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
        #expect(json["rows"] as? Int == 300)
    }
}
