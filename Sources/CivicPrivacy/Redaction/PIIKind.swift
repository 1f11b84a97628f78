import CivicModels

/// The kinds of personal data the recognisers find in free text.
public enum PIIKind: String, CaseIterable, Codable, Sendable, Comparable {
    case email
    case phone
    case iban
    case creditCard = "credit-card"
    case taxID = "tax-id"
    case socialInsuranceNumber = "social-insurance-number"
    case ipAddress = "ip-address"
    case url
    /// Calendar dates such as dates of birth (`14.03.1985`, `1985-03-14`).
    case date
    /// Street and house number, postcode and city.
    case address
    case name

    /// The placeholder that replaces a finding, e.g. `[TELEFON]` or `[PHONE]`.
    public func placeholder(in language: Language) -> String {
        let label: String = switch self {
        case .email: "EMAIL"
        case .phone: language.pick(de: "TELEFON", en: "PHONE")
        case .iban: "IBAN"
        case .creditCard: language.pick(de: "KREDITKARTE", en: "CREDIT_CARD")
        case .taxID: language.pick(de: "STEUER_ID", en: "TAX_ID")
        case .socialInsuranceNumber: language.pick(de: "SV_NUMMER", en: "SOCIAL_INSURANCE_NUMBER")
        case .ipAddress: language.pick(de: "IP_ADRESSE", en: "IP_ADDRESS")
        case .url: "URL"
        case .date: language.pick(de: "DATUM", en: "DATE")
        case .address: language.pick(de: "ADRESSE", en: "ADDRESS")
        case .name: "NAME"
        }
        return "[\(label)]"
    }

    public static func < (lhs: PIIKind, rhs: PIIKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One piece of personal data found in a text.
public struct PIIFinding: Hashable, Sendable {
    /// What was found.
    public var kind: PIIKind
    /// Where: UTF-8 byte offsets into the text.
    public var range: Range<Int>
    /// How sure the recogniser is, from 0 to 1. A valid checksum gives 1; a pattern
    /// alone less; context words such as "Tel." or "geb." raise it.
    public var confidence: Double

    /// A finding of `kind` at `range`.
    public init(kind: PIIKind, range: Range<Int>, confidence: Double) {
        self.kind = kind
        self.range = range
        self.confidence = confidence
    }
}
