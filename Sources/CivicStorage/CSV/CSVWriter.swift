import CivicModels
import Foundation

/// Turns fields into the bytes of one CSV record: quoting where needed, the
/// dialect's separator, line ending and encoding.
///
/// A field is quoted when it holds the separator, a quote, or a line break; quotes
/// inside are doubled (RFC 4180).
public struct CSVEncoder: Sendable {
    /// The dialect written.
    public let dialect: CSVDialect

    /// Creates an encoder.
    public init(dialect: CSVDialect) {
        self.dialect = dialect
    }

    /// Appends one record; `line` only serves error messages.
    ///
    /// - Throws: ``CSVError/Kind/unencodableCharacter`` when a character has no
    ///   Windows-1252 form.
    public func encode(_ fields: [String], into output: inout [UInt8], line: Int) throws(CSVError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(dialect.separator) }
            try withUTF8Bytes(of: field) { (bytes) throws(CSVError) in
                try appendField(bytes, to: &output, line: line, column: index + 1)
            }
        }
        output.append(contentsOf: dialect.lineEnding.bytes)
    }

    /// Appends one field (UTF-8 bytes), quoted if needed, in the target encoding.
    @inline(__always)
    package func appendField(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8],
                            line: Int = 0, column: Int = 0) throws(CSVError) {
        if dialect.neutralizesFormulas, Self.couldRunAsFormula(bytes) {
            // A leading quote makes a spreadsheet show the text instead of running it.
            let defused = [UInt8(ascii: "'")] + Array(bytes)
            var copy = dialect
            copy.neutralizesFormulas = false
            try defused.withUnsafeBufferPointer { (buffer) throws(CSVError) in
                try CSVEncoder(dialect: copy).appendField(buffer, to: &output, line: line, column: column)
            }
            return
        }
        let needsQuotes = Self.needsQuotes(bytes, separator: dialect.separator, quote: dialect.quote)
        if needsQuotes { output.append(dialect.quote) }
        if dialect.encoding == .utf8 || UTF8Validation.isASCII(bytes) {
            if needsQuotes {
                for byte in bytes {
                    if byte == dialect.quote { output.append(byte) }
                    output.append(byte)
                }
            } else {
                output.append(contentsOf: bytes)
            }
        } else {
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                guard let byte = Windows1252.encode(scalar) else {
                    throw CSVError(.unencodableCharacter, line: line, column: column)
                }
                if byte == dialect.quote { output.append(byte) }
                output.append(byte)
            }
        }
        if needsQuotes { output.append(dialect.quote) }
    }

    /// Whether a field holds the separator, a quote, LF or CR: eight bytes at a time
    /// (see ``CSVByteWord``), then byte by byte.
    @inline(__always)
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, quote: UInt8) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        var i = 0
        if n >= 8 {
            let separators = CSVByteWord.repeating(separator), quotes = CSVByteWord.repeating(quote)
            let lineBreaks = CSVByteWord.repeating(10), returns = CSVByteWord.repeating(13)
            while i + 8 <= n {
                let word = CSVByteWord.load(base + i)
                if CSVByteWord.matches(word, separators, quotes, lineBreaks) | CSVByteWord.matches(word, returns) != 0 {
                    return true
                }
                i += 8
            }
        }
        while i < n {
            let byte = base[i]
            if byte == separator || byte == quote || byte == 10 || byte == 13 { return true }
            i += 1
        }
        return false
    }

    /// Whether a spreadsheet could take `bytes` for a formula: it starts with `=`,
    /// `+`, `-`, `@`, tab or carriage return and is not a plain number.
    static func couldRunAsFormula(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13:
            return !isPlainNumber(bytes)
        default:
            return false
        }
    }

    /// An optional sign, digits, at most one decimal mark (`.` or `,`) between digits.
    private static func isPlainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { index = 1 }
        var digits = 0, marks = 0, lastWasDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                lastWasDigit = true
            } else if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")) && lastWasDigit && marks == 0 {
                marks += 1
                lastWasDigit = false
            } else {
                return false
            }
            index += 1
        }
        return digits > 0 && lastWasDigit
    }
}

/// Writes CSV records to a file, all or nothing.
///
/// Records go to a temporary file that ``finish()`` moves into place; a writer that
/// is dropped without `finish()` leaves no file behind (see ``AtomicFile``).
///
/// ```swift
/// let writer = try CSVWriter(url: url, dialect: .germanExcel)
/// try writer.writeRecord(["Name", "Bezirk"])
/// try writer.finish()
/// ```
public final class CSVWriter {
    private let file: AtomicFile
    private let encoder: CSVEncoder
    private var pending: [UInt8] = []
    private var line = 1
    private let path: String

    /// Creates a writer for `url`; with `dialect.writesByteOrderMark` (UTF-8 only) the
    /// file starts with a BOM. In a `set`, ``finish()`` hands the file to the set,
    /// which moves it into place together with the set's other files. `permissions`
    /// (such as `0o600` for personal data) apply to the file from its creation.
    public init(url: URL, dialect: CSVDialect = .standard, permissions: Int? = nil,
                in set: AtomicFileSet? = nil) throws(CSVError) {
        do { file = try AtomicFile(destination: url, permissions: permissions, in: set) } catch {
            throw CSVError(.io("\(error)"), file: url.path)
        }
        encoder = CSVEncoder(dialect: dialect)
        path = url.path
        if dialect.writesByteOrderMark && dialect.encoding == .utf8 { pending = [0xEF, 0xBB, 0xBF] }
        pending.reserveCapacity(1 << 20)
    }

    /// Writes one record.
    public func writeRecord(_ fields: [String]) throws(CSVError) {
        do { try encoder.encode(fields, into: &pending, line: line) } catch { throw located(error) }
        line += 1
        try flushIfFull()
    }

    /// Writes `records` records already rendered (or the error rendering them met).
    func writeRendered(_ rendered: Result<[UInt8], CSVError>, records: Int) throws(CSVError) {
        let bytes: [UInt8]
        do { bytes = try rendered.get() } catch { throw located(error) }
        if pending.count + bytes.count < 1 << 20 {
            pending += bytes
        } else {
            try flush()
            do { try file.write(bytes) } catch { throw CSVError(.io("\(error)"), file: path) }
        }
        line += records
    }

    private func located(_ error: CSVError) -> CSVError {
        var error = error
        error.file = path
        return error
    }

    private func flushIfFull() throws(CSVError) {
        if pending.count >= 1 << 20 { try flush() }
    }

    private func flush() throws(CSVError) {
        do { try file.write(pending) } catch { throw CSVError(.io("\(error)"), file: path) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is pending and moves the file into place.
    public func finish() throws(CSVError) {
        try flush()
        do { try file.commit() } catch { throw CSVError(.io("\(error)"), file: path) }
    }
}

/// Runs `body` on a string's UTF-8 bytes, keeping `body`'s typed error
/// (`String.withUTF8` would widen it to `any Error`).
func withUTF8Bytes<R>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) throws(CSVError) -> R) throws(CSVError) -> R {
    var string = string
    let result = string.withUTF8 { bytes in Result { () throws(CSVError) in try body(bytes) } }
    return try result.get()
}
