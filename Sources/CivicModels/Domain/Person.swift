/// A client: a person an organisation counsels, supports or serves.
public struct Person: CivilSocietyRecord, Hashable {
    /// The organisation's client number.
    public var clientID: String
    /// Full name.
    public var name: String
    /// Date of birth.
    public var birthDate: CivicDate?
    /// Gender.
    public var gender: Gender?
    /// Five-digit German postcode of the home address.
    public var zip: String?
    /// Nationality, in German (`deutsch`, `syrisch`, ...).
    public var nationality: String?
    /// People in the household, including the client.
    public var householdSize: Int?

    /// Creates a person.
    public init(clientID: String, name: String, birthDate: CivicDate? = nil, gender: Gender? = nil,
                zip: String? = nil, nationality: String? = nil, householdSize: Int? = nil) {
        self.clientID = clientID
        self.name = name
        self.birthDate = birthDate
        self.gender = gender
        self.zip = zip
        self.nationality = nationality
        self.householdSize = householdSize
    }

    public static let tableName = "persons"
    public static let schema = Schema(fields: [
        Field.identifier("client_id", title: "Klientennummer"),
        Field.identifier("name", title: "Name"),
        Field("birth_date", type: .date, role: .quasiIdentifier, title: "Geburtsdatum"),
        Field.category("gender", Gender.allCases.map(\.rawValue), role: .quasiIdentifier, title: "Geschlecht"),
        Field("zip", type: .string, role: .quasiIdentifier, title: "Postleitzahl",
              constraints: FieldConstraints(pattern: "[0-9]{5}")),
        Field("nationality", type: .string, role: .quasiIdentifier, title: "Staatsangehörigkeit"),
        Field("household_size", type: .integer, role: .quasiIdentifier, title: "Haushaltsgröße",
              constraints: FieldConstraints(minimum: .integer(1), maximum: .integer(30))),
    ], primaryKey: ["client_id"])

    public var values: [Value] {
        [.text(clientID), .text(name), .date(birthDate), .text(gender?.rawValue), .text(zip),
         .text(nationality), .integer(householdSize)]
    }
}
