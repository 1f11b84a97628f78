import CivicTestSupport
import Foundation
import Testing

@Suite("civic-report")
struct CivicReportTests {
    let cases = packageRoot().appendingPathComponent("Tests/CivicAnalysisTests/Fixtures/cases-800.csv").path

    @Test("writes a self-contained HTML report and Markdown, in German on request")
    func report() throws {
        let folder = try TemporaryDirectory()
        let config = try folder.write("report.yaml", text: """
            title: Testbericht
            exclude: [name, notes]
            crosstabs:
              - {rows: gender, columns: outcome}
            trends:
              - {date: start_date, per: year}
            """)
        let html = folder.file("report.html"), markdown = folder.file("report.md")
        let result = try runProduct("civic-report", ["--input", cases, "--config", config.path, "--output", html.path,
                                                     "--markdown", markdown.path, "--lang", "de"])
        #expect(result.status == 0, "\(result.error)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<html lang=\"de\">"))
        #expect(page.contains("<h1>Testbericht</h1>") && page.contains("Kreuztabellen") && page.contains("<svg"))
        #expect(!page.contains("<script"))
        #expect(try String(contentsOf: markdown, encoding: .utf8).contains("# Testbericht"))
    }

    @Test("a bad configuration exits non-zero and writes nothing")
    func refusal() throws {
        let folder = try TemporaryDirectory()
        let config = try folder.write("report.yaml", text: "crosstabs:\n  - {rows: gender, columns: nope}\n")
        let html = folder.file("report.html")
        let result = try runProduct("civic-report", ["--input", cases, "--config", config.path, "--output", html.path])
        #expect(result.status != 0)
        #expect(result.error.contains("'nope'"))
        #expect(!FileManager.default.fileExists(atPath: html.path))
        let broken = try folder.write("broken.yaml", text: "minimum-count: many\n")
        let second = try runProduct("civic-report", ["--input", cases, "--config", broken.path, "--output", html.path])
        #expect(second.status != 0 && second.error.contains("broken.yaml"))
        #expect(try folder.fileNames() == ["broken.yaml", "report.yaml"])
        // A misspelt key and a negative minimum are errors, named, not ignored.
        for (name, text, named) in [("typo.yaml", "minimum-cuont: 3\n", "minimum-count"),
                                    ("trend.yaml", "trends:\n  - {date: start_date, pre: year}\n", "per"),
                                    ("negative.yaml", "minimum-count: -5\n", "minimum-count")] {
            let config = try folder.write(name, text: text)
            let result = try runProduct("civic-report", ["--input", cases, "--config", config.path, "--output", html.path])
            #expect(result.status != 0 && result.error.contains(named), "\(name): \(result.error)")
            #expect(!FileManager.default.fileExists(atPath: html.path))
        }
    }
}
