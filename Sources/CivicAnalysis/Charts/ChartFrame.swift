import CivicModels
import Foundation

/// The frame every chart shares: size, margins, title, axis titles, the value axis
/// with grid lines; charts draw their marks inside the plot area.
///
/// The margins are measured from the text that goes into them (the widest tick
/// label, the longest category label), so no label is cut by the chart's edge
/// and the axis title never runs into the tick labels. Categories go along the
/// bottom (`.vertical`, values upwards) or down the left side (`.horizontal`,
/// values to the right: bar charts with long German category names).
struct ChartFrame {
    /// Which way the values grow.
    enum Orientation { case vertical, horizontal }

    /// The width of every chart in SVG units; pages scale it to their column.
    static let width = 600.0
    /// The font size of labels, in SVG units.
    static let fontSize = 12.0
    /// Category labels longer than this are shortened with "…".
    static let longestLabel = 28

    let orientation: Orientation
    let width = ChartFrame.width
    let height: Double
    let left: Double, right = 28.0, top: Double, bottom: Double
    /// The value axis.
    let scale: AxisScale
    /// Whether category labels along the bottom stand upright (rotated), because
    /// they do not fit side by side.
    let uprightLabels: Bool
    /// The series names in the legend (none for a single series).
    let legendNames: [String]
    /// The language of the axis labels' numbers.
    let language: Language

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    /// A frame for `categories` (labels along the category axis; empty when the
    /// chart labels its own axis) and a value axis `scale`.
    init(scale: AxisScale, categories: [String] = [], orientation: Orientation = .vertical, legend: [String] = [],
         hasCategoryTitle: Bool = true, language: Language = .english) {
        self.scale = scale
        self.orientation = orientation
        legendNames = legend
        self.language = language
        let legendRows = Double(Self.legendLayout(legend, from: 16, to: ChartFrame.width - 16).map(\.row).max().map { $0 + 1 } ?? 0)
        top = 44 + legendRows * 18
        let tickWidth = scale.ticks.map { Self.textWidth(scale.label($0, language: language)) }.max() ?? 0
        let labelWidth = categories.map { Self.textWidth(Self.shortened($0)) }.max() ?? 0
        switch orientation {
        case .vertical:
            // Room for the rotated value title, then the tick labels.
            left = 26 + tickWidth + 10
            let slot = (ChartFrame.width - right - left) / Double(max(categories.count, 1))
            uprightLabels = labelWidth > slot - 6
            bottom = (uprightLabels ? 14 + labelWidth : 24) + (hasCategoryTitle ? 22 : 4)
            height = 360 + (uprightLabels ? labelWidth : 0)
        case .horizontal:
            // Category labels on the left, the value ticks and title below.
            left = 12 + labelWidth + 10
            uprightLabels = false
            bottom = 50
            height = top + Double(max(categories.count, 1)) * 26 + bottom
        }
    }

    /// About how wide `text` is at the label font size (system-ui averages well
    /// under 0.6 em per character; 0.6 leaves a margin).
    static func textWidth(_ text: String) -> Double { Double(text.count) * fontSize * 0.6 }

    /// A category label cut to `longestLabel` characters.
    static func shortened(_ text: String) -> String {
        text.count > longestLabel ? String(text.prefix(longestLabel - 1)) + "…" : text
    }

    /// Where each legend entry goes: rows under the title, wrapped at the plot's width.
    static func legendLayout(_ names: [String], from left: Double, to right: Double) -> [(x: Double, row: Int)] {
        var x = left, row = 0
        return names.map { name in
            let width = 16 + textWidth(name)
            if x + width > right && x > left { x = left; row += 1 }
            defer { x += width + 12 }
            return (x, row)
        }
    }

    /// The position of `value` on the value axis.
    func position(_ value: Double) -> Double {
        orientation == .vertical ? scale.position(value, from: plotBottom, to: plotTop)
            : scale.position(value, from: plotLeft, to: plotRight)
    }

    /// Opens the SVG with title and description, draws the title, axis titles and
    /// the value axis; the caller appends marks and then `close()`.
    func open(id: String, title: String, description: String, categoryTitle: String, valueTitle: String) -> String {
        let titleID = escapeMarkup("\(id)-title"), descriptionID = escapeMarkup("\(id)-desc")
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" \
        height="\(Int(height))" role="img" aria-labelledby="\(titleID) \(descriptionID)" \
        font-family="system-ui, sans-serif" font-size="\(Int(Self.fontSize))">
        <title id="\(titleID)">\(escapeMarkup(title))</title>
        <desc id="\(descriptionID)">\(escapeMarkup(description))</desc>
        <rect width="100%" height="100%" fill="#ffffff"/>
        <text x="\(Int(width / 2))" y="24" text-anchor="middle" font-size="15" font-weight="bold">\(escapeMarkup(Self.shortenedTitle(title)))</text>

        """
        switch orientation {
        case .vertical:
            for tick in scale.ticks {
                let y = format(position(tick))
                svg += "<line x1=\"\(format(plotLeft))\" y1=\"\(y)\" x2=\"\(format(plotRight))\" y2=\"\(y)\" stroke=\"#dddddd\"/>\n"
                svg += "<text x=\"\(format(plotLeft - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(scale.label(tick, language: language))</text>\n"
            }
            svg += "<line x1=\"\(format(plotLeft))\" y1=\"\(format(plotBottom))\" x2=\"\(format(plotRight))\" y2=\"\(format(plotBottom))\" stroke=\"#333333\"/>\n"
            if !categoryTitle.isEmpty {
                svg += "<text x=\"\(format((plotLeft + plotRight) / 2))\" y=\"\(format(height - 8))\" text-anchor=\"middle\">\(escapeMarkup(categoryTitle))</text>\n"
            }
            svg += "<text transform=\"translate(14 \(format((plotTop + plotBottom) / 2))) rotate(-90)\" text-anchor=\"middle\" dominant-baseline=\"middle\">\(escapeMarkup(valueTitle))</text>\n"
        case .horizontal:
            for tick in scale.ticks {
                let x = format(position(tick))
                svg += "<line x1=\"\(x)\" y1=\"\(format(plotTop))\" x2=\"\(x)\" y2=\"\(format(plotBottom))\" stroke=\"#dddddd\"/>\n"
            }
            for tick in thinned(scale.ticks, room: plotRight - plotLeft, label: { scale.label($0, language: language) }) {
                svg += "<text x=\"\(format(position(tick)))\" y=\"\(format(plotBottom + 16))\" text-anchor=\"middle\">\(scale.label(tick, language: language))</text>\n"
            }
            svg += "<line x1=\"\(format(plotLeft))\" y1=\"\(format(plotTop))\" x2=\"\(format(plotLeft))\" y2=\"\(format(plotBottom))\" stroke=\"#333333\"/>\n"
            svg += "<text x=\"\(format((plotLeft + plotRight) / 2))\" y=\"\(format(height - 8))\" text-anchor=\"middle\">\(escapeMarkup(valueTitle))</text>\n"
        }
        return svg
    }

    /// A title short enough for the chart's width (the full title is the SVG's `<title>`).
    static func shortenedTitle(_ title: String) -> String {
        let room = Int((width - 20) / (15 * 0.6))
        return title.count > room ? String(title.prefix(room - 1)) + "…" : title
    }

    /// Every how-manieth of `values` to label so that the labels fit side by side in `room`.
    func thinned<Value>(_ values: [Value], room: Double, label: (Value) -> String) -> [Value] {
        let widest = values.map { Self.textWidth(label($0)) + 10 }.max() ?? 0
        let fitting = max(Int(room / max(widest, 1)), 1)
        let every = max(1, (values.count + fitting - 1) / fitting)
        return values.enumerated().filter { $0.offset % every == 0 }.map(\.element)
    }

    /// A category label at `position` along the category axis: under the plot
    /// (upright when labels do not fit side by side) or left of it.
    func categoryLabel(_ text: String, at position: Double) -> String {
        let shown = escapeMarkup(Self.shortened(text))
        switch orientation {
        case .horizontal:
            return "<text x=\"\(format(plotLeft - 8))\" y=\"\(format(position))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(shown)</text>\n"
        case .vertical where uprightLabels:
            return "<text transform=\"translate(\(format(position)) \(format(plotBottom + 10))) rotate(-90)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(shown)</text>\n"
        case .vertical:
            return "<text x=\"\(format(position))\" y=\"\(format(plotBottom + 16))\" text-anchor=\"middle\">\(shown)</text>\n"
        }
    }

    /// The legend: a coloured square and the name per series, under the title.
    func legend() -> String {
        var svg = ""
        for (i, place) in Self.legendLayout(legendNames, from: 16, to: width - 16).enumerated() {
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
