import CivicModels
import Foundation

/// Top-coding of a numeric column: the few largest values, which single out the
/// people who have them (the one client with a high income), are shown as a round
/// threshold near the column's upper quantile, and the column's description says
/// so. Bottom-coding does the same for the smallest values, at a lower quantile.
/// The column stays numeric, so sums and means of the published data still work
/// (biased by the capped values, as with any top-coded survey).
public struct TopCoding: Sendable, Equatable {
    /// Which end of the values is capped.
    public enum End: Sendable, Equatable {
        /// The largest values are shown as the threshold.
        case top
        /// The smallest values are shown as the threshold.
        case bottom
    }

    /// The column.
    public let column: String
    /// Which end is capped.
    public let end: End
    /// The value every larger (top) or smaller (bottom) value is shown as.
    public let threshold: Double
    /// How many rows were capped.
    public let cappedRows: Int

    /// The share of values a threshold at the upper quantile `quantile` keeps as
    /// they are, by default (0.99: the top 1 % is capped).
    public static let defaultQuantile = 0.99

    /// The threshold for `values`: their `quantile`, rounded to two significant
    /// digits away from the values it keeps (4,870 becomes 4,900 at the top, 1,230
    /// becomes 1,200 at the bottom), so that it is read as a bound, not a person's value.
    static func threshold(of values: [Double], quantile: Double, end: End = .top) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let index = min(sorted.count - 1, Int((quantile * Double(sorted.count)).rounded(.up)) - 1)
        let value = sorted[max(index, 0)]
        guard value > 0 else { return value }
        let magnitude = pow(10, (log10(value)).rounded(.down) - 1)
        return (value / magnitude).rounded(end == .top ? .up : .down) * magnitude
    }
}

extension Table {
    /// `self` with `column` top-coded at its `quantile` (see ``TopCoding``), or
    /// unchanged with `nil` when the column is missing, not numeric, or has no
    /// value above the threshold.
    func topCoding(_ column: String, quantile: Double, end: TopCoding.End = .top, language: Language) throws
        -> (table: Table, coding: TopCoding?) {
        guard let index = schema.index(of: column), columns[index].isNumeric else { return (self, nil) }
        let data = columns[index]
        let values = (0..<rowCount).compactMap { data.doubleValue(at: $0) }
        guard let threshold = TopCoding.threshold(of: values, quantile: quantile, end: end) else { return (self, nil) }
        let beyond = { (value: Double) in end == .top ? value > threshold : value < threshold }
        let capped = values.lazy.filter(beyond).count
        guard capped > 0 else { return (self, nil) }
        let isInteger = schema.fields[index].type == .integer
        var builder = ColumnBuilder(type: schema.fields[index].type, capacity: rowCount)
        for row in 0..<rowCount {
            guard let value = data.doubleValue(at: row) else { builder.appendMissing(); continue }
            let shown = beyond(value) ? threshold : value
            if isInteger { builder.append(integer: Int64(shown)) } else { builder.append(number: shown) }
        }
        let bound = isInteger ? String(Int64(threshold)) : String(threshold)
        let share = Int(((end == .top ? 1 - quantile : quantile) * 100).rounded())
        let note = end == .top
            ? language.pick(de: " Werte über \(bound) sind als \(bound) angegeben (Top-Coding, die obersten \(share) %).",
                            en: " Values above \(bound) are shown as \(bound) (top-coded, the top \(share) %).")
            : language.pick(de: " Werte unter \(bound) sind als \(bound) angegeben (Bottom-Coding, die untersten \(share) %).",
                            en: " Values below \(bound) are shown as \(bound) (bottom-coded, the bottom \(share) %).")
        return (try replacing(column, with: builder.finish()) { $0.description = ($0.description ?? "") + note },
                TopCoding(column: column, end: end, threshold: threshold, cappedRows: capped))
    }
}
