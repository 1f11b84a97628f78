import Foundation
import CivicModels
import Crypto

/// Replaces identifying values with stable, keyed pseudonyms such as `P-3F9A2C71E04B`.
///
/// A pseudonym is the start of HMAC-SHA256(key, value), written in hexadecimal
/// after a prefix. The same value gives the same token in every file and every run
/// with the same key, so records stay linkable; without the key nobody can recompute
/// a token from a client number (a plain hash would allow exactly that by trying
/// every number).
///
/// Canonically equivalent spellings of a value (a precomposed "é" or "e" with a
/// combining accent) get the same token: values are hashed in Unicode
/// normalisation form C.
///
/// Tokens are short for readability. With `length` hexadecimal digits there are
/// 16^length tokens; two different values share one with probability about
/// n² / (2 · 16^length) for n values (the birthday bound): for 8 digits and
/// 10,000 clients about 1.2 %, for the default of 12 digits about 1 in 5 million.
/// ``PseudonymRegister`` detects such a clash in a run and refuses it; when the
/// number of values is known beforehand, ``length(forDistinctValues:collisionProbability:)``
/// picks the length. A shorter token is the start of a longer one under the same
/// key, so 8-digit tokens from earlier runs can still be matched.
///
/// ```swift
/// let pseudonymizer = Pseudonymizer(key: key)
/// pseudonymizer.token(for: "K-2024-0042")   // "P-…", the same in every run with this key
/// ```
public struct Pseudonymizer: Sendable {
    /// The text before the hexadecimal digits.
    public let prefix: String
    /// The number of hexadecimal digits (4...64).
    public let length: Int
    /// SHA-256 with the key's inner and outer padded blocks already absorbed (the
    /// HMAC construction of RFC 2104): a token copies them and hashes only its value
    /// and the inner digest. The same codes as swift-crypto's `HMAC<SHA256>` (tested
    /// against Python's `hmac`), which is generic and not specialised across modules:
    /// the 1.5 million tokens of the million generated cases took 2.0 s of processor
    /// time through it, mostly type metadata and copies, and 1.0 s this way (perf).
    private let inner: SHA256, outer: SHA256
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The number of hexadecimal digits a token has unless told otherwise: for
    /// 10,000 values a clash has odds of about 1 in 5 million.
    public static let defaultLength = 12

    /// A pseudonymiser with `key`, tokens of `length` hexadecimal digits after `prefix`.
    public init(key: PseudonymKey, length: Int = defaultLength, prefix: String = "P-") throws(PrivacyError) {
        guard (4...64).contains(length) else {
            throw .invalidParameter(BilingualText(
                de: "Pseudonymlänge \(Language.german.integer(length)): erlaubt sind 4 bis 64 Hexadezimalziffern",
                en: "pseudonym length \(length): use 4 to 64 hexadecimal digits"))
        }
        (inner, outer) = Self.paddedKeyHashes(key.secret)
        self.length = length
        self.prefix = prefix
    }

    /// The fewest hexadecimal digits (8 to 64) for which `distinctValues` different
    /// values share a token with probability at most `collisionProbability` (by the
    /// birthday bound n² / (2 · 16^length)).
    ///
    /// ```swift
    /// Pseudonymizer.length(forDistinctValues: 1_000_000)   // 16
    /// ```
    public static func length(forDistinctValues distinctValues: Int, collisionProbability: Double = 1e-6) -> Int {
        let n = Double(max(distinctValues, 1))
        let bits = 2 * log2(n) - 1 - log2(collisionProbability)
        return min(64, max(8, Int((bits / 4).rounded(.up))))
    }

    /// The token for `value`.
    public func token(for value: String) -> String {
        let code = authenticationCode(of: value)
        let prefix = self.prefix.utf8
        return String(unsafeUninitializedCapacity: prefix.count + length) { token in
            var end = token.initialize(fromContentsOf: prefix)
            code.withUnsafeBytes { code in
                for digit in 0..<length {
                    let byte = code[digit / 2]
                    token[end] = Self.hexDigits[Int(digit.isMultiple(of: 2) ? byte >> 4 : byte & 0x0F)]
                    end += 1
                }
            }
            return end
        }
    }

    /// A keyed number derived from `value` for `purpose` (domain-separated from the
    /// tokens, so knowing one reveals nothing about the other).
    func derivedNumber(for value: String, purpose: String) -> UInt64 {
        let code = authenticationCode(of: "\(purpose)\u{0}\(value)")
        return code.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `text`, in Unicode normalisation form C, under
    /// the key.
    ///
    /// Normalising first gives canonically equivalent spellings one token: an
    /// identifier typed once with a precomposed "é" and once with "e" and a combining
    /// accent is one person, as Swift's string comparison and ``PrivacyUnits`` see it.
    /// Text already in form C, which includes all ASCII, hashes exactly as before.
    private func authenticationCode(of text: String) -> SHA256Digest {
        var text = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        var hash = inner
        text.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var outerHash = outer
        hash.finalize().withUnsafeBytes { outerHash.update(bufferPointer: $0) }
        return outerHash.finalize()
    }

    /// SHA-256 after the key's inner block and after its outer block (RFC 2104: the
    /// key, hashed first if longer than a block, padded with zeros to the block of
    /// 64 bytes, XOR 0x36 and XOR 0x5C).
    private static func paddedKeyHashes(_ key: SymmetricKey) -> (inner: SHA256, outer: SHA256) {
        var block = key.withUnsafeBytes { key in
            key.count > SHA256.blockByteCount ? Array(SHA256.hash(data: key)) : Array(key)
        }
        block += Array(repeating: 0, count: SHA256.blockByteCount - block.count)
        var inner = SHA256(), outer = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        outer.update(data: block.map { $0 ^ 0x5C })
        return (inner, outer)
    }
}

/// Remembers which value each token stood for during one run, to catch the rare
/// case of two values sharing a token (which would merge two people into one).
///
/// Values are kept in memory only, never written or printed. Tokens are compared
/// byte for byte (a ``Pseudonymizer``'s tokens are ASCII).
public struct PseudonymRegister: Sendable {
    /// The tokens seen, each once, numbered in order of first record; `values[code]`
    /// is what token `code` stood for. For the 1.5 million identifiers of the million
    /// generated cases, a dictionary from token to value took about 1.6 s of processor
    /// time, this numbering (the tokens' bytes in one buffer) about 0.35 s (perf).
    public private(set) var tokens = TextDictionary()
    private var values: [String] = []

    /// An empty register.
    public init() {}

    /// The number of distinct values seen.
    public var count: Int { values.count }

    /// Records that `token` stands for `value`, and returns the token's number in
    /// ``tokens`` (so that a column of the tokens can be built from the register
    /// without numbering them again).
    ///
    /// - Throws: ``PrivacyError/invalidParameter(_:)`` when the token already stood for
    ///   another value: the pseudonyms are too short for this many values.
    @discardableResult
    public mutating func record(_ token: String, for value: String) throws(PrivacyError) -> UInt32 {
        let code = Int(tokens.code(for: token))
        if code == values.count {
            values.append(value)
        } else if values[code] != value {
            throw .invalidParameter(BilingualText(
                de: "zwei verschiedene Werte haben dasselbe Pseudonym \(token); "
                    + "verwenden Sie längere Pseudonyme (--pseudonym-length)",
                en: "two different values share the pseudonym \(token); use longer pseudonyms (--pseudonym-length)"))
        }
        return UInt32(code)
    }
}

/// Moves the dates of one person by a fixed, secret number of days.
///
/// Intervals within one person's record (days between intake and end, age at
/// intake) stay exact, while the calendar dates no longer match external records.
/// The offset comes from the key and the person's identifier, so it is the same in
/// every file and run, is never zero, and lies within ±`maximumDays`.
///
/// ```swift
/// let shifter = try DateShifter(pseudonymizer: pseudonymizer, maximumDays: 30)
/// shifter.shift(intake, forPersonWith: "K-2024-0042")
/// ```
public struct DateShifter: Sendable {
    /// The largest shift, in days, either way.
    public let maximumDays: Int
    private let pseudonymizer: Pseudonymizer

    /// A shifter whose offsets lie in -maximumDays...-1 or 1...maximumDays.
    public init(pseudonymizer: Pseudonymizer, maximumDays: Int) throws(PrivacyError) {
        guard maximumDays >= 1 && maximumDays <= 3_650 else {
            throw .invalidParameter(BilingualText(
                de: "Datumsverschiebung um \(Language.german.integer(maximumDays)) Tage: erlaubt sind 1 bis 3.650",
                en: "date shift of \(maximumDays) days: use 1 to 3650"))
        }
        self.pseudonymizer = pseudonymizer
        self.maximumDays = maximumDays
    }

    /// The offset in days for the person identified by `identifier`.
    public func offset(forPersonWith identifier: String) -> Int {
        let draw = Int(pseudonymizer.derivedNumber(for: identifier, purpose: "date-shift") % UInt64(2 * maximumDays))
        return draw < maximumDays ? -(draw + 1) : draw - maximumDays + 1
    }

    /// `date` moved by the person's offset.
    public func shift(_ date: CivicDate, forPersonWith identifier: String) -> CivicDate {
        date + offset(forPersonWith: identifier)
    }
}
