import CivicModels

/// Lines over ordered points, e.g. counts per month; several series share the axes.
///
/// ```swift
/// let perMonth = try PeriodCounts(cases, dateColumn: "start_date", per: .month)
/// let chart = LineChart(title: "New cases per month", labels: perMonth.labels,
///                       series: [("cases", perMonth.counts.map { Double($0) })], valueLabel: "cases")
/// ```
public struct LineChart: Chart {
    public let title: String
    /// The point labels along the horizontal axis, in order.
    public let labels: [String]
    /// The series: a name and one value per label (`nil` leaves a gap).
    public let series: [(name: String, values: [Double?])]
    /// What the values are.
    public let valueLabel: String
    /// The language of the text alternative.
    public let language: Language

    /// A line chart; each series has one value per label.
    public init(title: String, labels: [String], series: [(name: String, values: [Double?])], valueLabel: String,
                language: Language = .english) {
        precondition(series.allSatisfy { $0.values.count == labels.count }, "one value per label")
        self.title = title
        self.labels = labels
        self.series = series
        self.valueLabel = valueLabel
        self.language = language
    }

    public var textAlternative: String {
        let l = language
        guard !labels.isEmpty else { return "\(title): " + l.pick(de: "keine Daten.", en: "no data.") }
        let summaries = series.map { one -> String in
            let present = zip(labels, one.values).compactMap { label, value in value.map { (label, $0) } }
            guard let low = present.min(by: { $0.1 < $1.1 }), let high = present.max(by: { $0.1 < $1.1 }) else {
                return "\(one.name): " + l.pick(de: "keine Werte", en: "no values")
            }
            let first = "\(language.number(present.first!.1)) (\(present.first!.0))"
            let last = "\(language.number(present.last!.1)) (\(present.last!.0))"
            return l.pick(
                de: "\(one.name) von \(first) bis \(last), niedrigster Wert \(language.number(low.1)) (\(low.0)), höchster \(language.number(high.1)) (\(high.0))",
                en: "\(one.name) from \(first) to \(last), lowest \(language.number(low.1)) (\(low.0)), highest \(language.number(high.1)) (\(high.0))")
        }
        return "\(title), \(labels.first!) " + l.pick(de: "bis", en: "to") + " \(labels.last!): "
            + summaries.joined(separator: "; ") + "."
    }

    public func svg(id: String) -> String {
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let scale = AxisScale(minimum: min(0, values.min() ?? 0), maximum: max(values.max() ?? 1, 1))
        let frame = ChartFrame(scale: scale, legend: series.count > 1 ? series.map(\.name) : [], hasCategoryTitle: false,
                               language: language)
        var svg = frame.open(id: id, title: title, description: textAlternative, categoryTitle: "", valueTitle: valueLabel)
        let count = max(labels.count, 1)
        func x(_ i: Int) -> Double {
            count == 1 ? (frame.plotLeft + frame.plotRight) / 2
                : frame.plotLeft + 8 + Double(i) / Double(count - 1) * (frame.plotRight - frame.plotLeft - 16)
        }
        // As many labels as fit side by side, evenly spaced.
        let shown = frame.thinned(Array(labels.indices), room: frame.plotRight - frame.plotLeft) { ChartFrame.shortened(labels[$0]) }
        for i in shown {
            svg += frame.categoryLabel(labels[i], at: x(i))
        }
        for (s, one) in series.enumerated() {
            var path = "", pen = false
            for (i, value) in one.values.enumerated() {
                guard let value else { pen = false; continue }
                path += (pen ? " L" : " M") + "\(format(x(i))) \(format(scale.position(value, from: frame.plotBottom, to: frame.plotTop)))"
                pen = true
            }
            svg += "<path d=\"\(path.dropFirst())\" fill=\"none\" stroke=\"\(chartPalette[s % chartPalette.count])\" stroke-width=\"2\"/>\n"
        }
        return svg + frame.legend() + frame.close()
    }
}
