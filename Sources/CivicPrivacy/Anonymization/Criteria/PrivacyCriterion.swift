/// A privacy model that every equivalence class of a release must satisfy.
///
/// A class that does not satisfy every criterion is suppressed (its
/// quasi-identifiers set to `*`); a transformation qualifies if the suppressed
/// rows stay within the suppression limit. New models (l-diversity, t-closeness)
/// are new types conforming to this protocol.
public protocol PrivacyCriterion: Sendable {
    /// Whether one equivalence class may be published as it is.
    func isSatisfied(by equivalenceClass: EquivalenceClassSummary) -> Bool

    /// Whether the criterion is monotone under generalisation (if a transformation
    /// qualifies, every more general one does), which lets the search prune.
    var isMonotone: Bool { get }

    /// A short description for reports (`5-anonymity`).
    var summary: String { get }
}

/// What a criterion may look at in an equivalence class.
public struct EquivalenceClassSummary: Sendable {
    /// The number of rows in the class.
    public var size: Int

    /// Creates a summary.
    public init(size: Int) {
        self.size = size
    }
}
