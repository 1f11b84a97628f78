import CivicModels
/// k-anonymity: every published record is indistinguishable from at least k - 1
/// others on its quasi-identifiers (Sweeney, "k-anonymity: a model for protecting
/// privacy", 2002).
public struct KAnonymity: PrivacyCriterion, Hashable {
    /// The smallest allowed class size.
    public let k: Int

    /// Creates the criterion.
    ///
    /// - Throws: ``PrivacyError/invalidParameter(_:)`` when k is below 1.
    public init(k: Int) throws(PrivacyError) {
        guard k >= 1 else {
            throw .invalidParameter(BilingualText(de: "k muss mindestens 1 sein, nicht \(Language.german.integer(k))",
                                                  en: "k must be at least 1, not \(k)"))
        }
        self.k = k
    }

    public func isSatisfied(by equivalenceClass: EquivalenceClassSummary) -> Bool {
        equivalenceClass.size >= k
    }

    public func isMonotone(withSuppression: Bool) -> Bool { true }
    public var minimumClassSize: Int { k }

    public var summary: String { "\(k)-anonymity" }
    public func summary(in language: Language) -> String { language.pick(de: "\(k)-Anonymität", en: summary) }
}
