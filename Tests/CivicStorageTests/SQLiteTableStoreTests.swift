import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import GRDB
import Testing

@Suite struct SQLiteTableStoreTests {
    static let schema = Schema(fields: [
        Field("case_id", type: .string, role: .identifier, constraints: FieldConstraints(required: true)),
        Field("age", type: .integer, role: .quasiIdentifier, title: "Alter"),
        Field("income", type: .number, role: .sensitive),
        Field("start", type: .date, format: Field.germanDateFormat),
        Field("open", type: .boolean),
        Field("note", type: .string, description: "Freitext"),
    ], primaryKey: ["case_id"])

    static func table(rows: Int, missingCaseIDAt badRow: Int? = nil) throws -> CivicModels.Table {
        var rowsOfValues: [[Value]] = []
        for i in 0..<rows {
            let caseID: Value = i == badRow ? .missing : .text("F-\(i)")
            let age: Value = i % 7 == 0 ? .missing : .integer(Int64(18 + i % 60))
            let income: Value = i % 5 == 0 ? .missing : .number(Double(i) * 10.25)
            let start: Value = .date(CivicDate(year: 2020, month: 1, day: 1)! + i % 1000)
            let open: Value = i % 3 == 0 ? .missing : .boolean(i % 2 == 0)
            let note: Value = i % 4 == 0 ? .text("") : .text("Notiz \(i): Müller, \"Zitat\" ✓")
            rowsOfValues.append([caseID, age, income, start, open, note])
        }
        return try CivicModels.Table(schema: schema, rows: rowsOfValues)
    }

    @Test func tableToSQLiteToTable() throws {
        let store = SQLiteTableStore(try DatabaseQueue())
        let original = try Self.table(rows: 500)
        try store.importTable(original, as: "cases")
        let back = try store.readTable("cases")
        #expect(back == original, "values, types, roles, formats and the primary key survive")
        #expect(try store.tableNames() == ["cases"])
    }

    @Test func aForeignTableGetsItsDeclaredTypes() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a INTEGER, b REAL, c TEXT, d DATE); INSERT INTO t VALUES (1, 2.5, 'x', '2024-05-06'), (NULL, NULL, NULL, NULL)")
        }
        let table = try SQLiteTableStore(queue).readTable("t")
        #expect(table.schema.fields.map(\.type) == [.integer, .number, .string, .date])
        #expect(table.row(0) == [.integer(1), .number(2.5), .text("x"), .date(CivicDate(year: 2024, month: 5, day: 6)!)])
        #expect(table.row(1) == [.missing, .missing, .missing, .missing])
    }

    /// Everything in the database, as text: schema and rows of every table.
    private func dump(_ queue: DatabaseQueue) throws -> [String] {
        try queue.read { db in
            var lines = try String?.fetchAll(db, sql: "SELECT sql FROM sqlite_master ORDER BY name").map { $0 ?? "" }
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                lines += try Row.fetchAll(db, sql: "SELECT * FROM \(name.quotedDatabaseIdentifier)").map(\.description)
            }
            return lines
        }
    }

    @Test func aFailedImportLeavesTheDatabaseExactlyAsItWas() throws {
        let folder = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: folder.file("store.sqlite").path)
        let store = SQLiteTableStore(queue)
        try store.importTable(try Self.table(rows: 20), as: "earlier")
        let before = try dump(queue)

        // Row 300 has no case_id, which the schema requires: NOT NULL fails midway.
        #expect(throws: SQLiteStorageError.rowRejected(table: "cases", row: 301, reason: "NOT NULL constraint failed: cases.case_id")) {
            try store.importTable(try Self.table(rows: 1_000, missingCaseIDAt: 300), as: "cases")
        }
        #expect(try dump(queue) == before)

        // Replacing a table keeps the old one when the new import fails.
        #expect(throws: SQLiteStorageError.self) {
            try store.importTable(try Self.table(rows: 1_000, missingCaseIDAt: 999), as: "earlier", replacing: true)
        }
        #expect(try dump(queue) == before)
    }

    @Test func cancellingThroughProgressRollsBack() throws {
        struct Cancelled: Error {}
        let queue = try DatabaseQueue()
        let store = SQLiteTableStore(queue)
        let before = try dump(queue)
        #expect(throws: Cancelled.self) {
            try store.importTable(try Self.table(rows: 70_000), as: "big", progress: { rows in
                if rows >= 65_536 { throw Cancelled() }
            })
        }
        #expect(try dump(queue) == before)
    }

    @Test func anExistingTableIsNotOverwrittenUnlessAsked() throws {
        let store = SQLiteTableStore(try DatabaseQueue())
        try store.importTable(try Self.table(rows: 3), as: "cases")
        #expect(throws: SQLiteStorageError.tableExists("cases")) {
            try store.importTable(try Self.table(rows: 5), as: "cases")
        }
        try store.importTable(try Self.table(rows: 5), as: "cases", replacing: true)
        #expect(try store.readTable("cases").rowCount == 5)
        #expect(throws: SQLiteStorageError.noSuchTable("absent")) { try store.readTable("absent") }
    }

    @Test func aRecordSchemaSurvivesTheRoundTrip() throws {
        let store = SQLiteTableStore(try DatabaseQueue())
        let file = CaseFile(caseID: "F-1", personID: "K-1", service: "Schuldnerberatung",
                            opened: CivicDate(year: 2025, month: 1, day: 2)!, notes: "erstes Gespräch")
        try store.importTable(try Table(records: [file]), as: CaseFile.tableName)
        let back = try store.readTable(CaseFile.tableName)
        #expect(back.schema == CaseFile.schema.droppingConstraintsSQLiteDoesNotKeep())
        #expect(back[0, "notes"] == .text("erstes Gespräch"))
    }
}

extension Schema {
    /// The schema as SQLite keeps it: only required and unique survive as constraints.
    func droppingConstraintsSQLiteDoesNotKeep() -> Schema {
        var copy = self
        for index in copy.fields.indices {
            let kept = copy.fields[index].constraints
            copy.fields[index].constraints = FieldConstraints(required: kept.required, unique: kept.unique)
        }
        copy.missingValues = [""]
        return copy
    }
}

@Suite struct SQLiteCSVImportTests {
    static let text = (["id,name,amount,day"] + (1...50).map { i in
        "\(i),\"Name \(i), \"\"Q\"\"\",\(i % 4 == 0 ? "" : String(Double(i) / 4)),2024-01-\(i % 28 + 1 < 10 ? "0" : "")\(i % 28 + 1)"
    }).joined(separator: "\n") + "\n"

    @Test(arguments: [1, 7, 50, 1 << 16])
    func streamedImportEqualsReadingTheWholeFile(batchRows: Int) throws {
        let folder = try TemporaryDirectory()
        let csv = try folder.write("in.csv", text: Self.text)
        let store = SQLiteTableStore(try DatabaseQueue())
        #expect(try store.importCSV(csv, as: "t", batchRows: batchRows) == 50)
        #expect(try store.readTable("t") == (try CSVTableReader.read(csv).table))
    }

    @Test func aBadRowLateInTheFileRollsEverythingBack() throws {
        let folder = try TemporaryDirectory()
        let csv = try folder.write("in.csv", text: Self.text + "51,x,keine Zahl,2024-02-01\n")
        let queue = try DatabaseQueue()
        let store = SQLiteTableStore(queue)
        // Types inferred from the first rows: the late text in "amount" cannot be stored.
        #expect(throws: CSVError(.inferredTypeMismatch(expected: .number, inferenceRows: 10),
                                 file: csv.path, line: 52, column: 3, field: "amount")) {
            try store.importCSV(csv, options: .init(inferenceRows: 10), as: "t", batchRows: 7)
        }
        #expect(try store.tableNames().isEmpty)
        // With a schema, a required value missing in the last row fails in SQLite.
        let schema = Schema(fields: [Field("id", type: .integer), Field("name", type: .string),
                                     Field("amount", type: .number, constraints: FieldConstraints(required: true)),
                                     Field("day", type: .date)])
        #expect(throws: SQLiteStorageError.rowRejected(table: "t", row: 4, reason: "NOT NULL constraint failed: t.amount")) {
            try store.importCSV(folder.write("b.csv", text: Self.text), options: .init(schema: schema), as: "t", batchRows: 3)
        }
        #expect(try store.tableNames().isEmpty)
    }

    @Test func aMissingFileIsAnErrorAndCreatesNothing() throws {
        let store = SQLiteTableStore(try DatabaseQueue())
        #expect(throws: CSVError.self) { try store.importCSV(URL(fileURLWithPath: "/nonexistent/x.csv"), as: "t") }
        #expect(try store.tableNames().isEmpty)
    }
}

@Suite("SQLite identifiers from CSV headers")
struct SQLiteIdentifierTests {
    @Test("a header written as SQL imports as a column name and runs nothing")
    func headerInjection() throws {
        let folder = try TemporaryDirectory()
        let header = "x\" TEXT); DROP TABLE keep; --"
        let csv = try folder.write("evil.csv", text: "\"\(header.replacingOccurrences(of: "\"", with: "\"\""))\",b\n1,2\n")
        let store = try SQLiteTableStore(path: folder.file("db.sqlite").path)
        let keep = try Table(schema: Schema(fields: [Field("v", type: .integer)]), rows: [[.integer(1)]])
        try store.importTable(keep, as: "keep")
        try store.importCSV(csv, as: "imported")
        #expect(Set(try store.tableNames()).isSuperset(of: ["keep", "imported"]))
        let back = try store.readTable("imported")
        #expect(back.schema.fieldNames == [header, "b"])
        #expect(try store.readTable("keep").rowCount == 1)
        // A table name with a double quote is refused before any SQL runs.
        #expect(throws: SQLiteStorageError.invalidName("evil\"; DROP TABLE keep; --")) {
            try store.importTable(keep, as: "evil\"; DROP TABLE keep; --")
        }
        #expect(try store.readTable("keep").rowCount == 1)
    }
}
