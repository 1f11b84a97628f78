import CivicModels
import Foundation

/// The frame every chart shares: size, margins, title, axis titles, value axis
/// with grid lines; charts draw their marks inside `plot`.
struct ChartFrame {
    let width = 640.0, height = 360.0
    let left = 64.0, right = 16.0, top: Double, bottom: Double
    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    /// The series names in the legend (none for a single series).
    let legendNames: [String]
    /// The language of the axis labels' numbers.
    let language: Language

    /// Room below the plot for category labels (more when they are long and
    /// slanted), and above it for the legend's rows.
    init(slantedLabels: Bool = false, legend: [String] = [], language: Language = .english) {
        bottom = slantedLabels ? 96 : 56
        legendNames = legend
        self.language = language
        top = 44 + Double(Self.legendLayout(legend, from: 64, to: 640 - 16).map(\.row).max().map { $0 + 1 } ?? 0) * 18
    }

    /// Where each legend entry goes: rows under the title, wrapped at the plot's width.
    static func legendLayout(_ names: [String], from left: Double, to right: Double) -> [(x: Double, row: Int)] {
        var x = left, row = 0
        return names.map { name in
            let width = 22 + Double(name.count) * 7
            if x + width > right && x > left { x = left; row += 1 }
            defer { x += width + 12 }
            return (x, row)
        }
    }

    /// Opens the SVG with title and description, draws the title, axis titles and
    /// the value axis; the caller appends marks and then `close()`.
    func open(id: String, title: String, description: String, xTitle: String, yTitle: String, scale: AxisScale) -> String {
        let titleID = escapeMarkup("\(id)-title"), descriptionID = escapeMarkup("\(id)-desc")
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" \
        height="\(Int(height))" role="img" aria-labelledby="\(titleID) \(descriptionID)" \
        font-family="system-ui, sans-serif" font-size="12">
        <title id="\(titleID)">\(escapeMarkup(title))</title>
        <desc id="\(descriptionID)">\(escapeMarkup(description))</desc>
        <rect width="100%" height="100%" fill="#ffffff"/>
        <text x="\(Int(width / 2))" y="24" text-anchor="middle" font-size="15" font-weight="bold">\(escapeMarkup(title))</text>

        """
        for tick in scale.ticks {
            let y = format(scale.position(tick, from: plotBottom, to: plotTop))
            svg += "<line x1=\"\(format(plotLeft))\" y1=\"\(y)\" x2=\"\(format(plotRight))\" y2=\"\(y)\" stroke=\"#dddddd\"/>\n"
            svg += "<text x=\"\(format(plotLeft - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(scale.label(tick, language: language))</text>\n"
        }
        svg += "<line x1=\"\(format(plotLeft))\" y1=\"\(format(plotBottom))\" x2=\"\(format(plotRight))\" y2=\"\(format(plotBottom))\" stroke=\"#333333\"/>\n"
        svg += "<text x=\"\(format((plotLeft + plotRight) / 2))\" y=\"\(format(height - 8))\" text-anchor=\"middle\">\(escapeMarkup(xTitle))</text>\n"
        svg += "<text transform=\"translate(14 \(format((plotTop + plotBottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escapeMarkup(yTitle))</text>\n"
        return svg
    }

    /// A category label under the plot at `x`, slanted when labels are long.
    func categoryLabel(_ text: String, x: Double, slanted: Bool) -> String {
        let y = plotBottom + 16
        let shown = text.count > 24 ? String(text.prefix(23)) + "…" : text
        if slanted {
            return "<text transform=\"translate(\(format(x)) \(format(y))) rotate(-35)\" text-anchor=\"end\">\(escapeMarkup(shown))</text>\n"
        }
        return "<text x=\"\(format(x))\" y=\"\(format(y))\" text-anchor=\"middle\">\(escapeMarkup(shown))</text>\n"
    }

    /// The legend: a coloured square and the name per series, under the title.
    func legend() -> String {
        var svg = ""
        for (i, place) in Self.legendLayout(legendNames, from: plotLeft, to: plotRight).enumerated() {
            let y = 38 + Double(place.row) * 18
            svg += "<rect x=\"\(format(place.x))\" y=\"\(format(y))\" width=\"12\" height=\"12\" fill=\"\(chartPalette[i % chartPalette.count])\"/>\n"
            svg += "<text x=\"\(format(place.x + 16))\" y=\"\(format(y + 10))\">\(escapeMarkup(legendNames[i]))</text>\n"
        }
        return svg
    }

    func close() -> String { "</svg>\n" }
}

/// A coordinate with at most one decimal, "." as decimal mark.
func format(_ coordinate: Double) -> String {
    let rounded = (coordinate * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
}
