import CivicModels
import Crypto
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

    /// Imports a counselling-case export (the columns of ``CounsellingCase``, as
    /// `civic-generate` and case-management software write them) into persons and
    /// case files, all or nothing.
    ///
    /// The import can be repeated: a person or case whose number is already in the
    /// casebook is updated from the file, not added twice. Rows of persons who were
    /// erased are skipped and counted. The audit log gets one entry with the counts.
    ///
    /// - Parameter progress: called with the rows done so far; throwing from it
    ///   cancels the import and changes nothing.
    /// - Throws: ``CasebookError/missingColumns(file:columns:)``,
    ///   ``CasebookError/unknownColumns(file:columns:)``, a `CSVError` naming line
    ///   and field for a value that does not fit, or a ``CasebookError``.
    @discardableResult
    public func importCases(from url: URL, progress: ((Int) throws -> Void)? = nil) throws -> CasebookImportSummary {
        let table = try Self.readExport(url)
        let file = url.lastPathComponent
        var summary = CasebookImportSummary(rows: table.rowCount)
        try write { db in
            let salt = try Self.salt(in: db)
            let erased = Set(try String.fetchAll(db, sql: "SELECT fingerprint FROM erased_persons"))
            let rows = ExportRows(table)
            let upsertPerson = try db.makeStatement(sql: """
                INSERT INTO persons (person_number, name, birth_date, gender, zip, district, nationality, household_size)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_number) DO UPDATE SET name = excluded.name, birth_date = excluded.birth_date,
                    gender = excluded.gender, zip = excluded.zip, district = excluded.district,
                    nationality = excluded.nationality, household_size = excluded.household_size
                RETURNING id
                """)
            let addRole = try db.makeStatement(sql: "INSERT OR IGNORE INTO person_roles (person_id, role) VALUES (?, 'client')")
            let insertCase = try db.makeStatement(sql: """
                INSERT INTO cases (case_number, person_id, service, opened, status, income_eur, duration_minutes,
                    contact_count, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_number) DO NOTHING
                """)
            let updateCase = try db.makeStatement(sql: """
                UPDATE cases SET person_id = ?, service = ?, opened = ?, status = ?, income_eur = ?,
                    duration_minutes = ?, contact_count = ?, notes = ? WHERE case_number = ?
                """)
            let addStatus = try db.makeStatement(sql: """
                INSERT INTO case_status_history (case_id, date, status) VALUES (?, ?, ?)
                """)
            let personsBefore = try Int.fetchOne(db, sql: "SELECT count(*) FROM persons") ?? 0
            var personRows: [String: Int64] = [:]
            var erasedNumbers: Set<String> = []
            for row in 0..<table.rowCount {
                let number = rows.text(row, "client_id")!
                if erasedNumbers.contains(number) || (!erased.isEmpty && erased.contains(Self.fingerprint(number, salt: salt))) {
                    erasedNumbers.insert(number)
                    summary.skippedErasedRows += 1
                    continue
                }
                let person: Int64
                if let known = personRows[number] {
                    person = known
                } else {
                    person = try Int64.fetchOne(upsertPerson, arguments: [
                        number, rows.text(row, "name"), rows.date(row, "birth_date"), rows.text(row, "gender"),
                        rows.text(row, "zip"), rows.text(row, "district"), rows.text(row, "nationality"),
                        rows.integer(row, "household_size")])!
                    try addRole.execute(arguments: [person])
                    personRows[number] = person
                }
                let caseNumber = rows.text(row, "case_id")!
                let opened = rows.date(row, "start_date")!
                let status = rows.text(row, "outcome")!
                let details: [(any DatabaseValueConvertible)?] = [
                    rows.text(row, "service"), opened, status, rows.integer(row, "income_eur"),
                    rows.integer(row, "duration_minutes") ?? 0, rows.integer(row, "contacts") ?? 0, rows.text(row, "notes")]
                try insertCase.execute(arguments: StatementArguments([caseNumber, person] + details))
                if db.changesCount == 1 {
                    summary.newCases += 1
                    try addStatus.execute(arguments: [db.lastInsertedRowID, opened, status])
                } else {
                    summary.updatedCases += 1
                    try updateCase.execute(arguments: StatementArguments([person] + details + [caseNumber]))
                }
                if let progress, (row + 1) % 65_536 == 0 { try progress(row + 1) }
            }
            let personsAfter = try Int.fetchOne(db, sql: "SELECT count(*) FROM persons") ?? 0
            summary.newPersons = personsAfter - personsBefore
            summary.updatedPersons = personRows.count - summary.newPersons
            try AuditLog.append(.import, .case, recordID: nil, detail: """
                file: \(file); rows: \(summary.rows); cases new: \(summary.newCases), updated: \(summary.updatedCases); \
                persons new: \(summary.newPersons), updated: \(summary.updatedPersons); \
                rows of erased persons skipped: \(summary.skippedErasedRows)
                """, actor: actor, in: db)
        }
        try progress?(table.rowCount)
        return summary
    }

    /// Reads an export with the types of ``CounsellingCase`` for the columns it has.
    static func readExport(_ url: URL) throws -> CivicModels.Table {
        let header = try CSVReader(url: url).header ?? []
        let file = url.lastPathComponent
        let missing = requiredImportColumns.filter { !header.contains($0) }
        guard missing.isEmpty else { throw CasebookError.missingColumns(file: file, columns: missing) }
        let unknown = header.filter { CounsellingCase.schema.field(named: $0) == nil }
        guard unknown.isEmpty else { throw CasebookError.unknownColumns(file: file, columns: unknown) }
        let schema = Schema(fields: header.compactMap { CounsellingCase.schema.field(named: $0) })
        return try CSVTableReader.read(url, options: .init(schema: schema)).table
    }

    /// The casebook's secret salt for fingerprints of erased persons.
    static func salt(in db: Database) throws -> [UInt8] {
        try Row.fetchOne(db, sql: "SELECT salt FROM casebook_secret WHERE id = 1").map { Array(($0["salt"] as Data)) } ?? []
    }

    /// A salted SHA-256 of a person's number: enough to recognise the number again,
    /// not to read it back (without the casebook's salt, not even by trying numbers).
    static func fingerprint(_ personNumber: String, salt: [UInt8]) -> String {
        SHA256.hash(data: salt + Array(personNumber.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// Typed access to the optional columns of an export table.
private struct ExportRows {
    let columns: [String: ColumnData]

    init(_ table: CivicModels.Table) {
        columns = Dictionary(uniqueKeysWithValues: table.schema.fields.compactMap { field in
            table.column(named: field.name).map { (field.name, $0) }
        })
    }

    func value(_ row: Int, _ name: String) -> Value? {
        guard let column = columns[name] else { return nil }
        let value = column.value(at: row)
        return value == .missing ? nil : value
    }

    func text(_ row: Int, _ name: String) -> String? {
        if case .text(let text)? = value(row, name) { return text }
        return nil
    }

    func integer(_ row: Int, _ name: String) -> Int? {
        if case .integer(let number)? = value(row, name) { return Int(number) }
        return nil
    }

    func date(_ row: Int, _ name: String) -> String? {
        if case .date(let date)? = value(row, name) { return date.isoString }
        return nil
    }
}
