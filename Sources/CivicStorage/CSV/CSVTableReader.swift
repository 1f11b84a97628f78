import CivicModels
import Foundation

/// Loads a CSV file into a `Table`, inferring the schema or checking a given one.
///
/// Without a schema, the header names the fields and a sample of the first rows
/// decides each field's type (see ``Options/inferenceRows``). If a later value does
/// not fit the inferred type, that column becomes text: its earlier values are
/// written back as text in canonical form (integers and dates exactly as in the
/// file; numbers in their shortest form, so `1,50` becomes `1.5`).
///
/// With a schema, every header name must be a field and every field a header name
/// (in any order); a value that does not fit its field's type is an error naming
/// line, column and field (or, in lenient mode, a rejected row).
///
/// ```swift
/// let result = try CSVTableReader.read(url, options: .init())
/// print(result.table.rowCount, result.dialect.separatorName)
/// ```
public enum CSVTableReader {
    /// How to read.
    public struct Options: Sendable {
        /// The dialect; `nil` to sniff it.
        public var dialect: CSVDialect?
        /// The schema to check against; `nil` to infer one.
        public var schema: Schema?
        /// How many rows decide the inferred types.
        public var inferenceRows: Int
        /// Cell texts that mean "missing" when inferring (a given schema brings its own).
        public var missingValues: [String]
        /// Where to write rejected rows; `nil` for strict mode (the first bad row is an
        /// error).
        public var rejectsURL: URL?
        /// Called now and then with the number of rows read, for progress displays.
        public var progress: (@Sendable (Int) -> Void)?
        /// Whether `CSVTableReader.read(_:options:)` may use several threads.
        public var parallelism: Parallelism = .automatic
        /// The longest record accepted, in bytes (see `CSVReader.maximumRecordBytes`).
        public var maximumRecordBytes = CSVReader.defaultMaximumRecordBytes

        /// How many threads a load may use.
        public enum Parallelism: Sendable, Hashable {
            /// All cores for UTF-8 files of 16 MB or more, one thread otherwise.
            case automatic
            /// One thread.
            case sequential
            /// This many byte ranges in parallel, whatever the file's size (for tests
            /// and tuning); still one thread where parallel loading does not apply.
            case parallel(segments: Int)
        }

        /// Creates options; the defaults sniff, infer from 10,000 rows and are strict.
        public init(dialect: CSVDialect? = nil, schema: Schema? = nil, inferenceRows: Int = 10_000,
                    missingValues: [String] = [""], rejectsURL: URL? = nil,
                    progress: (@Sendable (Int) -> Void)? = nil) {
            self.dialect = dialect
            self.schema = schema
            self.inferenceRows = inferenceRows
            self.missingValues = missingValues
            self.rejectsURL = rejectsURL
            self.progress = progress
        }
    }

    /// What was read.
    public struct Result: Sendable {
        /// The table.
        public var table: Table
        /// The dialect, sniffed or given.
        public var dialect: CSVDialect
        /// How many rows were rejected in lenient mode.
        public var rejectedRows: Int
        /// Into how many byte ranges the file was cut to load on several threads (1:
        /// read sequentially).
        public var parallelRanges: Int = 1
    }

    /// Reads the CSV file at `url`.
    ///
    /// - Throws: ``CSVError`` for unreadable or malformed files and values that do
    ///   not fit a given schema; in lenient mode only for unreadable files.
    public static func read(_ url: URL, options: Options = Options()) throws(CSVError) -> Result {
        if let result = ParallelCSVLoad.readIfWorthwhile(url, options: options) { return result }
        let reader = try CSVReader(url: url, dialect: options.dialect, maximumRecordBytes: options.maximumRecordBytes)
        return try read(reader, options: options)
    }

    /// Reads CSV held in memory (for tests and small data).
    public static func read(bytes: [UInt8], name: String? = nil, options: Options = Options()) throws(CSVError) -> Result {
        let reader = try CSVReader(bytes: bytes, name: name, dialect: options.dialect,
                                   maximumRecordBytes: options.maximumRecordBytes)
        return try read(reader, options: options)
    }

    /// Reads the remaining records of an open reader.
    public static func read(_ reader: CSVReader, options: Options) throws(CSVError) -> Result {
        var rejects: RejectsFile?
        if let rejectsURL = options.rejectsURL {
            do { rejects = try RejectsFile(url: rejectsURL, dialect: reader.dialect) }
            catch { throw CSVError(.io("\(error)"), file: rejectsURL.path) }
            reader.badRecordHandler = { [rejects] bad in rejects?.add(bad) }
        }
        var table = Table(emptyWith: Schema(fields: []))
        let rejected = try run(reader, options: options, batchRows: nil) { table = $0 }
        return Result(table: table, dialect: reader.dialect, rejectedRows: rejected)
    }

    /// What a batched read saw.
    public struct BatchSummary: Sendable {
        /// The dialect, sniffed or given.
        public var dialect: CSVDialect
        /// How many rows were rejected in lenient mode.
        public var rejectedRows: Int
    }

    /// Reads the file at `url` in batches of at most `batchRows` rows and hands each
    /// batch to `body` as a table, so that a file of any size can be processed in
    /// little memory. All batches share one schema; `body` is called at least once
    /// (with an empty table for a file without rows).
    ///
    /// Without a given schema the types come from the first rows as usual; a later
    /// value that does not fit them is an error here (earlier batches are gone), which
    /// ``CSVError/Kind/inferredTypeMismatch(expected:inferenceRows:)`` explains.
    public static func readBatches(_ url: URL, options: Options = Options(), batchRows: Int = 1 << 16,
                                   _ body: (Table) throws -> Void) throws -> BatchSummary {
        let reader = try CSVReader(url: url, dialect: options.dialect, maximumRecordBytes: options.maximumRecordBytes)
        let rejected = try run(reader, options: options, batchRows: max(1, batchRows), emit: body)
        return BatchSummary(dialect: reader.dialect, rejectedRows: rejected)
    }

    /// Runs a load, with or without batches; returns the number of rejected rows.
    private static func run(_ reader: CSVReader, options: Options, batchRows: Int?,
                            emit: (Table) throws -> Void) throws(CSVError) -> Int {
        var rejects: RejectsFile?
        if let rejectsURL = options.rejectsURL {
            do { rejects = try RejectsFile(url: rejectsURL, dialect: reader.dialect) }
            catch { throw CSVError(.io("\(error)"), file: rejectsURL.path) }
            reader.badRecordHandler = { [rejects] bad in rejects?.add(bad) }
        }
        var loader = try Loader(reader: reader, options: options, batchRows: batchRows)
        do {
            try loader.run(rejectRow: rejects.map { file in { file.add($0) } }, emit: emit)
        } catch let error as CSVError {
            throw error
        } catch {
            throw CSVError(.io("\(error)"), file: reader.sourceName)
        }
        if let rejects {
            do { try rejects.finish() } catch { throw CSVError(.io("\(error)"), file: options.rejectsURL?.path) }
        }
        return rejects?.count ?? 0
    }
}

/// Where a load takes its records from: a CSV file, or the rows of another format
/// (an XLSX sheet) handed over as text fields, so that both infer types alike.
protocol TableRecordSource: AnyObject {
    /// The dialect whose decimal mark numbers use.
    var dialect: CSVDialect { get }
    /// The name that errors give.
    var sourceName: String? { get }
    /// The column names, if the source has a header.
    var header: [String]? { get }
    /// Passes the next record to `body`; `nil` at the end.
    func nextRecord<R>(_ body: (CSVRecord) throws -> R) throws -> R?
}

extension CSVReader: TableRecordSource {}

/// The state of one load: the header mapping, the builders, the inference sample.
struct Loader<Source: TableRecordSource> {
    let reader: Source
    let options: CSVTableReader.Options
    let parser: CSVValueParser
    var names: [String]
    /// For each file column, the index of its field (and builder).
    var fieldIndexOfColumn: [Int]
    var schema: Schema?
    /// Whether the schema was inferred (then a misfit widens a column to text).
    let inferring: Bool
    /// The batch size, or `nil` to build one table.
    let batchRows: Int?
    var builders: [ColumnBuilder] = []
    let missingMarkers: [[UInt8]]
    /// Whether an empty field is missing (the default): tested before the markers.
    let emptyIsMissing: Bool
    /// The markers other than the empty text, usually none.
    let nonEmptyMissingMarkers: [[UInt8]]
    /// The state the per-cell path writes: one reference, set up once per load.
    var row: RowState

    enum ParsedCell {
        case missing, integer(Int64), number(Double), date(CivicDate), boolean(Bool), text
    }

    /// How the cells of one file column are parsed, decided once from the field, so
    /// that the per-cell path reads one byte instead of the builder and the field.
    enum CellKind: UInt8 {
        case integer, number, isoDate, germanDate, boolean, text

        init(_ field: Field) {
            switch field.type {
            case .integer: self = .integer
            case .number: self = .number
            case .date: self = CSVValueParser.isGermanDate(field) ? .germanDate : .isoDate
            case .boolean: self = .boolean
            case .string: self = .text
            }
        }
    }

    /// The loader's per-record state: each column's parsed cell, its kind and its
    /// builder's index. In a class with manually managed (unsafe) storage because
    /// the per-cell writes into arrays held by the (inout) loader struct each checked
    /// the array's uniqueness, and the cell's type was read from the builder and its
    /// field (a copy of the `Field`): in profiles of a 2,000,000-row load the
    /// loader's own share fell from about 14 % to 8 % of the CPU time with this.
    final class RowState {
        let count: Int
        let cells: UnsafeMutablePointer<ParsedCell>
        let kinds: UnsafeMutablePointer<CellKind>
        let fieldIndices: UnsafeMutablePointer<Int>

        init(columns: Int) {
            count = columns
            cells = .allocate(capacity: max(columns, 1))
            cells.initialize(repeating: .missing, count: max(columns, 1))
            kinds = .allocate(capacity: max(columns, 1))
            kinds.initialize(repeating: .text, count: max(columns, 1))
            fieldIndices = .allocate(capacity: max(columns, 1))
            fieldIndices.initialize(repeating: 0, count: max(columns, 1))
        }

        /// Takes each column's kind and builder from the schema and the mapping.
        func configure(schema: Schema, fieldIndexOfColumn: [Int]) {
            for column in 0..<min(count, fieldIndexOfColumn.count) {
                fieldIndices[column] = fieldIndexOfColumn[column]
                kinds[column] = CellKind(schema.fields[fieldIndexOfColumn[column]])
            }
        }

        deinit {
            cells.deallocate()
            kinds.deallocate()
            fieldIndices.deallocate()
        }
    }

    init(reader: Source, options: CSVTableReader.Options, batchRows: Int?) throws(CSVError) {
        self.reader = reader
        self.options = options
        self.batchRows = batchRows
        self.parser = CSVValueParser(decimalSeparator: reader.dialect.decimalSeparator)
        self.inferring = options.schema == nil
        let file = reader.sourceName
        names = reader.header ?? options.schema?.fieldNames ?? []
        if reader.header != nil {
            var seen = Set<String>()
            for (index, name) in names.enumerated() {
                if name.isEmpty { throw CSVError(.emptyColumnName, file: file, line: 1, column: index + 1) }
                if !seen.insert(name).inserted {
                    throw CSVError(.duplicateColumn(name), file: file, line: 1, column: index + 1)
                }
            }
        }
        if let schema = options.schema {
            var mapping: [Int] = []
            for (index, name) in names.enumerated() {
                guard let fieldIndex = schema.index(of: name) else {
                    throw CSVError(.unexpectedColumn(name), file: file, line: 1, column: index + 1)
                }
                mapping.append(fieldIndex)
            }
            let present = Set(names)
            if let absent = schema.fields.first(where: { !present.contains($0.name) }) {
                throw CSVError(.missingColumn(absent.name), file: file, line: 1)
            }
            fieldIndexOfColumn = mapping
            self.schema = schema
            missingMarkers = schema.missingValues.map { Array($0.utf8) }
            builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: 1024) }
        } else {
            fieldIndexOfColumn = Array(names.indices)
            missingMarkers = options.missingValues.map { Array($0.utf8) }
        }
        emptyIsMissing = missingMarkers.contains { $0.isEmpty }
        nonEmptyMissingMarkers = missingMarkers.filter { !$0.isEmpty }
        row = RowState(columns: names.count)
        if let schema { row.configure(schema: schema, fieldIndexOfColumn: fieldIndexOfColumn) }
    }

    /// What another thread needs to load a range of the same file: the header
    /// mapping and the schema, without the reader.
    struct Plan: Sendable {
        let parser: CSVValueParser
        let inferring: Bool
        let names: [String]
        let fieldIndexOfColumn: [Int]
        let schema: Schema?
        let missingMarkers: [[UInt8]]
        /// Empty builders sized from the sample (capacity only, no rows).
        var builders: [ColumnBuilder]
    }

    /// This load's plan, with builders sized for `expectedRows` rows.
    func plan(expectedRows: Int) -> Plan {
        Plan(parser: parser, inferring: inferring, names: names, fieldIndexOfColumn: fieldIndexOfColumn,
             schema: schema, missingMarkers: missingMarkers,
             builders: builders.map { $0.emptyCopy(reserving: expectedRows) })
    }

    /// A loader for one byte range of a file, following another load's plan.
    init(segment reader: Source, plan: Plan, options: CSVTableReader.Options) {
        self.reader = reader
        self.options = options
        self.batchRows = nil
        self.parser = plan.parser
        self.inferring = plan.inferring
        self.names = plan.names
        self.fieldIndexOfColumn = plan.fieldIndexOfColumn
        self.schema = plan.schema
        self.missingMarkers = plan.missingMarkers
        self.emptyIsMissing = plan.missingMarkers.contains { $0.isEmpty }
        self.nonEmptyMissingMarkers = plan.missingMarkers.filter { !$0.isEmpty }
        self.builders = plan.builders
        self.row = RowState(columns: plan.names.count)
        if let schema = plan.schema { row.configure(schema: schema, fieldIndexOfColumn: plan.fieldIndexOfColumn) }
    }

    /// Infers the schema from the sample (when there is no given one) and stops.
    mutating func prepareSchema() throws {
        if inferring && schema == nil { try inferSchemaFromSample() }
    }

    @inline(__always)
    func isMissing(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        if field.isEmpty { return emptyIsMissing }
        if nonEmptyMissingMarkers.isEmpty { return false }
        for marker in nonEmptyMissingMarkers where marker.count == field.count {
            if marker.elementsEqual(field) { return true }
        }
        return false
    }

    mutating func run(rejectRow: ((CSVBadRecord) -> Void)?, emit: (Table) throws -> Void) throws {
        try prepareSchema()
        var rows = builders.first?.count ?? 0
        var emitted = false
        while let problem = try reader.nextRecord({ record in
            consume(record).map { error in (error, record.strings) }
        }) {
            if let (error, fields) = problem {
                guard let rejectRow else { throw error }
                var raw: [UInt8] = []
                try CSVEncoder(dialect: reader.dialect).encode(fields, into: &raw, line: 0)
                rejectRow(CSVBadRecord(error: error, rawBytes: raw))
                continue
            }
            rows += 1
            if rows & 0xFFFF == 0 { options.progress?(rows) }
            if let batchRows, !builders.isEmpty, builders[0].count >= batchRows {
                try emit(finishBatch())
                emitted = true
            }
        }
        if !emitted || (!builders.isEmpty && builders[0].count > 0) { try emit(try finishBatch()) }
        options.progress?(rows)
    }

    /// The rows collected so far as a table; the builders start afresh.
    private mutating func finishBatch() throws(CSVError) -> Table {
        guard let schema else { throw CSVError(.emptyFile, file: reader.sourceName) }
        let columns = builders.map { $0.finish() }
        builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: batchRows ?? 1024) }
        do { return try Table(schema: schema, columns: columns) } catch {
            preconditionFailure("builders follow the schema: \(error)")
        }
    }

    /// Reads up to `inferenceRows` records, infers the schema from them and appends them.
    private mutating func inferSchemaFromSample() throws {
        var sample: [[[UInt8]?]] = []
        var inference: CSVTypeInference?
        while sample.count < options.inferenceRows, let row = try reader.nextRecord({ record -> [[UInt8]?] in
            if inference == nil {
                if names.isEmpty { names = (1...record.count).map { "column_\($0)" } }
                inference = CSVTypeInference(columnCount: names.count, parser: parser)
            }
            return (0..<record.count).map { column -> [UInt8]? in
                let bytes = record[column]
                if isMissing(bytes) { return nil }
                inference!.observe(bytes, column: column)
                return Array(bytes)
            }
        }) {
            sample.append(row)
        }
        guard let inference else {
            if names.isEmpty { throw CSVError(.emptyFile, file: reader.sourceName) }
            schema = Schema(fields: names.map { Field($0, type: .string) }, missingValues: options.missingValues)
            builders = names.map { _ in ColumnBuilder(type: .string) }
            fieldIndexOfColumn = Array(names.indices)
            if row.count != names.count { row = RowState(columns: names.count) }
            row.configure(schema: schema!, fieldIndexOfColumn: fieldIndexOfColumn)
            return
        }
        let fields = inference.fields(names: names)
        schema = Schema(fields: fields, missingValues: options.missingValues)
        fieldIndexOfColumn = Array(names.indices)
        if row.count != names.count { row = RowState(columns: names.count) }
        row.configure(schema: schema!, fieldIndexOfColumn: fieldIndexOfColumn)
        builders = fields.map { ColumnBuilder(type: $0.type, capacity: max(1024, sample.count * 2)) }
        for row in sample {
            for (column, value) in row.enumerated() {
                guard let value else { builders[column].appendMissing(); continue }
                value.withUnsafeBufferPointer { bytes in
                    // The sample decided the types, so every sample value parses.
                    let cell = parse(bytes, kind: self.row.kinds[column]) ?? .text
                    Self.append(cell, bytes: bytes, to: &builders[column])
                }
            }
        }
    }

    /// Appends one record, or returns why it does not fit the given schema.
    ///
    /// Two passes: every cell is parsed first, so that a record that does not fit
    /// leaves the builders as they were; then the cells are appended.
    private mutating func consume(_ record: CSVRecord) -> CSVError? {
        if record.count != names.count {
            let kind: CSVError.Kind = record.count > names.count
                ? .tooManyFields(expected: names.count, found: record.count)
                : .tooFewFields(expected: names.count, found: record.count)
            return CSVError(kind, file: reader.sourceName, line: record.line)
        }
        let cells = row.cells, kinds = row.kinds
        for column in 0..<record.count {
            let bytes = record[column]
            if isMissing(bytes) { cells[column] = .missing; continue }
            if let cell = parse(bytes, kind: kinds[column]) {
                cells[column] = cell
            } else if inferring && batchRows == nil {
                widenToText(column: column)
                cells[column] = .text
            } else {
                let field = schema!.fields[fieldIndexOfColumn[column]]
                let kind: CSVError.Kind = inferring
                    ? .inferredTypeMismatch(expected: field.type, inferenceRows: options.inferenceRows)
                    : .typeMismatch(expected: field.type)
                return CSVError(kind, file: reader.sourceName, line: record.line, column: column + 1, field: field.name)
            }
        }
        let fieldIndices = row.fieldIndices
        builders.withUnsafeMutableBufferPointer { builders in
            for column in 0..<record.count {
                Self.append(cells[column], bytes: record[column], to: &builders[fieldIndices[column]])
            }
        }
        return nil
    }

    @inline(__always)
    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, kind: CellKind) -> ParsedCell? {
        switch kind {
        case .integer: return parser.integer(bytes).map(ParsedCell.integer)
        case .number: return parser.number(bytes).map(ParsedCell.number)
        case .isoDate: return parser.date(bytes, german: false).map(ParsedCell.date)
        case .germanDate: return parser.date(bytes, german: true).map(ParsedCell.date)
        case .boolean: return parser.boolean(bytes).map(ParsedCell.boolean)
        case .text: return .text
        }
    }

    @inline(__always)
    private static func append(_ cell: ParsedCell, bytes: UnsafeBufferPointer<UInt8>, to builder: inout ColumnBuilder) {
        switch cell {
        case .missing: builder.appendMissing()
        case .integer(let v): builder.append(integer: v)
        case .number(let v): builder.append(number: v)
        case .date(let v): builder.append(date: v)
        case .boolean(let v): builder.append(boolean: v)
        case .text: builder.append(utf8: bytes)
        }
    }

    /// Turns an inferred column into text after a value that does not fit its type.
    private mutating func widenToText(column: Int) {
        let index = fieldIndexOfColumn[column]
        let field = schema!.fields[index]
        builders[index] = ColumnBuilder(continuing: parser.textColumn(from: builders[index].finish(), field: field))
        schema!.fields[index] = Field(field.name, type: .string)
        row.kinds[column] = .text
    }
}

/// Collects rejected rows into a CSV file: line, reason, the record's text.
final class RejectsFile {
    private let file: AtomicFile
    private let writer: CSVEncoder
    private(set) var count = 0
    private var pending: [UInt8] = []

    init(url: URL, dialect: CSVDialect) throws {
        file = try AtomicFile(destination: url)
        var rejectsDialect = CSVDialect.standard
        rejectsDialect.separator = dialect.separator
        writer = CSVEncoder(dialect: rejectsDialect)
        try writer.encode(["line", "reason", "record"], into: &pending, line: 1)
    }

    func add(_ bad: CSVBadRecord) {
        count += 1
        var raw = String(decoding: bad.rawBytes, as: UTF8.self)
        while raw.hasSuffix("\n") || raw.hasSuffix("\r") { raw.removeLast() }
        let line = bad.error.line.map(String.init) ?? ""
        var reason = bad.error
        reason.file = nil
        reason.line = nil
        try? writer.encode([line, reason.message(in: .english), raw], into: &pending, line: count + 1)
    }

    func finish() throws {
        try file.write(pending)
        try file.commit()
    }
}
