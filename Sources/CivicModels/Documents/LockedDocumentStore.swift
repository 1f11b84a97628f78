import Synchronization

/// A small document (a few kilobytes, such as a privacy budget ledger) that several
/// writers update in turn: each update sees the latest content and replaces it
/// whole, or not at all.
///
/// CivicStorage's `LockedFile` keeps the document in a file, locked across
/// processes and replaced atomically; ``InMemoryDocumentStore`` keeps it in memory,
/// for tests and for programs that persist it elsewhere.
///
/// ```swift
/// let store = InMemoryDocumentStore()
/// try store.update { current in (replacement: Array("hello".utf8), result: ()) }
/// ```
public protocol LockedDocumentStore: Sendable {
    /// Where the document lives, for messages (a path; never its content).
    var location: String { get }

    /// Runs `body` with exclusive access to the document's bytes (`nil` when there
    /// is no document yet). If `body` returns a replacement, it takes the
    /// document's place before the access ends; if `body` throws, nothing changes.
    func update<Result>(_ body: ([UInt8]?) throws -> (replacement: [UInt8]?, result: Result)) throws -> Result
}

/// A ``LockedDocumentStore`` in memory, safe to share between threads.
public final class InMemoryDocumentStore: LockedDocumentStore {
    private let document: Mutex<[UInt8]?>

    /// A store holding `bytes` (none by default).
    public init(_ bytes: [UInt8]? = nil) { document = Mutex(bytes) }

    public var location: String { "memory" }

    public func update<Result>(_ body: ([UInt8]?) throws -> (replacement: [UInt8]?, result: Result)) throws -> Result {
        try document.withLock { current in
            let (replacement, result) = try body(current)
            if let replacement { current = replacement }
            return result
        }
    }
}
