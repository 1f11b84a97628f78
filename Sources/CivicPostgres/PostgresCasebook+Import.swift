import CivicModels
import CivicStorage
import Foundation
import PostgresNIO

extension PostgresCasebook {
    /// Imports a counselling-case export into the organisation's persons and cases,
    /// in one transaction: all of it, or, if anything fails on the way (a broken
    /// rule, a lost connection, a server that stops), none of it.
    ///
    /// Like the SQLite casebook's import it only adds: persons and cases whose
    /// numbers the organisation has are left as they are; imported persons get the
    /// client role; rows of persons erased before, and of cases retention deleted, are
    /// skipped (an old export does not bring them back). The rows go to the server in batches of 5,000 (each one
    /// statement over arrays); the audit chain gets one entry with the counts.
    ///
    /// - Parameters:
    ///   - url: the export, a CSV file.
    ///   - progress: called with the rows sent so far after each batch.
    /// - Throws: `CasebookError.missingColumns` or `unknownColumns` (CivicStorage)
    ///   for the wrong columns, a `CSVError` for a value that does not fit, or the
    ///   database's refusal.
    @discardableResult
    public func importCases(from url: URL, progress: (@Sendable (Int) -> Void)? = nil) async throws -> CasebookImportSummary {
        let schema = try Casebook.exportSchema(url)
        let table = try CSVTableReader.read(url, options: .init(schema: schema)).table
        return try await change(.case) { [self] db in
            var summary = CasebookImportSummary()
            summary.rows = table.rowCount
            var start = 0
            var personsOfRows: Set<String> = []
            while start < table.rowCount {
                let rows = start..<min(start + 5_000, table.rowCount)
                let counts = try await importBatch(table, rows: rows, in: db)
                summary.newPersons += counts.persons
                summary.newCases += counts.cases
                summary.skippedErasedRows += counts.skipped
                summary.skippedRetiredRows += counts.retired
                personsOfRows.formUnion(counts.personsOfRows)
                start = rows.upperBound
                progress?(start)
            }
            summary.knownPersons = personsOfRows.count - summary.newPersons
            summary.knownCases = table.rowCount - summary.newCases - summary.skippedErasedRows - summary.skippedRetiredRows
            try await audit(.import, .case, nil, """
                file: \(url.lastPathComponent); rows: \(summary.rows); cases new: \(summary.newCases), \
                known: \(summary.knownCases); persons new: \(summary.newPersons), known: \(summary.knownPersons); \
                skipped: \(summary.skippedErasedRows) rows of erased persons, \(summary.skippedRetiredRows) of retired cases
                """, in: db)
            return summary
        }
    }

    /// Adds the persons and cases of some rows, but for those of erased persons and
    /// retired cases; returns how many of each were new, how many rows were skipped
    /// for either reason, and the numbers of the persons of the rows kept.
    private func importBatch(_ table: CivicModels.Table, rows allRows: Range<Int>, in db: PostgresConnection) async throws
        -> (persons: Int, cases: Int, skipped: Int, retired: Int, personsOfRows: Set<String>) {
        let numbers = Array(Set(allRows.map { table[$0, "client_id"].description }))
        let erased = try await erasedNumbers(among: numbers, in: db)
        let ofLivingPersons = erased.isEmpty ? Array(allRows) : allRows.filter { !erased.contains(table[$0, "client_id"].description) }
        let retired = try await retiredNumbers(among: ofLivingPersons.map { table[$0, "case_id"].description }, in: db)
        let rows = retired.isEmpty ? ofLivingPersons : ofLivingPersons.filter { !retired.contains(table[$0, "case_id"].description) }
        func texts(_ column: String) -> [String] {
            guard table.schema.index(of: column) != nil else { return [String](repeating: "", count: rows.count) }
            return rows.map { table[$0, column].description }
        }
        // Each person once per batch, with the details of their first row.
        var seen: Set<String> = []
        let firstRows = rows.filter { seen.insert(table[$0, "client_id"].description).inserted }
        func personTexts(_ column: String) -> [String] {
            guard table.schema.index(of: column) != nil else { return [String](repeating: "", count: firstRows.count) }
            return firstRows.map { table[$0, column].description }
        }
        // Each statement counts what it added on the server and sends back one row, not
        // one row per record: less traffic, and nothing long is left streaming should
        // the connection die mid-batch.
        let newPersons = try await Self.single(db.query("""
            WITH added AS (
            INSERT INTO persons (organisation_id, person_number, name, birth_date, gender, zip, district, nationality,
                household_size)
            SELECT \(organisation), number, name, NULLIF(birth, ''), NULLIF(gender, ''), NULLIF(zip, ''), NULLIF(district, ''),
                NULLIF(nationality, ''), NULLIF(household, '')::integer
            FROM unnest(\(personTexts("client_id")), \(personTexts("name")), \(personTexts("birth_date")),
                \(personTexts("gender")), \(personTexts("zip")), \(personTexts("district")), \(personTexts("nationality")),
                \(personTexts("household_size"))) AS p(number, name, birth, gender, zip, district, nationality, household)
            ON CONFLICT (organisation_id, person_number) DO NOTHING
            RETURNING id
            )
            SELECT count(*)::bigint FROM added
            """, logger: logger), Int.self)
        try await db.query("""
            INSERT INTO person_roles (person_id, organisation_id, role)
            SELECT id, organisation_id, 'client' FROM persons
            WHERE organisation_id = \(organisation) AND person_number = ANY(\(personTexts("client_id")))
            ON CONFLICT DO NOTHING
            """, logger: logger)
        let newCases = try await Self.single(db.query("""
            WITH added AS (
                INSERT INTO cases (organisation_id, case_number, person_id, service, opened, status, income_eur,
                    duration_minutes, contact_count, notes)
                SELECT \(organisation), c.number, p.id, c.service, c.opened, c.status, NULLIF(c.income, '')::integer,
                    coalesce(NULLIF(c.minutes, '')::integer, 0), coalesce(NULLIF(c.contacts, '')::integer, 0), NULLIF(c.notes, '')
                FROM unnest(\(texts("case_id")), \(texts("client_id")), \(texts("service")), \(texts("start_date")),
                    \(texts("outcome")), \(texts("income_eur")), \(texts("duration_minutes")), \(texts("contacts")),
                    \(texts("notes"))) AS c(number, person, service, opened, status, income, minutes, contacts, notes)
                JOIN persons p ON p.organisation_id = \(organisation) AND p.person_number = c.person
                ON CONFLICT (organisation_id, case_number) DO NOTHING
                RETURNING id, opened, status
            )
            , history AS (
                INSERT INTO case_status_history (organisation_id, case_id, date, status)
                SELECT \(organisation), id, opened, status FROM added
                RETURNING case_id
            )
            SELECT count(*)::bigint FROM history
            """, logger: logger), Int.self)
        return (newPersons, newCases, allRows.count - ofLivingPersons.count, ofLivingPersons.count - rows.count, seen)
    }
}
