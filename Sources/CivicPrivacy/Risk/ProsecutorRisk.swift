import CivicModels

/// Re-identification risk under the prosecutor model.
///
/// The prosecutor knows that the person is in the data and knows their
/// quasi-identifiers; the chance of picking the right row is 1 / (size of the
/// person's equivalence class). This is the model ARX and the literature report
/// first (El Emam, "Guide to the De-Identification of Personal Health
/// Information", 2013).
///
/// ```swift
/// let risk = ProsecutorRisk(classes)
/// risk.highest          // 1.0 when someone is unique
/// risk.shareOfRows(above: 0.2)
/// ```
public struct ProsecutorRisk: Sendable, Equatable {
    /// The highest risk of any row: 1 / smallest class size.
    public let highest: Double
    /// The average risk over all rows: number of classes / number of rows.
    public let average: Double
    /// Rows that are alone in their class.
    public let sampleUniques: Int
    /// The number of rows assessed.
    public let rowCount: Int
    private let sizes: [Int]

    /// The risk of a partition into equivalence classes.
    public init(_ classes: EquivalenceClasses) {
        sizes = classes.sizes
        rowCount = classes.sizes.reduce(0, +)
        highest = classes.smallestClassSize > 0 ? 1 / Double(classes.smallestClassSize) : 0
        average = rowCount > 0 ? Double(classes.count) / Double(rowCount) : 0
        sampleUniques = classes.sizes.filter { $0 == 1 }.count
    }

    /// The share of rows (0...1) whose risk exceeds `threshold`.
    public func shareOfRows(above threshold: Double) -> Double {
        guard rowCount > 0 else { return 0 }
        let atRisk = sizes.filter { 1 / Double($0) > threshold }.reduce(0, +)
        return Double(atRisk) / Double(rowCount)
    }
}
