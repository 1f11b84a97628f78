import CivicModels
import Foundation
import Synchronization

/// Loads a large UTF-8 CSV file on all cores: the file is cut into byte ranges at
/// record boundaries, each range is parsed into a table on its own thread, and the
/// tables are concatenated.
///
/// Record boundaries come from quote parity: in an RFC 4180 file a line break is
/// inside a quoted field exactly when an odd number of quote characters precede it.
/// The fast path gives up, and the caller reads the file sequentially, whenever it
/// cannot be sure to give the same result: Windows-1252 input, a rejects file
/// (its line numbers), or any error in any range (so that every error message
/// names the right line).
enum ParallelCSVLoad {
    /// Files smaller than this are read on one thread.
    static let minimumBytes = 16 << 20

    /// The table, or `nil` if the file should be read sequentially.
    static func readIfWorthwhile(_ url: URL, options: CSVTableReader.Options) -> CSVTableReader.Result? {
        guard options.rejectsURL == nil,
              let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        else { return nil }
        let segments: Int
        switch options.parallelism {
        case .sequential: return nil
        case .parallel(let count): segments = count
        case .automatic:
            guard size >= minimumBytes else { return nil }
            segments = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        }
        guard segments > 1 else { return nil }
        return try? read(url, size: size, segments: segments, options: options)
    }

    private struct Unsupported: Error {}

    private static func read(_ url: URL, size: Int, segments count: Int,
                             options: CSVTableReader.Options) throws -> CSVTableReader.Result {
        // The header, the dialect and (unless given) the schema come from the start.
        let head = try CSVReader(url: url, dialect: options.dialect, maximumRecordBytes: options.maximumRecordBytes)
        guard head.dialect.encoding == .utf8, head.dialect.hasHeader else { throw Unsupported() }
        var headLoader = try Loader(reader: head, options: options, batchRows: nil)
        let dataStart = head.fileOffsetOfNextRecord
        try headLoader.prepareSchema()
        // With a schema given no sample is read, but a few records still tell the bytes
        // per row (without them, re-reading a published million rows to audit them ran
        // on one thread).
        while head.recordCount < 1_000, try head.nextRecord({ _ in true }) != nil {}
        guard headLoader.schema != nil, head.recordCount > 0 else { throw Unsupported() }
        // The sample tells the bytes per row, hence about how many rows each range holds.
        let bytesPerRow = max(1, (head.fileOffsetOfNextRecord - dataStart) / head.recordCount)
        let boundaries = try recordBoundaries(url, from: dataStart, to: size, parts: count, quote: head.dialect.quote)
        let rowCounts = Mutex([Int](repeating: 0, count: boundaries.count - 1))
        let results = Mutex([Swift.Result<Table, any Error>?](repeating: nil, count: boundaries.count - 1))
        let largestRange = zip(boundaries, boundaries.dropFirst()).map { $1 - $0 }.max() ?? 0
        let plan = headLoader.plan(expectedRows: largestRange / bytesPerRow * 21 / 20)
        // The first range's columns receive the others' rows in the merge: with room
        // for the whole file reserved (address space only, until written), they grow
        // in place instead of being copied once more.
        let firstPlan = headLoader.plan(expectedRows: (size - dataStart) / bytesPerRow * 21 / 20)
        let dialect = head.dialect
        DispatchQueue.concurrentPerform(iterations: boundaries.count - 1) { part in
            var segmentOptions = options
            segmentOptions.progress = options.progress.map { report in
                { @Sendable rows in report(rowCounts.withLock { $0[part] = rows; return $0.reduce(0, +) }) }
            }
            let outcome = Swift.Result<Table, any Error> {
                let reader = try CSVReader(url: url, byteRange: boundaries[part]..<boundaries[part + 1],
                                           dialect: dialect, fieldCount: plan.names.count,
                                           maximumRecordBytes: options.maximumRecordBytes)
                var loader = Loader(segment: reader, plan: part == 0 ? firstPlan : plan, options: segmentOptions)
                var table: Table?
                try loader.run(rejectRow: nil) { table = $0 }
                return table!
            }
            results.withLock { $0[part] = outcome }
        }
        // Move the tables out, so that the merge owns their buffers alone.
        let outcomes = results.withLock { outcomes in
            defer { outcomes = [] }
            return outcomes
        }
        let parts = try (consume outcomes).map { try $0!.get() }
        let table = try concatenating(
            try commonTypes(consume parts, parser: CSVValueParser(decimalSeparator: dialect.decimalSeparator)))
        return CSVTableReader.Result(table: table, dialect: dialect, rejectedRows: 0,
                                     parallelRanges: boundaries.count - 1)
    }

    /// The parts' rows one after the other, as `Table.concatenating` joins them,
    /// but each column on its own thread: merging a text column renumbers its codes
    /// through the first part's dictionary, and one by one the columns took nearly a
    /// quarter of a 2,000,000-row load on two cores.
    private static func concatenating(_ parts: consuming [Table]) throws -> Table {
        guard let schema = parts.first?.schema else { throw Unsupported() }
        // Each column's parts, moved out of the tables so that each merge owns its
        // buffers alone and grows the first part's in place.
        var columnParts = schema.fields.indices.map { index in parts.map { $0.columns[index] } }
        parts = []
        let pending = Mutex(columnParts.map { Optional($0) })
        columnParts = []
        let merged = Mutex([Swift.Result<ColumnData, TableError>?](repeating: nil, count: schema.fields.count))
        DispatchQueue.concurrentPerform(iterations: schema.fields.count) { index in
            let columns = pending.withLock { all in
                defer { all[index] = nil }
                return all[index]!
            }
            let field = Schema(fields: [schema.fields[index]], missingValues: schema.missingValues)
            let outcome = Swift.Result { () throws(TableError) -> ColumnData in
                let tables = try (consume columns).map { (column) throws(TableError) in try Table(schema: field, columns: [column]) }
                return try Table.concatenating(consume tables).columns[0]
            }
            merged.withLock { $0[index] = outcome }
        }
        let columns = try merged.withLock { all in try all.map { try $0!.get() } }
        return try Table(schema: schema, columns: columns)
    }

    /// Where each range starts: the data start, then the first record start after
    /// each even cut, then the end of the file.
    ///
    /// A line feed ends a record when an even number of quotes precede it. The quotes
    /// before each cut are counted first, every stretch between cuts on its own
    /// thread (counting was a sequential pass over the whole file before).
    static func recordBoundaries(_ url: URL, from start: Int, to end: Int, parts: Int, quote: UInt8) throws -> [Int] {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw CSVError(.io(String(cString: strerror(errno))), file: url.path) }
        defer { close(descriptor) }
        let cuts = (0..<parts).map { start + (end - start) * $0 / parts }
        let counts = Mutex([Int](repeating: 0, count: parts))
        DispatchQueue.concurrentPerform(iterations: parts - 1) { k in
            let quotes = countQuotes(descriptor, in: cuts[k]..<cuts[k + 1], quote: quote)
            counts.withLock { $0[k] = quotes }
        }
        let quotesBefore = counts.withLock { counts in counts.indices.map { counts[..<$0].reduce(0, +) } }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var boundaries = [start]
        var offset = start        // bytes before this are counted in `quotes`
        var quotes = 0
        for k in 1..<parts {
            // Past an earlier boundary search, `quotes` already counts to `offset`.
            if offset <= cuts[k] {
                offset = cuts[k]
                quotes = quotesBefore[k]
            }
            var found: Int?
            while found == nil && offset < end {
                let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
                guard count > 0 else { break }
                chunk.withUnsafeBufferPointer { bytes in
                    var i = 0
                    // From the cut on, the first line feed outside quotes ends a record.
                    while i < count {
                        let byte = bytes[i]
                        i += 1
                        if byte == quote { quotes += 1 } else if byte == UInt8(ascii: "\n") && quotes % 2 == 0 {
                            found = offset + i
                            break
                        }
                    }
                }
                offset += found.map { $0 - offset } ?? count
            }
            guard let boundary = found, boundary < end else { break }
            boundaries.append(boundary)
        }
        boundaries.append(end)
        return boundaries
    }

    /// The number of quote characters in `range` of the file, counted eight bytes at
    /// a time (a byte loop took twice as long in profiles).
    private static func countQuotes(_ descriptor: Int32, in range: Range<Int>, quote: UInt8) -> Int {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset = range.lowerBound
        var quotes = 0
        while offset < range.upperBound {
            let wanted = min(chunk.count, range.upperBound - offset)
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(offset)) }
            guard count > 0 else { break }
            quotes += chunk.withUnsafeBufferPointer { CSVByteWord.count(of: quote, in: $0.baseAddress!, count: count) }
            offset += count
        }
        return quotes
    }

    /// Parts whose inferred columns were widened to text in some range but not in
    /// others: the others are written as text too, as the sequential reader would.
    private static func commonTypes(_ parts: [Table], parser: CSVValueParser) throws -> [Table] {
        guard let first = parts.first else { return parts }
        // Columns whose type differs between ranges: some range widened them to text.
        let widened = first.schema.fields.indices.filter { index in
            parts.contains { $0.schema.fields[index].type != first.schema.fields[index].type }
        }
        guard !widened.isEmpty else { return parts }
        return try parts.map { part in
            var fields = part.schema.fields
            var columns = part.columns
            for index in widened where fields[index].type != .string {
                columns[index] = parser.textColumn(from: columns[index], field: fields[index])
                fields[index] = Field(fields[index].name, type: .string)
            }
            var schema = part.schema
            schema.fields = fields
            return try Table(schema: schema, columns: columns)
        }
    }
}
