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
        guard headLoader.schema != nil, head.recordCount > 0 else { throw Unsupported() }
        // The sample tells the bytes per row, hence about how many rows each range holds.
        let bytesPerRow = max(1, (head.fileOffsetOfNextRecord - dataStart) / head.recordCount)
        let boundaries = try recordBoundaries(url, from: dataStart, to: size, parts: count, quote: head.dialect.quote)
        let rowCounts = Mutex([Int](repeating: 0, count: boundaries.count - 1))
        let results = Mutex([Swift.Result<Table, any Error>?](repeating: nil, count: boundaries.count - 1))
        let largestRange = zip(boundaries, boundaries.dropFirst()).map { $1 - $0 }.max() ?? 0
        let plan = headLoader.plan(expectedRows: largestRange / bytesPerRow * 21 / 20)
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
                var loader = Loader(segment: reader, plan: plan, options: segmentOptions)
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
        let table = try Table.concatenating(
            try commonTypes(consume parts, parser: CSVValueParser(decimalSeparator: dialect.decimalSeparator)))
        return CSVTableReader.Result(table: table, dialect: dialect, rejectedRows: 0,
                                     parallelRanges: boundaries.count - 1)
    }

    /// Where each range starts: the data start, then the first record start after
    /// each even cut, then the end of the file.
    static func recordBoundaries(_ url: URL, from start: Int, to end: Int, parts: Int, quote: UInt8) throws -> [Int] {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw CSVError(.io(String(cString: strerror(errno))), file: url.path) }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var boundaries = [start]
        var offset = start        // bytes before this are counted in `quotes`
        var quotes = 0
        for k in 1..<parts {
            let cut = max(start + (end - start) * k / parts, offset)
            var found: Int?
            while found == nil && offset < end {
                let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
                guard count > 0 else { break }
                chunk.withUnsafeBufferPointer { bytes in
                    var i = 0
                    // Before the cut only the parity matters: count quotes (a loop the
                    // compiler vectorises).
                    let countEnd = min(count, max(0, cut - offset))
                    var q = 0
                    while i < countEnd { q &+= bytes[i] == quote ? 1 : 0; i += 1 }
                    quotes += q
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
