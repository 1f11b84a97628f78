import CivicModels
import Foundation

/// The distribution of a numeric column as bars over equal-width bins.
///
/// ```swift
/// let chart = Histogram(title: "Age", values: ages, valueLabel: "age", countLabel: "people")
/// ```
///
/// Bin edges are nice numbers covering the data; a value on an edge belongs to the
/// bin above it, the largest value to the last bin.
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

    /// Bins `values` into about `bins` equal, nicely rounded intervals; bins with
    /// fewer than `minimumCount` values are drawn empty.
    public init(title: String, values: [Double], bins: Int = 10, valueLabel: String, countLabel: String,
                minimumCount: Int = 1, language: Language = .english) {
        let finite = values.filter(\.isFinite)
        let scale = AxisScale(minimum: finite.min() ?? 0, maximum: finite.max() ?? 1, tickCount: bins + 1)
        let edges = scale.ticks.count >= 2 ? scale.ticks : [scale.lower, scale.upper]
        var counts = [Int](repeating: 0, count: edges.count - 1)
        for value in finite {
            let index = Int(((value - edges[0]) / scale.step).rounded(.down))
            counts[min(max(index, 0), counts.count - 1)] += 1
        }
        self.title = title
        self.edges = edges
        self.counts = counts
        self.valueLabel = valueLabel
        self.countLabel = countLabel
        self.minimumCount = minimumCount
        self.language = language
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
        let from = language.number(edges.first!), to = language.number(edges.last!)
        let peakFrom = language.number(edges[peak]), peakTo = language.number(edges[peak + 1])
        return l.pick(
            de: "\(title): \(total) (\(countLabel)) in \(counts.count) Klassen von \(from) bis \(to); die größte Klasse, "
                + "\(peakFrom) bis \(peakTo), enthält \(counts[peak]).",
            en: "\(title): \(total) (\(countLabel)) in \(counts.count) bins from \(from) to \(to); the largest bin, "
                + "\(peakFrom) to \(peakTo), holds \(counts[peak]).")
            + (hiddenBins == 0 ? "" : " " + l.pick(
                de: "\(hiddenBins) Klassen mit weniger als \(minimumCount) Werten werden nicht gezeigt.",
                en: "\(hiddenBins) bins with fewer than \(minimumCount) values are not shown."))
    }

    public func svg(id: String) -> String {
        let frame = ChartFrame(language: language)
        let scale = AxisScale(minimum: 0, maximum: Double(max(counts.max() ?? 1, 1)))
        var svg = frame.open(id: id, title: title, description: textAlternative, xTitle: valueLabel,
                             yTitle: countLabel, scale: scale)
        let xScale = AxisScale(minimum: edges.first!, maximum: edges.last!, tickCount: min(edges.count, 8))
        func x(_ value: Double) -> Double {
            frame.plotLeft + (value - edges.first!) / (edges.last! - edges.first!) * (frame.plotRight - frame.plotLeft)
        }
        for (i, count) in counts.enumerated() where !hidden(count) {
            let y = scale.position(Double(count), from: frame.plotBottom, to: frame.plotTop)
            svg += "<rect x=\"\(format(x(edges[i])))\" y=\"\(format(y))\" width=\"\(format(x(edges[i + 1]) - x(edges[i]) - 1))\" "
                + "height=\"\(format(frame.plotBottom - y))\" fill=\"\(chartPalette[0])\"><title>\(language.number(edges[i]))–"
                + "\(language.number(edges[i + 1])): \(count)</title></rect>\n"
        }
        for tick in xScale.ticks where tick >= edges.first! && tick <= edges.last! {
            svg += frame.categoryLabel(xScale.label(tick, language: language), x: x(tick), slanted: false)
        }
        return svg + frame.close()
    }
}
