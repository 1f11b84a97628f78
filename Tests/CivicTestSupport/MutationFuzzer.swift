import Foundation

/// A seeded mutation fuzzer: derives damaged variants of valid inputs (flipped,
/// inserted, deleted, duplicated and truncated bytes, and tokens that parsers
/// find hard), the same ones on every run, so a failure can be replayed by its
/// iteration number.
///
/// ```swift
/// var fuzzer = MutationFuzzer(seed: 1, tokens: [Array("\"".utf8)])
/// for _ in 0..<1_000 { _ = try? parse(fuzzer.mutate(sample)) }
/// ```
public struct MutationFuzzer: Sendable, RandomNumberGenerator {
    private var state: UInt64
    /// Byte strings the fuzzer inserts or substitutes, such as quotes, separators or
    /// extreme numbers.
    public let tokens: [[UInt8]]

    /// A fuzzer whose sequence of mutations is fixed by `seed`.
    public init(seed: UInt64, tokens: [[UInt8]] = []) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        self.tokens = tokens
    }

    /// The next pseudo-random number (SplitMix64).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// `bytes` with one to four mutations applied.
    public mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for _ in 0...below(4) { result = mutateOnce(result) }
        return result
    }

    private mutating func mutateOnce(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let position = bytes.isEmpty ? 0 : below(bytes.count + 1)
        switch below(tokens.isEmpty ? 6 : 8) {
        case 0 where !bytes.isEmpty:  // flip a bit
            let index = min(position, bytes.count - 1)
            bytes[index] ^= UInt8(1) << UInt8(below(8))
        case 1:  // insert a random byte
            bytes.insert(UInt8(truncatingIfNeeded: next()), at: position)
        case 2 where !bytes.isEmpty:  // delete a run
            let end = min(bytes.count, position + 1 + below(8))
            if position < end { bytes.removeSubrange(position..<end) }
        case 3 where !bytes.isEmpty:  // duplicate a run
            let start = below(bytes.count), end = min(bytes.count, start + 1 + below(64))
            bytes.insert(contentsOf: bytes[start..<end], at: position)
        case 4:  // truncate
            bytes.removeSubrange(position...)
        case 5:  // an interesting byte
            let interesting: [UInt8] = [0, 0x0A, 0x0D, 0x22, 0x2C, 0x3B, 0x09, 0x7F, 0x80, 0xC3, 0xFF, 0xEF, 0xBB, 0xBF]
            bytes.insert(interesting[below(interesting.count)], at: position)
        case 6:  // insert a token
            bytes.insert(contentsOf: tokens[below(tokens.count)], at: position)
        default:  // replace a run by a token
            let token = tokens.isEmpty ? [] : tokens[below(tokens.count)]
            let end = min(bytes.count, position + 1 + below(6))
            if position < end { bytes.replaceSubrange(position..<end, with: token) } else { bytes += token }
        }
        return bytes
    }
}

/// How many mutations a fuzz test runs: `CIVIC_FUZZ_ITERATIONS` from the
/// environment (for a longer run by hand), else `fallback`.
public func fuzzIterations(default fallback: Int) -> Int {
    ProcessInfo.processInfo.environment["CIVIC_FUZZ_ITERATIONS"].flatMap(Int.init) ?? fallback
}
