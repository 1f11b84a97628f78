import Foundation

/// Swaps two paths in one step, where the system can: Linux's `renameat2` with
/// `RENAME_EXCHANGE`. A replacement done this way never has a moment in which
/// neither the old nor the new file (or folder) is in place, and the old one stays
/// at hand under the other name until it is removed or swapped back.
enum PathExchange {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2` when the C library has it (looked up at run time: Swift's Glibc
    /// module does not declare it, and other systems lack it).
    private static let renameAt2: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    private static let exchangeFlag: UInt32 = 2  // RENAME_EXCHANGE in <linux/fs.h>

    /// Swaps `first` and `second`, which must both exist. Returns `false`, with
    /// nothing changed, when the system or the file system cannot swap; the caller
    /// then falls back to two renames.
    ///
    /// - Throws: `CocoaError` for any other failure, naming `second`.
    static func exchange(_ first: URL, _ second: URL) throws -> Bool {
        guard let renameAt2 else { return false }
        let result = first.path.withCString { a in
            second.path.withCString { b in renameAt2(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) }
        }
        if result == 0 { return true }
        let failure = errno
        if failure == ENOSYS || failure == EINVAL || failure == ENOTSUP { return false }
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: second.path,
                                                       NSLocalizedDescriptionKey: String(cString: strerror(failure))])
    }
}

/// Temporary files and folders that a killed run left behind.
///
/// Every writer holds an exclusive `flock` on its temporary for as long as it
/// lives; the system drops the lock when the process ends, however it ends. A
/// temporary that can be locked therefore belongs to no running writer and can be
/// cleaned up, while one that cannot is still being written.
enum AbandonedTemporaries {
    /// Opens `url` (a file or a folder) and locks it exclusively; returns the
    /// descriptor to keep open while the temporary lives, or `nil` when the lock
    /// is held elsewhere or the path cannot be opened.
    static func lock(_ url: URL) -> Int32? {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// The entries of `folder` whose names start with `prefix` and end with
    /// `suffix` and that no running writer holds, each passed to `recover` while
    /// locked.
    static func forEach(in folder: URL, prefix: String, suffix: String = "", _ recover: (URL) -> Void) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) && name.count > prefix.count + suffix.count {
            let url = folder.appendingPathComponent(name)
            guard let descriptor = lock(url) else { continue }
            recover(url)
            close(descriptor)
        }
    }
}
