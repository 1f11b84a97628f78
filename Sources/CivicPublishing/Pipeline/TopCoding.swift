import CivicModels
import Foundation

/// Top-coding of a numeric column: the few largest values, which single out the
/// people who have them (the one client with a high income), are shown as a round
/// threshold near the column's upper quantile, and the column's description says
/// so. The column stays numeric, so sums and means of the published data still
/// work (biased down by the capped values, as with any top-coded survey).
public struct TopCoding: Sendable, Equatable {
    /// The column.
    public let column: String
    /// The value every larger value is shown as.
    public let threshold: Double
    /// How many rows were capped.
    public let cappedRows: Int

    /// The share of values a threshold at the upper quantile `quantile` keeps as
    /// they are, by default (0.99: the top 1 % is capped).
    public static let defaultQuantile = 0.99

    /// The threshold for `values`: their `quantile`, rounded up to two significant
    /// digits (4,870 becomes 4,900), so that it is read as a bound, not a person's value.
    static func threshold(of values: [Double], quantile: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let index = min(sorted.count - 1, Int((quantile * Double(sorted.count)).rounded(.up)) - 1)
        let value = sorted[max(index, 0)]
        guard value > 0 else { return value }
        let magnitude = pow(10, (log10(value)).rounded(.down) - 1)
        return (value / magnitude).rounded(.up) * magnitude
    }
}

extension Table {
    /// `self` with `column` top-coded at its `quantile` (see ``TopCoding``), or
    /// unchanged with `nil` when the column is missing, not numeric, or has no
    /// value above the threshold.
    func topCoding(_ column: String, quantile: Double, language: Language) throws -> (table: Table, coding: TopCoding?) {
        guard let index = schema.index(of: column), columns[index].isNumeric else { return (self, nil) }
        let data = columns[index]
        let values = (0..<rowCount).compactMap { data.doubleValue(at: $0) }
        guard let threshold = TopCoding.threshold(of: values, quantile: quantile) else { return (self, nil) }
        let capped = values.lazy.filter { $0 > threshold }.count
        guard capped > 0 else { return (self, nil) }
        let isInteger = schema.fields[index].type == .integer
        var builder = ColumnBuilder(type: schema.fields[index].type, capacity: rowCount)
        for row in 0..<rowCount {
            guard let value = data.doubleValue(at: row) else { builder.appendMissing(); continue }
            let shown = min(value, threshold)
            if isInteger { builder.append(integer: Int64(shown)) } else { builder.append(number: shown) }
        }
        var schema = schema
        var columns = columns
        columns[index] = builder.finish()
        let bound = isInteger ? String(Int64(threshold)) : String(threshold)
        let note = language.pick(de: " Werte über \(bound) sind als \(bound) angegeben (Top-Coding, die obersten \(Int(((1 - quantile) * 100).rounded())) %).",
                                 en: " Values above \(bound) are shown as \(bound) (top-coded, the top \(Int(((1 - quantile) * 100).rounded())) %).")
        schema.fields[index].description = (schema.fields[index].description ?? "") + note
        return (try Table(schema: schema, columns: columns), TopCoding(column: column, threshold: threshold, cappedRows: capped))
    }
}
