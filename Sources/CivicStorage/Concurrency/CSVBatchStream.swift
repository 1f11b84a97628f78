import CivicModels
import Foundation

extension CSVTableReader {
    /// Reads a CSV file in batches on a second thread and hands each batch to
    /// `consume` on the calling thread, so that parsing and what `consume` does (an
    /// insert into SQLite) overlap on two cores and the file is never whole in memory.
    ///
    /// An error on either side stops both: a CSV error is thrown here after the
    /// batches before it were consumed, and an error thrown by `consume` stops the
    /// reader. (The bulk writers wrap the whole stream in one transaction, so either
    /// way nothing stays written.)
    static func stream(_ url: URL, options: Options, batchRows: Int = 1 << 16,
                       _ consume: (CivicModels.Table) throws -> Void) throws {
        let pipe = BatchPipe<CivicModels.Table>(capacity: 2)
        let producerDone = DispatchSemaphore(value: 0)
        let reader = Thread {
            defer { producerDone.signal() }
            do {
                _ = try readBatches(url, options: options, batchRows: batchRows) { batch in
                    if !pipe.send(batch) { throw CancellationError() }
                }
                pipe.finish()
            } catch {
                pipe.finish(throwing: error)
            }
        }
        reader.name = "CivicStorage CSV reader"
        reader.start()
        defer {
            pipe.cancel()
            producerDone.wait()
        }
        while let batch = try pipe.receive() { try consume(batch) }
    }
}
