import CivicModels

/// Box plots side by side: per group the quartiles as a box, the median as a line,
/// whiskers to minimum and maximum.
///
/// ```swift
/// let groups = try cases.describe("income_eur", by: "gender")
/// let chart = BoxPlot(title: "Income by gender", groups: groups, valueLabel: "EUR")
/// ```
public struct BoxPlot: Chart {
    public let title: String
    /// One box per group: its name and its statistics.
    public let boxes: [(name: String, statistics: DescriptiveStatistics)]
    /// What the values are.
    public let valueLabel: String
    /// The language of the text alternative.
    public let language: Language

    /// Box plots of the given groups.
    public init(title: String, boxes: [(name: String, statistics: DescriptiveStatistics)], valueLabel: String,
                language: Language = .english) {
        self.title = title
        self.boxes = boxes
        self.valueLabel = valueLabel
        self.language = language
    }

    /// Box plots of the groups `Table.describe(_:by:weight:)` returned (groups
    /// without values are left out).
    public init(title: String, groups: [GroupDescription], valueLabel: String, language: Language = .english) {
        self.init(title: title, boxes: groups.compactMap { group in
            group.statistics.map { (group.key.map(\.description) ?? title, $0) }
        }, valueLabel: valueLabel, language: language)
    }

    public var textAlternative: String {
        "\(title) (\(valueLabel)). " + boxes.map { box in
            let s = box.statistics
            let median = language.number(s.median), q1 = language.number(s.firstQuartile), q3 = language.number(s.thirdQuartile)
            let low = language.number(s.minimum), high = language.number(s.maximum)
            return language.pick(
                de: "\(box.name): Median \(median), Quartile \(q1) bis \(q3), Spannweite \(low) bis \(high)",
                en: "\(box.name): median \(median), quartiles \(q1) to \(q3), range \(low) to \(high)")
        }.joined(separator: "; ") + "."
    }

    public func svg(id: String) -> String {
        let scale = AxisScale(minimum: boxes.map(\.statistics.minimum).min() ?? 0,
                              maximum: boxes.map(\.statistics.maximum).max() ?? 1)
        let frame = ChartFrame(scale: scale, categories: boxes.map(\.name), hasCategoryTitle: false, language: language)
        var svg = frame.open(id: id, title: title, description: textAlternative, categoryTitle: "", valueTitle: valueLabel)
        let slot = (frame.plotRight - frame.plotLeft) / Double(max(boxes.count, 1))
        func y(_ value: Double) -> String { format(scale.position(value, from: frame.plotBottom, to: frame.plotTop)) }
        for (i, box) in boxes.enumerated() {
            let s = box.statistics, centre = frame.plotLeft + (Double(i) + 0.5) * slot, half = min(slot * 0.3, 40)
            let colour = chartPalette[0]
            svg += "<g><title>\(escapeMarkup(box.name)): median \(language.number(s.median))</title>\n"
            svg += "<line x1=\"\(format(centre))\" y1=\"\(y(s.minimum))\" x2=\"\(format(centre))\" y2=\"\(y(s.maximum))\" stroke=\"#333333\"/>\n"
            let top = scale.position(s.thirdQuartile, from: frame.plotBottom, to: frame.plotTop)
            let bottom = scale.position(s.firstQuartile, from: frame.plotBottom, to: frame.plotTop)
            svg += "<rect x=\"\(format(centre - half))\" y=\"\(format(top))\" width=\"\(format(2 * half))\" "
                + "height=\"\(format(max(bottom - top, 1)))\" fill=\"\(colour)\" fill-opacity=\"0.35\" stroke=\"\(colour)\"/>\n"
            svg += "<line x1=\"\(format(centre - half))\" y1=\"\(y(s.median))\" x2=\"\(format(centre + half))\" y2=\"\(y(s.median))\" stroke=\"#000000\" stroke-width=\"2\"/>\n"
            for end in [s.minimum, s.maximum] {
                svg += "<line x1=\"\(format(centre - half / 2))\" y1=\"\(y(end))\" x2=\"\(format(centre + half / 2))\" y2=\"\(y(end))\" stroke=\"#333333\"/>\n"
            }
            svg += "</g>\n" + frame.categoryLabel(box.name, at: centre)
        }
        return svg + frame.close()
    }
}
