import CivicModels
import Foundation

/// Distinct l-diversity: every class holds at least l different values of the
/// sensitive attribute, so knowing someone's class does not reveal their value
/// (Machanavajjhala et al., "l-Diversity: Privacy Beyond k-Anonymity", 2007).
public struct DistinctLDiversity: PrivacyCriterion, Hashable {
    /// The smallest number of distinct sensitive values per class.
    public let l: Int
    /// The sensitive column.
    public let attribute: String

    /// Creates the criterion; l must be at least 1.
    public init(l: Int, attribute: String) throws(PrivacyError) {
        guard l >= 1 else {
            throw .invalidParameter(BilingualText(de: "l muss mindestens 1 sein, nicht \(Language.german.integer(l))",
                                                  en: "l must be at least 1, not \(l)"))
        }
        self.l = l
        self.attribute = attribute
    }

    public func isSatisfied(by equivalenceClass: EquivalenceClassSummary) -> Bool {
        equivalenceClass.sensitiveCounts.lazy.filter { $0 > 0 }.count >= l
    }

    public func isMonotone(withSuppression: Bool) -> Bool { true }
    public var minimumClassSize: Int { l }
    public var sensitiveAttribute: String? { attribute }
    public var summary: String { "distinct \(l)-diversity of \(attribute)" }
    public func summary(in language: Language) -> String {
        language.pick(de: "\(l)-Diversität (verschiedene Werte) von \(attribute)", en: summary)
    }
}

/// Entropy l-diversity: the entropy of the sensitive values in every class is at
/// least log(l) (Machanavajjhala et al. 2007), so no value dominates a class.
public struct EntropyLDiversity: PrivacyCriterion, Hashable {
    /// The diversity, as an effective number of values (may be fractional).
    public let l: Double
    /// The sensitive column.
    public let attribute: String

    /// Creates the criterion; l must be at least 1.
    public init(l: Double, attribute: String) throws(PrivacyError) {
        guard l >= 1 else {
            throw .invalidParameter(BilingualText(de: "l muss mindestens 1 sein, nicht \(Language.german.number(l))",
                                                  en: "l must be at least 1, not \(l)"))
        }
        self.l = l
        self.attribute = attribute
    }

    public func isSatisfied(by equivalenceClass: EquivalenceClassSummary) -> Bool {
        let total = Double(equivalenceClass.sensitiveTotal)
        guard total > 0 else { return false }
        var entropy = 0.0
        for count in equivalenceClass.sensitiveCounts where count > 0 {
            let p = Double(count) / total
            entropy -= p * log(p)
        }
        // A small tolerance, so that a class of exactly l equally frequent values passes.
        return entropy >= log(l) - 1e-12
    }

    public func isMonotone(withSuppression: Bool) -> Bool { !withSuppression }
    /// Not monotone when classes count persons: a person with the same value in two
    /// classes counts once in their merge, which can make it less diverse than both.
    public func isMonotone(withSuppression: Bool, countingPersons: Bool) -> Bool {
        !withSuppression && !countingPersons
    }
    /// m equally frequent values have entropy log(m), the most m values can have.
    public var minimumClassSize: Int { Int((l - 1e-9).rounded(.up)) }
    public var sensitiveAttribute: String? { attribute }
    public var summary: String { "entropy \(l)-diversity of \(attribute)" }
    public func summary(in language: Language) -> String {
        language.pick(de: "Entropie-\(language.number(l))-Diversität von \(attribute)", en: summary)
    }
}

/// Recursive (c,l)-diversity: in every class the most frequent sensitive value
/// occurs fewer than c times as often as the values from the l-th most frequent on
/// together: r1 < c (rl + ... + rm) (Machanavajjhala et al. 2007).
public struct RecursiveCLDiversity: PrivacyCriterion, Hashable {
    /// The factor c.
    public let c: Double
    /// The diversity l (at least 2).
    public let l: Int
    /// The sensitive column.
    public let attribute: String

    /// Creates the criterion; c must be positive and l at least 2.
    public init(c: Double, l: Int, attribute: String) throws(PrivacyError) {
        guard c > 0 else {
            throw .invalidParameter(BilingualText(de: "c muss positiv sein, nicht \(Language.german.number(c))",
                                                  en: "c must be positive, not \(c)"))
        }
        guard l >= 2 else {
            throw .invalidParameter(BilingualText(
                de: "l muss für rekursive Diversität mindestens 2 sein, nicht \(Language.german.integer(l))",
                en: "l must be at least 2 for recursive diversity, not \(l)"))
        }
        self.c = c
        self.l = l
        self.attribute = attribute
    }

    public func isSatisfied(by equivalenceClass: EquivalenceClassSummary) -> Bool {
        let counts = equivalenceClass.sensitiveCounts.filter { $0 > 0 }.sorted(by: >)
        guard counts.count >= l else { return false }
        let tail = counts[(l - 1)...].reduce(0, +)
        return Double(counts[0]) < c * Double(tail)
    }

    public func isMonotone(withSuppression: Bool) -> Bool { !withSuppression }
    /// Not monotone when classes count persons (see ``EntropyLDiversity``).
    public func isMonotone(withSuppression: Bool, countingPersons: Bool) -> Bool {
        !withSuppression && !countingPersons
    }
    public var minimumClassSize: Int { l }
    public var sensitiveAttribute: String? { attribute }
    public var summary: String { "recursive (\(c),\(l))-diversity of \(attribute)" }
    public func summary(in language: Language) -> String {
        language.pick(de: "rekursive (\(language.number(c)); \(l))-Diversität von \(attribute)", en: summary)
    }
}
