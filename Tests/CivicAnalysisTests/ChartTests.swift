import CivicAnalysis
import CivicModels
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects the elements and text of an XML document.
final class MarkupScan: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var attributes: [[String: String]] = []
    var text = ""
    var error: (any Error)?

    /// Parses `markup`; `nil` when it is not well-formed XML.
    static func parse(_ markup: String) -> MarkupScan? {
        let scan = MarkupScan()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = scan
        return parser.parse() ? scan : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        self.attributes.append(attributes)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

@Suite("SVG charts")
struct ChartTests {
    @Test("a bar chart is well-formed SVG with title, description and one bar per shown value")
    func bars() throws {
        let chart = BarChart(title: "Fälle & Angebote", categories: ["A<1>", "B", "C"], values: [12, nil, 30],
                             valueLabel: "Fälle")
        let scan = try #require(MarkupScan.parse(chart.svg(id: "x")))
        #expect(scan.elements["svg"] == 1 && scan.elements["title"]! >= 1 && scan.elements["desc"] == 1)
        #expect(scan.elements["rect"] == 1 + 2)  // background + two bars
        #expect(scan.text.contains("Fälle & Angebote") && scan.text.contains("A<1>"))
        #expect(chart.textAlternative.contains("A<1> 12") && chart.textAlternative.contains("B –"))
    }

    @Test("a grouped bar chart has a legend and a bar per series and category")
    func grouped() throws {
        let chart = BarChart(title: "t", categories: ["m", "w"], series: [("ja", [1, 2]), ("nein", [3, 4])],
                             valueLabel: "n")
        let scan = try #require(MarkupScan.parse(chart.svg(id: "g")))
        #expect(scan.elements["rect"] == 1 + 4 + 2)  // background, bars, legend squares
        #expect(scan.text.contains("nein"))
    }

    @Test("a histogram's bins hold every value once and hide small bins")
    func histogram() throws {
        let values = (0..<200).map { Double($0 % 97) } + [1000]
        let chart = Histogram(title: "h", values: values, valueLabel: "v", countLabel: "n", minimumCount: 5)
        #expect(chart.counts.reduce(0, +) == values.count)
        #expect(chart.edges.first! <= 0 && chart.edges.last! >= 1000)
        let hidden = chart.counts.filter { $0 > 0 && $0 < 5 }.count
        #expect(hidden == 1)
        let scan = try #require(MarkupScan.parse(chart.svg(id: "h")))
        #expect(scan.elements["rect"] == 1 + chart.counts.count - hidden)
        #expect(chart.textAlternative.contains("not shown"))
    }

    @Test("line charts and box plots are well-formed and describe themselves in German on request")
    func lineAndBox() throws {
        let line = LineChart(title: "Fälle", labels: ["2024-01", "2024-02", "2024-03"],
                             series: [("n", [3, nil, 9])], valueLabel: "n", language: .german)
        let lineScan = try #require(MarkupScan.parse(line.svg(id: "l")))
        #expect(lineScan.elements["path"] == 1)
        #expect(line.textAlternative.contains("niedrigster Wert 3 (2024-01), höchster 9 (2024-03)"))
        let groups = try statsSample().describe("x", by: "group")
        let box = BoxPlot(title: "x", groups: groups, valueLabel: "x")
        let boxScan = try #require(MarkupScan.parse(box.svg(id: "b")))
        #expect(boxScan.elements["g"] == 3)
        #expect(box.textAlternative.contains("A: median \(groups[0].statistics!.median)"))
    }
}

@Suite("Reports")
struct ReportTests {
    func sampleReport(language: Language) throws -> Report {
        var configuration = ReportConfiguration()
        configuration.crosstabs = [.init(rows: "service", columns: "outcome")]
        configuration.trends = [.init(date: "start_date", per: "quarter")]
        configuration.exclude = ["name", "notes", "case_id", "client_id"]
        return try Report.statistics(of: fixtureCases(), configuration: configuration, language: language,
                                     defaultTitle: "Fälle <2025>")
    }

    @Test("the HTML is self-contained, well-formed and holds the expected text")
    func html() throws {
        let html = try sampleReport(language: .german).html()
        let scan = try #require(MarkupScan.parse(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")))
        #expect(scan.elements["script"] == nil && scan.elements["link"] == nil && scan.elements["img"] == nil)
        #expect(!scan.attributes.contains { $0["src"] != nil || ($0["href"] ?? "").hasPrefix("http") })
        #expect(scan.text.contains("Fälle <2025>") && scan.text.contains("Kreuztabellen") && scan.text.contains("Entwicklung"))
        #expect(scan.elements["svg"]! >= 10)
        #expect(scan.elements["table"]! >= 3)
        // No identifying column made it in.
        #expect(!scan.text.contains("client_id"))
        // Small counts are masked: the fixture has cells below 5.
        #expect(scan.text.contains("<5"))
        let counts = try CrossTable(fixtureCases(), rows: "service", columns: "outcome").counts.flatMap { $0 }
        #expect(counts.contains { $0 > 0 && $0 < 5 } || !html.contains("&lt;5"))
    }

    @Test("the Markdown has the tables and the charts' text alternatives")
    func markdown() throws {
        let markdown = try sampleReport(language: .english).markdown()
        // Texts are HTML-escaped: Markdown renderers would pass `<...>` through as HTML.
        #expect(markdown.hasPrefix("# Fälle &lt;2025&gt;\n"))
        #expect(!markdown.contains("<2025>"))
        #expect(markdown.contains("## Cross tables") && markdown.contains("| service \\ outcome |"))
        #expect(markdown.contains("*start_date, 2019-Q1 to"))
    }

    @Test("values that look like HTML stay text in the Markdown")
    func markdownEscapesHTML() throws {
        var report = Report(title: "t", language: .english)
        report.add(.table(ReportTable(header: ["service"], rows: [["<script>alert(1)</script>"], ["A & B"]])))
        report.add(.paragraph("<img src=x onerror=alert(1)>"))
        let markdown = report.markdown()
        #expect(!markdown.contains("<script>") && !markdown.contains("<img"))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && markdown.contains("A &amp; B"))
    }

    @Test("a configuration naming a missing column is refused by name")
    func unknownColumn() throws {
        var configuration = ReportConfiguration()
        configuration.crosstabs = [.init(rows: "service", columns: "nope")]
        #expect(throws: AnalysisError.unknownColumn("nope")) {
            try Report.statistics(of: fixtureCases(), configuration: configuration, language: .english, defaultTitle: "t")
        }
        configuration.crosstabs = []
        configuration.trends = [.init(date: "start_date", per: "week")]
        #expect(throws: AnalysisError.unknownPeriod("week")) {
            try Report.statistics(of: fixtureCases(), configuration: configuration, language: .english, defaultTitle: "t")
        }
    }
}

@Suite("charts write numbers the way their language does")
struct ChartNumberTests {
    @Test("axis labels and text alternatives take a decimal comma in German")
    func germanAxis() {
        let values: [Double?] = [0.5, 1.5, 2.5]
        let german = BarChart(title: "Anteil", categories: ["a", "b", "c"], values: values, valueLabel: "Wert", language: .german)
        let english = BarChart(title: "Share", categories: ["a", "b", "c"], values: values, valueLabel: "value")
        let svg = german.svg(id: "g")
        #expect(svg.contains(">2,5<") || svg.contains(">1,5<"))
        #expect(!svg.contains(">2.5<") && !svg.contains(">1.5<"))
        #expect(german.textAlternative.contains("c 2,5"))
        #expect(english.svg(id: "e").contains(">1.5<") || english.svg(id: "e").contains(">2.5<"))
    }
}
