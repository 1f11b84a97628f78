import CivicModels
import Foundation

/// Bars per category, for one series or several side by side (a grouped bar chart).
///
/// ```swift
/// let chart = BarChart(title: "Outcome by gender", categories: ["m", "w"],
///                      series: [("abgeschlossen", [120, 160]), ("abgebrochen", [30, 41])],
///                      valueLabel: "cases", categoryLabel: "gender")
/// ```
public struct BarChart: Chart {
    public let title: String
    /// The categories along the horizontal axis.
    public let categories: [String]
    /// The series: a name and one value per category (`nil` for a value not shown,
    /// e.g. a suppressed count).
    public let series: [(name: String, values: [Double?])]
    /// What the values are ("cases", "Fälle").
    public let valueLabel: String
    /// What the categories are.
    public let categoryLabel: String
    /// The language of the numbers (axis, text alternative).
    public let language: Language

    /// A grouped bar chart; each series has one value per category.
    public init(title: String, categories: [String], series: [(name: String, values: [Double?])],
                valueLabel: String, categoryLabel: String = "", language: Language = .english) {
        precondition(series.allSatisfy { $0.values.count == categories.count }, "one value per category")
        self.title = title
        self.categories = categories
        self.series = series
        self.valueLabel = valueLabel
        self.categoryLabel = categoryLabel
        self.language = language
    }

    /// A bar chart of one series.
    public init(title: String, categories: [String], values: [Double?], valueLabel: String, categoryLabel: String = "",
                language: Language = .english) {
        self.init(title: title, categories: categories, series: [(valueLabel, values)], valueLabel: valueLabel,
                  categoryLabel: categoryLabel, language: language)
    }

    public var textAlternative: String {
        let parts = categories.indices.map { c in
            let values = series.map { s in s.values[c].map { language.number($0) } ?? "–" }
            return series.count == 1 ? "\(categories[c]) \(values[0])"
                : "\(categories[c]): " + zip(series, values).map { "\($0.name) \($1)" }.joined(separator: ", ")
        }
        return "\(title) (\(valueLabel)). " + parts.joined(separator: "; ") + "."
    }

    /// Whether the bars lie down, with the categories down the left: when the
    /// labels would not fit side by side under upright bars.
    var isHorizontal: Bool {
        let slot = (ChartFrame.width - 80) / Double(max(categories.count, 1))
        return categories.contains { ChartFrame.textWidth(ChartFrame.shortened($0)) > slot - 6 }
    }

    public func svg(id: String) -> String {
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let scale = AxisScale(minimum: min(0, values.min() ?? 0), maximum: max(values.max() ?? 1, 1))
        let frame = ChartFrame(scale: scale, categories: categories, orientation: isHorizontal ? .horizontal : .vertical,
                               legend: series.count > 1 ? series.map(\.name) : [], hasCategoryTitle: !categoryLabel.isEmpty,
                               language: language)
        var svg = frame.open(id: id, title: title, description: textAlternative, categoryTitle: categoryLabel,
                             valueTitle: valueLabel)
        let horizontal = frame.orientation == .horizontal
        let start = horizontal ? frame.plotTop : frame.plotLeft
        let slot = ((horizontal ? frame.plotBottom : frame.plotRight) - start) / Double(max(categories.count, 1))
        let barWidth = slot * 0.8 / Double(max(series.count, 1))
        let zero = frame.position(0)
        for (c, category) in categories.enumerated() {
            let slotStart = start + Double(c) * slot + slot * 0.1
            for (s, one) in series.enumerated() {
                guard let value = one.values[c] else { continue }
                let end = frame.position(value), across = slotStart + Double(s) * barWidth
                let (x, y, w, h) = horizontal ? (min(end, zero), across, abs(end - zero), barWidth * 0.92)
                    : (across, min(end, zero), barWidth * 0.92, abs(zero - end))
                svg += "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(w))\" height=\"\(format(h))\" "
                    + "fill=\"\(chartPalette[s % chartPalette.count])\"><title>\(escapeMarkup(category)) "
                    + "\(escapeMarkup(one.name)): \(language.number(value))</title></rect>\n"
            }
            svg += frame.categoryLabel(category, at: start + (Double(c) + 0.5) * slot)
        }
        return svg + frame.legend() + frame.close()
    }
}
