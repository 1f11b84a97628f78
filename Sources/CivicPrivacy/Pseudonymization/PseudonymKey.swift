import CivicModels
import Crypto
import Foundation

/// The secret behind every pseudonym: 256 random bits, kept in a file of its own.
///
/// GDPR Art. 4(5) calls data pseudonymised only when the extra information needed
/// to re-identify people is "kept separately". The key is that information: whoever
/// holds it can recompute a pseudonym from a client number. So it lives in its own
/// file, readable by its owner only, and never appears in output, logs or errors
/// (its `description` is redacted).
///
/// ```swift
/// try PseudonymKey.generate().write(to: keyURL)      // once, mode 0600, never overwrites
/// let key = try PseudonymKey(contentsOf: keyURL)     // in every later run
/// let pseudonymizer = Pseudonymizer(key: key)
/// ```
public struct PseudonymKey: Sendable, CustomStringConvertible {
    /// The first line of every key file: names the format and its version.
    static let header = "civic-pseudonym-key-v1"

    let secret: SymmetricKey

    /// A key made of `bytes`: at least 32 bytes that look random (an estimate of at
    /// least 128 bits of entropy from their byte frequencies, so an all-zero or
    /// repeated key is refused). For tests and for keys kept in a secret store.
    public init(bytes: [UInt8]) throws(PseudonymKeyError) {
        guard bytes.count >= 32 else { throw .tooShort(bytes: bytes.count) }
        guard Self.entropyEstimate(bytes) >= 128 else { throw .tooWeak }
        secret = SymmetricKey(data: bytes)
    }

    /// The bits of entropy `bytes` can hold at most, judged by how often each byte
    /// value occurs (Shannon entropy of the byte frequencies times the length). Low
    /// for keys such as 32 zero bytes (0 bits) or a short pattern repeated.
    static func entropyEstimate(_ bytes: [UInt8]) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let n = Double(bytes.count)
        let perByte = counts.reduce(0.0) { entropy, count in
            count == 0 ? entropy : entropy - Double(count) / n * log2(Double(count) / n)
        }
        return perByte * n
    }

    private init(secret: SymmetricKey) { self.secret = secret }

    /// A new key of 256 bits from the system's cryptographic random source.
    public static func generate() -> PseudonymKey {
        PseudonymKey(secret: SymmetricKey(size: .bits256))
    }

    /// Reads a key file written by ``write(to:)``.
    ///
    /// - Throws: ``PseudonymKeyError`` when the file is missing, malformed, or can be
    ///   read by anyone but its owner (fail closed: a key others can read protects nothing).
    public init(contentsOf url: URL) throws(PseudonymKeyError) {
        var status = stat()
        guard stat(url.path, &status) == 0 else { throw .unreadable(path: url.path) }
        guard status.st_mode & 0o077 == 0 else {
            throw .readableByOthers(path: url.path, mode: String(status.st_mode & 0o777, radix: 8))
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw .unreadable(path: url.path) }
        let lines = text.split(whereSeparator: \.isNewline)
        guard lines.count == 2, lines[0] == Self.header, let bytes = Self.bytes(fromHex: lines[1]) else {
            throw .malformed(path: url.path)
        }
        try self.init(bytes: bytes)
    }

    /// Writes the key to a new file that only its owner may read (mode 0600).
    ///
    /// - Throws: ``PseudonymKeyError/fileExists(path:)`` if anything is at `url`:
    ///   overwriting a key would make every earlier pseudonym unlinkable.
    public func write(to url: URL) throws(PseudonymKeyError) {
        // O_EXCL: create or fail, atomically; no window in which another file could appear.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .fileExists(path: url.path) }
            throw .unwritable(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        fchmod(descriptor, 0o600)  // the umask may only have narrowed it; make it exact
        let hex = secret.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        let bytes = Array("\(Self.header)\n\(hex)\n".utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(url.path)
            throw .unwritable(path: url.path, reason: reason)
        }
    }

    /// Redacted: a key never shows up in logs or string interpolation.
    public var description: String { "PseudonymKey(<redacted>)" }

    private static func bytes(fromHex hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why a pseudonym key could not be made, read or written. Messages name the file,
/// never the key.
public enum PseudonymKeyError: Error, Equatable, Sendable {
    /// Fewer than 32 bytes of key material.
    case tooShort(bytes: Int)
    /// Key material that does not look random (all bytes equal, a short pattern).
    case tooWeak
    /// The key file is missing or cannot be read.
    case unreadable(path: String)
    /// The file is not a key file written by CivicDataKit.
    case malformed(path: String)
    /// Group or others may read the key file.
    case readableByOthers(path: String, mode: String)
    /// Something already exists where a new key should go.
    case fileExists(path: String)
    /// The key file could not be written.
    case unwritable(path: String, reason: String)
}

extension PseudonymKeyError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .tooShort(let count):
            language.pick(de: "Ein Schlüssel braucht mindestens 32 Bytes, nicht \(count).",
                          en: "A key needs at least 32 bytes, not \(count).")
        case .tooWeak:
            language.pick(de: "Der Schlüssel sieht nicht zufällig aus (etwa lauter gleiche Bytes); erzeugen Sie einen mit civic-redact keygen.",
                          en: "The key does not look random (such as all bytes equal); make one with civic-redact keygen.")
        case .unreadable(let path):
            language.pick(de: "Die Schlüsseldatei \(path) fehlt oder ist nicht lesbar.",
                          en: "The key file \(path) is missing or unreadable.")
        case .malformed(let path):
            language.pick(de: "\(path) ist keine Schlüsseldatei von civic-redact keygen.",
                          en: "\(path) is not a key file made by civic-redact keygen.")
        case .readableByOthers(let path, let mode):
            language.pick(
                de: "Die Schlüsseldatei \(path) ist auch für andere lesbar (Modus \(mode)). Mit `chmod 600 \(path)` beheben.",
                en: "The key file \(path) can be read by others (mode \(mode)). Fix it with `chmod 600 \(path)`.")
        case .fileExists(let path):
            language.pick(
                de: "\(path) gibt es schon. Ein Schlüssel wird nie überschrieben: frühere Pseudonyme wären sonst nicht mehr verknüpfbar.",
                en: "\(path) already exists. A key is never overwritten: earlier pseudonyms could no longer be linked.")
        case .unwritable(let path, let reason):
            language.pick(de: "Die Schlüsseldatei \(path) konnte nicht geschrieben werden: \(reason)",
                          en: "Could not write the key file \(path): \(reason)")
        }
    }
}
