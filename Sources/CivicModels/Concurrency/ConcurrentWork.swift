import Dispatch
import Synchronization

/// `transform` applied to `0..<count` on all cores, the results in index order.
///
/// For a handful of large, independent pieces of work (one per column, or one per
/// slice of many texts): each result is handed over under a lock once, so the lock
/// costs nothing measurable.
package func concurrentMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(transform) }
    let results = Mutex([T?](repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let result = transform(index)
        results.withLock { $0[index] = result }
    }
    return results.withLock { results in results.map { $0! } }
}

/// `transform` applied to every element of `items` on all cores, the results in
/// the items' order: for many small pieces of work (a text each). The items are
/// cut into up to `slices` consecutive runs, many more than cores, so that a run of
/// slow items does not hold the others up.
package func concurrentMap<T: Sendable, U: Sendable>(_ items: [T], slices: Int = 64,
                                                     _ transform: @Sendable (T) -> U) -> [U] {
    concurrentSlices(of: items, slices: slices) { $0.map(transform) }.flatMap { $0 }
}

/// `body` applied on all cores to up to `slices` consecutive runs of `items`, the
/// results in the runs' order: for work that needs state of its own per run.
package func concurrentSlices<T: Sendable, U: Sendable>(of items: [T], slices: Int,
                                                        _ body: @Sendable (ArraySlice<T>) -> U) -> [U] {
    let slices = min(items.count, slices)
    return concurrentMap(slices) { slice in
        body(items[items.count * slice / slices..<items.count * (slice + 1) / slices])
    }
}

/// Fills `array` on all cores: it is cut into `parts` consecutive ranges whose
/// bounds are multiples of `alignment` (the last excepted), and `fill` is called once
/// per range with that range and a buffer over exactly its elements (index 0 of the
/// buffer is the range's first element).
///
/// Each call can reach only its own elements, so calls that run at once never
/// write to the same memory, and all have finished when this returns.
package func fillConcurrently<T: BitwiseCopyable>(_ array: inout [T], parts: Int, alignment: Int = 1,
                                          _ fill: @Sendable (Range<Int>, UnsafeMutableBufferPointer<T>) -> Void) {
    let count = array.count
    let step = max(alignment, 1)
    let units = (count + step - 1) / step
    let parts = max(1, min(parts, units))
    array.withUnsafeMutableBufferPointer { buffer in
        let slots = SharedSlots(base: buffer.baseAddress)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let lower = min(count, units * part / parts * step)
            let upper = min(count, units * (part + 1) / parts * step)
            guard lower < upper, let base = slots.base else { return }
            fill(lower..<upper, UnsafeMutableBufferPointer(start: base + lower, count: upper - lower))
        }
    }
}

/// The start of an array's storage, handed to the tasks of `fillConcurrently(_:parts:alignment:_:)`.
///
/// `@unchecked Sendable`: the pointer is only used inside that function, while the
/// array is borrowed mutably and cannot be read or written elsewhere; each task
/// derives from it a buffer over its own range, and the ranges do not overlap, so
/// no two threads touch the same element; `concurrentPerform` returns only after
/// every task has finished.
private struct SharedSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>?
}

/// Work started on another thread now, its result collected later: for two long,
/// independent computations, one on the calling thread and this one beside it.
///
/// The work goes to a serial queue of its own, which Dispatch serves with a new
/// thread when its pool is busy: the caller may itself run on that pool (the studio
/// runs each publication there) and blocks while it waits, so work queued on the
/// pool's global queue could wait for a free thread. (A `Thread` of its own did
/// that too, but each new thread took memory of its own from the allocator: the
/// million-case peak rose from 0.98 to 1.05 GB.)
///
/// ```swift
/// let other = BackgroundWork { slowSum(of: right) }
/// let left = slowSum(of: left)     // meanwhile
/// let total = left + other.value   // waits for `other` if it is not done yet
/// ```
package final class BackgroundWork<T: Sendable>: Sendable {
    private let result = Mutex<T?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `work` beside the caller.
    package init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue(label: "CivicModels.BackgroundWork").async { [self] in
            let value = work()
            result.withLock { $0 = value }
            finished.signal()
        }
    }

    /// The work's result, once it has finished (the caller waits until then; a
    /// second call returns at once).
    package var value: T {
        finished.wait()
        finished.signal()
        return result.withLock { $0! }
    }
}
