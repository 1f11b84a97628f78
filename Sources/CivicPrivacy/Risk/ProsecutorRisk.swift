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
        self.init(classSizes: classes.sizes)
    }

    /// The risk of a partition whose classes have these sizes (each at least 1).
    public init(classSizes: [Int]) {
        sizes = classSizes.sorted()   // the order of the classes does not matter
        rowCount = classSizes.reduce(0, +)
        let smallest = classSizes.min() ?? 0
        highest = smallest > 0 ? 1 / Double(smallest) : 0
        average = rowCount > 0 ? Double(classSizes.count) / Double(rowCount) : 0
        sampleUniques = classSizes.filter { $0 == 1 }.count
    }

    /// The share of rows (0...1) whose risk exceeds `threshold`.
    public func shareOfRows(above threshold: Double) -> Double {
        guard rowCount > 0 else { return 0 }
        let atRisk = sizes.filter { 1 / Double($0) > threshold }.reduce(0, +)
        return Double(atRisk) / Double(rowCount)
    }
}
