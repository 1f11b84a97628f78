/// Order statistics by selection: the k-th smallest value without a full sort.
///
/// Uses quickselect with a median-of-three pivot (C. A. R. Hoare, "Algorithm 65:
/// Find", CACM 4(7), 1961): linear time on average.
public enum Selection {
    /// The median of `values` (reordering them); `nil` when empty. For an even count
    /// it is the mean of the two middle values.
    public static func median(_ values: UnsafeMutableBufferPointer<Double>) -> Double? {
        let n = values.count
        guard n > 0 else { return nil }
        let upper = select(values, n / 2)
        if n % 2 == 1 { return upper }
        // After selecting index n/2, everything before it is <= it: the lower middle
        // is the largest of those.
        var lower = values[0]
        for i in 1..<(n / 2) where values[i] > lower { lower = values[i] }
        return lower + (upper - lower) / 2
    }

    /// The median of an array of numbers; `nil` when empty.
    public static func median(of values: [Double]) -> Double? {
        var copy = values
        return copy.withUnsafeMutableBufferPointer { median($0) }
    }

    /// Places the k-th smallest value (from 0) at index k, smaller ones before it and
    /// larger ones after it, and returns it.
    public static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var low = 0, high = values.count - 1
        while high > low {
            let middle = low + (high - low) / 2
            // Median of three as pivot, moved to `high`.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[middle] < values[high] { values.swapAt(middle, high) }
            let pivot = values[high]
            var store = low
            for i in low..<high where values[i] < pivot {
                values.swapAt(i, store)
                store += 1
            }
            values.swapAt(store, high)
            // Skip the run of values equal to the pivot, so repeated values (common in
            // case files) do not make the search quadratic.
            var equalEnd = store
            if store < high {
                for i in (store + 1)...high where values[i] == pivot {
                    equalEnd += 1
                    values.swapAt(i, equalEnd)
                }
            }
            if k < store { high = store - 1 } else if k > equalEnd { low = equalEnd + 1 } else { return pivot }
        }
        return values[k]
    }
}
