/// The organisation that keeps the data (the controller under GDPR).
public struct Organisation: CivilSocietyRecord, Hashable, Codable {
    /// A short identifier.
    public var organisationID: String
    /// The registered name.
    public var name: String
    /// The legal form (`e.V.`, `gGmbH`, `Stiftung`, ...).
    public var legalForm: String?
    /// The city of the registered office.
    public var city: String?
    /// Contact for data-protection questions.
    public var privacyContact: String?

    /// Creates an organisation.
    public init(organisationID: String, name: String, legalForm: String? = nil, city: String? = nil,
                privacyContact: String? = nil) {
        self.organisationID = organisationID
        self.name = name
        self.legalForm = legalForm
        self.city = city
        self.privacyContact = privacyContact
    }

    public static let tableName = "organisations"
    public static let schema = Schema(fields: [
        Field("organisation_id", type: .string, title: "Kennung", constraints: FieldConstraints(required: true)),
        Field("name", type: .string, title: "Name", constraints: FieldConstraints(required: true)),
        Field("legal_form", type: .string, title: "Rechtsform"),
        Field("city", type: .string, title: "Sitz"),
        Field("privacy_contact", type: .string, title: "Datenschutzkontakt"),
    ], primaryKey: ["organisation_id"])

    public var values: [Value] {
        [.text(organisationID), .text(name), .text(legalForm), .text(city), .text(privacyContact)]
    }
}

/// Every record type CivicModels knows, for code that sets up a store for all of them.
public let allCivilSocietyRecordTypes: [any CivilSocietyRecord.Type] = [
    Organisation.self, Person.self, CaseFile.self, CaseContact.self, CaseStatusChange.self, CounsellingCase.self,
    Consent.self, Donation.self, VolunteerShift.self, Event.self, Participation.self, SurveyQuestion.self,
    SurveyResponse.self,
]
