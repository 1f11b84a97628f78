import CivicModels
import CivicStorage
import Foundation
import PostgresNIO

// The lists a member of staff reads, and the two rights of the people in the casebook
// that the shared casebook answers: access (GDPR Art. 15) and erasure (Art. 17).
extension PostgresCasebook {
    // MARK: lists

    /// Every case of the organisation, or the cases of one person, in order of their numbers.
    public func cases(of personID: String? = nil) async throws -> [CaseFile] {
        try await read(.case) { [self] db in
            let condition = personID == nil ? "" : "AND p.person_number = $2"
            var query = PostgresQuery(unsafeSQL: """
                SELECT c.case_number, p.person_number, c.service, c.opened, c.closed, c.status, c.income_eur,
                    c.duration_minutes, c.contact_count, c.notes
                FROM cases c JOIN persons p ON p.id = c.person_id
                WHERE c.organisation_id = $1 \(condition) ORDER BY c.case_number
                """)
            query.binds.append(organisation)
            if let personID { query.binds.append(personID) }
            var files: [CaseFile] = []
            for try await (number, person, service, opened, closed, status, income, minutes, contacts, notes)
                in try await db.query(query, logger: logger)
                .decode((String, String, String, String, String?, String, Int?, Int, Int, String?).self) {
                files.append(CaseFile(caseID: number, personID: person, service: service, opened: CivicDate(iso: opened)!,
                                      closed: closed.flatMap { CivicDate(iso: $0) },
                                      status: CaseFile.Status(rawValue: status) ?? .ongoing, incomeEUR: income,
                                      durationMinutes: minutes, contactCount: contacts, notes: notes))
            }
            return files
        }
    }

    /// The contacts of a case, oldest first.
    public func contacts(of caseID: String) async throws -> [CaseContact] {
        try await read(.contact) { [self] db in
            var contacts: [CaseContact] = []
            for try await (date, minutes, kind) in try await db.query("""
                SELECT k.date, k.minutes, k.kind FROM case_contacts k JOIN cases c ON c.id = k.case_id
                WHERE c.organisation_id = \(organisation) AND c.case_number = \(caseID) ORDER BY k.date, k.id
                """, logger: logger).decode((String, Int, String).self) {
                contacts.append(CaseContact(caseID: caseID, date: CivicDate(iso: date)!, minutes: minutes,
                                            kind: CaseContact.Kind(rawValue: kind) ?? .inPerson))
            }
            return contacts
        }
    }

    /// The status history of a case, oldest first.
    public func statusHistory(of caseID: String) async throws -> [CaseStatusChange] {
        try await read(.case) { [self] db in
            var changes: [CaseStatusChange] = []
            for try await (date, status) in try await db.query("""
                SELECT h.date, h.status FROM case_status_history h JOIN cases c ON c.id = h.case_id
                WHERE c.organisation_id = \(organisation) AND c.case_number = \(caseID) ORDER BY h.date, h.id
                """, logger: logger).decode((String, String).self) {
                changes.append(CaseStatusChange(caseID: caseID, date: CivicDate(iso: date)!,
                                                status: CaseFile.Status(rawValue: status) ?? .ongoing))
            }
            return changes
        }
    }

    /// Every consent of the organisation, or the consents of one person, in order of their numbers.
    public func consents(of personID: String? = nil) async throws -> [Consent] {
        try await read(.consent) { [self] db in
            let condition = personID == nil ? "" : "AND p.person_number = $2"
            var query = PostgresQuery(unsafeSQL: """
                SELECT k.consent_number, p.person_number, k.purpose, k.legal_basis, k.given, k.withdrawn
                FROM consents k JOIN persons p ON p.id = k.person_id
                WHERE k.organisation_id = $1 \(condition) ORDER BY k.consent_number
                """)
            query.binds.append(organisation)
            if let personID { query.binds.append(personID) }
            var consents: [Consent] = []
            for try await (number, person, purpose, basis, given, withdrawn)
                in try await db.query(query, logger: logger).decode((String, String, String, String, String, String?).self) {
                consents.append(Consent(consentID: number, personID: person, purpose: purpose,
                                        legalBasis: Consent.LegalBasis(rawValue: basis) ?? .consent, given: CivicDate(iso: given)!,
                                        withdrawn: withdrawn.flatMap { CivicDate(iso: $0) }))
            }
            return consents
        }
    }

    // MARK: rights

    /// Everything the shared casebook holds about one person (GDPR Art. 15), as the
    /// SQLite casebook gives it: details, cases with contacts and status history,
    /// consents, and the audit entries about these records. The shared casebook keeps
    /// no donations, shifts, survey answers or retention rules yet, so those lists are
    /// empty. The audit log records that the information was given. Needs the duty of
    /// a data officer (who may read the audit log).
    public func subjectAccess(_ personID: String, on day: CivicDate) async throws -> SubjectAccessRecord {
        guard let person = try await person(personID) else { throw CasebookError.noSuchRecord(.person) }
        var cases: [SubjectAccessRecord.CaseEntry] = []
        for file in try await self.cases(of: personID) {
            cases.append(.init(file: file, contacts: try await contacts(of: file.caseID), statusHistory: try await statusHistory(of: file.caseID)))
        }
        let consents = try await self.consents(of: personID)
        let (controller, records) = try await read(.person) { [self] db in
            var name = organisation
            for try await found in try await db.query("SELECT name FROM organisations WHERE organisation_id = \(organisation)",
                                                      logger: logger).decode(String.self) { name = found }
            var records: [SubjectAccessRecord.AuditedRecord] = []
            for try await (kind, id, number) in try await db.query("""
                SELECT 'person', id, person_number FROM persons WHERE organisation_id = \(organisation) AND person_number = \(personID)
                UNION ALL SELECT 'case', c.id, c.case_number FROM cases c JOIN persons p ON p.id = c.person_id
                    WHERE p.organisation_id = \(organisation) AND p.person_number = \(personID)
                UNION ALL SELECT 'contact', k.id, c.case_number FROM case_contacts k JOIN cases c ON c.id = k.case_id
                    JOIN persons p ON p.id = c.person_id WHERE p.organisation_id = \(organisation) AND p.person_number = \(personID)
                UNION ALL SELECT 'consent', k.id, k.consent_number FROM consents k JOIN persons p ON p.id = k.person_id
                    WHERE p.organisation_id = \(organisation) AND p.person_number = \(personID)
                """, logger: logger).decode((String, Int64, String).self) {
                if let kind = AuditEntry.RecordKind(rawValue: kind) {
                    records.append(.init(kind: kind, recordID: id, number: number))
                }
            }
            return (Organisation(organisationID: organisation, name: name), records)
        }
        // Row ids come from sequences and are never used twice, so no entry of an
        // erased record can name one of this person's.
        let wanted = Dictionary(grouping: records, by: \.kind).mapValues { Set($0.map(\.recordID)) }
        let entries = try await auditEntries().filter { entry in
            entry.recordID.map { wanted[entry.recordKind]?.contains($0) == true } ?? false
        }
        let record = SubjectAccessRecord(
            controller: controller, made: day, person: person, cases: cases, consents: consents, donations: [], shifts: [],
            surveyResponses: [], auditEntries: entries, auditedRecords: records.filter { record in entries.contains { record.names($0) } },
            retentionRules: try await retentionRules())
        try await change(.person) { [self] db in
            try await audit(.subjectAccess, .person, try await personRow(personID, in: db), nil, in: db)
        }
        return record
    }

    /// Erases a person (GDPR Art. 17): their details, roles, cases with contacts and
    /// status history, and consents, in one transaction with one audit entry (the
    /// person's row id and counts). The organisation keeps a salted fingerprint of the
    /// number, readable by no member of staff, so that an import of an old export
    /// does not bring the person back. Needs the duty of a data officer.
    ///
    /// PostgreSQL keeps the deleted row versions in its files until the next vacuum
    /// (autovacuum does it on its own schedule); ``PostgresCasebookAdministration/vacuum()``
    /// removes them at once.
    @discardableResult
    public func erase(_ personID: String) async throws -> ErasureSummary {
        try await change(.person) { [self] db in
            let id = try await personRow(personID, in: db)
            var summary = ErasureSummary()
            for try await (cases, consents) in try await db.query("""
                SELECT (SELECT count(*) FROM cases WHERE person_id = \(id)), (SELECT count(*) FROM consents WHERE person_id = \(id))
                """, logger: logger).decode((Int, Int).self) {
                summary.cases = cases
                summary.consents = consents
            }
            try await db.query("SELECT civic_forget_person(\(organisation), \(personID))", logger: logger)
            try await db.query("DELETE FROM persons WHERE id = \(id)", logger: logger)
            try await audit(.erasure, .person, id, """
                cases: \(summary.cases); consents: \(summary.consents); donations kept without donor: 0; shifts: 0; \
                survey answers: 0
                """, in: db)
            return summary
        }
    }

    /// Which of `numbers` belong to persons erased from this organisation.
    func erasedNumbers(among numbers: [String], in db: PostgresConnection) async throws -> Set<String> {
        var erased: Set<String> = []
        for try await number in try await db.query("SELECT civic_erased_numbers(\(organisation), \(numbers))", logger: logger)
            .decode(String.self) { erased.insert(number) }
        return erased
    }
}

extension PostgresCasebook {
    /// Writes the organisation's cases of persons whose consent to `purpose` holds
    /// on `day` as a CSV file for civic-publish, the same columns as the SQLite
    /// casebook's export (without names and notes), readable by its owner only; the
    /// audit log records the export. Returns how many cases were written.
    @discardableResult
    public func exportForStatistics(to url: URL, purpose: String = Consent.statisticsPurpose, on day: CivicDate) async throws -> Int {
        let rows = try await read(.case) { [self] db in
            var rows: [StatisticsExportRow] = []
            for try await (number, person, birth, gender, zip, district, nationality, household, service, opened, minutes, contacts,
                           income, status) in try await db.query("""
                SELECT c.case_number, p.person_number, p.birth_date, p.gender, p.zip, p.district, p.nationality,
                    p.household_size, c.service, c.opened, c.duration_minutes, c.contact_count, c.income_eur, c.status
                FROM cases c JOIN persons p ON p.id = c.person_id
                WHERE c.organisation_id = \(organisation)
                    AND p.id IN (SELECT person_id FROM civic_consenting_persons(\(purpose), \(day.isoString)))
                ORDER BY c.case_number
                """, logger: logger).decode((String, String, String?, String?, String?, String?, String?, Int?, String, String, Int?,
                                             Int?, Int?, String).self) {
                rows.append(StatisticsExportRow(
                    caseNumber: number, personNumber: person, birthDate: birth.flatMap { CivicDate(iso: $0) }, gender: gender,
                    zip: zip, district: district, nationality: nationality, householdSize: household, service: service,
                    opened: CivicDate(iso: opened)!, durationMinutes: minutes, contactCount: contacts, incomeEUR: income, status: status))
            }
            return rows
        }
        let table = try Casebook.statisticsExport(rows)
        try CSVTableWriter.write(table, to: url, permissions: 0o600)
        try await change(.case) { [self] db in
            try await audit(.export, .case, nil, "purpose: \(purpose); cases: \(table.rowCount)", in: db)
        }
        return table.rowCount
    }
}
