import Foundation

/// A fresh folder under the system's temporary directory, removed when dropped.
///
/// ```swift
/// let folder = try TemporaryDirectory()
/// let url = folder.url.appendingPathComponent("cases.csv")
/// ```
public final class TemporaryDirectory {
    /// The folder.
    public let url: URL

    /// Creates the folder.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("civic-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes bytes to a file inside the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let target = file(name)
        try Data(bytes).write(to: target)
        return target
    }

    /// Writes UTF-8 text to a file inside the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    /// The names of the files in the folder, sorted (hidden ones included).
    public func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
