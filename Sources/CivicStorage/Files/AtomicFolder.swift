import CivicModels
import Foundation

/// Replaces a folder as a whole, so readers see either the old folder or the
/// complete new one: the new content is written into a hidden sibling, which takes
/// the folder's place only when writing (and any check of what was written)
/// succeeded. On any error the sibling is removed and the old folder is untouched.
///
/// Replacing deletes what was there, so a folder is only replaced if it is one this
/// type wrote before (it holds the `marker` file) and contains none of the
/// `protected` paths (the input, the working directory): `--output .` or a typo
/// must never delete someone's files.
///
/// ```swift
/// try AtomicFolder.replace(URL(fileURLWithPath: "civic-output"), marker: ".civic-package",
///                          protecting: [inputURL]) { folder in
///     try CSVTableWriter.write(table, to: folder.appendingPathComponent("data.csv"))
/// }
/// ```
public enum AtomicFolder {
    /// Runs `body` on an empty temporary folder beside `folder`, then puts it in
    /// `folder`'s place with the `marker` file in it.
    ///
    /// On Linux the two folders are swapped in one step, so `folder` never goes
    /// missing; elsewhere the old folder is moved aside first and restored if the
    /// second move fails. Hidden leftovers of a run that was killed (a `.partial-`
    /// or `.previous-` sibling no running writer holds) are cleaned up first; an
    /// old folder moved aside by a run killed between its two moves is put back.
    ///
    /// - Throws: ``OutputFolderError`` before anything is written when `folder`
    ///   exists but is not a folder with `marker`, or contains a protected path.
    public static func replace(_ folder: URL, marker: String = ".civic-package", protecting protected: [URL] = [],
                               writing body: (URL) throws -> Void) throws {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        recoverLeftovers(of: folder)
        try checkReplaceable(folder, marker: marker, protecting: protected)
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let suffix = UUID().uuidString.prefix(8)
        let temporary = parent.appendingPathComponent(".\(folder.lastPathComponent).partial-\(suffix)")
        try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
        // Held until the end: tells later runs that this temporary is not a leftover.
        let lock = AbandonedTemporaries.lock(temporary)
        defer { if let lock { close(lock) } }
        do {
            try body(temporary)
            guard manager.createFile(atPath: temporary.appendingPathComponent(marker).path, contents: Foundation.Data()) else {
                throw OutputFolderError(kind: .notWritable, path: folder.path)
            }
            if !manager.fileExists(atPath: folder.path) {
                try manager.moveItem(at: temporary, to: folder)
            } else if try PathExchange.exchange(temporary, folder) {
                try? manager.removeItem(at: temporary)  // now the old folder
            } else {
                try moveAside(folder, replacingWith: temporary, suffix: suffix)
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
    }

    /// Replaces `folder` by `temporary` in two moves, for systems without an
    /// exchange: the old folder goes to a `.previous-` sibling first.
    private static func moveAside(_ folder: URL, replacingWith temporary: URL, suffix: Substring) throws {
        let manager = FileManager.default
        let previous = folder.deletingLastPathComponent()
            .appendingPathComponent(".\(folder.lastPathComponent).previous-\(suffix)")
        try manager.moveItem(at: folder, to: previous)
        do {
            try manager.moveItem(at: temporary, to: folder)
        } catch {
            try? manager.moveItem(at: previous, to: folder)
            throw error
        }
        try? manager.removeItem(at: previous)
    }

    /// Removes what killed runs left beside `folder`, and puts back an old folder
    /// that was moved aside but never replaced.
    public static func recoverLeftovers(of folder: URL) {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        AbandonedTemporaries.forEach(in: parent, prefix: ".\(name).previous-") { previous in
            if !manager.fileExists(atPath: folder.path) {
                try? manager.moveItem(at: previous, to: folder)
            } else {
                try? manager.removeItem(at: previous)
            }
        }
        AbandonedTemporaries.forEach(in: parent, prefix: ".\(name).partial-") { partial in
            try? manager.removeItem(at: partial)
        }
    }

    /// Throws unless `folder` is absent, or a folder with `marker` that contains
    /// none of the protected paths.
    static func checkReplaceable(_ folder: URL, marker: String, protecting protected: [URL]) throws(OutputFolderError) {
        let target = folder.standardizedFileURL.resolvingSymlinksInPath().path
        for path in protected.map({ $0.standardizedFileURL.resolvingSymlinksInPath().path })
            where path == target || path.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
            throw OutputFolderError(kind: .containsProtectedPath, path: folder.path)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw OutputFolderError(kind: .notAFolder, path: folder.path) }
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(marker).path) else {
            throw OutputFolderError(kind: .notWrittenBefore, path: folder.path)
        }
    }
}

/// Why an output folder was not replaced. Nothing was deleted or written.
public struct OutputFolderError: Error, Equatable, Sendable {
    /// What is wrong with the folder.
    public enum Kind: Sendable, Equatable {
        /// The path is a file, not a folder.
        case notAFolder
        /// The folder exists but was not written by a publication (no marker file).
        case notWrittenBefore
        /// The folder contains the input or the working directory.
        case containsProtectedPath
        /// The folder could not be written.
        case notWritable
    }

    /// What is wrong.
    public let kind: Kind
    /// The folder.
    public let path: String
}

extension OutputFolderError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch kind {
        case .notAFolder:
            return language.pick(de: "\(path) ist eine Datei, kein Ordner; sie wird nicht ersetzt.",
                                 en: "\(path) is a file, not a folder; it is not replaced.")
        case .notWrittenBefore:
            return language.pick(
                de: "Der Ordner \(path) besteht schon und stammt nicht aus einer Veröffentlichung; er wird nicht ersetzt. "
                    + "Wählen Sie einen neuen Ordner (--output).",
                en: "The folder \(path) exists and was not written by a publication; it is not replaced. "
                    + "Choose a new folder (--output).")
        case .containsProtectedPath:
            return language.pick(de: "Der Ordner \(path) enthält die Eingabe oder das Arbeitsverzeichnis; er wird nicht ersetzt.",
                                 en: "The folder \(path) contains the input or the working directory; it is not replaced.")
        case .notWritable:
            return language.pick(de: "In den Ordner \(path) lässt sich nicht schreiben.",
                                 en: "The folder \(path) cannot be written.")
        }
    }
}
