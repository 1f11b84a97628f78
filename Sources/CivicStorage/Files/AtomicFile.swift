import Foundation

/// Writes a file so that readers see either the old file or the complete new one.
///
/// The bytes go to a hidden temporary file in the same folder; ``commit()`` moves it
/// over the destination in one `rename`, and a writer that is dropped without a
/// commit removes its temporary file. An interrupted export therefore never leaves a
/// half-written CSV for someone to publish by mistake.
///
/// ```swift
/// let file = try AtomicFile(destination: url)
/// try file.write(bytes)
/// try file.commit()
/// ```
public final class AtomicFile {
    /// Where the file ends up.
    public let destination: URL
    /// The temporary file being written.
    public let temporaryURL: URL
    private var handle: FileHandle?
    private var committed = false

    /// Creates the temporary file beside `destination`, with `permissions` (such as
    /// `0o600` for a file only its owner may read) or the process's default.
    public init(destination: URL, permissions: Int? = nil) throws {
        self.destination = destination
        let folder = destination.deletingLastPathComponent()
        temporaryURL = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        let attributes = permissions.map { [FileAttributeKey.posixPermissions: $0] }
        guard FileManager.default.createFile(atPath: temporaryURL.path, contents: nil, attributes: attributes) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporaryURL.path])
        }
        handle = try FileHandle(forWritingTo: temporaryURL)
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws {
        try handle?.write(contentsOf: bytes)
    }

    /// Flushes the data to disk and moves the file into place.
    public func commit() throws {
        guard let handle else { return }
        try handle.synchronize()
        try handle.close()
        self.handle = nil
        if rename(temporaryURL.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporaryURL)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path,
                                                           NSLocalizedDescriptionKey: reason])
        }
        committed = true
    }

    deinit {
        if !committed {
            try? handle?.close()
            try? FileManager.default.removeItem(at: temporaryURL)
        }
    }
}
