/// A workshop, course or community event the organisation runs.
public struct Event: CivilSocietyRecord, Hashable, Codable {
    /// Event number.
    public var eventID: String
    /// Title of the event.
    public var title: String
    /// The day it took place.
    public var date: CivicDate
    /// Where it took place.
    public var location: String?
    /// How many places there were.
    public var capacity: Int?

    /// Creates an event.
    public init(eventID: String, title: String, date: CivicDate, location: String?, capacity: Int?) {
        self.eventID = eventID
        self.title = title
        self.date = date
        self.location = location
        self.capacity = capacity
    }

    public static let tableName = "events"
    public static let schema = Schema(fields: [
        Field("event_id", type: .string, title: "Veranstaltungsnummer", constraints: FieldConstraints(required: true)),
        Field("title", type: .string, title: "Titel", constraints: FieldConstraints(required: true)),
        Field("date", type: .date, title: "Datum", constraints: FieldConstraints(required: true)),
        Field("location", type: .string, title: "Ort"),
        Field("capacity", type: .integer, title: "Plätze", constraints: FieldConstraints(minimum: .integer(0))),
    ], primaryKey: ["event_id"])

    public var values: [Value] {
        [.text(eventID), .text(title), .date(date), .text(location), .integer(capacity)]
    }
}

/// That a person took part in an event.
public struct Participation: CivilSocietyRecord, Hashable, Codable {
    /// The event.
    public var eventID: String
    /// The participant's person number.
    public var personID: String
    /// Whether the person came (registered people sometimes do not).
    public var attended: Bool

    /// Creates a participation.
    public init(eventID: String, personID: String, attended: Bool) {
        self.eventID = eventID
        self.personID = personID
        self.attended = attended
    }

    public static let tableName = "participations"
    public static let schema = Schema(fields: [
        Field("event_id", type: .string, title: "Veranstaltungsnummer", constraints: FieldConstraints(required: true)),
        Field.pseudonym("person_id", title: "Personennummer"),
        Field("attended", type: .boolean, title: "Teilgenommen"),
    ], primaryKey: ["event_id", "person_id"])

    public var values: [Value] { [.text(eventID), .text(personID), .boolean(attended)] }
}
