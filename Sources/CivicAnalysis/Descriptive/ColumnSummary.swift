import CivicModels

extension ColumnData {
    /// Count, sum, mean, minimum and maximum of the non-missing values; `nil` for a
    /// column that is not numeric.
    public func runningSummary() -> RunningSummary? {
        var summary = RunningSummary()
        switch storage {
        case .integer(let values):
            for row in values.indices where !missing.isMissing(row) { summary.add(Double(values[row])) }
        case .number(let values):
            for row in values.indices where !missing.isMissing(row) { summary.add(values[row]) }
        default:
            return nil
        }
        return summary
    }

    /// The median of the non-missing values; `nil` when there are none or the column
    /// is not numeric.
    public func median() -> Double? {
        var values: [Double] = []
        values.reserveCapacity(count - missing.missingCount)
        for row in 0..<count { if let value = doubleValue(at: row) { values.append(value) } }
        return Selection.median(of: values)
    }
}
