import CivicModels
import Foundation
import GRDB
import GRDBSQLite

/// Moves `Table`s into and out of an SQLite database through GRDB.
///
/// An import creates a new table with typed columns and inserts every row with one
/// prepared statement inside one transaction: if any row fails (a `NOT NULL` or
/// `UNIQUE` constraint, a full disk, a cancelled progress callback), the
/// transaction is rolled back and the database is exactly as it was, without even
/// the new table.
///
/// ```swift
/// let store = SQLiteTableStore(try DatabaseQueue(path: "cases.sqlite"))
/// try store.importTable(table, as: "counselling_cases")
/// let back = try store.readTable("counselling_cases")
/// ```
///
/// ## Topics
/// - ``importTable(_:as:replacing:progress:)``
/// - ``readTable(_:)``
/// - ``tableNames()``
public struct SQLiteTableStore: Sendable {
    /// The database connection (a queue or a pool), kept inside the package so
    /// that embedders do not depend on GRDB's types.
    package let writer: any DatabaseWriter

    /// Wraps a GRDB database writer.
    package init(_ writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Opens (or creates) the database file at `path`.
    public init(path: String) throws {
        self.init(try DatabaseQueue(path: path))
    }

    /// Imports `table` as a new SQLite table called `name`, all or nothing.
    ///
    /// - Parameters:
    ///   - table: the rows to store.
    ///   - name: the SQLite table's name.
    ///   - replacing: drop an existing table of that name first (inside the same
    ///     transaction, so a failed import keeps the old table).
    ///   - progress: called every 65,536 rows with the rows inserted so far; throwing
    ///     from it cancels the import and rolls it back.
    /// - Throws: ``SQLiteStorageError`` or a GRDB `DatabaseError`.
    public func importTable(_ table: CivicModels.Table, as name: String, replacing: Bool = false,
                            progress: ((Int) throws -> Void)? = nil) throws {
        // Column names come from CSV headers and are quoted safely; a table name is
        // the program's choice and may not hold a double quote (GRDB's own schema
        // queries do not escape it).
        guard !name.isEmpty, !name.contains("\""), !table.schema.fields.contains(where: { $0.name.isEmpty }) else {
            throw SQLiteStorageError.invalidName(name)
        }
        try writer.write { db in
            try createTable(name, schema: table.schema, replacing: replacing, in: db)
            try insertRows(of: table, into: name, db: db, progress: progress)
            try progress?(table.rowCount)
        }
    }

    /// Creates table `name` for `schema` and records the schema, dropping an existing
    /// table first if `replacing` (inside the caller's transaction).
    func createTable(_ name: String, schema: Schema, replacing: Bool, in db: Database) throws {
        if try db.tableExists(name) {
            guard replacing else { throw SQLiteStorageError.tableExists(name) }
            try db.drop(table: name)
        }
        try db.execute(sql: SQLiteSchemaMapping.createTableSQL(name, schema: schema))
        try SQLiteSchemaMapping.saveSchema(schema, table: name, in: db)
    }

    /// Inserts every row with one prepared statement, bound straight from the column
    /// arrays (``SQLiteCellBinder``).
    func insertRows(of table: CivicModels.Table, into name: String, db: Database, firstRowNumber: Int = 1,
                    progress: ((Int) throws -> Void)? = nil) throws {
        let columnList = table.schema.fields.map(\.name.sqlIdentifier).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: table.columnCount).joined(separator: ", ")
        let statement = try db.makeStatement(
            sql: "INSERT INTO \(name.sqlIdentifier) (\(columnList)) VALUES (\(placeholders))")
        var binder = SQLiteCellBinder(statement)
        defer { sqlite3_clear_bindings(binder.handle) }
        try withColumnViews(table.columns) { columns in
            for row in 0..<table.rowCount {
                for (index, column) in columns.enumerated() { binder.bind(CInt(index + 1), column, row) }
                do {
                    try binder.step(in: db)
                } catch let error as DatabaseError {
                    // SQLite's message names the constraint and column, never the value.
                    throw SQLiteStorageError.rowRejected(table: name, row: firstRowNumber + row, reason: error.message ?? "")
                }
                if let progress, (row + 1) & 0xFFFF == 0 { try progress(row + 1) }
            }
        }
    }

    /// Reads the SQLite table `name` back into a `Table` with the schema it was
    /// stored with (or one derived from its declared column types).
    public func readTable(_ name: String) throws -> CivicModels.Table {
        try writer.read { db in
            let schema = try SQLiteSchemaMapping.loadSchema(table: name, in: db)
            var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
            let columnList = schema.fields.map(\.name.sqlIdentifier).joined(separator: ", ")
            let statement = try db.makeStatement(sql: "SELECT \(columnList) FROM \(name.sqlIdentifier)")
            let handle = statement.sqliteStatement
            let cursor = try Row.fetchCursor(statement)
            var rowNumber = 0
            while try cursor.next() != nil {
                rowNumber += 1
                for (index, field) in schema.fields.enumerated() {
                    let position = CInt(index)
                    if sqlite3_column_type(handle, position) == SQLITE_NULL {
                        builders[index].appendMissing()
                        continue
                    }
                    switch field.type {
                    case .integer: builders[index].append(integer: sqlite3_column_int64(handle, position))
                    case .number: builders[index].append(number: sqlite3_column_double(handle, position))
                    case .boolean: builders[index].append(boolean: sqlite3_column_int64(handle, position) != 0)
                    case .date:
                        let text = String(cString: sqlite3_column_text(handle, position))
                        let parsed = Array(text.utf8).withUnsafeBufferPointer { CSVValueParser().date($0) }
                        guard let date = parsed else {
                            throw SQLiteStorageError.unreadableValue(table: name, column: field.name, row: rowNumber)
                        }
                        builders[index].append(date: date)
                    case .string:
                        let count = Int(sqlite3_column_bytes(handle, position))
                        let base = sqlite3_column_text(handle, position)
                        let bytes = UnsafeBufferPointer(start: base, count: count)
                        guard UTF8Validation.firstInvalidOffset(bytes) == nil else {
                            throw SQLiteStorageError.unreadableValue(table: name, column: field.name, row: rowNumber)
                        }
                        builders[index].append(utf8: bytes)
                    }
                }
            }
            return try CivicModels.Table(schema: schema, columns: builders.map { $0.finish() })
        }
    }

    /// The names of the data tables in the database (not SQLite's or CivicDataKit's
    /// own bookkeeping tables).
    public func tableNames() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table'
                AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' AND name != ?
                ORDER BY name
                """, arguments: [SQLiteSchemaMapping.fieldsTable])
        }
    }
}
