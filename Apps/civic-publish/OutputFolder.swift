import Foundation

/// Replaces a folder as a whole: the new content is written into a temporary
/// sibling, which takes the folder's place only when writing succeeded. On any
/// error the temporary folder is removed and the old folder is untouched.
enum OutputFolder {
    static func replace(_ folder: URL, writing body: (URL) throws -> Void) throws {
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
