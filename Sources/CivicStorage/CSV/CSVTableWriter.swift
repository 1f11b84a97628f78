import CivicModels
import Foundation
import Synchronization

/// Writes a `Table` as CSV: header, then one record per row, in the dialect given.
///
/// Integers and dates are written in the canonical form ``CSVTableReader`` reads
/// back; numbers in their shortest exact form with the dialect's decimal mark; a
/// missing value as an empty field. Each distinct text is encoded once, so a column
/// of repeated values costs little.
///
/// ```swift
/// try CSVTableWriter.write(table, to: url, dialect: .germanExcel)
/// ```
public enum CSVTableWriter {
    /// Writes `table` to `url` atomically; in a `set`, together with the set's
    /// other files when the set commits.
    ///
    /// Large tables are rendered on all cores, a run of rows per core at a time,
    /// and written in order: rendering, not the file, is most of the work (one
    /// core wrote 3 million rows of UCI Adult in 0.9 s).
    public static func write(_ table: Table, to url: URL, dialect: CSVDialect = .standard, permissions: Int? = nil,
                             in set: AtomicFileSet? = nil) throws(CSVError) {
        let writer = try CSVWriter(url: url, dialect: dialect, permissions: permissions, in: set)
        if dialect.hasHeader { try writer.writeRecord(table.schema.fieldNames) }
        let parser = CSVValueParser(decimalSeparator: dialect.decimalSeparator)
        let renderers = table.schema.fields.enumerated().map { index, field in
            ColumnRenderer(column: table.columns[index], field: field, parser: parser)
        }
        let rows = table.rowCount, firstLine = dialect.hasHeader ? 2 : 1
        let workers = rows > rowsPerRun ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
        // Each worker keeps its own renderers, with their caches of encoded texts,
        // and its own output buffer, reused from run to run (fresh memory for every
        // run cost a page fault per 4 KB written).
        let idle = Mutex([Worker](repeating: Worker(renderers: renderers), count: workers))
        let encoder = CSVEncoder(dialect: dialect)
        var start = 0
        while start < rows {
            let runs = stride(from: start, to: min(rows, start + workers * rowsPerRun), by: rowsPerRun)
                .map { $0..<min(rows, $0 + rowsPerRun) }
            DispatchQueue.concurrentPerform(iterations: runs.count) { index in
                var worker = idle.withLock { all in
                    defer { all[index] = Worker(renderers: []) }
                    return all[index]
                }
                worker.render(runs[index], encoder: encoder, firstLine: firstLine)
                idle.withLock { $0[index] = worker }
            }
            // In order, so that an error names the first row that has one.
            for (index, run) in runs.enumerated() {
                let rendered = idle.withLock { all in
                    defer { all[index].output = .success([]) }
                    return all[index].output
                }
                try writer.writeRendered(rendered, records: run.count)
                idle.withLock { $0[index].output = rendered }
            }
            start = runs.last!.upperBound
        }
        try writer.finish()
    }

    /// The rows a worker renders at a time: about a megabyte of output. With runs
    /// of 32,768 rows the writes came in bursts the page cache throttled, and
    /// writing to disk took longer than on one core (1.8 to 2.4 s against 1.3 to
    /// 1.5 s for a million cases); with these it takes 1.0 s.
    package static let rowsPerRun = 4_096

    /// What renders runs of rows on one core: a renderer per column, and the bytes
    /// of the last run (or the error it met).
    private struct Worker: Sendable {
        var renderers: [ColumnRenderer]
        var output: Result<[UInt8], CSVError> = .success([])

        /// Renders the records of `rows` into ``output``; the table's first row is
        /// on `firstLine`.
        mutating func render(_ rows: Range<Int>, encoder: CSVEncoder, firstLine: Int) {
            let separator = encoder.dialect.separator, lineEnding = encoder.dialect.lineEnding.bytes
            var bytes = (try? output.get()) ?? []
            output = .success([])
            bytes.removeAll(keepingCapacity: true)
            do {
                // One uniqueness check of the renderers for the run, not one per cell.
                try renderers.withUnsafeMutableBufferPointer { (renderers) throws(CSVError) in
                    for row in rows {
                        let line = firstLine + row
                        for index in renderers.indices {
                            if index > 0 { bytes.append(separator) }
                            try renderers[index].append(row: row, to: &bytes, encoder: encoder, line: line,
                                                        column: index + 1)
                        }
                        bytes.append(contentsOf: lineEnding)
                    }
                }
                output = .success(bytes)
            } catch {
                output = .failure(error)
            }
        }
    }

    /// Renders the table as CSV text in memory; for small tables and tests.
    public static func string(_ table: Table, dialect: CSVDialect = .standard) throws(CSVError) -> String {
        let encoder = CSVEncoder(dialect: dialect)
        var output: [UInt8] = []
        let parser = CSVValueParser(decimalSeparator: dialect.decimalSeparator)
        if dialect.hasHeader { try encoder.encode(table.schema.fieldNames, into: &output, line: 1) }
        for row in 0..<table.rowCount {
            let fields = table.schema.fields.enumerated().map { index, field in
                parser.format(table.columns[index].value(at: row), field: field)
            }
            try encoder.encode(fields, into: &output, line: row + 2)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Renders one column's cells into CSV bytes, caching the encoded form of each text.
///
/// The column's typed array is taken out of its storage once, so that rendering a
/// cell reads a stored array instead of matching the storage enum (which retained
/// and released the array for every cell); numbers and dates are written as digits
/// straight into the output, without a `String` per cell.
private struct ColumnRenderer: Sendable {
    private enum Kind { case integer, number, isoDate, germanDate, boolean, text }

    private let kind: Kind
    private let missing: MissingMask
    private let integers: [Int64]
    private let numbers: [Double]
    private let days: [Int32]
    private let booleans: [Bool]
    private let codes: [UInt32]
    private let dictionary: TextDictionary
    private let parser: CSVValueParser
    /// For deduplicated text: each dictionary entry's encoded bytes, made on first use
    /// (so an encoding error names the first row that has the text).
    private var encodedTexts: [UInt8] = []
    private var encodedStart: [Int] = []
    private var encodedEnd: [Int] = []

    init(column: ColumnData, field: Field, parser: CSVValueParser) {
        self.parser = parser
        missing = column.missing
        var integers: [Int64] = [], numbers: [Double] = [], days: [Int32] = [], booleans: [Bool] = []
        var codes: [UInt32] = [], dictionary = TextDictionary()
        switch column.storage {
        case .integer(let values): kind = .integer; integers = values
        case .number(let values): kind = .number; numbers = values
        case .date(let values):
            kind = CSVValueParser.isGermanDate(field) ? .germanDate : .isoDate
            days = values
        case .boolean(let values): kind = .boolean; booleans = values
        case .text(let values, let texts):
            kind = .text
            codes = values
            dictionary = texts
            if texts.isDeduplicated {
                encodedStart = [Int](repeating: -1, count: texts.count)
                encodedEnd = [Int](repeating: -1, count: texts.count)
            }
        }
        (self.integers, self.numbers, self.days, self.booleans) = (integers, numbers, days, booleans)
        (self.codes, self.dictionary) = (codes, dictionary)
    }

    @inline(__always)
    mutating func append(row: Int, to output: inout [UInt8], encoder: CSVEncoder, line: Int, column index: Int) throws(CSVError) {
        if missing.isMissing(row) { return }
        switch kind {
        case .integer:
            DigitWriter.append(integers[row], to: &output)
        case .text:
            try appendText(code: codes[row], to: &output, encoder: encoder, line: line, column: index)
        case .isoDate, .germanDate:
            DigitWriter.append(date: CivicDate(daysSinceEpoch: days[row]), german: kind == .germanDate, to: &output)
        case .number:
            let value = numbers[row]
            if value == value.rounded(), abs(value) < 1e15 {
                DigitWriter.append(Int64(value), to: &output)
            } else {
                try withUTF8Bytes(of: parser.formatNumber(value)) { (bytes) throws(CSVError) in
                    try encoder.appendField(bytes, to: &output, line: line, column: index)
                }
            }
        case .boolean:
            output.append(contentsOf: booleans[row] ? Self.trueBytes : Self.falseBytes)
        }
    }

    private static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)

    @inline(__always)
    private mutating func appendText(code: UInt32, to output: inout [UInt8], encoder: CSVEncoder,
                                     line: Int, column index: Int) throws(CSVError) {
        guard dictionary.isDeduplicated else {
            // Mostly distinct texts: caching their encoded form would not pay.
            try dictionary.withUTF8(code) { (bytes) throws(CSVError) in
                try encoder.appendField(bytes, to: &output, line: line, column: index)
            }
            return
        }
        let entry = Int(code)
        if encodedStart[entry] < 0 {
            encodedStart[entry] = encodedTexts.count
            try dictionary.withUTF8(code) { (bytes) throws(CSVError) in
                try encoder.appendField(bytes, to: &encodedTexts, line: line, column: index)
            }
            encodedEnd[entry] = encodedTexts.count
        }
        let start = encodedStart[entry], end = encodedEnd[entry]
        encodedTexts.withUnsafeBufferPointer { texts in
            output.append(contentsOf: UnsafeBufferPointer(rebasing: texts[start..<end]))
        }
    }
}

/// Writes integers and dates as ASCII digits, the same text as `String(_:)` and
/// `CivicDate.isoString` give, without making a string.
private enum DigitWriter {
    /// Appends `value` in decimal.
    @inline(__always)
    static func append(_ value: Int64, to output: inout [UInt8]) {
        // Twenty bytes hold the longest Int64 with its sign; digits fill from the end.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var magnitude = value.magnitude
            var start = 24
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<24]))
        }
    }

    /// Appends `date` as `YYYY-MM-DD`, or `DD.MM.YYYY` when `german`.
    @inline(__always)
    static func append(date: CivicDate, german: Bool, to output: inout [UInt8]) {
        let (year, month, day) = date.components
        guard (0...9999).contains(year) else {
            // Outside four digits the padding rules of the string forms apply.
            output.append(contentsOf: (german ? date.germanString : date.isoString).utf8)
            return
        }
        var text: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &text) { buffer in
            func put(_ value: Int, width: Int, at offset: Int) {
                var value = value
                for k in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
                    value /= 10
                }
            }
            if german {
                put(day, width: 2, at: 0)
                buffer[2] = UInt8(ascii: ".")
                put(month, width: 2, at: 3)
                buffer[5] = UInt8(ascii: ".")
                put(year, width: 4, at: 6)
            } else {
                put(year, width: 4, at: 0)
                buffer[4] = UInt8(ascii: "-")
                put(month, width: 2, at: 5)
                buffer[7] = UInt8(ascii: "-")
                put(day, width: 2, at: 8)
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<10]))
        }
    }
}
