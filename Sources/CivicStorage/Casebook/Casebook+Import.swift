import CivicModels
import Foundation
import GRDB

/// What an import did.
public struct CasebookImportSummary: Sendable, Hashable {
    /// Rows in the file.
    public var rows = 0
    /// Persons added.
    public var newPersons = 0
    /// Persons already in the casebook, whose details the file replaced.
    public var updatedPersons = 0
    /// Cases added.
    public var newCases = 0
    /// Cases already in the casebook, whose details the file replaced.
    public var updatedCases = 0
    /// Rows left out because their person was erased (GDPR Art. 17): an old export
    /// never brings an erased person back.
    public var skippedErasedRows = 0
}

extension Casebook {
    /// The columns an import needs; the others of a counselling-case export are optional.
    public static let requiredImportColumns = ["case_id", "client_id", "name", "service", "start_date", "outcome"]

    /// Imports a counselling-case export (the columns of `CounsellingCase`, as
    /// `civic-generate` and case-management software write them) into persons and
    /// case files, all or nothing.
    ///
    /// The import can be repeated: a person or case whose number is already in the
    /// casebook is updated from the file, not added twice. Rows of persons who were
    /// erased are skipped and counted. The audit log gets one entry with the counts.
    ///
    /// - Parameters:
    ///   - url: the export, a CSV file.
    ///   - progress: called with the rows done so far, after each batch of 65,536;
    ///     throwing from it cancels the import and changes nothing.
    /// - Throws: ``CasebookError/missingColumns(file:columns:)``,
    ///   ``CasebookError/unknownColumns(file:columns:)``, a `CSVError` naming line
    ///   and field for a value that does not fit, or a ``CasebookError``.
    @discardableResult
    public func importCases(from url: URL, progress: ((Int) throws -> Void)? = nil) throws -> CasebookImportSummary {
        let schema = try Self.exportSchema(url)
        var summary = CasebookImportSummary()
        try write { db in
            // A larger page cache for the writer while the indexes grow (measured on
            // 1,000,000 rows: see the README's casebook figures).
            try db.execute(sql: "PRAGMA cache_size = -524288")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let personsBefore = try Int.fetchOne(db, sql: "SELECT count(*) FROM persons") ?? 0
            var persons = try ImportedPersons(in: db)
            let statements = try ImportStatements(db)
            // The file is parsed on a second thread while this one inserts.
            try CSVTableReader.stream(url, options: .init(schema: schema)) { batch in
                try Self.importBatch(batch, persons: &persons, statements: statements, summary: &summary, in: db)
                summary.rows += batch.rowCount
                try progress?(summary.rows)
            }
            let personsAfter = try Int.fetchOne(db, sql: "SELECT count(*) FROM persons") ?? 0
            summary.newPersons = personsAfter - personsBefore
            summary.updatedPersons = persons.touched - summary.newPersons
            try AuditLog.append(.import, .case, recordID: nil, detail: """
                file: \(url.lastPathComponent); rows: \(summary.rows); cases new: \(summary.newCases), \
                updated: \(summary.updatedCases); persons new: \(summary.newPersons), updated: \(summary.updatedPersons); \
                rows of erased persons skipped: \(summary.skippedErasedRows)
                """, actor: actor, in: db)
        }
        return summary
    }

    /// Imports the rows of one batch of the export.
    private static func importBatch(_ batch: CivicModels.Table, persons: inout ImportedPersons,
                                    statements: ImportStatements, summary: inout CasebookImportSummary,
                                    in db: Database) throws {
        try batch.column(named: "client_id")!.withView { clients in
            try withColumnViews(batch.columns) { views in
                var rows = statements.rows { name in batch.schema.index(of: name).map { views[$0] } }
                for row in 0..<batch.rowCount {
                    let person = try persons.person(clients.text(row), in: db)
                    guard !persons.isErased(person) else {
                        summary.skippedErasedRows += 1
                        continue
                    }
                    let id = try persons.rowID(person) ?? persons.save(person, rowID: rows.upsertPerson(row, in: db))
                    if try rows.insertCase(row, person: id, in: db) {
                        summary.newCases += 1
                    } else {
                        summary.updatedCases += 1
                    }
                }
            }
        }
    }

    /// The columns an export has, with the types of `CounsellingCase`.
    static func exportSchema(_ url: URL) throws -> Schema {
        let header = try CSVReader(url: url).header ?? []
        let file = url.lastPathComponent
        let missing = requiredImportColumns.filter { !header.contains($0) }
        guard missing.isEmpty else { throw CasebookError.missingColumns(file: file, columns: missing) }
        let unknown = header.filter { CounsellingCase.schema.field(named: $0) == nil }
        guard unknown.isEmpty else { throw CasebookError.unknownColumns(file: file, columns: unknown) }
        return Schema(fields: header.compactMap { CounsellingCase.schema.field(named: $0) })
    }

    /// The casebook's secret salt for fingerprints of erased persons.
    static func salt(in db: Database) throws -> [UInt8] {
        try Row.fetchOne(db, sql: "SELECT salt FROM casebook_secret WHERE id = 1").map { Array(($0["salt"] as Data)) } ?? []
    }

    /// A salted SHA-256 of a person's number: enough to recognise the number again,
    /// not to read it back (without the casebook's salt, not even by trying numbers).
    static func fingerprint(_ personNumber: String, salt: [UInt8]) -> String {
        sha256Hex(salt + Array(personNumber.utf8))
    }
}

/// The persons an import has met so far: each distinct person number once (as
/// bytes, no `String` per row), with their row id once saved and whether they were
/// erased.
private struct ImportedPersons {
    private var numbers = TextDictionary()
    private var rowIDs: [Int64?] = []
    private var erased: [Bool] = []
    private let fingerprints: Set<String>
    private let salt: [UInt8]

    init(in db: Database) throws {
        fingerprints = Set(try String.fetchAll(db, sql: "SELECT fingerprint FROM erased_persons"))
        salt = fingerprints.isEmpty ? [] : try Casebook.salt(in: db)
    }

    /// How many distinct persons the import has saved.
    var touched: Int { rowIDs.count { $0 != nil } }

    /// The person with this number: their place among the numbers met.
    mutating func person(_ number: UnsafeBufferPointer<UInt8>, in db: Database) throws -> Int {
        let code = Int(numbers.code(forUTF8: number))
        if code == rowIDs.count {
            rowIDs.append(nil)
            erased.append(!fingerprints.isEmpty
                && fingerprints.contains(Casebook.fingerprint(numbers[UInt32(code)], salt: salt)))
        }
        return code
    }

    func isErased(_ person: Int) -> Bool { erased[person] }
    func rowID(_ person: Int) -> Int64? { rowIDs[person] }

    mutating func save(_ person: Int, rowID: Int64) -> Int64 {
        rowIDs[person] = rowID
        return rowID
    }
}

/// The import's prepared statements, bound straight from the export's columns.
private struct ImportStatements {
    let upsertPerson: Statement
    let addRole: Statement
    let insertCase: Statement
    let updateCase: Statement
    let addStatus: Statement

    init(_ db: Database) throws {
        upsertPerson = try db.makeStatement(sql: """
            INSERT INTO persons (person_number, name, birth_date, gender, zip, district, nationality, household_size)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (person_number) DO UPDATE SET name = excluded.name, birth_date = excluded.birth_date,
                gender = excluded.gender, zip = excluded.zip, district = excluded.district,
                nationality = excluded.nationality, household_size = excluded.household_size
            RETURNING id
            """)
        addRole = try db.makeStatement(sql: "INSERT OR IGNORE INTO person_roles (person_id, role) VALUES (?, 'client')")
        insertCase = try db.makeStatement(sql: """
            INSERT INTO cases (person_id, case_number, service, opened, status, income_eur, duration_minutes,
                contact_count, notes) VALUES (?, ?, ?, ?, ?, ?, coalesce(?, 0), coalesce(?, 0), ?)
            ON CONFLICT (case_number) DO NOTHING
            """)
        updateCase = try db.makeStatement(sql: """
            UPDATE cases SET person_id = ?, service = ?3, opened = ?4, status = ?5, income_eur = ?6,
                duration_minutes = coalesce(?7, 0), contact_count = coalesce(?8, 0), notes = ?9 WHERE case_number = ?2
            """)
        addStatus = try db.makeStatement(sql: "INSERT INTO case_status_history (case_id, date, status) VALUES (?, ?, ?)")
    }

    /// Binders over the columns of one export table (`column` finds a column's view by name).
    func rows(_ column: (String) -> ColumnView?) -> Rows {
        Rows(statements: self, personColumns: ["client_id", "name", "birth_date", "gender", "zip", "district",
                                               "nationality", "household_size"].map(column),
             caseColumns: ["case_id", "service", "start_date", "outcome", "income_eur", "duration_minutes", "contacts",
                           "notes"].map(column))
    }

    /// The statements bound to one table's columns.
    struct Rows {
        var person: SQLiteCellBinder
        var role: SQLiteCellBinder
        var insert: SQLiteCellBinder
        var update: SQLiteCellBinder
        var status: SQLiteCellBinder
        let personColumns: [ColumnView?]
        let caseColumns: [ColumnView?]

        init(statements: ImportStatements, personColumns: [ColumnView?], caseColumns: [ColumnView?]) {
            person = SQLiteCellBinder(statements.upsertPerson)
            role = SQLiteCellBinder(statements.addRole)
            insert = SQLiteCellBinder(statements.insertCase)
            update = SQLiteCellBinder(statements.updateCase)
            status = SQLiteCellBinder(statements.addStatus)
            self.personColumns = personColumns
            self.caseColumns = caseColumns
        }

        /// Adds or updates the person of `row`; returns their row id.
        mutating func upsertPerson(_ row: Int, in db: Database) throws -> Int64 {
            for (index, column) in personColumns.enumerated() { person.bind(CInt(index + 1), column, row) }
            let id = try person.step(in: db)!
            role.bind(1, id)
            try role.step(in: db)
            return id
        }

        /// Adds the case of `row` with its first status, or updates it if its number is
        /// known; returns whether it was new.
        mutating func insertCase(_ row: Int, person: Int64, in db: Database) throws -> Bool {
            insert.bind(1, person)
            for (index, column) in caseColumns.enumerated() { insert.bind(CInt(index + 2), column, row) }
            try insert.step(in: db)
            if db.changesCount == 1 {
                status.bind(1, db.lastInsertedRowID)
                status.bind(2, caseColumns[2], row)
                status.bind(3, caseColumns[3], row)
                try status.step(in: db)
                return true
            }
            update.bind(1, person)
            for (index, column) in caseColumns.enumerated() { update.bind(CInt(index + 2), column, row) }
            try update.step(in: db)
            return false
        }
    }
}
