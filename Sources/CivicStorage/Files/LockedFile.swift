import CivicModels
import Foundation

/// A `LockedDocumentStore` (of CivicModels) in a file: an update holds an exclusive
/// lock (`flock` on a companion `.lock` file) from reading the content until the
/// replacement is on disk, and the replacement is written through ``AtomicFile``,
/// so processes racing on one file take turns and a crash leaves the old content or
/// the new, never half of one. New files are readable by their owner only (0600).
///
/// ```swift
/// let ledger = PrivacyBudgetLedger(store: LockedFile(url: URL(fileURLWithPath: "budget.json")))
/// ```
public struct LockedFile: LockedDocumentStore {
    /// The document's file.
    public let url: URL

    /// The file at `url` (it need not exist yet).
    public init(url: URL) { self.url = url }

    public var location: String { url.path }

    public func update<Result>(_ body: ([UInt8]?) throws -> (replacement: [UInt8]?, result: Result)) throws -> Result {
        let lockPath = url.path + ".lock"
        let descriptor = open(lockPath, O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else { throw LockedFileError(path: lockPath, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw LockedFileError(path: lockPath, reason: String(cString: strerror(errno)))
        }
        defer { flock(descriptor, LOCK_UN) }
        let current = FileManager.default.contents(atPath: url.path).map { Array($0) }
        let (replacement, result) = try body(current)
        if let replacement {
            let file = try AtomicFile(destination: url, permissions: 0o600)
            try file.write(replacement)
            try file.commit()
        }
        return result
    }
}

/// A locked file that could not be opened or locked. Names the path, never content.
public struct LockedFileError: Error, Equatable, Sendable, LocalizedMessageError {
    /// The file.
    public let path: String
    /// What the system said.
    public let reason: String

    public func message(in language: Language) -> String {
        language.pick(de: "\(path) lässt sich nicht sperren: \(reason)", en: "\(path) cannot be locked: \(reason)")
    }
}
