import CivicModels
import Foundation
import GRDB

/// Everything a casebook holds about one person, as the right of access gives it to
/// them (GDPR Art. 15): their details, cases with contacts and status history,
/// consents, donations, shifts and survey answers, and the audit entries about
/// their own record.
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
    /// Who changed the person's own record when, and earlier requests for access
    /// (the audit log's entries about it).
    public var auditEntries: [AuditEntry]
    /// How long the casebook keeps each kind of record (Art. 15(1)(d)).
    public var retentionRules: [RetentionRule]

    /// One case with what belongs to it.
    public struct CaseEntry: Sendable, Hashable, Codable {
        /// The case.
        public var file: CaseFile
        /// Its contacts.
        public var contacts: [CaseContact]
        /// Its status history.
        public var statusHistory: [CaseStatusChange]
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
}

extension Casebook {
    /// Everything stored about one person (GDPR Art. 15). The audit log records that
    /// the information was given.
    public func subjectAccess(_ personID: String, on day: CivicDate) throws -> SubjectAccessRecord {
        guard let person = try person(personID) else { throw CasebookError.noSuchRecord(.person) }
        let cases = try self.cases(of: personID).map { file in
            SubjectAccessRecord.CaseEntry(file: file, contacts: try contacts(of: file.caseID),
                                          statusHistory: try statusHistory(of: file.caseID))
        }
        let auditEntries = try database.read { db in
            let id = try Self.requirePerson(personID, in: db)
            return try AuditLog.entries(in: db).map(\.entry).filter { $0.recordKind == .person && $0.recordID == id }
        }
        let record = SubjectAccessRecord(
            controller: try organisation(), made: day, person: person, cases: cases, consents: try consents(of: personID),
            donations: try donations(of: personID), shifts: try shifts(of: personID),
            surveyResponses: try surveyResponses(of: personID), auditEntries: auditEntries,
            retentionRules: try retentionRules())
        try audited(.subjectAccess, .person) { db in try Self.requirePerson(personID, in: db) }
        return record
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
