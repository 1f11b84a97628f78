/// A person's consent to a use of their data (GDPR Art. 6 and 7).
public struct Consent: CivilSocietyRecord, Hashable, Codable {
    /// Consent record number.
    public var consentID: String
    /// Whose consent: the person's number.
    public var personID: String
    /// What the data may be used for (`statistics`, `research`, `newsletter`, ...).
    public var purpose: String
    /// The legal basis under GDPR Art. 6(1).
    public var legalBasis: LegalBasis
    /// The day consent was given.
    public var given: CivicDate
    /// The day it was withdrawn, if it was.
    public var withdrawn: CivicDate?

    /// The legal bases of GDPR Art. 6(1).
    public enum LegalBasis: String, Sendable, CaseIterable, Codable {
        /// (a) consent.
        case consent
        /// (b) a contract.
        case contract
        /// (c) a legal obligation.
        case legalObligation = "legal-obligation"
        /// (d) vital interests.
        case vitalInterests = "vital-interests"
        /// (e) a task in the public interest.
        case publicTask = "public-task"
        /// (f) legitimate interests.
        case legitimateInterests = "legitimate-interests"
    }

    /// Creates a consent record.
    public init(consentID: String, personID: String, purpose: String, legalBasis: LegalBasis,
                given: CivicDate, withdrawn: CivicDate? = nil) {
        self.consentID = consentID
        self.personID = personID
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.given = given
        self.withdrawn = withdrawn
    }

    /// The purpose a casebook's statistics and its export for publication ask for.
    public static let statisticsPurpose = "statistics"

    /// Whether the consent holds on `date`: given on or before it and not withdrawn by then.
    public func isValid(on date: CivicDate) -> Bool {
        given <= date && (withdrawn.map { date < $0 } ?? true)
    }

    public static let tableName = "consents"
    public static let schema = Schema(fields: [
        Field.identifier("consent_id", title: "Einwilligungsnummer"),
        Field.pseudonym("person_id", title: "Personennummer"),
        Field("purpose", type: .string, title: "Zweck", constraints: FieldConstraints(required: true)),
        Field.category("legal_basis", LegalBasis.allCases.map(\.rawValue), role: .insensitive, title: "Rechtsgrundlage"),
        Field("given", type: .date, title: "Erteilt am", constraints: FieldConstraints(required: true)),
        Field("withdrawn", type: .date, title: "Widerrufen am"),
    ], primaryKey: ["consent_id"])

    public var values: [Value] {
        [.text(consentID), .text(personID), .text(purpose), .text(legalBasis.rawValue), .date(given), .date(withdrawn)]
    }
}
