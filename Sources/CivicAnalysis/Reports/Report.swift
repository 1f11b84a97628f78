import Foundation
import CivicModels

/// A table in a report: a header row, body rows of text, an optional caption.
public struct ReportTable: Sendable, Hashable {
    /// The column headings.
    public var header: [String]
    /// The rows, one text per column.
    public var rows: [[String]]
    /// A caption above the table.
    public var caption: String?
    /// Columns that hold numbers (right-aligned).
    public var numericColumns: Set<Int>
    /// Whether the first column names its row (a row heading for screen readers,
    /// repeated in every part of a table too wide for one page).
    public var labelsRows: Bool

    /// A table; `numericColumns` are aligned right; `labelsRows`: the first column
    /// names the row.
    public init(header: [String], rows: [[String]], caption: String? = nil, numericColumns: Set<Int> = [],
                labelsRows: Bool = true) {
        precondition(rows.allSatisfy { $0.count == header.count }, "one cell per heading")
        self.header = header
        self.rows = rows
        self.caption = caption
        self.numericColumns = numericColumns
        self.labelsRows = labelsRows
    }

    /// The table cut into parts no wider than `maximumCharacters` characters, each
    /// part repeating the row labels, so a wide cross table fits an A4 page and
    /// nothing is cut off in print. A table that fits is its own single part.
    ///
    /// A column is as wide as its longest cell or the longest word of its heading
    /// (headings wrap between words and after hyphens), plus room for padding.
    public func parts(maximumCharacters: Int) -> [ReportTable] {
        func width(_ column: Int) -> Int {
            let heading = header[column].split { $0 == " " || $0 == "-" }.map(\.count).max() ?? 0
            return max(heading, rows.map { $0[column].count }.max() ?? 0) + 3
        }
        let kept = labelsRows ? [0] : []
        let room = maximumCharacters - kept.map(width).reduce(0, +)
        var parts: [[Int]] = [[]], used = 0
        for column in header.indices.dropFirst(kept.count) {
            let needed = width(column)
            if used + needed > room && !parts[parts.count - 1].isEmpty {
                parts.append([])
                used = 0
            }
            parts[parts.count - 1].append(column)
            used += needed
        }
        guard parts.count > 1 else { return [self] }
        return parts.map { others in
            let columns = kept + others
            var part = ReportTable(header: columns.map { header[$0] }, rows: rows.map { row in columns.map { row[$0] } },
                                   caption: caption, labelsRows: labelsRows)
            part.numericColumns = Set(columns.indices.filter { numericColumns.contains(columns[$0]) })
            return part
        }
    }
}

/// A term and what it means: a line of a report's summary, or a glossary entry.
public struct ReportDefinition: Sendable, Hashable {
    /// The term or label.
    public var term: String
    /// Its value or explanation.
    public var text: String

    /// A term and its text.
    public init(_ term: String, _ text: String) {
        self.term = term
        self.text = text
    }
}

/// A document of headings, text, tables and charts that renders as one
/// self-contained HTML file (styles inline, charts as inline SVG, no scripts, no
/// external files) or as Markdown.
///
/// ```swift
/// var report = Report(title: "Jahresbericht 2025", language: .german)
/// report.add(.heading("Fälle", level: 2))
/// report.add(.paragraph("Im Jahr 2025 haben wir 3.000 Fälle beraten."))
/// report.add(.chart(BarChart(title: "Fälle je Angebot", categories: names, values: counts, valueLabel: "Fälle")))
/// try report.html().write(toFile: "bericht.html", atomically: true, encoding: .utf8)
/// ```
public struct Report: Sendable {
    /// One piece of a report.
    public enum Block: Sendable {
        /// A heading; level 2 to 4 (the title is level 1).
        case heading(String, level: Int)
        /// A paragraph of text.
        case paragraph(String)
        /// A bulleted list.
        case list([String])
        /// A table.
        case table(ReportTable)
        /// A chart: inline SVG in HTML, its text alternative in Markdown.
        case chart(any Chart)
        /// A highlighted remark, e.g. what the reader must still check.
        case note(String)
        /// The report's summary for readers in a hurry: labels and values in a box.
        case keyFacts([ReportDefinition])
        /// Terms and their explanations, usually at the end.
        case glossary([ReportDefinition])
    }

    /// The title (the page title and the first heading).
    public var title: String
    /// The language the report is written in (the HTML `lang`).
    public var language: Language
    /// The blocks, in order.
    public private(set) var blocks: [Block] = []

    /// An empty report.
    public init(title: String, language: Language) {
        self.title = title
        self.language = language
    }

    /// Appends a block.
    public mutating func add(_ block: Block) { blocks.append(block) }

    /// Tables wider than this many characters are shown in parts (row labels
    /// repeated): about what a printed A4 page holds at the print font size.
    public static let maximumTableCharacters = 72

    /// The report as one HTML5 file. The markup is also well-formed XML, so tools
    /// (and the tests) can parse it. It reads on a phone (wide tables scroll in
    /// their own box, the page never sideways) and prints on A4 without cutting
    /// anything off.
    public func html() -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escapeMarkup(title))</title>
        <style>
        \(Self.styleSheet)
        </style>
        </head>
        <body>
        <main>
        <h1>\(escapeMarkup(title))</h1>

        """
        var chartNumber = 0, tableNumber = 0
        for block in blocks {
            switch block {
            case .heading(let text, let level):
                let level = min(max(level, 2), 4)
                html += "<h\(level)>\(escapeMarkup(text))</h\(level)>\n"
            case .paragraph(let text):
                html += "<p>\(escapeMarkup(text))</p>\n"
            case .list(let items):
                html += "<ul>\n" + items.map { "<li>\(escapeMarkup($0))</li>\n" }.joined() + "</ul>\n"
            case .note(let text):
                html += "<p class=\"note\">\(escapeMarkup(text))</p>\n"
            case .keyFacts(let facts):
                html += "<dl class=\"key-facts\">\n" + definitionItems(facts) + "</dl>\n"
            case .glossary(let entries):
                html += "<dl class=\"glossary\">\n" + definitionItems(entries) + "</dl>\n"
            case .table(let table):
                let parts = table.parts(maximumCharacters: Self.maximumTableCharacters)
                for (index, part) in parts.enumerated() {
                    tableNumber += 1
                    var caption = part.caption
                    if parts.count > 1 {
                        let count = language.pick(de: "Teil \(index + 1) von \(parts.count)", en: "part \(index + 1) of \(parts.count)")
                        caption = caption.map { "\($0) (\(count))" } ?? count
                    }
                    html += tableHTML(part, caption: caption, number: tableNumber)
                }
            case .chart(let chart):
                chartNumber += 1
                html += "<figure class=\"chart\" tabindex=\"0\" aria-label=\"\(escapeMarkup(chart.title))\">\n"
                    + chart.svg(id: "chart-\(chartNumber)") + "</figure>\n"
            }
        }
        return html + "</main>\n</body>\n</html>\n"
    }

    /// One table in a box of its own that scrolls sideways when the screen is too
    /// narrow (focusable, so keyboard users can scroll it too).
    private func tableHTML(_ table: ReportTable, caption: String?, number: Int) -> String {
        // Numbered, so that every region has its own name even where captions repeat.
        let name = language.pick(de: "Tabelle \(number)", en: "Table \(number)") + (caption.map { ": \($0)" } ?? "")
        var html = "<div class=\"table-box\" role=\"region\" tabindex=\"0\" aria-label=\"\(escapeMarkup(name))\">\n<table>\n"
        if let caption { html += "<caption>\(escapeMarkup(caption))</caption>\n" }
        func numberClass(_ column: Int) -> String { table.numericColumns.contains(column) ? " class=\"number\"" : "" }
        html += "<thead><tr>" + table.header.enumerated().map { c, text in
            "<th scope=\"col\"\(numberClass(c))>\(escapeMarkup(text))</th>"
        }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.enumerated().map { c, text in
                c == 0 && table.labelsRows
                    ? "<th scope=\"row\"\(numberClass(c))>\(escapeMarkup(text))</th>"
                    : "<td\(numberClass(c))>\(escapeMarkup(text))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    private func definitionItems(_ items: [ReportDefinition]) -> String {
        items.map { "<div><dt>\(escapeMarkup($0.term))</dt><dd>\(escapeMarkup($0.text))</dd></div>\n" }.joined()
    }

    /// The page's styles: readable on screens from phone to desktop, and A4 print
    /// rules that keep headings with what follows and never cut a table.
    static let styleSheet = """
    body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
    h1, h2, h3, h4, p, li, dd, caption { overflow-wrap: break-word; }
    .table-box { max-width: 100%; overflow-x: auto; margin: 1rem 0; }
    table { border-collapse: collapse; }
    caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
    th, td { border-bottom: 1px solid #d0d0d0; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
    tbody th { font-weight: normal; }
    td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
    td.number { white-space: nowrap; }
    figure.chart { margin: 1.5rem 0; max-width: 100%; overflow-x: auto; }
    figure.chart svg { width: 100%; min-width: 30rem; max-width: 40rem; height: auto; }
    .note { border-left: 4px solid #8A6D00; background: #fff8e8; padding: 0.5rem 1rem; }
    dl.key-facts { border: 1px solid #0072B2; background: #f2f8fc; padding: 0.75rem 1rem; margin: 1rem 0 1.5rem; }
    dl.key-facts div, dl.glossary div { margin: 0.3rem 0; }
    dt { font-weight: bold; }
    dd { margin: 0 0 0 1.5rem; }
    dl.key-facts div { display: flex; flex-wrap: wrap; gap: 0 0.5rem; }
    dl.key-facts dt::after { content: ":"; }
    dl.key-facts dd { margin: 0; }
    @media (max-width: 40rem) {
      body { margin: 1rem auto; padding: 0 0.75rem; }
      th, td { padding: 0.2rem 0.35rem; }
    }
    @page { size: A4; margin: 16mm 14mm; }
    @media print {
      body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
      .table-box, figure.chart { overflow: visible; }
      table { font-size: 9pt; }
      thead { display: table-header-group; }
      tr, figure, dl.key-facts, .note { break-inside: avoid; }
      h2, h3, h4, caption { break-after: avoid; }
      figure.chart svg { min-width: 0; max-width: 100%; }
    }
    """

    /// The report as Markdown (GitHub flavour tables); charts appear as their text
    /// alternative. Every text is HTML-escaped, since Markdown renderers pass raw
    /// HTML through and the texts come from the data (`<script>` in a category name
    /// must stay text).
    public func markdown() -> String {
        var text = "# \(escapeHTML(title))\n"
        for block in blocks {
            text += "\n"
            switch block {
            case .heading(let heading, let level):
                text += String(repeating: "#", count: min(max(level, 2), 4)) + " \(escapeHTML(heading))\n"
            case .paragraph(let paragraph):
                text += escapeHTML(paragraph) + "\n"
            case .list(let items):
                text += items.map { "- \(escapeHTML($0))\n" }.joined()
            case .note(let note):
                text += "> \(escapeHTML(note))\n"
            case .table(let table):
                if let caption = table.caption { text += "**\(escapeCell(caption))**\n\n" }
                text += "| " + table.header.map(escapeCell).joined(separator: " | ") + " |\n"
                text += "|" + table.header.indices.map { table.numericColumns.contains($0) ? "---:" : "---" }
                    .joined(separator: "|") + "|\n"
                for row in table.rows { text += "| " + row.map(escapeCell).joined(separator: " | ") + " |\n" }
            case .chart(let chart):
                text += "*\(escapeHTML(chart.textAlternative))*\n"
            case .keyFacts(let facts):
                text += facts.map { "- **\(escapeHTML($0.term))**: \(escapeHTML($0.text))\n" }.joined()
            case .glossary(let entries):
                text += entries.map { "**\(escapeHTML($0.term))**  \n\(escapeHTML($0.text))\n\n" }.joined()
            }
        }
        return text
    }

    private func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private func escapeCell(_ text: String) -> String {
        escapeHTML(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
