import CivicModels
import Foundation

/// Reads a CSV file record by record, streaming, at the byte level.
///
/// The reader follows RFC 4180 (fields in double quotes may hold separators,
/// doubled quotes and line breaks) and accepts what real exports contain: a UTF-8
/// byte-order mark, LF, CRLF or CR line ends, `,` `;` or tab separators, UTF-8 or
/// Windows-1252 text. Blank lines are skipped. It reads the file in chunks, so a
/// file of any size needs only a small buffer.
///
/// Every record must have as many fields as the header (or, without a header, the
/// first record). A malformed record raises a ``CSVError`` that names line and
/// column; in lenient mode (``badRecordHandler`` set) the reader hands the record to
/// the handler instead and goes on.
///
/// ```swift
/// let reader = try CSVReader(url: url)              // dialect sniffed
/// print(reader.header ?? [])
/// while let name = try reader.nextRecord({ $0.string(0) }) { ... }
/// ```
///
/// A reader holds an open file and a mutable buffer: it is not `Sendable`; use it
/// from one task.
public final class CSVReader {
    /// The dialect in use, sniffed or given.
    public let dialect: CSVDialect
    /// The file name used in error messages.
    public let sourceName: String?
    /// The column names, if the dialect has a header.
    public private(set) var header: [String]?
    /// The number of fields every record must have.
    public private(set) var expectedFieldCount: Int?
    /// When set, malformed records go here and reading goes on (lenient mode);
    /// when `nil`, they raise an error (strict mode).
    public var badRecordHandler: ((CSVBadRecord) -> Void)?
    /// The number of records read so far, header excluded.
    public private(set) var recordCount = 0
    /// Whether every record must have as many fields as the first (default). Turn it
    /// off for files whose rows legitimately differ in length.
    public var requiresUniformFieldCount = true
    /// The longest record, in bytes, the reader accepts before it stops with
    /// ``CSVError/Kind/recordTooLong(limit:)``: a single unterminated quote or a
    /// hostile file would otherwise be held in memory whole.
    public let maximumRecordBytes: Int
    /// The default for ``maximumRecordBytes``: 64 MiB, far above any real record.
    public static let defaultMaximumRecordBytes = 64 << 20

    private var source: ByteSource
    /// Raw bytes taken from the source so far (for file offsets of UTF-8 input).
    private var rawBytesRead = 0
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEndOfInput = false
    private var nextLine = 1
    private var scratch: [UInt8] = []
    private var fields = FieldSpans()
    /// The buffer's bytes before this offset hold no NUL byte and (for UTF-8 input) are
    /// valid UTF-8, so the records in them need no check of their own.
    private var checkedEnd = 0
    private var readBuffer: [UInt8]

    /// Opens a CSV file. With `dialect` `nil` the dialect is sniffed from the first
    /// chunk (see ``CSVSniffer``).
    ///
    /// - Throws: ``CSVError`` when the file cannot be opened, is not a regular file
    ///   (a device such as `/dev/zero` or a pipe would never end), is empty, or its
    ///   header is malformed.
    public convenience init(url: URL, dialect: CSVDialect? = nil, chunkSize: Int = 1 << 20,
                            maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes) throws(CSVError) {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw CSVError(.io(String(cString: strerror(errno))), file: url.path)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw CSVError(.io("not a regular file"), file: url.path)
        }
        // Regular files never block; reading goes on in blocking mode as usual.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        try self.init(source: .file(descriptor), name: url.path, dialect: dialect, chunkSize: chunkSize,
                      maximumRecordBytes: maximumRecordBytes)
    }

    /// Reads the records in bytes `range` of a file, which must start at a record
    /// boundary; for parallel loading. The dialect must be given and has no header
    /// here; every record must have `fieldCount` fields.
    init(url: URL, byteRange range: Range<Int>, dialect: CSVDialect, fieldCount: Int,
         maximumRecordBytes: Int) throws(CSVError) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CSVError(.io(String(cString: strerror(errno))), file: url.path)
        }
        var segmentDialect = dialect
        segmentDialect.hasHeader = false
        self.dialect = segmentDialect
        self.sourceName = url.path
        self.source = .fileRange(descriptor, next: range.lowerBound, end: range.upperBound)
        self.readBuffer = [UInt8](repeating: 0, count: 1 << 20)
        self.expectedFieldCount = fieldCount
        self.maximumRecordBytes = maximumRecordBytes
    }

    /// The offset in the file of the next unread record (UTF-8 input only: after
    /// Windows-1252 decoding, buffer and file offsets differ).
    var fileOffsetOfNextRecord: Int {
        rawBytesRead - (buffer.count - position)
    }

    /// Reads CSV from bytes in memory; `name` appears in error messages.
    public convenience init(bytes: [UInt8], name: String? = nil, dialect: CSVDialect? = nil,
                            maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes) throws(CSVError) {
        try self.init(source: .memory(bytes), name: name, dialect: dialect, chunkSize: 1 << 20,
                      maximumRecordBytes: maximumRecordBytes)
    }

    /// Reads CSV from a string (UTF-8); for tests and small inline data.
    public convenience init(string: String, dialect: CSVDialect? = nil) throws(CSVError) {
        try self.init(bytes: Array(string.utf8), dialect: dialect)
    }

    private init(source: ByteSource, name: String?, dialect: CSVDialect?, chunkSize: Int,
                 maximumRecordBytes: Int) throws(CSVError) {
        // The first chunk decides the byte-order mark and, if needed, the dialect.
        var source = source
        var readBuffer = [UInt8](repeating: 0, count: max(chunkSize, 1))
        var first = try source.read(into: &readBuffer, name: name)
        var isComplete = first.isEmpty
        while first.count < 3 && !isComplete {
            let more = try source.read(into: &readBuffer, name: name)
            isComplete = more.isEmpty
            first += more
        }
        rawBytesRead = first.count
        // A byte-order mark, sometimes doubled by a tool that added one more.
        while first.starts(with: [0xEF, 0xBB, 0xBF]) { first.removeFirst(3) }
        let chosen = dialect ?? first.withUnsafeBufferPointer { CSVSniffer.sniff($0, isComplete: isComplete) }
        self.source = source
        self.sourceName = name
        self.readBuffer = readBuffer
        self.maximumRecordBytes = maximumRecordBytes
        self.dialect = chosen
        append(raw: first)
        atEndOfInput = isComplete
        if chosen.hasHeader {
            let names: [String]?
            do { names = try nextRecord { $0.strings } } catch let error as CSVError { throw error } catch {
                throw CSVError(.io("\(error)"), file: name)  // unreachable: the body does not throw
            }
            guard var names else { throw CSVError(.emptyFile, file: name) }
            // A byte-order mark after blank lines still is one, never part of a name.
            while names[0].unicodeScalars.first == "\u{FEFF}" { names[0].unicodeScalars.removeFirst() }
            header = names
            expectedFieldCount = names.count
            recordCount = 0
        }
    }

    deinit {
        fields.deallocate()
        switch source {
        case .file(let descriptor), .fileRange(let descriptor, _, _): close(descriptor)
        case .memory: break
        }
    }

    /// Reads the next record and passes it to `body`; returns `body`'s result, or
    /// `nil` at the end of the file.
    ///
    /// - Throws: ``CSVError`` for a malformed record (in strict mode) or a read error;
    ///   whatever `body` throws.
    public func nextRecord<R>(_ body: (CSVRecord) throws -> R) throws -> R? {
        while true {
            guard let outcome = try parseNextRecord() else { return nil }
            if outcome.end - position > maximumRecordBytes { throw recordTooLong(column: fields.count) }
            let line = nextLine
            nextLine += 1 + outcome.newlines
            let rawRange = position..<outcome.end
            position = outcome.end
            if let problem = check(line: line, raw: rawRange) {
                guard let handler = badRecordHandler else { throw problem }
                handler(CSVBadRecord(error: problem, rawBytes: Array(buffer[rawRange])))
                continue
            }
            if expectedFieldCount == nil { expectedFieldCount = fields.count }
            recordCount += 1
            return try withRecord(line: line, body)
        }
    }

    private func withRecord<R>(line: Int, _ body: (CSVRecord) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer { buffer in
            try scratch.withUnsafeBufferPointer { scratch in
                try body(CSVRecord(line: line, buffer: buffer, scratch: scratch,
                                   starts: UnsafeBufferPointer(start: fields.starts, count: fields.count),
                                   lengths: UnsafeBufferPointer(start: fields.lengths, count: fields.count)))
            }
        }
    }

    /// Reads every remaining record as strings; for small files and tests.
    public func readAllRecords() throws -> [[String]] {
        var records: [[String]] = []
        while let record = try nextRecord({ $0.strings }) { records.append(record) }
        return records
    }

    /// The error a just-parsed record raises, if any: wrong field count or bad UTF-8.
    private func check(line: Int, raw: Range<Int>) -> CSVError? {
        let found = fields.count
        if requiresUniformFieldCount, let expected = expectedFieldCount, found != expected {
            let kind: CSVError.Kind = found > expected
                ? .tooManyFields(expected: expected, found: found)
                : .tooFewFields(expected: expected, found: found)
            // The first field that is extra, or the first that is missing.
            let column = min(found, expected) + 1
            return CSVError(kind, file: sourceName, line: line, column: column, field: fieldName(column))
        }
        // Most records lie in a stretch of the buffer already checked as a whole.
        if raw.upperBound > checkedEnd { checkAhead(from: raw.lowerBound) }
        if raw.upperBound <= checkedEnd { return nil }
        // A NUL byte has no place in a text file; copied on, it truncates the text in
        // C-based tools and hides the rest of the cell.
        let hasNUL = buffer.withUnsafeBufferPointer { all in
            raw.isEmpty ? false : memchr(all.baseAddress! + raw.lowerBound, 0, raw.count) != nil
        }
        if hasNUL {
            let column = withRecord(line: line) { record in
                (0..<record.count).first { record[$0].contains(0) }.map { $0 + 1 }
            }
            return CSVError(.nulByte, file: sourceName, line: line, column: column, field: column.flatMap(fieldName))
        }
        guard dialect.encoding == .utf8 else { return nil }
        // Separators and quotes are ASCII, so the raw record is valid UTF-8 exactly when
        // every field is; only then is it worth finding the field to blame.
        let valid = buffer.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[raw])
            return UTF8Validation.isASCII(bytes) || UTF8Validation.firstInvalidOffset(bytes) == nil
        }
        if valid { return nil }
        let column = withRecord(line: line) { record in
            (0..<record.count).first { UTF8Validation.firstInvalidOffset(record[$0]) != nil }.map { $0 + 1 }
        }
        return CSVError(.invalidUTF8, file: sourceName, line: line, column: column, field: column.flatMap(fieldName))
    }

    /// Checks the buffer from `start` (a record's start) on for NUL bytes and, for
    /// UTF-8 input, invalid UTF-8, in two passes over the whole stretch (rather than
    /// three calls per record), and moves ``checkedEnd`` to the first bad byte, or to
    /// the end of what is complete (a character cut off by the chunk's end waits for
    /// the next chunk).
    private func checkAhead(from start: Int) {
        checkedEnd = buffer.withUnsafeBufferPointer { all in
            var end = all.count
            if !atEndOfInput && end > start && all[end - 1] >= 0x80 {
                // Leave out the last character: its continuation bytes may be in the next chunk.
                var k = end - 1
                while k > start && k > end - 4 && all[k] & 0xC0 == 0x80 { k -= 1 }
                end = k
            }
            guard end > start else { return start }
            let stretch = UnsafeBufferPointer(rebasing: all[start..<end])
            if let nul = memchr(stretch.baseAddress!, 0, stretch.count) {
                end = start + stretch.baseAddress!.distance(to: nul.assumingMemoryBound(to: UInt8.self))
            }
            guard dialect.encoding == .utf8 else { return end }
            return start + (UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: all[start..<end])) ?? end - start)
        }
    }

    private func fieldName(_ column: Int) -> String? {
        guard let header, column >= 1, column <= header.count else { return nil }
        return header[column - 1]
    }

    // MARK: Parsing

    private struct ParsedRecord {
        var end: Int
        var newlines: Int
    }

    /// Parses the record at `position` into the field arrays, reading more input
    /// as needed; skips blank lines; `nil` at the end of input.
    private func parseNextRecord() throws(CSVError) -> ParsedRecord? {
        while true {
            if position == buffer.count {
                if atEndOfInput { return nil }
                try refill()
                continue
            }
            let outcome: ParsedRecord?
            do {
                outcome = try buffer.withUnsafeBufferPointer { buf throws(CSVError) in
                    try parseRecord(buf, from: position)
                }
            } catch {
                guard let handler = badRecordHandler, case .unterminatedQuote = error.kind else { throw error }
                // Lenient: everything to the end of the file belongs to the broken record.
                handler(CSVBadRecord(error: error, rawBytes: Array(buffer[position...])))
                position = buffer.count
                return nil
            }
            guard let record = outcome else {
                // The record goes on past the buffer; the field being parsed is the
                // one after the last complete one.
                if buffer.count - position > maximumRecordBytes { throw recordTooLong(column: fields.count + 1) }
                try refill()
                continue
            }
            if isBlankLine(from: position, to: record.end) {
                position = record.end
                nextLine += 1
                continue
            }
            return record
        }
    }

    private func isBlankLine(from start: Int, to end: Int) -> Bool {
        fields.count == 1 && fields.lengths[0] == 0 && buffer[start] != dialect.quote
    }

    private func recordTooLong(column: Int) -> CSVError {
        let column = max(column, 1)
        return CSVError(.recordTooLong(limit: maximumRecordBytes), file: sourceName, line: nextLine,
                        column: column, field: fieldName(column))
    }

    /// Reads the next chunk, first dropping what was already parsed.
    ///
    /// A record that does not fit the buffer is parsed again from its start after
    /// each refill; the chunk grows to the size of what is pending, so a long record
    /// costs linear time in all, not one pass per megabyte.
    private func refill() throws(CSVError) {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            checkedEnd = max(0, checkedEnd - position)
            position = 0
        }
        if buffer.count > readBuffer.count {
            readBuffer = [UInt8](repeating: 0, count: buffer.count)
        }
        if dialect.encoding == .utf8, source.readsInPlace {
            // UTF-8 from a file goes straight behind the pending bytes: no chunk array
            // to allocate and copy twice (copies and page faults in profiles).
            let start = buffer.count, wanted = readBuffer.count
            buffer.append(contentsOf: repeatElement(0, count: wanted))
            let outcome = buffer.withUnsafeMutableBytes { bytes in
                Result { () throws(CSVError) in
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[start...]), name: sourceName)
                }
            }
            let count: Int
            do { count = try outcome.get() } catch {
                buffer.removeLast(wanted)
                throw error
            }
            buffer.removeLast(wanted - count)
            rawBytesRead += count
            if count == 0 { atEndOfInput = true }
            return
        }
        let chunk = try source.read(into: &readBuffer, name: sourceName)
        rawBytesRead += chunk.count
        if chunk.isEmpty { atEndOfInput = true } else { append(raw: chunk) }
    }

    private func append(raw: [UInt8]) {
        switch dialect.encoding {
        case .utf8: buffer.append(contentsOf: raw)
        case .windows1252: raw.withUnsafeBufferPointer { Windows1252.decode($0, into: &buffer) }
        }
    }

    /// Parses one record starting at `start` into `fields`
    /// (and `scratch`); `nil` when the buffer ends before the record does and more
    /// input may follow.
    ///
    /// Fields are not copied: an unquoted field, or a quoted one without doubled
    /// quotes, is a span of the buffer; only a field with doubled quotes is unescaped
    /// into `scratch`.
    private func parseRecord(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) throws(CSVError) -> ParsedRecord? {
        let base = buf.baseAddress!
        let n = buf.count
        let separator = dialect.separator, quote = dialect.quote
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let separators = CSVByteWord.repeating(separator), lineFeeds = CSVByteWord.repeating(lf)
        let carriageReturns = CSVByteWord.repeating(cr)
        // Work on local copies of the field arrays: touching the class's stored
        // properties once per field cost a dynamic exclusivity check each time.
        var scratch = self.scratch, spans = self.fields
        self.scratch = []
        defer {
            self.scratch = scratch
            self.fields = spans
        }
        scratch.removeAll(keepingCapacity: true)
        spans.count = 0
        let atEndOfInput = self.atEndOfInput, nextLine = self.nextLine
        var i = start
        var newlines = 0

        /// The end of the record whose line ending starts at `i`, or `nil` if a CR is
        /// the last byte and an LF may follow.
        func recordEnd(afterLineBreakAt i: Int) -> Int? {
            if base[i] == lf { return i + 1 }
            if i + 1 < n { return base[i + 1] == lf ? i + 2 : i + 1 }
            return atEndOfInput ? i + 1 : nil
        }

        while true {
            if i < n && base[i] == quote {
                let openingLine = nextLine + newlines
                let contentStart = i + 1
                var escaped = false       // whether the field is being unescaped into scratch
                var scratchStart = 0
                i += 1
                while true {
                    guard let found = memchr(base + i, Int32(quote), n - i) else {
                        if atEndOfInput {
                            let column = spans.count + 1
                            throw CSVError(.unterminatedQuote, file: sourceName, line: openingLine,
                                           column: column, field: fieldName(column))
                        }
                        return nil
                    }
                    let j = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if escaped { scratch.append(contentsOf: UnsafeBufferPointer(start: base + i, count: j - i)) }
                    newlines += CSVByteWord.count(of: lf, in: base + i, count: j - i)
                    i = j + 1
                    if i == n && !atEndOfInput { return nil }
                    if i < n && base[i] == quote {
                        // A doubled quote: from here on the field needs unescaping.
                        if !escaped {
                            escaped = true
                            scratchStart = scratch.count
                            scratch.append(contentsOf: UnsafeBufferPointer(start: base + contentStart, count: j - contentStart))
                        }
                        scratch.append(quote)
                        i += 1
                        continue
                    }
                    if escaped {
                        spans.append(start: -scratchStart - 1, length: scratch.count - scratchStart)
                    } else {
                        spans.append(start: contentStart, length: j - contentStart)
                    }
                    break
                }
                if i == n { return ParsedRecord(end: n, newlines: newlines) }
                let byte = base[i]
                if byte == separator { i += 1; continue }
                if byte == lf || byte == cr {
                    guard let end = recordEnd(afterLineBreakAt: i) else { return nil }
                    return ParsedRecord(end: end, newlines: newlines)
                }
                throw CSVError(.textAfterClosingQuote, file: sourceName, line: nextLine + newlines,
                               column: spans.count, field: fieldName(spans.count))
            }
            let fieldStart = i
            // An unquoted field ends at the first separator, LF or CR: tested eight
            // bytes at a time, then byte by byte in the last few bytes of the buffer.
            while i &+ 8 <= n {
                let stops = CSVByteWord.matches(CSVByteWord.load(base + i), separators, lineFeeds, carriageReturns)
                if stops != 0 {
                    i &+= stops.trailingZeroBitCount &>> 3
                    break
                }
                i &+= 8
            }
            if i &+ 8 > n {
                while i < n {
                    let byte = base[i]
                    if byte == separator || byte == lf || byte == cr { break }
                    i += 1
                }
            }
            spans.append(start: fieldStart, length: i - fieldStart)
            if i == n { return atEndOfInput ? ParsedRecord(end: n, newlines: newlines) : nil }
            if base[i] == separator { i += 1; continue }
            guard let end = recordEnd(afterLineBreakAt: i) else { return nil }
            return ParsedRecord(end: end, newlines: newlines)
        }
    }
}

/// The fields of the record being parsed: where each starts (in the buffer, or
/// `-(start + 1)` in the scratch) and how long it is. Kept in manually managed memory
/// because `Array.append` checks uniqueness on every call, which showed in profiles
/// of the per-field loop. Owned by one ``CSVReader``, which deallocates it.
private struct FieldSpans {
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var lengths: UnsafeMutablePointer<Int>
    private var capacity: Int
    var count = 0

    init() {
        capacity = 64
        starts = .allocate(capacity: capacity)
        lengths = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(start: Int, length: Int) {
        if count == capacity { grow() }
        starts[count] = start
        lengths[count] = length
        count += 1
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newLengths = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        newStarts.update(from: starts, count: count)
        newLengths.update(from: lengths, count: count)
        starts.deallocate()
        lengths.deallocate()
        starts = newStarts
        lengths = newLengths
        capacity = newCapacity
    }

    func deallocate() {
        starts.deallocate()
        lengths.deallocate()
    }
}

/// Where the reader's bytes come from.
private enum ByteSource {
    case file(Int32)
    case fileRange(Int32, next: Int, end: Int)
    case memory([UInt8])

    /// Whether the source can read into a caller's memory: a file or a range of one.
    var readsInPlace: Bool {
        if case .memory = self { return false }
        return true
    }

    /// Reads the next bytes of a file into `destination`; the number read, 0 at the end.
    mutating func read(into destination: UnsafeMutableRawBufferPointer, name: String?) throws(CSVError) -> Int {
        while true {
            let count: Int
            switch self {
            case .file(let descriptor):
                count = Foundation.read(descriptor, destination.baseAddress, destination.count)
            case .fileRange(let descriptor, let next, let end):
                let wanted = min(destination.count, end - next)
                guard wanted > 0 else { return 0 }
                count = pread(descriptor, destination.baseAddress, wanted, off_t(next))
                if count > 0 { self = .fileRange(descriptor, next: next + count, end: end) }
            case .memory:
                preconditionFailure("bytes in memory are taken whole")
            }
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw CSVError(.io(String(cString: strerror(errno))), file: name)
        }
    }

    /// The next chunk of raw bytes; empty at the end.
    mutating func read(into readBuffer: inout [UInt8], name: String?) throws(CSVError) -> [UInt8] {
        switch self {
        case .file(let descriptor):
            while true {
                let count = readBuffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
                if count >= 0 { return Array(readBuffer[0..<count]) }
                if errno == EINTR { continue }
                throw CSVError(.io(String(cString: strerror(errno))), file: name)
            }
        case .fileRange(let descriptor, let next, let end):
            let wanted = min(readBuffer.count, end - next)
            guard wanted > 0 else { return [] }
            while true {
                let count = readBuffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(next)) }
                if count >= 0 {
                    self = .fileRange(descriptor, next: next + count, end: end)
                    return Array(readBuffer[0..<count])
                }
                if errno == EINTR { continue }
                throw CSVError(.io(String(cString: strerror(errno))), file: name)
            }
        case .memory(let bytes):
            self = .memory([])
            return bytes
        }
    }
}
