import CivicModels
import Foundation

/// The distribution of a numeric column as bars over equal-width bins.
///
/// ```swift
/// let chart = Histogram(title: "Age", values: ages, valueLabel: "age", countLabel: "people")
/// ```
///
/// Bin edges are nice numbers covering the data; a value on an edge belongs to the
/// bin above it, the largest value to the last bin. Whole numbers (household sizes,
/// ages in years) get whole bins that start at the data's smallest value's band:
/// sizes 1 to 8 are eight bars "1" ... "8", never half persons or a band "0–3".
public struct Histogram: Chart {
    public let title: String
    /// The bin edges, one more than the counts.
    public let edges: [Double]
    /// The number of values per bin.
    public let counts: [Int]
    /// What the values are.
    public let valueLabel: String
    /// What is counted ("people", "Fälle").
    public let countLabel: String
    /// Bins holding fewer values than this (but some) are not drawn, so a chart
    /// does not show that one or two people have an extreme value.
    public let minimumCount: Int
    /// The language of the text alternative.
    public let language: Language
    /// Whether every value is a whole number, so bins hold whole numbers
    /// (`edges[i]` up to `edges[i + 1] - 1`).
    public let isWholeNumbers: Bool

    /// Bins `values` into about `bins` equal, nicely rounded intervals; bins with
    /// fewer than `minimumCount` values are drawn empty.
    public init(title: String, values: [Double], bins: Int = 10, valueLabel: String, countLabel: String,
                minimumCount: Int = 1, language: Language = .english) {
        let finite = values.filter(\.isFinite)
        let whole = !finite.isEmpty && finite.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
        let edges: [Double], step: Double
        if whole, let low = finite.min(), let high = finite.max() {
            // Nice steps of at least 1 are whole numbers; the last bin ends after the largest value.
            step = max(1, AxisScale.niceNumber((high - low + 1) / Double(max(bins, 1)), round: true))
            let lower = (low / step).rounded(.down) * step
            edges = Array(stride(from: lower, through: high + step, by: step))
        } else {
            let scale = AxisScale(minimum: finite.min() ?? 0, maximum: finite.max() ?? 1, tickCount: bins + 1)
            edges = scale.ticks.count >= 2 ? scale.ticks : [scale.lower, scale.upper]
            step = scale.step
        }
        var counts = [Int](repeating: 0, count: edges.count - 1)
        for value in finite {
            let index = Int(((value - edges[0]) / step).rounded(.down))
            counts[min(max(index, 0), counts.count - 1)] += 1
        }
        self.isWholeNumbers = whole
        self.title = title
        self.edges = edges
        self.counts = counts
        self.valueLabel = valueLabel
        self.countLabel = countLabel
        self.minimumCount = minimumCount
        self.language = language
    }

    /// The values bin `index` holds, as a label: "3", "10–19" for whole numbers,
    /// "0,5–1" otherwise.
    public func label(ofBin index: Int) -> String {
        guard isWholeNumbers else { return "\(language.number(edges[index]))–\(language.number(edges[index + 1]))" }
        let first = Int(edges[index]), last = Int(edges[index + 1]) - 1
        return first == last ? language.integer(first) : "\(language.integer(first))–\(language.integer(last))"
    }

    /// Whether a bin's count is hidden.
    private func hidden(_ count: Int) -> Bool { count > 0 && count < minimumCount }

    public var textAlternative: String {
        let l = language
        guard let peak = counts.indices.max(by: { counts[$0] < counts[$1] }) else {
            return "\(title): " + l.pick(de: "keine Daten.", en: "no data.")
        }
        let hiddenBins = counts.filter(hidden).count
        let total = counts.reduce(0, +)
        let from = language.number(edges.first!), to = language.number(edges.last! - (isWholeNumbers ? 1 : 0))
        return l.pick(
            de: "\(title): \(l.integer(total)) (\(countLabel)) in \(counts.count) Klassen von \(from) bis \(to); die größte Klasse, "
                + "\(label(ofBin: peak)), enthält \(l.integer(counts[peak])).",
            en: "\(title): \(l.integer(total)) (\(countLabel)) in \(counts.count) bins from \(from) to \(to); the largest bin, "
                + "\(label(ofBin: peak)), holds \(l.integer(counts[peak])).")
            + (hiddenBins == 0 ? "" : " " + l.pick(
                de: "\(hiddenBins) Klassen mit weniger als \(minimumCount) Werten werden nicht gezeigt.",
                en: "\(hiddenBins) bins with fewer than \(minimumCount) values are not shown."))
    }

    public func svg(id: String) -> String {
        let scale = AxisScale(minimum: 0, maximum: Double(max(counts.max() ?? 1, 1)))
        let frame = ChartFrame(scale: scale, language: language)
        var svg = frame.open(id: id, title: title, description: textAlternative, categoryTitle: valueLabel,
                             valueTitle: countLabel)
        func x(_ value: Double) -> Double {
            frame.plotLeft + (value - edges.first!) / (edges.last! - edges.first!) * (frame.plotRight - frame.plotLeft)
        }
        for (i, count) in counts.enumerated() where !hidden(count) {
            let y = frame.position(Double(count))
            svg += "<rect x=\"\(format(x(edges[i])))\" y=\"\(format(y))\" width=\"\(format(x(edges[i + 1]) - x(edges[i]) - 1))\" "
                + "height=\"\(format(frame.plotBottom - y))\" fill=\"\(chartPalette[0])\"><title>\(label(ofBin: i)): "
                + "\(language.integer(count))</title></rect>\n"
        }
        if isWholeNumbers {
            // Whole numbers: each label under its bar.
            for i in frame.thinned(Array(counts.indices), room: frame.plotRight - frame.plotLeft, label: label(ofBin:)) {
                svg += frame.categoryLabel(label(ofBin: i), at: (x(edges[i]) + x(edges[i + 1])) / 2)
            }
        } else {
            let xScale = AxisScale(minimum: edges.first!, maximum: edges.last!, tickCount: min(edges.count, 8))
            let ticks = xScale.ticks.filter { $0 >= edges.first! && $0 <= edges.last! }
            for tick in frame.thinned(ticks, room: frame.plotRight - frame.plotLeft, label: { xScale.label($0, language: language) }) {
                svg += frame.categoryLabel(xScale.label(tick, language: language), at: x(tick))
            }
        }
        return svg + frame.close()
    }
}
