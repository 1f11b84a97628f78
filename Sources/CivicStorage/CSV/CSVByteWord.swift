/// Eight bytes at a time: the word-at-a-time ("SWAR", SIMD within a register) byte
/// tests that the CSV reader and writer use to skip the ordinary bytes of a field.
///
/// Eight bytes are loaded as one little-endian `UInt64`, so byte `k` of the input is
/// bits `8k..<8k+8` of the word, and compared with a byte repeated eight times. The
/// result is a mask with the high bit set in each byte that matched; its
/// `trailingZeroBitCount / 8` is the offset of the first match.
///
/// The test is exact: a byte is flagged only when it matches. (The shorter
/// `(x - 0x01…) & ~x & 0x80…` form can also flag a byte after a match, through the
/// borrow, which would miscount matches.)
enum CSVByteWord {
    /// The low seven bits of every byte.
    static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    /// The high bit of every byte.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// `byte` in each of the eight bytes of a word.
    @inline(__always)
    static func repeating(_ byte: UInt8) -> UInt64 {
        UInt64(byte) &* 0x0101_0101_0101_0101
    }

    /// The eight bytes at `pointer` (any alignment), the first in the low bits.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of every byte of `word` that is not zero. No carry crosses a
    /// byte: `(x & 0x7F) + 0x7F` is at most `0xFE`.
    @inline(__always)
    static func nonZero(_ word: UInt64) -> UInt64 {
        ((word & lowBits) &+ lowBits) | word
    }

    /// The high bit of every byte of `word` that equals the byte repeated in `pattern`.
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        ~nonZero(word ^ pattern) & highBits
    }

    /// The high bit of every byte of `word` that equals one of three repeated bytes
    /// (the three tests share one negation).
    @inline(__always)
    static func matches(_ word: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        ~(nonZero(word ^ a) & nonZero(word ^ b) & nonZero(word ^ c)) & highBits
    }

    /// How many of the `count` bytes at `start` equal `byte`.
    static func count(of byte: UInt8, in start: UnsafePointer<UInt8>, count: Int) -> Int {
        let pattern = repeating(byte)
        var found = 0
        var i = 0
        while i + 8 <= count {
            found &+= matches(load(start + i), pattern).nonzeroBitCount
            i += 8
        }
        while i < count {
            if start[i] == byte { found &+= 1 }
            i += 1
        }
        return found
    }
}
