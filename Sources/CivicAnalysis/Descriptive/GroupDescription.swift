import CivicModels

/// The descriptive statistics of one group (or of the whole column).
public struct GroupDescription: Sendable, Hashable {
    /// The group's key; `nil` when the column was not split.
    public var key: Value?
    /// How many values were missing in the group.
    public var missing: Int
    /// The statistics; `nil` when the group has no values.
    public var statistics: DescriptiveStatistics?
}

extension Table {
    /// Describes the numbers in `column`, for the whole column or per value of
    /// `group`, weighted by `weight` when given.
    ///
    /// ```swift
    /// let perGender = try cases.describe("duration_minutes", by: "gender")
    /// for group in perGender { print(group.key!, group.statistics?.median ?? .nan) }
    /// ```
    ///
    /// - Throws: ``AnalysisError`` for an unknown or non-numeric column or unusable
    ///   weights.
    public func describe(_ column: String, by group: String? = nil, weight: String? = nil)
        throws(AnalysisError) -> [GroupDescription]
    {
        let keys: [Value?], samples: [[Double]], weights: [[Double]], missing: [Int]
        if let group {
            let grouped = try numbers(column, groupedBy: group, weight: weight, checkingMagnitude: false)
            (keys, samples, weights, missing) = (grouped.keys, grouped.samples, grouped.weights, grouped.missing)
        } else {
            // The whole column is one group.
            keys = [nil]
            (samples, weights, missing) = try split(
                column, codes: [Int32](repeating: 0, count: rowCount), groupCount: 1, weight: weight,
                checkingMagnitude: false)
        }
        return try keys.indices.map { index throws(AnalysisError) in
            GroupDescription(
                key: keys[index], missing: missing[index],
                statistics: try Self.describe(samples[index], weights: weight == nil ? nil : weights[index],
                                              missing: missing[index], weightColumn: weight))
        }
    }

    private static func describe(_ values: [Double], weights: [Double]?, missing: Int, weightColumn: String?)
        throws(AnalysisError) -> DescriptiveStatistics?
    {
        guard let weights else { return DescriptiveStatistics(values, missing: missing) }
        if values.isEmpty { return nil }
        guard let statistics = DescriptiveStatistics(values, weights: weights, missing: missing) else {
            throw .invalidWeights(column: weightColumn ?? "")
        }
        return statistics
    }
}
