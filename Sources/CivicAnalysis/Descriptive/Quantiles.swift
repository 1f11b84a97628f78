/// Sample quantiles of sorted numbers.
///
/// ```swift
/// Quantiles.linear([1, 2, 3, 4], 0.25)   // 1.75
/// ```
public enum Quantiles {
    /// The quantile by linear interpolation between order statistics (R's type 7,
    /// NumPy's and pandas' default): h = (n - 1) p, then between the values at
    /// floor(h) and floor(h) + 1. `sorted` must be sorted ascending and not empty.
    public static func linear(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "a quantile needs values")
        let h = Double(sorted.count - 1) * p
        let index = Int(h.rounded(.down))
        if index + 1 >= sorted.count { return sorted[sorted.count - 1] }
        let fraction = h - Double(index)
        let low = sorted[index], high = sorted[index + 1]
        if fraction == 0 { return low }
        let width = high - low
        // Values of opposite sign near the largest Double: their distance overflows,
        // but half of it does not, and halving is exact.
        if !width.isFinite { return 2 * (low / 2 + fraction * (high / 2 - low / 2)) }
        return low + fraction * width
    }

    /// The weighted quantile by the inverted cumulative distribution: the smallest
    /// value whose cumulative weight share reaches `p` (R's type 1 with weights, as
    /// NumPy's `quantile(..., weights=w, method="inverted_cdf")`). `sorted` is sorted
    /// ascending; `cumulativeWeights[i]` is the total weight of `sorted[0...i]`.
    public static func invertedCDF(_ sorted: [Double], cumulativeWeights: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty && sorted.count == cumulativeWeights.count, "one cumulative weight per value")
        let total = cumulativeWeights[cumulativeWeights.count - 1]
        var low = 0, high = sorted.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] / total >= p { high = middle } else { low = middle + 1 }
        }
        return sorted[low]
    }
}
