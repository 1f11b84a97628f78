/// A person an organisation keeps records about: a client it counsels or serves, a
/// donor, a volunteer, or several of these at once.
///
/// ```swift
/// let anna = Person(personID: "K-0001", name: "Anna Beispiel", roles: [.client, .volunteer])
/// anna.roles.contains(.client)   // true
/// ```
public struct Person: CivilSocietyRecord, Hashable, Codable {
    /// The organisation's number for the person (a client or donor number).
    public var personID: String
    /// Full name.
    public var name: String
    /// Date of birth.
    public var birthDate: CivicDate?
    /// Gender.
    public var gender: Gender?
    /// Five-digit German postcode of the home address.
    public var zip: String?
    /// District of the home address.
    public var district: String?
    /// Nationality, in German (`deutsch`, `syrisch`, ...).
    public var nationality: String?
    /// People in the household, including the person.
    public var householdSize: Int?
    /// What the person is to the organisation.
    public var roles: Set<Role>

    /// What a person is to the organisation; one person may hold several roles.
    public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
        /// Counselled, supported or served (Klient:in).
        case client
        /// Gives money (Spender:in).
        case donor
        /// Gives time (Ehrenamtliche:r).
        case volunteer

        public static func < (lhs: Role, rhs: Role) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Creates a person.
    public init(personID: String, name: String, birthDate: CivicDate? = nil, gender: Gender? = nil,
                zip: String? = nil, district: String? = nil, nationality: String? = nil,
                householdSize: Int? = nil, roles: Set<Role> = [.client]) {
        self.personID = personID
        self.name = name
        self.birthDate = birthDate
        self.gender = gender
        self.zip = zip
        self.district = district
        self.nationality = nationality
        self.householdSize = householdSize
        self.roles = roles
    }

    public static let tableName = "persons"
    public static let schema = Schema(fields: [
        Field.pseudonym("person_id", title: "Personennummer"),
        Field.identifier("name", title: "Name"),
        Field("birth_date", type: .date, role: .quasiIdentifier, title: "Geburtsdatum"),
        Field.category("gender", Gender.allCases.map(\.rawValue), role: .quasiIdentifier, title: "Geschlecht"),
        Field("zip", type: .string, role: .quasiIdentifier, title: "Postleitzahl",
              constraints: FieldConstraints(pattern: "[0-9]{5}")),
        Field("district", type: .string, role: .quasiIdentifier, title: "Bezirk"),
        Field("nationality", type: .string, role: .quasiIdentifier, title: "Staatsangehörigkeit"),
        Field("household_size", type: .integer, role: .quasiIdentifier, title: "Haushaltsgröße",
              constraints: FieldConstraints(minimum: .integer(1), maximum: .integer(30))),
        Field("roles", type: .string, role: .insensitive, title: "Rollen",
              description: "The person's roles, comma-separated: client, donor, volunteer."),
    ], primaryKey: ["person_id"])

    public var values: [Value] {
        [.text(personID), .text(name), .date(birthDate), .text(gender?.rawValue), .text(zip), .text(district),
         .text(nationality), .integer(householdSize), .text(roles.sorted().map(\.rawValue).joined(separator: ","))]
    }
}
