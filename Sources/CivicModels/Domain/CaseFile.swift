/// A counselling or support case as the organisation keeps it: one person, one
/// service, opened on a day and perhaps closed, with its contacts and the history
/// of its status.
///
/// ``CounsellingCase`` is the flat export of the same facts (one row per case,
/// with the client's details); a casebook stores a case file and its person
/// separately and writes that export from them.
///
/// ```swift
/// var file = CaseFile(caseID: "F-0001", personID: "K-0001", service: "Schuldnerberatung",
///                     opened: CivicDate(year: 2025, month: 3, day: 4)!)
/// file.status = .closed
/// ```
public struct CaseFile: CivilSocietyRecord, Hashable, Codable {
    /// Case number.
    public var caseID: String
    /// The person the case is about.
    public var personID: String
    /// The counselling service (Schuldnerberatung, Migrationsberatung, ...).
    public var service: String
    /// The day the case was opened.
    public var opened: CivicDate
    /// The day the case was closed, once it is.
    public var closed: CivicDate?
    /// Where the case stands.
    public var status: Status
    /// Monthly net household income in euros when the case was opened, if known.
    public var incomeEUR: Int?
    /// Total counselling time in minutes over all contacts.
    public var durationMinutes: Int
    /// Number of contacts (meetings, calls, messages).
    public var contactCount: Int
    /// Free-text notes of the counsellor.
    public var notes: String?

    /// Where a case stands; the last three end it.
    public typealias Status = CounsellingCase.Outcome

    /// Creates a case file.
    public init(caseID: String, personID: String, service: String, opened: CivicDate, closed: CivicDate? = nil,
                status: Status = .ongoing, incomeEUR: Int? = nil, durationMinutes: Int = 0, contactCount: Int = 0,
                notes: String? = nil) {
        self.caseID = caseID
        self.personID = personID
        self.service = service
        self.opened = opened
        self.closed = closed
        self.status = status
        self.incomeEUR = incomeEUR
        self.durationMinutes = durationMinutes
        self.contactCount = contactCount
        self.notes = notes
    }

    public static let tableName = "cases"
    public static let schema = Schema(fields: [
        Field.pseudonym("case_id", title: "Fallnummer"),
        Field.pseudonym("person_id", title: "Personennummer"),
        Field("service", type: .string, role: .sensitive, title: "Beratungsangebot",
              constraints: FieldConstraints(required: true)),
        Field("opened", type: .date, role: .quasiIdentifier, title: "Beginn", constraints: FieldConstraints(required: true)),
        Field("closed", type: .date, role: .quasiIdentifier, title: "Ende"),
        Field.category("status", Status.allCases.map(\.rawValue), role: .sensitive, title: "Stand"),
        Field("income_eur", type: .integer, role: .sensitive, title: "Monatliches Nettoeinkommen (EUR)",
              constraints: FieldConstraints(minimum: .integer(0))),
        Field("duration_minutes", type: .integer, role: .insensitive, title: "Beratungsdauer (Minuten)",
              constraints: FieldConstraints(required: true, minimum: .integer(0))),
        Field("contact_count", type: .integer, role: .insensitive, title: "Kontakte",
              constraints: FieldConstraints(required: true, minimum: .integer(0))),
        Field("notes", type: .string, role: .freeText, title: "Notizen",
              description: "Free text; may name people, phone numbers or bank details. Redact before sharing."),
    ], primaryKey: ["case_id"])

    public var values: [Value] {
        [.text(caseID), .text(personID), .text(service), .date(opened), .date(closed), .text(status.rawValue),
         .integer(incomeEUR), .integer(durationMinutes), .integer(contactCount), .text(notes)]
    }
}

/// One contact in a case: a meeting, a call, a message.
public struct CaseContact: CivilSocietyRecord, Hashable, Codable {
    /// The case.
    public var caseID: String
    /// The day of the contact.
    public var date: CivicDate
    /// How long it took, in minutes.
    public var minutes: Int
    /// How it took place.
    public var kind: Kind

    /// How a contact took place.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// In person (persönlich).
        case inPerson = "persoenlich"
        /// By telephone (telefonisch).
        case phone = "telefonisch"
        /// By video or chat (online).
        case online
        /// By letter or e-mail (schriftlich).
        case written = "schriftlich"
    }

    /// Creates a contact.
    public init(caseID: String, date: CivicDate, minutes: Int, kind: Kind) {
        self.caseID = caseID
        self.date = date
        self.minutes = minutes
        self.kind = kind
    }

    public static let tableName = "case_contacts"
    public static let schema = Schema(fields: [
        Field.pseudonym("case_id", title: "Fallnummer"),
        Field("date", type: .date, role: .quasiIdentifier, title: "Datum", constraints: FieldConstraints(required: true)),
        Field("minutes", type: .integer, role: .insensitive, title: "Minuten",
              constraints: FieldConstraints(required: true, minimum: .integer(0))),
        Field.category("kind", Kind.allCases.map(\.rawValue), role: .insensitive, title: "Art"),
    ])

    public var values: [Value] { [.text(caseID), .date(date), .integer(minutes), .text(kind.rawValue)] }
}

/// A change of a case's status, kept as its history.
public struct CaseStatusChange: CivilSocietyRecord, Hashable, Codable {
    /// The case.
    public var caseID: String
    /// The day of the change.
    public var date: CivicDate
    /// The status from that day on.
    public var status: CaseFile.Status

    /// Creates a status change.
    public init(caseID: String, date: CivicDate, status: CaseFile.Status) {
        self.caseID = caseID
        self.date = date
        self.status = status
    }

    public static let tableName = "case_status_history"
    public static let schema = Schema(fields: [
        Field.pseudonym("case_id", title: "Fallnummer"),
        Field("date", type: .date, role: .quasiIdentifier, title: "Datum", constraints: FieldConstraints(required: true)),
        Field.category("status", CaseFile.Status.allCases.map(\.rawValue), role: .sensitive, title: "Stand"),
    ])

    public var values: [Value] { [.text(caseID), .date(date), .text(status.rawValue)] }
}
