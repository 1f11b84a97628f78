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

    /// A table; `numericColumns` are aligned right.
    public init(header: [String], rows: [[String]], caption: String? = nil, numericColumns: Set<Int> = []) {
        precondition(rows.allSatisfy { $0.count == header.count }, "one cell per heading")
        self.header = header
        self.rows = rows
        self.caption = caption
        self.numericColumns = numericColumns
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

    /// The report as one HTML5 file. The markup is also well-formed XML, so tools
    /// (and the tests) can parse it.
    public func html() -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escapeMarkup(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
        table { border-collapse: collapse; margin: 1rem 0; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
        th, td { border-bottom: 1px solid #d0d0d0; padding: 0.25rem 0.6rem; text-align: left; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1.5rem 0; }
        svg { max-width: 100%; height: auto; }
        .note { border-left: 4px solid #E69F00; background: #fff8e8; padding: 0.5rem 1rem; }
        </style>
        </head>
        <body>
        <h1>\(escapeMarkup(title))</h1>

        """
        var chartNumber = 0
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
            case .table(let table):
                html += "<table>\n"
                if let caption = table.caption { html += "<caption>\(escapeMarkup(caption))</caption>\n" }
                html += "<thead><tr>" + table.header.enumerated().map { c, text in
                    "<th\(table.numericColumns.contains(c) ? " class=\"number\"" : "")>\(escapeMarkup(text))</th>"
                }.joined() + "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    html += "<tr>" + row.enumerated().map { c, text in
                        "<td\(table.numericColumns.contains(c) ? " class=\"number\"" : "")>\(escapeMarkup(text))</td>"
                    }.joined() + "</tr>\n"
                }
                html += "</tbody>\n</table>\n"
            case .chart(let chart):
                chartNumber += 1
                html += "<figure>\n" + chart.svg(id: "chart-\(chartNumber)") + "</figure>\n"
            }
        }
        return html + "</body>\n</html>\n"
    }

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
