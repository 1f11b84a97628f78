import Foundation
import ZIPFoundation

/// An input stream over one decompressed part of a workbook, for `XMLParser(stream:)`.
///
/// A thread of its own inflates the part with ZIPFoundation and hands the chunks over
/// through a ``BatchPipe`` of a few chunks; the parser reads them here as it goes. So
/// the part is never held whole in memory (nor written to disk, where personal data
/// would be left behind), and on two cores inflating overlaps with parsing.
/// `XMLParser(data:)` is no alternative: besides holding the part whole, on Linux it
/// reports a spurious error for a part of some tens of megabytes.
///
/// Not `Sendable`: one parser reads it on one thread. ``finish()`` stops the
/// inflating thread and waits for it, so no thread outlives the read.
final class XLSXPartStream: InputStream {
    private let pipe = BatchPipe<Data>(capacity: 8)
    private let finished = DispatchSemaphore(value: 0)
    private var chunk = Data()
    private var offset = 0
    private var stopped = false
    /// Why inflating failed, if it did (the parser then sees an error).
    private(set) var failure: (any Error)?

    /// The bytes each inflated chunk holds at most.
    static let chunkBytes = 1 << 17

    /// Starts inflating the entry at `path` of the archive at `url`.
    init(archive url: URL, path: String) {
        super.init(data: Data())
        let pipe = self.pipe, finished = self.finished
        let thread = Thread {
            defer { finished.signal() }
            do {
                try Self.inflate(archive: url, path: path, into: pipe)
                pipe.finish()
            } catch {
                pipe.finish(throwing: error)
            }
        }
        thread.start()
    }

    /// Why a part could not be inflated.
    struct InflateError: Error {}

    private static func inflate(archive url: URL, path: String, into pipe: BatchPipe<Data>) throws {
        let archive = try Archive(url: url, accessMode: .read)
        guard let entry = archive[path] else { throw InflateError() }
        let checksum = try archive.extract(entry, bufferSize: chunkBytes) { data in
            guard pipe.send(data) else { throw CancellationError() }
        }
        guard checksum == entry.checksum else { throw InflateError() }
    }

    /// Stops the inflating thread (if it still runs) and waits until it has ended.
    func finish() {
        guard !stopped else { return }
        stopped = true
        pipe.cancel()
        finished.wait()
    }

    deinit { finish() }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { !stopped }
    override var streamStatus: Stream.Status { stopped ? .atEnd : .open }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        while offset == chunk.count {
            do {
                guard let next = try pipe.receive() else { return 0 }
                chunk = next
                offset = 0
            } catch {
                failure = error
                return -1
            }
        }
        let count = min(length, chunk.count - offset)
        chunk.withUnsafeBytes { raw in
            buffer.update(from: raw.bindMemory(to: UInt8.self).baseAddress! + offset, count: count)
        }
        offset += count
        return count
    }
}
