import CivicModels
import Foundation
import GRDB

extension SQLiteTableStore {
    /// Imports a CSV file as a new SQLite table, all or nothing, without holding the
    /// whole file in memory.
    ///
    /// One thread reads and parses the CSV in batches (see
    /// ``CSVTableReader/readBatches(_:options:batchRows:_:)``) while the calling
    /// thread inserts them inside one transaction, so on two cores the import takes
    /// about as long as the slower of the two. Any error, in the file or in SQLite,
    /// rolls the transaction back and leaves the database as it was.
    ///
    /// ```swift
    /// let rows = try store.importCSV(URL(fileURLWithPath: "export.csv"), as: "cases")
    /// ```
    ///
    /// - Returns: the number of rows imported.
    @discardableResult
    public func importCSV(_ url: URL, options: CSVTableReader.Options = .init(), as name: String,
                          replacing: Bool = false, batchRows: Int = 1 << 16,
                          progress: ((Int) throws -> Void)? = nil) throws -> Int {
        guard !name.isEmpty, !name.contains("\"") else { throw SQLiteStorageError.invalidName(name) }
        return try writer.write { db in
            var rows = 0
            var created = false
            try CSVTableReader.stream(url, options: options, batchRows: batchRows) { batch in
                if !created {
                    try createTable(name, schema: batch.schema, replacing: replacing, in: db)
                    created = true
                }
                try insertRows(of: batch, into: name, db: db, firstRowNumber: rows + 1)
                rows += batch.rowCount
                try progress?(rows)
            }
            return rows
        }
    }
}
