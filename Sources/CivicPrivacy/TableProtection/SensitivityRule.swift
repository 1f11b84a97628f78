import CivicModels

/// A rule that says whether a cell, published as it is, would disclose something
/// about the people or organisations behind it (primary suppression).
public protocol SensitivityRule: Sendable {
    /// Whether the cell at `position` of `table` must be withheld.
    func isSensitive(_ position: CellPosition, in table: StatisticalTable) -> Bool
}

/// The minimum-frequency (threshold) rule: a cell backed by fewer than `threshold`
/// persons (records, when the table does not know persons), but not by none, is
/// sensitive. A cell of seven cases of two clients is withheld at threshold 3.
///
/// With a threshold of 5, a published count of 1 to 4 is withheld: knowing that a
/// person is among so few tells too much about them. Empty cells stay published
/// (an empty cell says nothing about anyone who is there). Applies to margins too.
public struct MinimumFrequencyRule: SensitivityRule, Equatable {
    /// The smallest number of records a published non-empty cell must have.
    public let threshold: Int

    /// A rule with the given threshold (5 by default, common practice in German
    /// official statistics for frequency tables).
    public init(threshold: Int = 5) throws(PrivacyError) {
        guard threshold >= 1 else {
            throw .invalidParameter(BilingualText(
                de: "die Mindesthäufigkeit muss mindestens 1 sein, nicht \(Language.german.integer(threshold))",
                en: "minimum frequency must be at least 1, not \(threshold)"))
        }
        self.threshold = threshold
    }

    public func isSensitive(_ position: CellPosition, in table: StatisticalTable) -> Bool {
        let frequency = table.unitFrequency(at: position)
        return frequency > 0 && frequency < threshold
    }
}

/// The (n, k) dominance rule for magnitude tables: a cell is sensitive when its
/// `n` largest contributions make up more than `k` percent of its value.
///
/// If one donor gave 90 % of a district's donations, publishing the total tells
/// everyone roughly what that donor gave. Common settings are (1, 85) and (2, 85).
/// Frequency tables have no contributions; there the rule finds nothing.
public struct DominanceRule: SensitivityRule, Equatable {
    /// How many of the largest contributions are added up.
    public let n: Int
    /// The share in percent those may reach at most.
    public let k: Double

    /// A rule for the `n` largest contributions and a share of `k` percent.
    public init(n: Int, k: Double) throws(PrivacyError) {
        guard n >= 1 else {
            throw .invalidParameter(BilingualText(
                de: "Dominanzregel: n muss mindestens 1 sein, nicht \(Language.german.integer(n))",
                en: "dominance rule: n must be at least 1, not \(n)"))
        }
        guard k > 0, k < 100 else {
            throw .invalidParameter(BilingualText(
                de: "Dominanzregel: k muss zwischen 0 und 100 Prozent liegen, nicht \(Language.german.number(k))",
                en: "dominance rule: k must lie between 0 and 100 percent, not \(k)"))
        }
        self.n = n
        self.k = k
    }

    public func isSensitive(_ position: CellPosition, in table: StatisticalTable) -> Bool {
        guard let contributions = table.contributions(at: position), !contributions.isEmpty else { return false }
        let total = contributions.reduce(0, +)
        guard total > 0 else { return false }
        let largest = contributions.sorted(by: >).prefix(n).reduce(0, +)
        return largest > k / 100 * total
    }
}
