/// A person who gives time to the organisation.
public struct Volunteer: CivilSocietyRecord, Hashable {
    /// Volunteer number.
    public var volunteerID: String
    /// Full name.
    public var name: String
    /// E-mail address for scheduling.
    public var email: String?
    /// Year of birth.
    public var birthYear: Int?
    /// Postcode of the volunteer's home.
    public var zip: String?
    /// The day the volunteer joined.
    public var since: CivicDate

    /// Creates a volunteer.
    public init(volunteerID: String, name: String, email: String?, birthYear: Int?, zip: String?, since: CivicDate) {
        self.volunteerID = volunteerID
        self.name = name
        self.email = email
        self.birthYear = birthYear
        self.zip = zip
        self.since = since
    }

    public static let tableName = "volunteers"
    public static let schema = Schema(fields: [
        Field.identifier("volunteer_id", title: "Ehrenamtsnummer"),
        Field.identifier("name", title: "Name"),
        Field("email", type: .string, role: .identifier, title: "E-Mail"),
        Field("birth_year", type: .integer, role: .quasiIdentifier, title: "Geburtsjahr"),
        Field("zip", type: .string, role: .quasiIdentifier, title: "Postleitzahl"),
        Field("since", type: .date, title: "Dabei seit", constraints: FieldConstraints(required: true)),
    ], primaryKey: ["volunteer_id"])

    public var values: [Value] {
        [.text(volunteerID), .text(name), .text(email), .integer(birthYear), .text(zip), .date(since)]
    }
}

/// One shift a volunteer worked (at the food bank, the café, the help line).
public struct VolunteerShift: CivilSocietyRecord, Hashable {
    /// Shift number.
    public var shiftID: String
    /// The volunteer who worked it.
    public var volunteerID: String
    /// The day of the shift.
    public var date: CivicDate
    /// Hours worked.
    public var hours: Double
    /// The kind of work (Ausgabe, Sortieren, Fahrdienst, ...).
    public var activity: String

    /// Creates a shift.
    public init(shiftID: String, volunteerID: String, date: CivicDate, hours: Double, activity: String) {
        self.shiftID = shiftID
        self.volunteerID = volunteerID
        self.date = date
        self.hours = hours
        self.activity = activity
    }

    public static let tableName = "volunteer_shifts"
    public static let schema = Schema(fields: [
        Field.identifier("shift_id", title: "Schichtnummer"),
        Field.identifier("volunteer_id", title: "Ehrenamtsnummer"),
        Field("date", type: .date, title: "Datum", constraints: FieldConstraints(required: true)),
        Field("hours", type: .number, title: "Stunden",
              constraints: FieldConstraints(required: true, minimum: .number(0), maximum: .number(24))),
        Field("activity", type: .string, title: "Tätigkeit"),
    ], primaryKey: ["shift_id"])

    public var values: [Value] {
        [.text(shiftID), .text(volunteerID), .date(date), .number(hours), .text(activity)]
    }
}
