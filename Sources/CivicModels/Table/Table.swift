/// A table of typed columns: the common currency of every CivicDataKit layer.
///
/// Storage reads CSV and SQLite into a `Table`; analysis and privacy read from one
/// and produce new ones. Columns are stored one array per column (columnar), so a
/// 2-million-row, 17-column case file fits in a few hundred megabytes and a
/// computation over one column touches only that column's memory.
///
/// A table is a value: operations such as ``selecting(_:)`` and
/// ``filtering(_:)`` return a new table and leave the original unchanged.
///
/// ```swift
/// let table = try Table(schema: Schema(fields: [
///     Field("district", type: .string),
///     Field("age", type: .integer, role: .quasiIdentifier),
/// ]), rows: [
///     [.text("Neukölln"), .integer(34)],
///     [.text("Mitte"), .missing],
/// ])
/// table.rowCount                          // 2
/// table[1, "district"]                    // .text("Mitte")
/// ```
///
/// ## Topics
/// ### Reading
/// - ``rowCount``
/// - ``column(named:)``
/// - ``subscript(_:_:)``
/// - ``row(_:)``
/// ### Deriving tables
/// - ``selecting(_:)``
/// - ``filtering(_:)``
/// - ``sorted(by:)``
/// - ``appending(_:)``
public struct Table: Sendable, Equatable {
    /// The description of the columns.
    public let schema: Schema
    /// The column data, in schema order.
    public let columns: [ColumnData]
    /// The number of rows.
    public let rowCount: Int

    /// Creates a table from a schema and one ``ColumnData`` per field.
    ///
    /// - Throws: ``TableError`` when the number of columns, their types or their
    ///   lengths do not fit the schema.
    public init(schema: Schema, columns: [ColumnData]) throws(TableError) {
        guard schema.fields.count == columns.count else {
            throw .columnCountMismatch(fields: schema.fields.count, columns: columns.count)
        }
        for (field, column) in zip(schema.fields, columns) where field.type != column.type {
            throw .columnTypeMismatch(field: field.name, expected: field.type, found: column.type)
        }
        let rowCount = columns.first?.count ?? 0
        if let uneven = zip(schema.fields, columns).first(where: { $0.1.count != rowCount }) {
            throw .columnLengthMismatch(field: uneven.0.name, expected: rowCount, found: uneven.1.count)
        }
        var names = Set<String>()
        for field in schema.fields where !names.insert(field.name).inserted {
            throw .duplicateField(field.name)
        }
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
    }

    /// Creates a table from boxed rows, one ``Value`` per field.
    public init(schema: Schema, rows: [[Value]]) throws(TableError) {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: rows.count) }
        for (rowIndex, row) in rows.enumerated() {
            guard row.count == builders.count else {
                throw .rowLengthMismatch(row: rowIndex, expected: builders.count, found: row.count)
            }
            for (column, value) in row.enumerated() where !builders[column].append(value) {
                throw .valueTypeMismatch(row: rowIndex, expected: builders[column].type)
            }
        }
        try self.init(schema: schema, columns: builders.map { $0.finish() })
    }

    /// An empty table with the given schema.
    public init(emptyWith schema: Schema) {
        // Cannot fail: every builder matches its field and all are empty.
        self.schema = schema
        self.columns = schema.fields.map { ColumnBuilder(type: $0.type).finish() }
        self.rowCount = 0
    }

    /// The number of columns.
    public var columnCount: Int { columns.count }

    /// The data of the column called `name`, or `nil`.
    public func column(named name: String) -> ColumnData? {
        schema.index(of: name).map { columns[$0] }
    }

    /// The cell at `row` in the column called `name`; `.missing` for an unknown name.
    public subscript(row: Int, name: String) -> Value {
        column(named: name)?.value(at: row) ?? .missing
    }

    /// The cells of one row, boxed, in column order.
    public func row(_ index: Int) -> [Value] {
        columns.map { $0.value(at: index) }
    }
}

extension Table {
    /// A table with only the named columns, in the order given.
    ///
    /// - Throws: ``TableError/unknownField(_:)`` for a name the schema lacks.
    public func selecting(_ names: [String]) throws(TableError) -> Table {
        var fields: [Field] = []
        var data: [ColumnData] = []
        for name in names {
            guard let index = schema.index(of: name) else { throw .unknownField(name) }
            fields.append(schema.fields[index])
            data.append(columns[index])
        }
        let kept = Set(names)
        var subSchema = schema
        subSchema.fields = fields
        subSchema.primaryKey = schema.primaryKey.allSatisfy(kept.contains) ? schema.primaryKey : []
        return try Table(schema: subSchema, columns: data)
    }

    /// This table with `column` replaced by `data`, which must hold as many rows,
    /// and its field changed by `edit` (to say what was done to it, or give its new
    /// type): the field's values must have the field's type.
    ///
    /// ```swift
    /// let coded = try table.replacing("income", with: capped) { $0.description = "Top-coded." }
    /// ```
    ///
    /// - Throws: ``TableError/unknownField(_:)`` for a name the schema lacks, or
    ///   what ``init(schema:columns:)`` throws for data that does not fit.
    public func replacing(_ column: String, with data: ColumnData,
                          editingField edit: (inout Field) -> Void = { _ in }) throws(TableError) -> Table {
        guard let index = schema.index(of: column) else { throw .unknownField(column) }
        var schema = schema
        edit(&schema.fields[index])
        var columns = columns
        columns[index] = data
        return try Table(schema: schema, columns: columns)
    }

    /// The rows at `indices`, in that order (an index may repeat).
    ///
    /// A large table's columns are gathered on all cores: writing the published
    /// rows of 3 million (UCI Adult a hundred times) gathered them on one core
    /// while the other waited.
    public func gathering(rows indices: [Int]) -> Table {
        let columns = columns
        let gathered = indices.count < Self.rowsToGatherConcurrently
            ? columns.map { $0.gathering(indices) }
            : concurrentMap(columns.count) { columns[$0].gathering(indices) }
        // Cannot fail: same schema, every column gathered to the same length.
        return try! Table(schema: schema, columns: gathered)
    }

    /// From this many rows on, ``gathering(rows:)`` shares the columns out over the cores.
    static let rowsToGatherConcurrently = 1 << 16

    /// The rows for which `isIncluded` returns `true`, in their order.
    public func filtering(_ isIncluded: (Int) throws -> Bool) rethrows -> Table {
        var kept: [Int] = []
        for row in 0..<rowCount where try isIncluded(row) { kept.append(row) }
        return gathering(rows: kept)
    }

    /// The rows ordered by the given columns; missing values sort first. The sort is
    /// stable, so rows that tie keep their order.
    public func sorted(by keys: [SortKey]) throws(TableError) -> Table {
        var resolved: [(ColumnData, Bool)] = []
        for key in keys {
            guard let column = column(named: key.field) else { throw .unknownField(key.field) }
            resolved.append((column, key.ascending))
        }
        let order = Array(0..<rowCount).sorted { a, b in
            for (column, ascending) in resolved {
                let comparison = column.compare(a, b)
                if comparison != 0 { return ascending ? comparison < 0 : comparison > 0 }
            }
            return a < b
        }
        return gathering(rows: order)
    }

    /// This table's rows followed by `other`'s; the schemas must have the same field
    /// names and types.
    public func appending(_ other: Table) throws(TableError) -> Table {
        try Table.concatenating([self, other])
    }
}

extension Table {
    /// The rows of `parts`, one after the other, as one table. All parts must have
    /// the same field names and types; text dictionaries are merged (codes
    /// renumbered), so the result is as compact as if it had been built in one go.
    ///
    /// The parts are consumed: the first part's column buffers grow in place, so a
    /// caller that passes its only copies (`Table.concatenating(consume parts)`)
    /// pays for appending the other parts, not for copying the first.
    public static func concatenating(_ parts: consuming [Table]) throws(TableError) -> Table {
        var schema: Schema?
        var columnSets: [[ColumnData]] = []
        for part in parts {
            if let schema, part.schema.fieldNames != schema.fieldNames
                || part.schema.fields.map(\.type) != schema.fields.map(\.type) {
                throw .schemaMismatch
            }
            schema = schema ?? part.schema
            columnSets.append(part.columns)
        }
        parts = []
        guard let schema else { throw .schemaMismatch }
        var merged: [ColumnData] = []
        for index in schema.fields.indices {
            // Move the first part's column out so that its buffers are uniquely owned.
            var base = columnSets[0][index]
            columnSets[0][index] = ColumnData(storage: .integer([]), missing: MissingMask())
            for set in columnSets.dropFirst() {
                base.append(set[index])
            }
            merged.append(base)
        }
        return try Table(schema: schema, columns: merged)
    }
}

extension ColumnData {
    /// Appends the rows of `other`, which has the same type.
    mutating func append(_ other: ColumnData) {
        missing.append(contentsOf: other.missing)
        let storage = self.storage
        self.storage = .integer([])  // drop the second reference to the buffers
        switch (storage, other.storage) {
        case (.integer(var mine), .integer(let theirs)):
            mine.append(contentsOf: theirs)
            self.storage = .integer(mine)
        case (.number(var mine), .number(let theirs)):
            mine.append(contentsOf: theirs)
            self.storage = .number(mine)
        case (.date(var mine), .date(let theirs)):
            mine.append(contentsOf: theirs)
            self.storage = .date(mine)
        case (.boolean(var mine), .boolean(let theirs)):
            mine.append(contentsOf: theirs)
            self.storage = .boolean(mine)
        case (.text(var codes, var dictionary), .text(let theirCodes, let theirDictionary)):
            if dictionary.isDeduplicated && theirDictionary.isDeduplicated {
                // Renumber through this dictionary: one lookup per distinct text.
                let remap = dictionary.merge(theirDictionary)
                codes.append(contentsOf: theirCodes.lazy.map { remap[Int($0)] })
            } else {
                let shift = dictionary.appendAll(theirDictionary)
                codes.append(contentsOf: theirCodes.lazy.map { $0 + shift })
            }
            self.storage = .text(codes: codes, dictionary: dictionary)
        default:
            preconditionFailure("appending a \(other.type) column to a \(type) column")
        }
    }
}

/// One column to sort by, and the direction.
public struct SortKey: Sendable, Hashable {
    /// The column name.
    public var field: String
    /// Smallest first when `true`.
    public var ascending: Bool

    /// Creates a sort key.
    public init(_ field: String, ascending: Bool = true) {
        self.field = field
        self.ascending = ascending
    }
}

extension ColumnData {
    /// Compares two rows of this column: negative, zero or positive. Missing sorts
    /// first; text compares by Unicode scalar values.
    public func compare(_ a: Int, _ b: Int) -> Int {
        let missingA = missing.isMissing(a), missingB = missing.isMissing(b)
        if missingA || missingB { return missingA == missingB ? 0 : (missingA ? -1 : 1) }
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch storage {
        case .integer(let v): return order(v[a], v[b])
        case .number(let v): return order(v[a], v[b])
        case .date(let v): return order(v[a], v[b])
        case .boolean(let v): return order(v[a] ? 1 : 0, v[b] ? 1 : 0)
        case .text(let codes, let dictionary):
            // Distinct codes hold distinct UTF-8 bytes, hence distinct scalars.
            if codes[a] == codes[b] { return 0 }
            let x = dictionary[codes[a]], y = dictionary[codes[b]]
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1
        }
    }
}
