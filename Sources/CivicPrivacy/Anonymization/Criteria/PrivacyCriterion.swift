import CivicModels
/// A privacy model that every equivalence class of a release must satisfy.
///
/// A class that does not satisfy every criterion is suppressed (its
/// quasi-identifiers set to `*`); a transformation qualifies if the suppressed
/// rows stay within the suppression limit. A new model is a new type conforming to
/// this protocol.
public protocol PrivacyCriterion: Sendable {
    /// Whether one equivalence class may be published as it is.
    func isSatisfied(by equivalenceClass: EquivalenceClassSummary) -> Bool

    /// Whether the criterion is monotone under generalisation: if a transformation
    /// qualifies, every more general one does, which lets the search prune. With
    /// suppression this holds only for criteria that a merged class meets whenever
    /// one of its parts does (k-anonymity, distinct l-diversity).
    func isMonotone(withSuppression: Bool) -> Bool

    /// Whether the criterion is monotone under generalisation when classes count
    /// persons (a privacy unit): a person with rows in two classes counts once in
    /// their merge, so a merged class's sensitive counts need not be the sum of its
    /// parts'. By default the same as ``isMonotone(withSuppression:)``.
    func isMonotone(withSuppression: Bool, countingPersons: Bool) -> Bool

    /// The sensitive column the criterion protects, if any.
    var sensitiveAttribute: String? { get }

    /// The hierarchy whose leaves, in order, number the sensitive values in
    /// ``EquivalenceClassSummary/sensitiveCounts`` (hierarchical t-closeness);
    /// `nil` where any numbering will do.
    var sensitiveValueOrder: GeneralizationHierarchy? { get }

    /// The fewest rows a class needs to satisfy the criterion (k for k-anonymity,
    /// l for distinct l-diversity, 1 where any class might). The search uses it to
    /// give up early on transformations with too many classes to qualify.
    var minimumClassSize: Int { get }

    /// A short description for reports (`5-anonymity`, `distinct 2-diversity of service`).
    var summary: String { get }

    /// The short description in `language` (`5-Anonymität`, `2-Diversität (verschiedene Werte) von service`).
    func summary(in language: Language) -> String
}

extension PrivacyCriterion {
    public func isMonotone(withSuppression: Bool, countingPersons: Bool) -> Bool {
        isMonotone(withSuppression: withSuppression)
    }
    public func summary(in language: Language) -> String { summary }
    public var sensitiveAttribute: String? { nil }
    public var sensitiveValueOrder: GeneralizationHierarchy? { nil }
    public var minimumClassSize: Int { 1 }
}

/// What a criterion may look at in an equivalence class, counted in the privacy
/// unit: in persons when the data name a person column (see
/// ``Anonymizer/privacyUnit``), else in rows.
public struct EquivalenceClassSummary: Sendable {
    /// The number of units in the class: distinct persons, or rows.
    public var size: Int
    /// How many units of the class have each value of the sensitive attribute
    /// (indexed by value; empty when no criterion has a sensitive attribute). A
    /// person counts once for each distinct value among their rows in the class, so
    /// these may add up to more than ``size``.
    public var sensitiveCounts: ArraySlice<Int>
    /// The share of each sensitive value in the whole table, counted the same way
    /// (for t-closeness).
    public var tableDistribution: [Double]

    /// The sum of ``sensitiveCounts``: the weight the class's sensitive
    /// distribution is normalised by.
    public var sensitiveTotal: Int { sensitiveCounts.reduce(0, +) }

    /// Creates a summary.
    public init(size: Int, sensitiveCounts: ArraySlice<Int> = [], tableDistribution: [Double] = []) {
        self.size = size
        self.sensitiveCounts = sensitiveCounts
        self.tableDistribution = tableDistribution
    }
}
