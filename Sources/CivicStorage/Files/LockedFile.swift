import CivicModels
import Foundation

/// A `LockedDocumentStore` (of CivicModels) in a file: an update holds an exclusive
/// lock (`flock` on a companion `.lock` file) from reading the content until the
/// replacement is on disk, and the replacement is written through ``AtomicFile``,
/// so processes racing on one file take turns and a crash leaves the old content or
/// the new, never half of one. New files are readable by their owner only (0600).
///
/// One document must have one name: a symbolic or hard link to it would be a
/// second document once the first replacement breaks the link (a privacy budget
/// spent twice). So a file that is a link, or has a second name, is refused, and
/// the lock belongs to the resolved path, whichever folder link led to it.
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
        let resolved = resolvedURL
        let lockPath = resolved.path + ".lock"
        let descriptor = open(lockPath, O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LockedFileError(path: lockPath, kind: .system(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw LockedFileError(path: lockPath, kind: .system(String(cString: strerror(errno))))
        }
        defer { flock(descriptor, LOCK_UN) }
        try refuseLinks(resolved)
        let current = FileManager.default.contents(atPath: resolved.path).map { Array($0) }
        let (replacement, result) = try body(current)
        if let replacement {
            let file = try AtomicFile(destination: resolved, permissions: 0o600)
            try file.write(replacement)
            try file.commit()
        }
        return result
    }

    /// The file's path with every link in its folders resolved.
    private var resolvedURL: URL {
        let folder = url.deletingLastPathComponent()
        guard let real = realpath(folder.path, nil) else { return url }
        defer { free(real) }
        return URL(fileURLWithPath: String(cString: real), isDirectory: true).appendingPathComponent(url.lastPathComponent)
    }

    /// Throws if the file is a symbolic link or has more than one name.
    private func refuseLinks(_ file: URL) throws {
        // FileManager's attributes describe the link itself, not what it points to.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path) else {
            return  // not there yet
        }
        if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
            throw LockedFileError(path: url.path, kind: .symbolicLink)
        }
        let names = (attributes[.referenceCount] as? NSNumber)?.intValue ?? 1
        if names > 1 {
            throw LockedFileError(path: url.path, kind: .severalNames(names))
        }
    }
}

/// A locked file that could not be opened or locked, or is a link. Names the path,
/// never content.
public struct LockedFileError: Error, Equatable, Sendable, LocalizedMessageError {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The system refused to open or lock it; what it said.
        case system(String)
        /// The path is a symbolic link.
        case symbolicLink
        /// The file has this many names (hard links).
        case severalNames(Int)
    }

    /// The file.
    public let path: String
    /// What went wrong.
    public let kind: Kind

    /// An error about `path`.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public func message(in language: Language) -> String {
        switch kind {
        case .system(let reason):
            return language.pick(de: "\(path) lässt sich nicht sperren: \(reason)", en: "\(path) cannot be locked: \(reason)")
        case .symbolicLink:
            return language.pick(
                de: "\(path) ist ein symbolischer Link; über einen Link entstünde ein zweites Budgetbuch. Die Datei selbst angeben.",
                en: "\(path) is a symbolic link, through which a second ledger would arise. Give the file itself.")
        case .severalNames(let count):
            return language.pick(
                de: "\(path) hat \(count) Namen (harte Links); jeder würde ein eigenes Budgetbuch. Nur einen Namen behalten.",
                en: "\(path) has \(count) names (hard links), each of which would become a ledger of its own. Keep one name.")
        }
    }
}
