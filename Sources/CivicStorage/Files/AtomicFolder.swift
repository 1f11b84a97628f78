import Foundation

/// Replaces a folder as a whole, so readers see either the old folder or the
/// complete new one: the new content is written into a hidden sibling, which takes
/// the folder's place only when writing (and any check of what was written)
/// succeeded. On any error the sibling is removed and the old folder is untouched.
///
/// ```swift
/// try AtomicFolder.replace(URL(fileURLWithPath: "civic-output")) { folder in
///     try CSVTableWriter.write(table, to: folder.appendingPathComponent("data.csv"))
/// }
/// ```
public enum AtomicFolder {
    /// Runs `body` on an empty temporary folder beside `folder`, then moves it into
    /// `folder`'s place (the previous folder is removed only after the move).
    public static func replace(_ folder: URL, writing body: (URL) throws -> Void) throws {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let suffix = UUID().uuidString.prefix(8)
        let temporary = parent.appendingPathComponent(".\(folder.lastPathComponent).partial-\(suffix)")
        let previous = parent.appendingPathComponent(".\(folder.lastPathComponent).previous-\(suffix)")
        try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
        do {
            try body(temporary)
            if manager.fileExists(atPath: folder.path) {
                try manager.moveItem(at: folder, to: previous)
                do {
                    try manager.moveItem(at: temporary, to: folder)
                } catch {
                    try? manager.moveItem(at: previous, to: folder)
                    throw error
                }
                try? manager.removeItem(at: previous)
            } else {
                try manager.moveItem(at: temporary, to: folder)
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
    }
}
