import CivicModels
import Foundation

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
    public static func write(_ table: Table, to url: URL, dialect: CSVDialect = .standard, permissions: Int? = nil,
                             in set: AtomicFileSet? = nil) throws(CSVError) {
        let writer = try CSVWriter(url: url, dialect: dialect, permissions: permissions, in: set)
        if dialect.hasHeader { try writer.writeRecord(table.schema.fieldNames) }
        let parser = CSVValueParser(decimalSeparator: dialect.decimalSeparator)
        var renderers = table.schema.fields.enumerated().map { index, field in
            ColumnRenderer(column: table.columns[index], field: field, parser: parser)
        }
        for row in 0..<table.rowCount {
            try writer.withPendingBytes { (output, encoder, line) throws(CSVError) in
                for index in renderers.indices {
                    if index > 0 { output.append(dialect.separator) }
                    try renderers[index].append(row: row, to: &output, encoder: encoder, line: line, column: index + 1)
                }
                output.append(contentsOf: dialect.lineEnding.bytes)
            }
        }
        try writer.finish()
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
private struct ColumnRenderer {
    let column: ColumnData
    let field: Field
    let parser: CSVValueParser
    /// For text columns: each dictionary entry's encoded bytes, made on first use
    /// (so an encoding error names the first row that has the text).
    var encodedTexts: [UInt8] = []
    var encodedStart: [Int] = []
    var encodedEnd: [Int] = []

    init(column: ColumnData, field: Field, parser: CSVValueParser) {
        self.column = column
        self.field = field
        self.parser = parser
        if case .text(_, let dictionary) = column.storage, dictionary.isDeduplicated {
            encodedStart = [Int](repeating: -1, count: dictionary.count)
            encodedEnd = [Int](repeating: -1, count: dictionary.count)
        }
    }

    @inline(__always)
    mutating func append(row: Int, to output: inout [UInt8], encoder: CSVEncoder, line: Int, column index: Int) throws(CSVError) {
        if column.missing.isMissing(row) { return }
        switch column.storage {
        case .integer(let values):
            appendInteger(values[row], to: &output)
        case .text(let codes, let dictionary):
            let code = Int(codes[row])
            guard dictionary.isDeduplicated else {
                // Mostly distinct texts: caching their encoded form would not pay.
                try dictionary.withUTF8(codes[row]) { (bytes) throws(CSVError) in
                    try encoder.appendField(bytes, to: &output, line: line, column: index)
                }
                return
            }
            if encodedStart[code] < 0 {
                encodedStart[code] = encodedTexts.count
                try dictionary.withUTF8(UInt32(code)) { (bytes) throws(CSVError) in
                    try encoder.appendField(bytes, to: &encodedTexts, line: line, column: index)
                }
                encodedEnd[code] = encodedTexts.count
            }
            output.append(contentsOf: encodedTexts[encodedStart[code]..<encodedEnd[code]])
        case .date(let days):
            let date = CivicDate(daysSinceEpoch: days[row])
            output.append(contentsOf: (CSVValueParser.isGermanDate(field) ? date.germanString : date.isoString).utf8)
        case .number(let values):
            try withUTF8Bytes(of: parser.formatNumber(values[row])) { (bytes) throws(CSVError) in
                try encoder.appendField(bytes, to: &output, line: line, column: index)
            }
        case .boolean(let values):
            output.append(contentsOf: (values[row] ? "true" : "false").utf8)
        }
    }

    @inline(__always)
    private func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value == 0 { output.append(UInt8(ascii: "0")); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var magnitude = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
        }
        if value < 0 { output.append(UInt8(ascii: "-")) }
        withUnsafeBytes(of: &digits) { buffer in
            for k in stride(from: count - 1, through: 0, by: -1) { output.append(buffer[k]) }
        }
    }
}
