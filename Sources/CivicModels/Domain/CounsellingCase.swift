/// One counselling case as a case-management export lists it: the case, its client's
/// details and the outcome, one row per case.
///
/// This is the shape of the bundled example data and the input of `civic-publish`.
public struct CounsellingCase: CivilSocietyRecord, Hashable, Codable {
    /// Case number.
    public var caseID: String
    /// Client number (a client may have several cases).
    public var clientID: String
    /// The client's full name.
    public var name: String
    /// The client's date of birth.
    public var birthDate: CivicDate?
    /// The client's age in whole years when the case started.
    public var age: Int?
    /// The client's gender.
    public var gender: Gender?
    /// Postcode of the client's home.
    public var zip: String?
    /// District of the client's home.
    public var district: String?
    /// The client's nationality.
    public var nationality: String?
    /// People in the client's household.
    public var householdSize: Int?
    /// The counselling service (Schuldnerberatung, Migrationsberatung, ...).
    public var service: String
    /// The day the case was opened.
    public var startDate: CivicDate
    /// Total counselling time in minutes.
    public var durationMinutes: Int?
    /// Number of contacts (meetings, calls).
    public var contacts: Int?
    /// Monthly net household income in euros, when known.
    public var incomeEUR: Int?
    /// How the case ended, or that it is still open.
    public var outcome: Outcome
    /// Free-text notes of the counsellor.
    public var notes: String?

    /// How a counselling case ended.
    public enum Outcome: String, Sendable, CaseIterable, Codable {
        /// Closed with the issue addressed.
        case closed = "abgeschlossen"
        /// Referred to another service.
        case referred = "weitervermittelt"
        /// Broken off by the client.
        case abandoned = "abgebrochen"
        /// Still open.
        case ongoing = "laufend"
    }

    /// Creates a case.
    public init(caseID: String, clientID: String, name: String, birthDate: CivicDate?, age: Int?,
                gender: Gender?, zip: String?, district: String?, nationality: String?,
                householdSize: Int?, service: String, startDate: CivicDate, durationMinutes: Int?,
                contacts: Int?, incomeEUR: Int?, outcome: Outcome, notes: String?) {
        self.caseID = caseID
        self.clientID = clientID
        self.name = name
        self.birthDate = birthDate
        self.age = age
        self.gender = gender
        self.zip = zip
        self.district = district
        self.nationality = nationality
        self.householdSize = householdSize
        self.service = service
        self.startDate = startDate
        self.durationMinutes = durationMinutes
        self.contacts = contacts
        self.incomeEUR = incomeEUR
        self.outcome = outcome
        self.notes = notes
    }

    public static let tableName = "counselling_cases"
    public static let schema = Schema(fields: [
        Field.pseudonym("case_id", title: "Fallnummer"),
        Field.pseudonym("client_id", title: "Klientennummer"),
        Field.identifier("name", title: "Name"),
        Field("birth_date", type: .date, role: .quasiIdentifier, title: "Geburtsdatum"),
        Field("age", type: .integer, role: .quasiIdentifier, title: "Alter",
              constraints: FieldConstraints(minimum: .integer(0), maximum: .integer(120))),
        Field.category("gender", Gender.allCases.map(\.rawValue), role: .quasiIdentifier, title: "Geschlecht"),
        Field("zip", type: .string, role: .quasiIdentifier, title: "Postleitzahl",
              constraints: FieldConstraints(pattern: "[0-9]{5}")),
        Field("district", type: .string, role: .quasiIdentifier, title: "Bezirk"),
        Field("nationality", type: .string, role: .quasiIdentifier, title: "Staatsangehörigkeit"),
        Field("household_size", type: .integer, role: .quasiIdentifier, title: "Haushaltsgröße",
              constraints: FieldConstraints(minimum: .integer(1), maximum: .integer(30))),
        Field("service", type: .string, role: .sensitive, title: "Beratungsangebot",
              constraints: FieldConstraints(required: true)),
        Field("start_date", type: .date, role: .quasiIdentifier, title: "Beginn",
              constraints: FieldConstraints(required: true)),
        Field("duration_minutes", type: .integer, role: .insensitive, title: "Beratungsdauer (Minuten)",
              constraints: FieldConstraints(minimum: .integer(0))),
        Field("contacts", type: .integer, role: .insensitive, title: "Kontakte",
              constraints: FieldConstraints(minimum: .integer(0))),
        Field("income_eur", type: .integer, role: .sensitive, title: "Monatliches Nettoeinkommen (EUR)",
              constraints: FieldConstraints(minimum: .integer(0))),
        Field.category("outcome", Outcome.allCases.map(\.rawValue), role: .sensitive, title: "Ergebnis"),
        Field("notes", type: .string, role: .freeText, title: "Notizen",
              description: "Free text; may name people, phone numbers or bank details. Redact before sharing."),
    ], primaryKey: ["case_id"])

    public var values: [Value] {
        [.text(caseID), .text(clientID), .text(name), .date(birthDate), .integer(age), .text(gender?.rawValue),
         .text(zip), .text(district), .text(nationality), .integer(householdSize), .text(service),
         .date(startDate), .integer(durationMinutes), .integer(contacts), .integer(incomeEUR),
         .text(outcome.rawValue), .text(notes)]
    }
}
