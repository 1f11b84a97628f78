import CivicModels
import CivicPrivacy

/// What ``FileCheck`` thinks one column is: its role in a publication, the meaning
/// behind it, how sure the guess is and why.
public struct ColumnGuess: Sendable, Hashable {
    /// How sure a guess is.
    public enum Confidence: Int, Sendable, Comparable, CaseIterable {
        /// Nothing points anywhere; the default role, to be checked.
        case low
        /// The name or the values point to the role.
        case medium
        /// Name and values agree, or the values leave no doubt (e-mail addresses).
        case high

        public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The confidence in a word.
        public func name(in language: Language) -> String {
            switch self {
            case .low: language.pick(de: "unsicher", en: "unsure")
            case .medium: language.pick(de: "wahrscheinlich", en: "likely")
            case .high: language.pick(de: "sicher", en: "sure")
            }
        }
    }

    /// The column's name.
    public let column: String
    /// The proposed role.
    public let role: AttributeRole
    /// What the column holds, when the name or the values tell.
    public let meaning: ColumnMeaning?
    /// How sure the guess is.
    public let confidence: Confidence
    /// Why, in both languages (never a value of the column).
    public let reasons: [BilingualText]

    /// A guess.
    public init(column: String, role: AttributeRole, meaning: ColumnMeaning?, confidence: Confidence, reasons: [BilingualText]) {
        self.column = column
        self.role = role
        self.meaning = meaning
        self.confidence = confidence
        self.reasons = reasons
    }
}

/// What the values of one column look like, from a sample of its distinct values:
/// the evidence a ``ColumnGuess`` rests on besides the column's name.
struct ColumnEvidence {
    /// Rows with a value.
    var filled = 0
    /// Distinct values among them.
    var distinct = 0
    /// Distinct values sampled.
    var sampled = 0
    /// Sampled values with a finding of each kind (dates not counted).
    var findings: [PIIKind: Int] = [:]
    /// The mean number of words of the sampled values.
    var meanWords = 0.0

    /// Share of sampled values with a finding of `kind`.
    func share(_ kind: PIIKind) -> Double { sampled == 0 ? 0 : Double(findings[kind] ?? 0) / Double(sampled) }

    /// The kind found in the most sampled values, with its share.
    var dominantKind: (kind: PIIKind, share: Double)? {
        findings.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }.map { ($0.key, share($0.key)) }
    }

    /// Distinct values per filled row (1: every value different).
    var distinctShare: Double { filled == 0 ? 0 : Double(distinct) / Double(filled) }

    /// Looks at up to `sampleSize` distinct values of `column`.
    init(_ column: ColumnData, detector: PIIDetector, sampleSize: Int) {
        var seen = Set<String>()
        var words = 0
        for row in 0..<column.count {
            let value = column.value(at: row)
            guard !value.isMissing else { continue }
            filled += 1
            let text = value.description
            guard seen.insert(text).inserted else { continue }
            guard seen.count <= sampleSize else { continue }
            sampled += 1
            words += text.split(whereSeparator: \.isWhitespace).count
            // Numbers and dates are typed; only text can hold a name or an address.
            guard column.type == .string else { continue }
            for kind in Set(detector.findings(in: text).map(\.kind)) where kind != .date {
                findings[kind, default: 0] += 1
            }
        }
        distinct = seen.count
        meanWords = sampled == 0 ? 0 : Double(words) / Double(sampled)
    }
}
