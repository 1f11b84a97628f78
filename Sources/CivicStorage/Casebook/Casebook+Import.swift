import CivicModels
import Foundation
import GRDB

/// What an import did.
public struct CasebookImportSummary: Sendable, Hashable {
    /// Rows in the file.
    public var rows = 0
    /// Persons added.
    public var newPersons = 0
    /// Persons already in the casebook, left as the casebook has them.
    public var knownPersons = 0
    /// Cases added.
    public var newCases = 0
    /// Cases already in the casebook, left as the casebook has them.
    public var knownCases = 0
    /// Rows left out because their person was erased (GDPR Art. 17): an old export
    /// never brings an erased person back.
    public var skippedErasedRows = 0
    /// Rows left out because retention deleted their case: an old export never brings
    /// back what the storage limit removed.
    public var skippedRetiredRows = 0

    /// Nothing counted yet.
    public init() {}
}

extension Casebook {
    /// The columns an import needs; the others of a counselling-case export are optional.
    public static let requiredImportColumns = ["case_id", "client_id", "name", "service", "start_date", "outcome"]

    /// Imports a counselling-case export (the columns of `CounsellingCase`, as
    /// `civic-generate` and case-management software write them) into persons and
    /// case files, all or nothing.
    ///
    /// An import only adds: a person or case whose number is already in the casebook
    /// is left as the casebook has it (the casebook is the record; what was changed
    /// there since an earlier export stays), so an import can be repeated. Rows of
    /// persons who were erased, and of cases retention deleted, are skipped and
    /// counted. The audit log gets one entry with the counts.
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
            var persons = try ImportedPersons(in: db)
            let retired = try Fingerprints(table: "retired_cases", in: db)
            let statements = try ImportStatements(db)
            // The file is parsed on a second thread while this one inserts.
            try CSVTableReader.stream(url, options: .init(schema: schema)) { batch in
                try Self.importBatch(batch, persons: &persons, retired: retired, statements: statements,
                                     summary: &summary, in: db)
                summary.rows += batch.rowCount
                try progress?(summary.rows)
            }
            (summary.newPersons, summary.knownPersons) = (persons.added, persons.known)
            try AuditLog.append(.import, .case, recordID: nil, detail: """
                file: \(url.lastPathComponent); rows: \(summary.rows); cases new: \(summary.newCases), \
                known: \(summary.knownCases); persons new: \(summary.newPersons), known: \(summary.knownPersons); \
                skipped: \(summary.skippedErasedRows) rows of erased persons, \(summary.skippedRetiredRows) of retired cases
                """, actor: actor, in: db)
        }
        return summary
    }

    /// Imports the rows of one batch of the export.
    private static func importBatch(_ batch: CivicModels.Table, persons: inout ImportedPersons, retired: Fingerprints,
                                    statements: ImportStatements, summary: inout CasebookImportSummary,
                                    in db: Database) throws {
        let caseNumbers = batch.column(named: "case_id")!
        try batch.column(named: "client_id")!.withView { clients in
            try withColumnViews(batch.columns) { views in
                var rows = statements.rows { name in batch.schema.index(of: name).map { views[$0] } }
                for row in 0..<batch.rowCount {
                    let person = persons.person(clients.text(row))
                    if persons.isErased(person) {
                        summary.skippedErasedRows += 1
                        continue
                    }
                    if !retired.isEmpty, retired.contains(caseNumbers.value(at: row).description) {
                        summary.skippedRetiredRows += 1
                        continue
                    }
                    let id = try persons.rowID(person) ?? persons.save(person, rows.addPerson(row, in: db))
                    if try rows.addCase(row, person: id, in: db) {
                        summary.newCases += 1
                    } else {
                        summary.knownCases += 1
                    }
                }
            }
        }
    }

    /// The columns an export has, with the types of `CounsellingCase`.
    package static func exportSchema(_ url: URL) throws -> Schema {
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
/// bytes, no `String` per row), with their row id once found or added, and whether
/// they were erased.
private struct ImportedPersons {
    private var numbers = TextDictionary()
    private var rowIDs: [Int64?] = []
    private var erased: [Bool] = []
    private let erasedPersons: Fingerprints
    /// Persons the import added, and persons it found in the casebook already.
    private(set) var added = 0, known = 0

    init(in db: Database) throws {
        erasedPersons = try Fingerprints(table: "erased_persons", in: db)
    }

    /// The person with this number: their place among the numbers met.
    mutating func person(_ number: UnsafeBufferPointer<UInt8>) -> Int {
        let code = Int(numbers.code(forUTF8: number))
        if code == rowIDs.count {
            rowIDs.append(nil)
            erased.append(!erasedPersons.isEmpty && erasedPersons.contains(numbers[UInt32(code)]))
        }
        return code
    }

    func isErased(_ person: Int) -> Bool { erased[person] }
    func rowID(_ person: Int) -> Int64? { rowIDs[person] }

    /// Notes the row id of a person the import added or found; returns it.
    mutating func save(_ person: Int, _ found: (rowID: Int64, isNew: Bool)) -> Int64 {
        rowIDs[person] = found.rowID
        if found.isNew { added += 1 } else { known += 1 }
        return found.rowID
    }
}

/// Salted fingerprints of numbers that must not come back (erased persons, retired
/// cases), as a casebook keeps them in a table of one column, `fingerprint`.
struct Fingerprints {
    private let fingerprints: Set<String>
    private let salt: [UInt8]

    init(table: String, in db: Database) throws {
        fingerprints = Set(try String.fetchAll(db, sql: "SELECT fingerprint FROM \(table)"))
        salt = try Casebook.salt(in: db)
    }

    var isEmpty: Bool { fingerprints.isEmpty }
    func contains(_ number: String) -> Bool { fingerprints.contains(Casebook.fingerprint(number, salt: salt)) }
}

/// The import's prepared statements, bound straight from the export's columns.
private struct ImportStatements {
    let addPerson: Statement
    let findPerson: Statement
    let addRole: Statement
    let addCase: Statement
    let findCase: Statement
    let addStatus: Statement
    /// Whether to look a number up before inserting it: when the casebook holds
    /// records already. An insert refused as a duplicate still uses up a row id
    /// (AUTOINCREMENT counts it), so without the look-up every repeated import would
    /// leave a gap of as many ids as it found known records. Into an empty casebook
    /// the insert comes first; its conflict clause only meets a number that comes
    /// twice in the file.
    let findFirst: Bool

    init(_ db: Database) throws {
        addPerson = try db.makeStatement(sql: """
            INSERT INTO persons (person_number, name, birth_date, gender, zip, district, nationality, household_size)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (person_number) DO NOTHING
            """)
        findPerson = try db.makeStatement(sql: "SELECT id FROM persons WHERE person_number = ?")
        addRole = try db.makeStatement(sql: "INSERT OR IGNORE INTO person_roles (person_id, role) VALUES (?, 'client')")
        // The look-up is a statement of its own, not a `WHERE NOT EXISTS` in the insert:
        // SQLite first copies what a SELECT reading the table being inserted into finds
        // to a temporary table, which made the import of 1,000,000 rows a third slower.
        addCase = try db.makeStatement(sql: """
            INSERT INTO cases (person_id, case_number, service, opened, status, income_eur, duration_minutes,
                contact_count, notes) VALUES (?, ?, ?, ?, ?, ?, coalesce(?, 0), coalesce(?, 0), ?)
            ON CONFLICT (case_number) DO NOTHING
            """)
        findCase = try db.makeStatement(sql: "SELECT id FROM cases WHERE case_number = ?")
        addStatus = try db.makeStatement(sql: "INSERT INTO case_status_history (case_id, date, status) VALUES (?, ?, ?)")
        findFirst = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM persons) OR EXISTS (SELECT 1 FROM cases)") ?? true
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
        var find: SQLiteCellBinder
        var role: SQLiteCellBinder
        var addCase: SQLiteCellBinder
        var findCase: SQLiteCellBinder
        var status: SQLiteCellBinder
        let personColumns: [ColumnView?]
        let caseColumns: [ColumnView?]
        /// See ``ImportStatements/findFirst``.
        let findFirst: Bool

        init(statements: ImportStatements, personColumns: [ColumnView?], caseColumns: [ColumnView?]) {
            person = SQLiteCellBinder(statements.addPerson)
            find = SQLiteCellBinder(statements.findPerson)
            role = SQLiteCellBinder(statements.addRole)
            addCase = SQLiteCellBinder(statements.addCase)
            findCase = SQLiteCellBinder(statements.findCase)
            status = SQLiteCellBinder(statements.addStatus)
            self.personColumns = personColumns
            self.caseColumns = caseColumns
            findFirst = statements.findFirst
        }

        /// Adds the person of `row` unless their number is known, and gives them the
        /// client role; returns their row id and whether they are new.
        mutating func addPerson(_ row: Int, in db: Database) throws -> (rowID: Int64, isNew: Bool) {
            var known: Int64?
            if findFirst {
                find.bind(1, personColumns[0], row)
                known = try find.step(in: db)
            }
            let found: (rowID: Int64, isNew: Bool)
            if let known {
                found = (known, false)
            } else {
                for (index, column) in personColumns.enumerated() { person.bind(CInt(index + 1), column, row) }
                try person.step(in: db)
                if db.changesCount == 1 {
                    found = (db.lastInsertedRowID, true)
                } else {
                    find.bind(1, personColumns[0], row)
                    found = (try find.step(in: db)!, false)
                }
            }
            role.bind(1, found.rowID)
            try role.step(in: db)
            return found
        }

        /// Adds the case of `row` with its first status unless its number is known;
        /// returns whether it was new.
        mutating func addCase(_ row: Int, person: Int64, in db: Database) throws -> Bool {
            if findFirst {
                findCase.bind(1, caseColumns[0], row)
                if try findCase.step(in: db) != nil { return false }
            }
            addCase.bind(1, person)
            for (index, column) in caseColumns.enumerated() { addCase.bind(CInt(index + 2), column, row) }
            try addCase.step(in: db)
            guard db.changesCount == 1 else { return false }
            status.bind(1, db.lastInsertedRowID)
            status.bind(2, caseColumns[2], row)
            status.bind(3, caseColumns[3], row)
            try status.step(in: db)
            return true
        }
    }
}
