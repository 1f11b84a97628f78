import Foundation

/// Writes a file so that readers see either the old file or the complete new one.
///
/// The bytes go to a hidden temporary file in the same folder; ``commit()`` moves it
/// over the destination in one `rename`, and a writer that is dropped without a
/// commit removes its temporary file. An interrupted export therefore never leaves a
/// half-written CSV for someone to publish by mistake. Temporaries that a killed
/// run left behind are removed the next time the same destination is written.
///
/// ```swift
/// let file = try AtomicFile(destination: url)
/// try file.write(bytes)
/// try file.commit()
/// ```
///
/// To replace several files together (a data file and its report), create each
/// one in the same ``AtomicFileSet``.
public final class AtomicFile {
    /// Where the file ends up.
    public let destination: URL
    /// The temporary file being written.
    public let temporaryURL: URL
    private var handle: FileHandle?
    /// Holds the temporary's lock, which tells later runs that it is in use.
    private var lockDescriptor: Int32?
    /// The set this file belongs to; weak, since the set holds its files.
    private weak var set: AtomicFileSet?
    private let belongsToSet: Bool
    private var committed = false

    /// Creates the temporary file beside `destination`, with `permissions` (such as
    /// `0o600` for a file only its owner may read) or the process's default. With a
    /// `set`, ``commit()`` only hands the file to the set, whose own commit moves all
    /// its files into place together.
    public init(destination: URL, permissions: Int? = nil, in set: AtomicFileSet? = nil) throws {
        self.destination = destination
        self.set = set
        belongsToSet = set != nil
        let folder = destination.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent)."
        AbandonedTemporaries.forEach(in: folder, prefix: prefix, suffix: ".tmp") { leftover in
            try? FileManager.default.removeItem(at: leftover)
        }
        temporaryURL = folder.appendingPathComponent("\(prefix)\(UUID().uuidString).tmp")
        let attributes = permissions.map { [FileAttributeKey.posixPermissions: $0] }
        guard FileManager.default.createFile(atPath: temporaryURL.path, contents: nil, attributes: attributes) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporaryURL.path])
        }
        lockDescriptor = AbandonedTemporaries.lock(temporaryURL)
        handle = try FileHandle(forWritingTo: temporaryURL)
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws {
        try handle?.write(contentsOf: bytes)
    }

    /// Flushes the data to disk and moves the file into place (or, in a set, hands
    /// it to the set).
    public func commit() throws {
        guard let handle else { return }
        try handle.synchronize()
        try handle.close()
        self.handle = nil
        if belongsToSet {
            guard let set else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path,
                                                               NSLocalizedDescriptionKey: "its file set is gone"])
            }
            set.add(self)
            return
        }
        if rename(temporaryURL.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporaryURL)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path,
                                                           NSLocalizedDescriptionKey: reason])
        }
        markCommitted()
    }

    /// Called once the file is in place: nothing is left to clean up.
    func markCommitted() {
        committed = true
        releaseLock()
    }

    private func releaseLock() {
        if let lockDescriptor { close(lockDescriptor) }
        lockDescriptor = nil
    }

    deinit {
        if !committed {
            try? handle?.close()
            try? FileManager.default.removeItem(at: temporaryURL)
        }
        releaseLock()
    }
}

/// Several files replaced together: after ``commit()`` every destination holds its
/// new file, and if any step fails, every destination holds what it held before
/// (or nothing, if it did not exist). For a data file and the report describing
/// it, which must never be seen one without the other.
///
/// ```swift
/// let outputs = AtomicFileSet()
/// try CSVTableWriter.write(table, to: dataURL, in: outputs)
/// try outputs.write(reportBytes, to: reportURL)
/// try outputs.commit()
/// ```
///
/// On Linux each file is swapped with its old version in one step
/// (`renameat2(RENAME_EXCHANGE)`), which keeps the old version at hand for the
/// way back; elsewhere the old version is kept through a second hard link.
public final class AtomicFileSet {
    private var files: [AtomicFile] = []

    /// An empty set.
    public init() {}

    func add(_ file: AtomicFile) {
        files.append(file)
    }

    /// Writes `bytes` as one more file of the set.
    public func write(_ bytes: [UInt8], to destination: URL, permissions: Int? = nil) throws {
        let file = try AtomicFile(destination: destination, permissions: permissions, in: self)
        try file.write(bytes)
        try file.commit()
    }

    /// What one step of the commit did, so that it can be undone.
    private struct Step {
        var file: AtomicFile
        /// Where the destination's old content now lies; `nil` if it had none.
        var previous: URL?
    }

    /// Moves every committed file of the set into place, all or none.
    ///
    /// - Throws: `CocoaError` naming the destination that failed; every
    ///   destination then holds its old content again.
    public func commit() throws {
        var steps: [Step] = []
        do {
            for file in files { steps.append(try replace(file)) }
        } catch {
            for step in steps.reversed() { undo(step) }
            throw error
        }
        for step in steps {
            if let previous = step.previous { try? FileManager.default.removeItem(at: previous) }
            step.file.markCommitted()
        }
        files = []
    }

    private func replace(_ file: AtomicFile) throws -> Step {
        let manager = FileManager.default
        let destination = file.destination, temporary = file.temporaryURL
        if manager.fileExists(atPath: destination.path) {
            if try PathExchange.exchange(temporary, destination) {
                return Step(file: file, previous: temporary)  // the old file now lies there
            }
            let backup = temporary.deletingPathExtension().appendingPathExtension("previous.tmp")
            guard link(destination.path, backup.path) == 0 else { throw Self.failure(destination) }
            guard rename(temporary.path, destination.path) == 0 else {
                let error = Self.failure(destination)
                unlink(backup.path)
                throw error
            }
            return Step(file: file, previous: backup)
        }
        guard rename(temporary.path, destination.path) == 0 else { throw Self.failure(destination) }
        return Step(file: file, previous: nil)
    }

    /// Puts back what the destination held before the step.
    private func undo(_ step: Step) {
        let destination = step.file.destination
        if let previous = step.previous {
            rename(previous.path, destination.path)
        } else {
            unlink(destination.path)
        }
    }

    private static func failure(_ destination: URL) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path,
                                                 NSLocalizedDescriptionKey: String(cString: strerror(errno))])
    }
}
