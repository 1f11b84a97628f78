import CivicModels
import CivicStorage
import Foundation
import Logging
import PostgresNIO

/// One organisation's casebook in a shared PostgreSQL database, as one member of its
/// staff sees it: the everyday work of `CasebookStore` (CivicStorage) for many caseworkers and
/// many organisations at once.
///
/// The store connects as the caseworker's own login role; the database, not this
/// code, keeps them to their organisation's rows (row-level security, see the
/// schema), so a query typed by hand cannot read another organisation's records
/// either. Every change is one transaction together with its audit entry, and the
/// entries of one organisation form one hash chain however many people write at once.
///
/// ```swift
/// let book = try await PostgresCasebook.connect(to: PostgresLocation("postgres://anna@db.local/casebook"),
///                                               organisation: "sb-nord")
/// defer { Task { await book.close() } }
/// try await book.add(Person(personID: "K-1", name: "Erika Beispiel"))
/// ```
public final class PostgresCasebook: CasebookStore {
    /// The organisation whose records this store works on.
    public let organisation: String
    /// The server and login, without a password, for messages.
    let location: String
    let pool: QuietPool
    var client: PostgresClient { pool.client }
    var logger: Logger { pool.logger }

    /// Connects to the shared casebook as the location's user, for `organisation`.
    ///
    /// - Parameters:
    ///   - location: the server, database and login of the member of staff.
    ///   - organisation: the organisation to work for (the user must be its staff).
    ///   - connections: how many connections the store may open at once (one per
    ///     concurrent call).
    /// - Throws: ``PostgresCasebookError/unreachable(location:reason:)`` if the
    ///   server cannot be reached or refuses the login.
    public static func connect(to location: PostgresLocation, organisation: String,
                               connections: Int = 4) async throws -> PostgresCasebook {
        let book = PostgresCasebook(location: location, organisation: organisation, connections: connections)
        do {
            try await location.checkReachable(logger: book.logger)
        } catch {
            await book.close()
            throw error
        }
        return book
    }

    init(location: PostgresLocation, organisation: String, connections: Int) {
        self.organisation = organisation
        self.location = location.description
        self.pool = QuietPool(location, connections: connections, label: "civic.postgres")
    }

    /// Closes the connections.
    public func close() async {
        await pool.close()
    }

    // MARK: persons

    public func add(_ person: Person) async throws {
        try await change(.person) { [self] db in
            let id = try await Self.single(db.query("""
                INSERT INTO persons (organisation_id, person_number, name, birth_date, gender, zip, district, nationality,
                    household_size)
                VALUES (\(organisation), \(person.personID), \(person.name), \(person.birthDate?.isoString),
                    \(person.gender?.rawValue), \(person.zip), \(person.district), \(person.nationality), \(person.householdSize))
                RETURNING id
                """, logger: logger), Int64.self)
            try await saveRoles(person.roles, of: id, in: db)
            try await audit(.create, .person, id, nil, in: db)
        }
    }

    public func update(_ person: Person) async throws {
        guard let before = try await self.person(person.personID) else { throw CasebookError.noSuchRecord(.person) }
        try await change(.person) { [self] db in
            let id = try await personRow(person.personID, in: db)
            try await db.query("""
                UPDATE persons SET name = \(person.name), birth_date = \(person.birthDate?.isoString),
                    gender = \(person.gender?.rawValue), zip = \(person.zip), district = \(person.district),
                    nationality = \(person.nationality), household_size = \(person.householdSize)
                WHERE id = \(id)
                """, logger: logger)
            try await db.query("DELETE FROM person_roles WHERE person_id = \(id)", logger: logger)
            try await saveRoles(person.roles, of: id, in: db)
            try await audit(.update, .person, id, Casebook.changedFields(Person.schema, before.values, person.values), in: db)
        }
    }

    /// Every person of the organisation, or those with `role`, in order of their numbers.
    public func persons(withRole role: Person.Role? = nil) async throws -> [Person] {
        try await read(.person) { [self] db in
            var query = PostgresQuery(unsafeSQL: """
                SELECT p.person_number, p.name, p.birth_date, p.gender, p.zip, p.district, p.nationality, p.household_size,
                    coalesce(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}')
                FROM persons p LEFT JOIN person_roles r ON r.person_id = p.id
                WHERE p.organisation_id = $1
                \(role == nil ? "" : "AND EXISTS (SELECT 1 FROM person_roles w WHERE w.person_id = p.id AND w.role = $2)")
                GROUP BY p.id ORDER BY p.person_number
                """)
            query.binds.append(organisation)
            if let role { query.binds.append(role.rawValue) }
            var persons: [Person] = []
            for try await (number, name, birth, gender, zip, district, nationality, household, roles) in try await db.query(query, logger: logger)
                .decode((String, String, String?, String?, String?, String?, String?, Int?, [String]).self) {
                persons.append(Person(personID: number, name: name, birthDate: birth.flatMap { CivicDate(iso: $0) },
                                      gender: gender.flatMap(Gender.init(rawValue:)), zip: zip, district: district,
                                      nationality: nationality, householdSize: household,
                                      roles: Set(roles.compactMap(Person.Role.init(rawValue:)))))
            }
            return persons
        }
    }

    public func person(_ personID: String) async throws -> Person? {
        try await read(.person) { db in
            let rows = try await db.query("""
                SELECT id, name, birth_date, gender, zip, district, nationality, household_size FROM persons
                WHERE organisation_id = \(organisation) AND person_number = \(personID)
                """, logger: logger)
            for try await (id, name, birth, gender, zip, district, nationality, household)
                in rows.decode((Int64, String, String?, String?, String?, String?, String?, Int?).self) {
                var roles: Set<Person.Role> = []
                for try await role in try await db.query("SELECT role FROM person_roles WHERE person_id = \(id)",
                                                         logger: logger).decode(String.self) {
                    if let known = Person.Role(rawValue: role) { roles.insert(known) }
                }
                return Person(personID: personID, name: name, birthDate: birth.flatMap { CivicDate(iso: $0) },
                              gender: gender.flatMap(Gender.init(rawValue:)), zip: zip, district: district,
                              nationality: nationality, householdSize: household, roles: roles)
            }
            return nil
        }
    }

    private func saveRoles(_ roles: Set<Person.Role>, of person: Int64, in db: PostgresConnection) async throws {
        for role in roles.map(\.rawValue).sorted() {
            try await db.query("INSERT INTO person_roles (person_id, organisation_id, role) VALUES (\(person), \(organisation), \(role))",
                               logger: logger)
        }
    }

    // MARK: cases

    public func add(_ file: CaseFile) async throws {
        try await change(.case) { [self] db in
            let person = try await personRow(file.personID, in: db)
            let id = try await Self.single(db.query("""
                INSERT INTO cases (organisation_id, case_number, person_id, service, opened, closed, status, income_eur,
                    duration_minutes, contact_count, notes)
                VALUES (\(organisation), \(file.caseID), \(person), \(file.service), \(file.opened.isoString),
                    \(file.closed?.isoString), \(file.status.rawValue), \(file.incomeEUR), \(file.durationMinutes),
                    \(file.contactCount), \(file.notes))
                RETURNING id
                """, logger: logger), Int64.self)
            try await db.query("""
                INSERT INTO case_status_history (organisation_id, case_id, date, status)
                VALUES (\(organisation), \(id), \(file.opened.isoString), \(file.status.rawValue))
                """, logger: logger)
            try await audit(.create, .case, id, nil, in: db)
        }
    }

    public func update(_ file: CaseFile) async throws {
        guard let before = try await caseFile(file.caseID) else { throw CasebookError.noSuchRecord(.case) }
        try await change(.case) { [self] db in
            let id = try await caseRow(file.caseID, in: db)
            let person = try await personRow(file.personID, in: db)
            try await db.query("""
                UPDATE cases SET person_id = \(person), service = \(file.service), opened = \(file.opened.isoString),
                    closed = \(file.closed?.isoString), status = \(file.status.rawValue), income_eur = \(file.incomeEUR),
                    duration_minutes = \(file.durationMinutes), contact_count = \(file.contactCount), notes = \(file.notes)
                WHERE id = \(id)
                """, logger: logger)
            if before.status != file.status {
                try await db.query("""
                    INSERT INTO case_status_history (organisation_id, case_id, date, status)
                    VALUES (\(organisation), \(id), \((file.closed ?? file.opened).isoString), \(file.status.rawValue))
                    """, logger: logger)
            }
            try await audit(.update, .case, id, Casebook.changedFields(CaseFile.schema, before.values, file.values), in: db)
        }
    }

    public func caseFile(_ caseID: String) async throws -> CaseFile? {
        try await read(.case) { db in
            let rows = try await db.query("""
                SELECT p.person_number, c.service, c.opened, c.closed, c.status, c.income_eur, c.duration_minutes,
                    c.contact_count, c.notes
                FROM cases c JOIN persons p ON p.id = c.person_id
                WHERE c.organisation_id = \(organisation) AND c.case_number = \(caseID)
                """, logger: logger)
            for try await (person, service, opened, closed, status, income, minutes, contacts, notes)
                in rows.decode((String, String, String, String?, String, Int?, Int, Int, String?).self) {
                return CaseFile(caseID: caseID, personID: person, service: service, opened: CivicDate(iso: opened)!,
                                closed: closed.flatMap { CivicDate(iso: $0) }, status: CaseFile.Status(rawValue: status) ?? .ongoing,
                                incomeEUR: income, durationMinutes: minutes, contactCount: contacts, notes: notes)
            }
            return nil
        }
    }

    /// Records a contact and adds its minutes to the case, with its audit entry: one
    /// statement, so one round trip to the server (the most frequent write of a
    /// caseworker's day; the statement is atomic without a transaction around it).
    public func addContact(_ contact: CaseContact) async throws {
        let added = try await changeInOneStatement(.contact) { [self] db in
            var added = 0
            for try await _ in try await db.query("""
                WITH target AS (
                    SELECT id FROM cases WHERE organisation_id = \(organisation) AND case_number = \(contact.caseID)
                ), added AS (
                    INSERT INTO case_contacts (organisation_id, case_id, date, minutes, kind)
                    SELECT \(organisation), id, \(contact.date.isoString), \(contact.minutes), \(contact.kind.rawValue) FROM target
                    RETURNING id, case_id
                ), counted AS (
                    UPDATE cases SET duration_minutes = duration_minutes + \(contact.minutes), contact_count = contact_count + 1
                    WHERE id IN (SELECT case_id FROM added)
                )
                SELECT civic_audit_append(\(organisation), 'create', 'contact', added.id, NULL) FROM added
                """, logger: logger) { added += 1 }
            return added
        }
        guard added == 1 else { throw CasebookError.noSuchRecord(.case) }
    }

    // MARK: consent

    public func giveConsent(_ consent: Consent) async throws {
        try await change(.consent) { [self] db in
            let person = try await personRow(consent.personID, in: db)
            let id = try await Self.single(db.query("""
                INSERT INTO consents (organisation_id, consent_number, person_id, purpose, legal_basis, given, withdrawn)
                VALUES (\(organisation), \(consent.consentID), \(person), \(consent.purpose), \(consent.legalBasis.rawValue),
                    \(consent.given.isoString), \(consent.withdrawn?.isoString))
                RETURNING id
                """, logger: logger), Int64.self)
            try await audit(.create, .consent, id, nil, in: db)
        }
    }

    public func withdrawConsent(_ consentID: String, on day: CivicDate) async throws {
        try await change(.consent) { [self] db in
            var found: (Int64, String?)?
            for try await row in try await db.query("""
                SELECT id, withdrawn FROM consents WHERE organisation_id = \(organisation) AND consent_number = \(consentID)
                FOR UPDATE
                """, logger: logger).decode((Int64, String?).self) { found = row }
            guard let (id, withdrawn) = found else { throw CasebookError.noSuchRecord(.consent) }
            // A withdrawal stands (see the SQLite store).
            guard withdrawn == nil else { throw CasebookError.alreadyWithdrawn }
            try await db.query("UPDATE consents SET withdrawn = \(day.isoString) WHERE id = \(id)", logger: logger)
            try await audit(.update, .consent, id, "fields: withdrawn", in: db)
        }
    }

    // MARK: statistics

    /// Cases opened per month and service up to `day`, counting only persons whose
    /// consent to statistics is in force on that day, plus the anonymous residue of
    /// cases that retention has reduced to statistics (of months up to the day).
    public func monthlyCases(on day: CivicDate) async throws -> [MonthlyCaseCount] {
        try await read(.case) { db in
            var counts: [MonthlyCaseCount] = []
            for try await (month, service, cases) in try await db.query("""
                SELECT month, service, cases FROM civic_monthly_cases(\(Consent.statisticsPurpose), \(day.isoString))
                WHERE organisation_id = \(organisation) ORDER BY month COLLATE "C", service COLLATE "C"
                """, logger: logger).decode((String, String, Int).self) {
                counts.append(MonthlyCaseCount(month: month, service: service, cases: cases))
            }
            return counts
        }
    }

    public func statisticsCases(in period: ReportingPeriod, on day: CivicDate) async throws -> StatisticsCases {
        try await read(.case) { db in
            var cases = StatisticsCases()
            for try await (month, service, person) in try await db.query("""
                SELECT substr(c.opened, 1, 7), c.service, c.person_id FROM cases c
                WHERE c.organisation_id = \(organisation) AND c.opened >= \(period.firstDay.isoString)
                    AND c.opened <= \(period.lastDay.isoString) AND c.opened <= \(day.isoString)
                    AND c.person_id IN (SELECT person_id FROM civic_consenting_persons(\(Consent.statisticsPurpose), \(day.isoString)))
                """, logger: logger).decode((String, String, Int64).self) {
                cases.months.append(month)
                cases.services.append(service)
                cases.persons.append(String(person))
            }
            return cases
        }
    }

    // MARK: audit

    public func logAggregateReport(to recipient: String, period: ReportingPeriod, cases: Int) async throws {
        try await change(.case) { [self] db in
            try await audit(.export, .case, nil, "aggregates for: \(recipient); period: \(period.from) to \(period.to); cases: \(cases)",
                            in: db)
        }
    }

    public func verifyAudit() async throws -> AuditVerification {
        AuditLog.verify(try await entries())
    }

    public func auditEntries() async throws -> [AuditEntry] {
        try await entries().map(\.entry)
    }

    private func entries() async throws -> [(entry: AuditEntry, known: Bool)] {
        try await read(.organisation) { db in
            var entries: [(entry: AuditEntry, known: Bool)] = []
            for try await (sequence, at, actor, action, kind, recordID, detail, previous, hash) in try await db.query("""
                SELECT sequence, at, actor, action, record_kind, record_id, detail, previous_hash, hash FROM audit_log
                WHERE organisation_id = \(organisation) ORDER BY sequence
                """, logger: logger).decode((Int64, String, String, String, String, Int64?, String?, String, String).self) {
                let knownAction = AuditEntry.Action(rawValue: action), knownKind = AuditEntry.RecordKind(rawValue: kind)
                entries.append((AuditEntry(sequence: sequence, at: at, actor: actor, action: knownAction ?? .update,
                                           recordKind: knownKind ?? .person, recordID: recordID, detail: detail,
                                           previousHash: previous, hash: hash), knownAction != nil && knownKind != nil))
            }
            return entries
        }
    }

    /// Adds the change's entry to the organisation's chain, inside the change's transaction.
    func audit(_ action: AuditEntry.Action, _ kind: AuditEntry.RecordKind, _ recordID: Int64?, _ detail: String?,
                       in db: PostgresConnection) async throws {
        try await db.query("""
            SELECT civic_audit_append(\(organisation), \(action.rawValue), \(kind.rawValue), \(recordID), \(detail))
            """, logger: logger)
    }

    // MARK: plumbing

    /// Runs `body` in one transaction and returns what it returns; database refusals
    /// become `CasebookError`s about records of `kind`, a lost connection
    /// ``PostgresCasebookError/connectionLost(location:)``.
    @discardableResult
    func change<T: Sendable>(_ kind: AuditEntry.RecordKind, _ body: @escaping @Sendable (PostgresConnection) async throws -> T)
        async throws -> T {
        do {
            return try await client.transaction(logger: logger, body)
        } catch let notBegun as NotBegun {
            throw isConnectionLoss(notBegun.reason) ? PostgresCasebookError.connectionLost(location: location)
                : Self.casebookError(notBegun.reason, kind: kind)
        } catch {
            throw isConnectionLoss(error) ? PostgresCasebookError.connectionLost(location: location) : Self.casebookError(error, kind: kind)
        }
    }

    /// Runs `body`, which sends one statement (atomic on its own), with the same
    /// guard and errors as ``change(_:_:)`` but no transaction around it.
    func changeInOneStatement<T: Sendable>(_ kind: AuditEntry.RecordKind,
                                           _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.statement(logger: logger, body)
        } catch {
            throw isConnectionLoss(error) ? PostgresCasebookError.connectionLost(location: location) : Self.casebookError(error, kind: kind)
        }
    }

    /// Runs a read; a refusal (no right to the table) becomes `CasebookError.notPermitted` (CivicStorage).
    func read<T: Sendable>(_ kind: AuditEntry.RecordKind, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { db in try await body(db) }
        } catch {
            throw isConnectionLoss(error) ? PostgresCasebookError.connectionLost(location: location) : Self.casebookError(error, kind: kind)
        }
    }

    func personRow(_ personID: String, in db: PostgresConnection) async throws -> Int64 {
        for try await id in try await db.query("""
            SELECT id FROM persons WHERE organisation_id = \(organisation) AND person_number = \(personID)
            """, logger: logger).decode(Int64.self) { return id }
        throw CasebookError.noSuchRecord(.person)
    }

    private func caseRow(_ caseID: String, in db: PostgresConnection) async throws -> Int64 {
        for try await id in try await db.query("""
            SELECT id FROM cases WHERE organisation_id = \(organisation) AND case_number = \(caseID)
            """, logger: logger).decode(Int64.self) { return id }
        throw CasebookError.noSuchRecord(.case)
    }

    /// The value of a result of one row and column (an id, a count).
    static func single<T: PostgresDecodable & Sendable>(_ rows: PostgresRowSequence, _ type: T.Type) async throws -> T {
        for try await value in rows.decode(T.self) { return value }
        throw CasebookError.rejected(table: "", field: nil, rule: .other)
    }

    /// The casebook's error for what the server said: a broken rule names the field
    /// (constraints are named after their field), a refusal is `CasebookError.notPermitted` (CivicStorage).
    static func casebookError(_ error: any Error, kind: AuditEntry.RecordKind) -> any Error {
        guard let error = error as? PSQLError, let server = error.serverInfo, let state = server[.sqlState] else { return error }
        let table = server[.tableName] ?? ""
        let constraint = server[.constraintName]
        switch state {
        case "23505": return CasebookError.duplicate(kind, field: (constraint ?? "").replacingOccurrences(of: "_unique", with: ""))
        case "23514": return CasebookError.rejected(table: table, field: constraint, rule: .check)
        case "23502": return CasebookError.rejected(table: table, field: server[.columnName], rule: .required)
        case "23503": return CasebookError.rejected(table: table, field: constraint, rule: .reference)
        case "42501": return CasebookError.notPermitted(kind)
        default: return error
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            return error.serverInfo?[.message] ?? String(describing: error.code)
        }
        return String(describing: type(of: error))
    }
}
