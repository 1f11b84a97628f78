/// Count, sum, mean, minimum and maximum of a stream of numbers, in one pass.
///
/// The sum uses Neumaier's compensated summation (A. Neumaier, "Rundungsfehleranalyse
/// einiger Verfahren zur Summation endlicher Summen", ZAMM 54, 1974), so the mean of
/// millions of values loses no more than a few units in the last place.
public struct RunningSummary: Sendable, Hashable {
    /// How many values were added.
    public private(set) var count = 0
    private var total = 0.0
    private var compensation = 0.0
    /// The smallest value added (`+infinity` before any).
    public private(set) var minimum = Double.infinity
    /// The largest value added (`-infinity` before any).
    public private(set) var maximum = -Double.infinity

    /// An empty summary.
    public init() {}

    /// Adds a value.
    @inline(__always)
    public mutating func add(_ value: Double) {
        count += 1
        let t = total + value
        if abs(total) >= abs(value) { compensation += (total - t) + value } else { compensation += (value - t) + total }
        total = t
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
    }

    /// The sum of the values.
    public var sum: Double { total + compensation }

    /// The mean of the values (NaN when empty).
    public var mean: Double { count == 0 ? .nan : sum / Double(count) }
}
