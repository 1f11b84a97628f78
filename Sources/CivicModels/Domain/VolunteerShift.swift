/// One shift a volunteer worked (at the food bank, the café, the help line).
///
/// The volunteer is a ``Person`` with the role ``Person/Role/volunteer``.
public struct VolunteerShift: CivilSocietyRecord, Hashable, Codable {
    /// Shift number.
    public var shiftID: String
    /// The volunteer's person number.
    public var personID: String
    /// The day of the shift.
    public var date: CivicDate
    /// Hours worked, in quarter hours (6 = 1.5 hours): time is counted exactly.
    public var quarterHours: Int
    /// The kind of work (Ausgabe, Sortieren, Fahrdienst, ...).
    public var activity: String

    /// Creates a shift.
    public init(shiftID: String, personID: String, date: CivicDate, quarterHours: Int, activity: String) {
        self.shiftID = shiftID
        self.personID = personID
        self.date = date
        self.quarterHours = quarterHours
        self.activity = activity
    }

    /// The hours worked.
    public var hours: Double { Double(quarterHours) / 4 }

    public static let tableName = "volunteer_shifts"
    public static let schema = Schema(fields: [
        Field.pseudonym("shift_id", title: "Schichtnummer"),
        Field.pseudonym("person_id", title: "Personennummer"),
        Field("date", type: .date, role: .quasiIdentifier, title: "Datum", constraints: FieldConstraints(required: true)),
        Field("quarter_hours", type: .integer, role: .insensitive, title: "Viertelstunden",
              constraints: FieldConstraints(required: true, minimum: .integer(1), maximum: .integer(96))),
        Field("activity", type: .string, role: .insensitive, title: "Tätigkeit", constraints: FieldConstraints(required: true)),
    ], primaryKey: ["shift_id"])

    public var values: [Value] {
        [.text(shiftID), .text(personID), .date(date), .integer(quarterHours), .text(activity)]
    }
}
