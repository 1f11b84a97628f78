import Foundation

/// A bounded hand-over of batches from one producing thread to one consumer.
///
/// The producer blocks while the pipe is full, so a fast reader cannot fill memory
/// ahead of a slow writer. Either side can stop the other: the consumer by
/// ``cancel()``, the producer by ``finish(throwing:)``.
final class BatchPipe<Batch: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: every stored property is read and written only while
    // `condition` is locked.
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    /// A pipe holding at most `capacity` batches.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Hands over a batch; waits while the pipe is full. Returns `false` if the
    /// consumer has cancelled (the batch is dropped; the producer should stop).
    func send(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// Says that no more batches come, with the producer's error if it failed.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; `nil` when the producer has finished. Rethrows the producer's
    /// error once the batches before it are taken.
    func receive() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the producer to stop; pending batches are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the consumer has cancelled.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
