import CivicModels
import GRDB

/// The database migrations of a CivicDataKit store: one table per civil-society
/// record type, created from the record's own schema.
///
/// ```swift
/// let queue = try DatabaseQueue(path: "verein.sqlite")
/// try CivicStoreMigrations.migrator.migrate(queue)
/// ```
public enum CivicStoreMigrations {
    /// The migrator. Migrations are append-only: a released one is never edited; a
    /// change to a record's schema gets a new migration.
    public static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: civil-society records") { db in
            for recordType in allCivilSocietyRecordTypes {
                try db.execute(sql: SQLiteSchemaMapping.createTableSQL(recordType.tableName, schema: recordType.schema))
                try SQLiteSchemaMapping.saveSchema(recordType.schema, table: recordType.tableName, in: db)
            }
        }
        return migrator
    }()
}
