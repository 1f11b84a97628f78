import CivicAnalysis
import CivicModels
import Foundation
import Testing

/// The layout rules that keep a report readable on a phone and whole on paper. The
/// browser check (`Tests/BrowserCheck`) measures the rendered page; these tests pin
/// the rules in the generated markup.
@Suite("reports fit screens and paper")
struct ReportLayoutTests {
    /// A cross table as wide as a district table: a label column, 12 districts, a total.
    func wideTable() -> ReportTable {
        let header = ["service"] + (1...12).map { "district \($0)" } + ["total"]
        let rows = (1...3).map { r in ["service \(r)"] + (1...13).map { "\(r * $0)" } }
        return ReportTable(header: header, rows: rows, caption: "service × district", numericColumns: Set(1...13))
    }

    @Test("a wide table is cut into parts that each repeat the row labels and together hold every column once")
    func wideTableParts() {
        let table = wideTable()
        let parts = table.parts(maximumCharacters: 60)
        // 12 + 12 × 11 + 8 characters with padding: four districts fit beside the labels, the total goes last.
        #expect(parts.count == 4)
        #expect(parts.allSatisfy { part in
            part.header.first == "service" && part.header.indices.map { c in
                max(part.header[c].split { $0 == " " || $0 == "-" }.map(\.count).max()!, part.rows.map { $0[c].count }.max()!) + 3
            }.reduce(0, +) <= 60
        })
        #expect(parts.flatMap { $0.header.dropFirst() } == Array(table.header.dropFirst()))
        for part in parts {
            for (row, original) in zip(part.rows, table.rows) {
                #expect(row.first == original.first)
                // Every cell sits under the same heading as in the whole table.
                for (heading, cell) in zip(part.header, row) {
                    #expect(original[table.header.firstIndex(of: heading)!] == cell)
                }
            }
            #expect(part.numericColumns == Set(1..<part.header.count))
        }
        #expect(ReportTable(header: ["a", "b"], rows: [["1", "2"]]).parts(maximumCharacters: 60).count == 1)
    }

    @Test("tables sit in a main landmark, in their own scroll box, with column and row headings")
    func tableMarkup() throws {
        var report = Report(title: "Bericht", language: .german)
        report.add(.table(wideTable()))
        report.add(.keyFacts([ReportDefinition("Veröffentlicht", "2.996 von 3.000 Fällen")]))
        let html = report.html()
        let scan = try #require(MarkupScan.parse(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")))
        #expect(scan.elements["main"] == 1)
        let parts = wideTable().parts(maximumCharacters: Report.maximumTableCharacters).count
        #expect(parts >= 2)
        #expect(scan.elements["table"] == parts)
        #expect(html.contains("(Teil 1 von \(parts))") && html.contains("(Teil \(parts) von \(parts))"))
        // Every table is inside a focusable region with a name of its own that scrolls on its own.
        let regions = html.components(separatedBy: "<div class=\"table-box\" role=\"region\" tabindex=\"0\" aria-label=\"").dropFirst()
        #expect(regions.count == parts)
        #expect(Set(regions.map { $0.prefix { $0 != "\"" } }).count == parts)
        #expect(html.components(separatedBy: "<th scope=\"row\"").count - 1 == parts * 3)
        #expect(!html.contains("<th></th>") && !html.contains("<th scope=\"col\"></th>"))
        #expect(html.contains("@media print") && html.contains("size: A4"))
        #expect(html.contains("<dt>Veröffentlicht</dt><dd>2.996 von 3.000 Fällen</dd>"))
    }

    @Test("whole numbers get whole bins from the data's own range: household sizes 1 to 8 are eight bars")
    func wholeNumberBins() {
        let sizes = (0..<400).map { Double(1 + ($0 * 7) % 8) }
        let chart = Histogram(title: "Haushalt", values: sizes, valueLabel: "Personen", countLabel: "Fälle", language: .german)
        #expect(chart.isWholeNumbers)
        #expect(chart.edges == (1...9).map(Double.init))
        #expect((0..<8).map(chart.label(ofBin:)) == (1...8).map(String.init))
        for size in 1...8 {
            #expect(chart.counts[size - 1] == sizes.filter { $0 == Double(size) }.count)
        }
        let ages = (0..<300).map { Double(18 + $0 % 73) }
        let byAge = Histogram(title: "Alter", values: ages, valueLabel: "Jahre", countLabel: "Fälle", language: .german)
        #expect(byAge.edges.first == 10 && byAge.label(ofBin: 0) == "10–19")
        #expect(byAge.edges.last! > 90 && byAge.edges.dropLast().last! <= 90)
        #expect(byAge.counts.reduce(0, +) == ages.count)
        // Measured values keep the nice-number bins.
        #expect(!Histogram(title: "h", values: [0.5, 1.25, 2.75], valueLabel: "v", countLabel: "n").isWholeNumbers)
    }

    @Test("long German category names lie down on the left, with room for the longest label")
    func horizontalBars() throws {
        let names = ["Schuldnerberatung", "Schwangerschaftsberatung", "Arbeitsmarktberatung", "Migrationsberatung"]
        let chart = BarChart(title: "Fälle je Angebot", categories: names, values: [120, 80, 64, 40], valueLabel: "Fälle",
                             language: .german)
        let svg = chart.svg(id: "s")
        #expect(try #require(MarkupScan.parse(svg)).elements["rect"] == 1 + 4)
        for label in textElements(svg) where names.contains(label.text) {
            // Labels end at their x; at 0.6 em per character they must start inside the chart.
            #expect(label.anchor == "end")
            #expect(label.x - Double(label.text.count) * 12 * 0.6 >= 0, "\(label.text) starts left of the chart")
        }
        let short = BarChart(title: "t", categories: ["m", "w", "d"], values: [1, 2, 3], valueLabel: "n")
        #expect(textElements(short.svg(id: "t")).contains { $0.text == "w" && $0.anchor == "middle" })
    }

    @Test("every chart colour stands out from the white background by at least 3:1 (WCAG 1.4.11)")
    func paletteContrast() throws {
        let series = (0..<8).map { ("s\($0)", [Double?](repeating: 1, count: 2)) }
        let svg = BarChart(title: "t", categories: ["a", "b"], series: series, valueLabel: "n").svg(id: "p")
        let fills = Set(svg.components(separatedBy: "fill=\"#").dropFirst().map { String($0.prefix(6)) })
            .subtracting(["ffffff"])
        #expect(fills.count == 8)
        for fill in fills {
            #expect(contrastAgainstWhite(fill) >= 3, "#\(fill)")
        }
    }
}

/// The `<text>` elements of an SVG with their x, anchor and content (no transform).
func textElements(_ svg: String) -> [(x: Double, anchor: String, text: String)] {
    svg.components(separatedBy: "<text ").dropFirst().compactMap { piece in
        guard let close = piece.firstIndex(of: ">"), let end = piece.range(of: "</text>") else { return nil }
        let attributes = String(piece[..<close]), text = String(piece[piece.index(after: close)..<end.lowerBound])
        func value(_ name: String) -> String? {
            guard let start = attributes.range(of: "\(name)=\"") else { return nil }
            return String(attributes[start.upperBound...].prefix { $0 != "\"" })
        }
        guard let x = value("x").flatMap(Double.init) else { return nil }
        return (x, value("text-anchor") ?? "start", text)
    }
}

/// The WCAG 2.1 contrast ratio of a colour (`RRGGBB`) against white.
func contrastAgainstWhite(_ hex: String) -> Double {
    let channels = stride(from: 0, to: 6, by: 2).map { offset -> Double in
        let start = hex.index(hex.startIndex, offsetBy: offset)
        let value = Double(Int(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!) / 255
        return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    let luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return 1.05 / (luminance + 0.05)
}
