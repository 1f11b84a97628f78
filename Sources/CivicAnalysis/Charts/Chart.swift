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

/// The colour-blind-safe hues of M. Okabe and K. Ito (2002), in the order series use
/// them, the light ones darkened so that every colour has at least 3:1 contrast
/// against the white background (WCAG 2.1, criterion 1.4.11): orange #E69F00
/// (2.3:1) becomes ochre #B07800 (3.8:1), pink, sky blue and yellow give way to
/// purple, dark green and wine red.
let chartPalette = ["#0072B2", "#B07800", "#009E73", "#D55E00", "#AA4499", "#6A3D9A", "#117733", "#882255"]

