import Crypto
import Foundation

/// A source of uniformly random 64-bit words, from which the samplers draw.
public protocol RandomWordSource {
    /// The next uniformly random word.
    mutating func nextWord() -> UInt64
}

extension RandomWordSource {
    /// A uniformly random integer in `0..<bound` (`bound > 0`), without modulo bias
    /// (D. Lemire, "Fast random integer generation in an interval", 2019).
    @inline(__always)
    public mutating func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "an empty range has no random element")
        var product = nextWord().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = nextWord().multipliedFullWidth(by: bound) }
        }
        return product.high
    }
}

/// A cryptographically secure random source: the ChaCha20 keystream (RFC 8439)
/// under a 256-bit key from the operating system, read from a buffer.
///
/// The operating system's generator (`getrandom`) is secure but costs a system call
/// per request; the samplers need several words per draw, so this source asks the
/// system once for a key and expands it with ChaCha20, a standard construction
/// (the Linux kernel's own generator does the same). Measured need: the issue's
/// target of 5 million draws per second is out of reach with a system call per word.
///
/// ```swift
/// var random = SecureRandom()            // secret key from the system
/// let noise = DiscreteLaplace(scale: 10).sample(using: &random)
/// ```
///
/// `SecureRandom(seed:)` makes the stream reproducible, for tests and teaching only:
/// noise from a known seed protects nothing.
public struct SecureRandom: RandomWordSource {
    private let key: SymmetricKey
    private var counter: UInt64 = 0
    private var buffer: [UInt64] = []
    private var position = 0
    private static let wordsPerBlock = 8192

    /// A source keyed by 256 random bits from the operating system.
    public init() {
        var system = SystemRandomNumberGenerator()
        key = SymmetricKey(data: (0..<4).flatMap { _ in withUnsafeBytes(of: system.next()) { Array($0) } })
    }

    /// A reproducible source: the same seed gives the same words. For tests and
    /// teaching only; never for a release.
    package init(seed: UInt64) {
        key = SymmetricKey(data: SHA256.hash(data: withUnsafeBytes(of: seed.littleEndian) { Array($0) }))
    }

    @inline(__always)
    public mutating func nextWord() -> UInt64 {
        if position == buffer.count { refill() }
        defer { position += 1 }
        return buffer[position]
    }

    /// The next keystream block: ChaCha20-Poly1305 sealing zeros yields the ChaCha20
    /// keystream as ciphertext (the tag is not used). Each block has its own nonce.
    private mutating func refill() {
        counter += 1
        let nonceBytes = withUnsafeBytes(of: counter.littleEndian) { Array($0) } + [0, 0, 0, 0]
        let zeros = [UInt8](repeating: 0, count: Self.wordsPerBlock * 8)
        // Sealing cannot fail with a valid key and a 12-byte nonce.
        let sealed = try! ChaChaPoly.seal(zeros, using: key, nonce: ChaChaPoly.Nonce(data: nonceBytes))
        buffer = sealed.ciphertext.withUnsafeBytes { raw in
            (0..<Self.wordsPerBlock).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
        }
        position = 0
    }
}
