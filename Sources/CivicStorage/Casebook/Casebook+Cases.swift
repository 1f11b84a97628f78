import CivicModels
import GRDB

/// Case files, their contacts and their status history.
extension Casebook {
    /// Opens a case file for an existing person and starts its status history.
    public func add(_ file: CaseFile) throws {
        try audited(.create, .case) { db in
            let person = try Self.requirePerson(file.personID, in: db)
            guard try Self.caseRowID(file.caseID, in: db) == nil else { throw CasebookError.duplicate(.case, field: "case_number") }
            try db.execute(sql: """
                INSERT INTO cases (case_number, person_id, service, opened, closed, status, income_eur,
                    duration_minutes, contact_count, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: Self.caseArguments(file, person: person))
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO case_status_history (case_id, date, status) VALUES (?, ?, ?)",
                           arguments: [id, file.opened.isoString, file.status.rawValue])
            return id
        }
    }

    /// Replaces the stored details of the case with `file.caseID`. A change of status
    /// is added to the history, dated `file.closed` for an ending or `file.opened` else.
    public func update(_ file: CaseFile) throws {
        guard let before = try caseFile(file.caseID) else { throw CasebookError.noSuchRecord(.case) }
        try audited(.update, .case, detail: Self.changedFields(CaseFile.schema, before.values, file.values)) { db in
            let id = try Self.requireCase(file.caseID, in: db)
            let person = try Self.requirePerson(file.personID, in: db)
            try db.execute(sql: """
                UPDATE cases SET case_number = ?, person_id = ?, service = ?, opened = ?, closed = ?, status = ?,
                    income_eur = ?, duration_minutes = ?, contact_count = ?, notes = ? WHERE id = ?
                """, arguments: Self.caseArguments(file, person: person) + [id])
            if before.status != file.status {
                try db.execute(sql: "INSERT INTO case_status_history (case_id, date, status) VALUES (?, ?, ?)",
                               arguments: [id, (file.closed ?? file.opened).isoString, file.status.rawValue])
            }
            return id
        }
    }

    /// Records a contact and adds its minutes to the case's totals.
    public func addContact(_ contact: CaseContact) throws {
        try audited(.create, .contact) { db in
            let caseRow = try Self.requireCase(contact.caseID, in: db)
            try db.execute(sql: "INSERT INTO case_contacts (case_id, date, minutes, kind) VALUES (?, ?, ?, ?)",
                           arguments: [caseRow, contact.date.isoString, contact.minutes, contact.kind.rawValue])
            let id = db.lastInsertedRowID
            try db.execute(sql: """
                UPDATE cases SET duration_minutes = duration_minutes + ?, contact_count = contact_count + 1 WHERE id = ?
                """, arguments: [contact.minutes, caseRow])
            return id
        }
    }

    /// The case with this number, or `nil`.
    public func caseFile(_ caseID: String) throws -> CaseFile? {
        try database.read { db in try Self.cases(in: db, where: "c.case_number = ?", [caseID]).first }
    }

    /// Every case, or the cases of one person, in order of their numbers.
    public func cases(of personID: String? = nil) throws -> [CaseFile] {
        try database.read { db in
            guard let personID else { return try Self.cases(in: db, where: "1", []) }
            return try Self.cases(in: db, where: "p.person_number = ?", [personID])
        }
    }

    /// The contacts of a case, oldest first.
    public func contacts(of caseID: String) throws -> [CaseContact] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT k.date, k.minutes, k.kind FROM case_contacts k JOIN cases c ON c.id = k.case_id
                WHERE c.case_number = ? ORDER BY k.date, k.id
                """, arguments: [caseID]).map { row in
                CaseContact(caseID: caseID, date: Self.date(row["date"])!, minutes: row["minutes"],
                            kind: CaseContact.Kind(rawValue: row["kind"])!)
            }
        }
    }

    /// The status history of a case, oldest first.
    public func statusHistory(of caseID: String) throws -> [CaseStatusChange] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT h.date, h.status FROM case_status_history h JOIN cases c ON c.id = h.case_id
                WHERE c.case_number = ? ORDER BY h.date, h.id
                """, arguments: [caseID]).map { row in
                CaseStatusChange(caseID: caseID, date: Self.date(row["date"])!, status: CaseFile.Status(rawValue: row["status"])!)
            }
        }
    }

    // MARK: - Rows

    static func cases(in db: Database, where condition: String, _ arguments: StatementArguments) throws -> [CaseFile] {
        try Row.fetchAll(db, sql: """
            SELECT c.*, p.person_number FROM cases c JOIN persons p ON p.id = c.person_id
            WHERE \(condition) ORDER BY c.case_number
            """, arguments: arguments).map { row in
            CaseFile(caseID: row["case_number"], personID: row["person_number"], service: row["service"],
                     opened: date(row["opened"])!, closed: date(row["closed"]),
                     status: CaseFile.Status(rawValue: row["status"]) ?? .ongoing, incomeEUR: row["income_eur"],
                     durationMinutes: row["duration_minutes"], contactCount: row["contact_count"], notes: row["notes"])
        }
    }

    static func caseArguments(_ file: CaseFile, person: Int64) -> StatementArguments {
        [file.caseID, person, file.service, file.opened.isoString, file.closed?.isoString, file.status.rawValue,
         file.incomeEUR, file.durationMinutes, file.contactCount, file.notes]
    }

    static func caseRowID(_ caseID: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM cases WHERE case_number = ?", arguments: [caseID])
    }

    static func requireCase(_ caseID: String, in db: Database) throws -> Int64 {
        guard let id = try caseRowID(caseID, in: db) else { throw CasebookError.noSuchRecord(.case) }
        return id
    }
}
