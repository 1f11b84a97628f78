import Foundation
import CivicModels
import GRDB

/// How CivicDataKit fields map onto SQLite columns, and the DDL that creates them.
///
/// SQLite has few storage classes, so the declared type carries the field type:
/// `INTEGER`, `REAL`, `TEXT`, `DATE` (ISO text) and `BOOLEAN` (0 or 1). The full
/// field description (format, title, role, constraints) is kept in the side table
/// `civic_fields`, so a table read back has the schema it was written with.
enum SQLiteSchemaMapping {
    /// The name of the side table that records each stored table's fields.
    static let fieldsTable = "civic_fields"

    static func declaredType(_ type: FieldType) -> String {
        switch type {
        case .integer: return "INTEGER"
        case .number: return "REAL"
        case .string: return "TEXT"
        case .date: return "DATE"
        case .boolean: return "BOOLEAN"
        }
    }

    static func fieldType(declared: String) -> FieldType {
        switch declared.uppercased() {
        case let t where t.contains("INT") && !t.contains("POINT"): return .integer
        case "REAL", "DOUBLE", "FLOAT", "NUMERIC", "DECIMAL": return .number
        case "DATE": return .date
        case "BOOLEAN", "BOOL": return .boolean
        default: return .string
        }
    }

    /// `CREATE TABLE` for a schema: `NOT NULL` for required fields, `UNIQUE`, and the
    /// primary key.
    static func createTableSQL(_ name: String, schema: Schema) -> String {
        var parts = schema.fields.map { field -> String in
            var column = "\(field.name.sqlIdentifier) \(declaredType(field.type))"
            if field.constraints.required { column += " NOT NULL" }
            if field.constraints.unique { column += " UNIQUE" }
            return column
        }
        if !schema.primaryKey.isEmpty {
            parts.append("PRIMARY KEY (\(schema.primaryKey.map(\.sqlIdentifier).joined(separator: ", ")))")
        }
        return "CREATE TABLE \(name.sqlIdentifier) (\(parts.joined(separator: ", ")))"
    }

    /// Creates the side table if it is missing.
    static func createFieldsTableIfNeeded(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS \(fieldsTable) (
                table_name TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
                type TEXT NOT NULL, format TEXT, title TEXT, description TEXT, role TEXT NOT NULL,
                required BOOLEAN NOT NULL, is_unique BOOLEAN NOT NULL, primary_key BOOLEAN NOT NULL,
                PRIMARY KEY (table_name, position))
            """)
    }

    /// Records `schema` as the description of table `name`.
    static func saveSchema(_ schema: Schema, table name: String, in db: Database) throws {
        try createFieldsTableIfNeeded(db)
        try db.execute(sql: "DELETE FROM \(fieldsTable) WHERE table_name = ?", arguments: [name])
        for (position, field) in schema.fields.enumerated() {
            try db.execute(sql: """
                INSERT INTO \(fieldsTable) (table_name, position, name, type, format, title, description, role,
                                            required, is_unique, primary_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, position, field.name, field.type.rawValue, field.format, field.title,
                                 field.description, field.role.rawValue, field.constraints.required,
                                 field.constraints.unique, schema.primaryKey.contains(field.name)])
        }
    }

    /// The schema of table `name`: from the side table if recorded there, else from
    /// the declared column types.
    static func loadSchema(table name: String, in db: Database) throws -> Schema {
        guard try db.tableExists(name) else { throw SQLiteStorageError.noSuchTable(name) }
        let columns = try db.columns(in: name)
        if try db.tableExists(fieldsTable) {
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(fieldsTable) WHERE table_name = ? ORDER BY position",
                                        arguments: [name])
            if rows.map({ $0["name"] as String }) == columns.map(\.name) {
                var primaryKey: [String] = []
                let fields = rows.map { row -> Field in
                    let fieldName: String = row["name"]
                    if row["primary_key"] as Bool { primaryKey.append(fieldName) }
                    return Field(fieldName,
                                 type: FieldType(rawValue: row["type"]) ?? .string,
                                 role: AttributeRole(rawValue: row["role"]) ?? .insensitive,
                                 format: row["format"], title: row["title"], description: row["description"],
                                 constraints: FieldConstraints(required: row["required"], unique: row["is_unique"]))
                }
                return Schema(fields: fields, primaryKey: primaryKey)
            }
        }
        return Schema(fields: columns.map { Field($0.name, type: fieldType(declared: $0.type)) })
    }
}

extension String {
    /// The string as an SQL identifier: in double quotes, with every double quote
    /// inside doubled, so that a column name taken from a CSV header (which anyone
    /// can write) is always one name and never more SQL. (GRDB's
    /// `quotedDatabaseIdentifier` does not double embedded quotes.)
    var sqlIdentifier: String { "\"" + replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
