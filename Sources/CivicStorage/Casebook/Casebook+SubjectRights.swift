import CivicModels
import Foundation
import GRDB

/// Everything a casebook holds about one person, as the right of access gives it to
/// them (GDPR Art. 15): their details, cases with contacts and status history,
/// consents, donations, shifts and survey answers, and the audit entries about
/// their record, their cases with the cases' contacts, and their consents.
public struct SubjectAccessRecord: Sendable, Hashable, Codable {
    /// The organisation that keeps the data (the controller).
    public var controller: Organisation
    /// The day the record was made.
    public var made: CivicDate
    /// The person.
    public var person: Person
    /// Each case with its contacts and status history.
    public var cases: [CaseEntry]
    /// Consents given, and withdrawn.
    public var consents: [Consent]
    /// Donations the person made.
    public var donations: [Donation]
    /// Shifts the person worked.
    public var shifts: [VolunteerShift]
    /// Survey answers the person gave under their name.
    public var surveyResponses: [SurveyResponse]
    /// Who changed what when, and earlier requests for access: the audit log's
    /// entries about the person's record, their cases (status changes included),
    /// the cases' contacts and their consents, in the order of the log.
    public var auditEntries: [AuditEntry]
    /// The records that ``auditEntries`` name by row id, each with the number the
    /// organisation knows it by, so that a reader can tell which case or consent an
    /// entry is about.
    public var auditedRecords: [AuditedRecord]
    /// How long the casebook keeps each kind of record (Art. 15(1)(d)).
    public var retentionRules: [RetentionRule]

    /// A record of what a casebook holds about `person` (for stores other than the
    /// SQLite casebook, which makes its own).
    public init(controller: Organisation, made: CivicDate, person: Person, cases: [CaseEntry], consents: [Consent],
                donations: [Donation], shifts: [VolunteerShift], surveyResponses: [SurveyResponse],
                auditEntries: [AuditEntry], auditedRecords: [AuditedRecord], retentionRules: [RetentionRule]) {
        self.controller = controller
        self.made = made
        self.person = person
        self.cases = cases
        self.consents = consents
        self.donations = donations
        self.shifts = shifts
        self.surveyResponses = surveyResponses
        self.auditEntries = auditEntries
        self.auditedRecords = auditedRecords
        self.retentionRules = retentionRules
    }

    /// One case with what belongs to it.
    public struct CaseEntry: Sendable, Hashable, Codable {
        /// The case.
        public var file: CaseFile
        /// Its contacts.
        public var contacts: [CaseContact]
        /// Its status history.
        public var statusHistory: [CaseStatusChange]

        /// A case with its contacts and status history.
        public init(file: CaseFile, contacts: [CaseContact], statusHistory: [CaseStatusChange]) {
            self.file = file
            self.contacts = contacts
            self.statusHistory = statusHistory
        }
    }

    /// A record an audit entry names, with its number.
    public struct AuditedRecord: Sendable, Hashable, Codable {
        /// The kind of record, as the audit entry gives it.
        public var kind: AuditEntry.RecordKind
        /// The record's row id, as the audit entry gives it.
        public var recordID: Int64
        /// The organisation's number for it: the person's, the case's or the consent's
        /// number; for a contact, the number of its case.
        public var number: String

        /// A record named by the audit log, with its number.
        public init(kind: AuditEntry.RecordKind, recordID: Int64, number: String) {
            self.kind = kind
            self.recordID = recordID
            self.number = number
        }

        /// Whether `entry` is about this record.
        public func names(_ entry: AuditEntry) -> Bool { entry.recordKind == kind && entry.recordID == recordID }
    }

    /// The record `entry` is about, if it is one of ``auditedRecords``.
    public func auditedRecord(of entry: AuditEntry) -> AuditedRecord? {
        auditedRecords.first { $0.names(entry) }
    }

    /// The record as indented JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// What an erasure removed.
public struct ErasureSummary: Sendable, Hashable {
    /// Case files deleted (with their contacts and status history).
    public var cases = 0
    /// Consents deleted.
    public var consents = 0
    /// Donations kept for the books, now without a donor.
    public var donationsDetached = 0
    /// Volunteer shifts deleted.
    public var shifts = 0
    /// Survey answers deleted.
    public var surveyResponses = 0

    /// Nothing removed yet.
    public init() {}
}

extension Casebook {
    /// Everything stored about one person (GDPR Art. 15). The audit log records that
    /// the information was given.
    ///
    /// The audit entries are those about the person's record, their cases (a change
    /// of status is an update of the case), the contacts in those cases and their
    /// consents, chosen by the records' row ids. Row ids are never reused (see
    /// `CasebookMigrations.version3SQL`), so no entry of an erased or deleted record
    /// can come into another person's answer.
    public func subjectAccess(_ personID: String, on day: CivicDate) throws -> SubjectAccessRecord {
        guard let person = try person(personID) else { throw CasebookError.noSuchRecord(.person) }
        let cases = try self.cases(of: personID).map { file in
            SubjectAccessRecord.CaseEntry(file: file, contacts: try contacts(of: file.caseID),
                                          statusHistory: try statusHistory(of: file.caseID))
        }
        let (auditEntries, auditedRecords) = try database.read { db in
            let records = try Self.auditedRecords(of: try Self.requirePerson(personID, in: db), in: db)
            // An entry of a kind this version does not know is left out: it is read as
            // a person entry and would be taken for one.
            let wanted = Dictionary(grouping: records, by: \.kind).mapValues { Set($0.map(\.recordID)) }
            let entries = try AuditLog.entries(in: db).filter { read in
                guard read.known, let id = read.entry.recordID else { return false }
                return wanted[read.entry.recordKind]?.contains(id) == true
            }.map(\.entry)
            // Only the records some entry names: an imported case has none.
            return (entries, records.filter { record in entries.contains { record.names($0) } })
        }
        let record = SubjectAccessRecord(
            controller: try organisation(), made: day, person: person, cases: cases, consents: try consents(of: personID),
            donations: try donations(of: personID), shifts: try shifts(of: personID),
            surveyResponses: try surveyResponses(of: personID), auditEntries: auditEntries, auditedRecords: auditedRecords,
            retentionRules: try retentionRules())
        try audited(.subjectAccess, .person) { db in try Self.requirePerson(personID, in: db) }
        return record
    }

    /// The person with row id `person`, their cases, the contacts in those cases and
    /// their consents, as the audit log names them, each with its number.
    static func auditedRecords(of person: Int64, in db: Database) throws -> [SubjectAccessRecord.AuditedRecord] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT 'person' AS kind, id, person_number AS number FROM persons WHERE id = :person
            UNION ALL SELECT 'case', id, case_number FROM cases WHERE person_id = :person
            UNION ALL SELECT 'contact', k.id, c.case_number FROM case_contacts k JOIN cases c ON c.id = k.case_id
                WHERE c.person_id = :person
            UNION ALL SELECT 'consent', id, consent_number FROM consents WHERE person_id = :person
            """, arguments: ["person": person])
        return rows.map { row in
            SubjectAccessRecord.AuditedRecord(kind: AuditEntry.RecordKind(rawValue: row["kind"])!, recordID: row["id"],
                                              number: row["number"])
        }
    }

    /// Erases a person (GDPR Art. 17): their details, roles, cases with contacts and
    /// status history, consents, shifts and survey answers. Donations stay in the
    /// books (tax law requires them, Art. 17(3)(b)) without the donor.
    ///
    /// Deleted content is overwritten in the file (`secure_delete`) and the write-ahead
    /// log is emptied afterwards, so no value of the person stays in the file. The
    /// audit log keeps one entry, with the person's row id and counts, and the
    /// casebook keeps a salted fingerprint of the number so that a later import of
    /// an old export does not bring the person back.
    @discardableResult
    public func erase(_ personID: String) throws -> ErasureSummary {
        var summary = ErasureSummary()
        try write { db in
            let id = try Self.requirePerson(personID, in: db)
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [id]) ?? 0 }
            summary.cases = try count("SELECT count(*) FROM cases WHERE person_id = ?")
            summary.consents = try count("SELECT count(*) FROM consents WHERE person_id = ?")
            summary.donationsDetached = try count("SELECT count(*) FROM donations WHERE donor_id = ?")
            summary.shifts = try count("SELECT count(*) FROM volunteer_shifts WHERE person_id = ?")
            summary.surveyResponses = try count("SELECT count(*) FROM survey_responses WHERE person_id = ?")
            try db.execute(sql: "INSERT OR IGNORE INTO erased_persons (fingerprint) VALUES (?)",
                           arguments: [Self.fingerprint(personID, salt: try Self.salt(in: db))])
            try db.execute(sql: "DELETE FROM persons WHERE id = ?", arguments: [id])
            try AuditLog.append(.erasure, .person, recordID: id, detail: """
                cases: \(summary.cases); consents: \(summary.consents); donations kept without donor: \
                \(summary.donationsDetached); shifts: \(summary.shifts); survey answers: \(summary.surveyResponses)
                """, actor: actor, in: db)
        }
        // Copy the change into the database file and empty the write-ahead log, which
        // still holds the pages as they were before.
        try database.writeWithoutTransaction { db in
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return summary
    }
}
