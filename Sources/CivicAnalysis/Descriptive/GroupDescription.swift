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
        if let group {
            let grouped = try numbers(column, groupedBy: group, weight: weight)
            return try grouped.keys.indices.map { index throws(AnalysisError) in
                GroupDescription(
                    key: grouped.keys[index], missing: grouped.missing[index],
                    statistics: try Self.describe(
                        grouped.samples[index], weights: weight == nil ? nil : grouped.weights[index],
                        missing: grouped.missing[index], weightColumn: weight))
            }
        }
        if let weight {
            // One group holding every row: split by nothing.
            let values = try requireColumn(column).numbers(named: column)
            let weights = try requireColumn(weight).numbers(named: weight)
            var kept: [Double] = [], keptWeights: [Double] = []
            for row in 0..<rowCount {
                guard let v = values[row], let w = weights[row] else { continue }
                guard w >= 0, w.isFinite else { throw .invalidWeights(column: weight) }
                kept.append(v)
                keptWeights.append(w)
            }
            let missing = rowCount - kept.count
            return [GroupDescription(
                key: nil, missing: missing,
                statistics: try Self.describe(kept, weights: keptWeights, missing: missing, weightColumn: weight))]
        }
        let sample = try numbers(column)
        return [GroupDescription(key: nil, missing: sample.leftOut,
                                 statistics: DescriptiveStatistics(sample.values, missing: sample.leftOut))]
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
