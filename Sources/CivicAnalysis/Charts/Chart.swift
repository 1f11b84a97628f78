/// A chart that renders itself as a self-contained SVG image.
///
/// Every chart carries a text alternative (what a screen reader says, and what a
/// report shows where images are not an option) and writes it into the SVG as its
/// `<desc>`, with the title as `<title>`.
///
/// ```swift
/// let chart = BarChart(title: "Cases per service", categories: ["A", "B"], values: [12, 30],
///                      valueLabel: "cases")
/// try chart.svg(id: "services").write(toFile: "services.svg", atomically: true, encoding: .utf8)
/// ```
public protocol Chart: Sendable {
    /// The title above the chart.
    var title: String { get }
    /// A sentence or two that says what the chart shows, for readers who cannot see it.
    var textAlternative: String { get }
    /// The SVG document; `id` makes its element ids unique within an HTML page.
    func svg(id: String) -> String
}

/// The colour-blind-safe palette of M. Okabe and K. Ito (2002), in the order series use it.
let chartPalette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

/// Escapes text for XML and HTML content and attribute values.
func escapeMarkup(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}
