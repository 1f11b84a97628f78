import Foundation

/// The distinct texts of a text column, each stored once and numbered.
///
/// A text column stores one small code per row and each distinct text once, as
/// UTF-8 bytes in one contiguous buffer. Case files repeat the same few values
/// (district, service, outcome) millions of times, so this keeps a 2-million-row
/// table small, and grouping or counting by a text column works on the codes.
///
/// Texts are compared byte by byte, so two spellings that Unicode would call
/// equivalent (a precomposed "ü" and "u" plus a combining diaeresis) stay distinct:
/// a data tool must not silently merge what the source kept apart.
///
/// Lookup uses an open-addressing hash index over the codes (a multiply-xor hash, eight bytes a step).
/// It is written by hand rather than using `Dictionary<String, UInt32>` because that
/// needs one heap-allocated `String` per distinct value and Unicode-aware hashing,
/// which made loading a 2-million-row file measurably slower and larger.
///
/// For columns whose values are nearly all different (case numbers, free-text notes)
/// deduplication saves nothing and costs a hash lookup per row, so a builder may call
/// `stopDeduplicating()`: from then on every text is appended as it comes, and two
/// codes may stand for the same text (``isDeduplicated`` is `false`).
public struct TextDictionary: Sendable {
    /// Whether every text is stored once, so that equal codes mean equal texts and
    /// different codes different texts.
    public private(set) var isDeduplicated = true
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    private var index: [UInt32] = []       // 0 = empty slot, otherwise code + 1
    private var hashes: [UInt32] = []      // the hash of each code, to grow the index cheaply

    /// An empty dictionary.
    public init() {}

    /// A dictionary holding `texts` in this order (duplicates are stored once).
    public init<S: Sequence>(_ texts: S) where S.Element == String {
        for text in texts { _ = code(for: text) }
    }

    /// The number of distinct texts.
    public var count: Int { offsets.count - 1 }

    /// The text for `code`.
    public subscript(code: UInt32) -> String {
        let start = offsets[Int(code)], end = offsets[Int(code) + 1]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
        }
    }

    /// The UTF-8 bytes of `code`'s text, for code that must not allocate.
    public func withUTF8<R, E: Error>(_ code: UInt32, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let start = offsets[Int(code)], end = offsets[Int(code) + 1]
        return try bytes.withUnsafeBufferPointer { (all) throws(E) in
            try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// Calls `body` with the bytes of all texts and the offsets where each starts (the
    /// text of code `c` is `bytes[offsets[c]..<offsets[c + 1]]`).
    package func withUnsafeStorage<R>(
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) throws -> R
    ) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try offsets.withUnsafeBufferPointer { offsets in try body(bytes, offsets) }
        }
    }

    /// All texts, in code order.
    public var texts: [String] { (0..<count).map { self[UInt32($0)] } }

    /// Whether every text is ASCII: then texts that differ in their bytes differ as
    /// Swift strings too (elsewhere two byte sequences may be canonically equivalent,
    /// such as a precomposed é and an e with a combining accent).
    package var isASCII: Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.isASCII($0) }
    }

    /// The code of `text`, if the dictionary holds it (the first, when it is not
    /// deduplicated).
    public func existingCode(for text: String) -> UInt32? {
        guard isDeduplicated else { return (0..<UInt32(count)).first { self[$0] == text } }
        var text = text
        return text.withUTF8 { lookup($0, hash: TextDictionary.hash($0)).code }
    }

    /// The code of the text with these UTF-8 bytes, if the dictionary holds it. Needs
    /// a deduplicating dictionary (returns `nil` otherwise); allocates nothing.
    package func existingCode(forUTF8 utf8: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard isDeduplicated else { return nil }
        return lookup(utf8, hash: TextDictionary.hash(utf8)).code
    }

    /// Appends every text of `other` without looking any up, and returns the code
    /// that `other`'s code 0 now has. The dictionary stops deduplicating if `other`
    /// adds anything.
    public mutating func appendAll(_ other: TextDictionary) -> UInt32 {
        let first = UInt32(count)
        guard other.count > 0 else { return first }
        stopDeduplicating()
        let shift = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + shift })
        return first
    }

    /// Adds the texts of `other` that this dictionary lacks, and returns the code
    /// each of `other`'s codes has here. Both dictionaries must deduplicate.
    ///
    /// Merging the parts of a table read on several threads meets one such merge
    /// per text column, and the largest (hundreds of thousands of free-text notes)
    /// ran on one core while the others waited. The lookups only read this
    /// dictionary, so they run on all cores, reusing the hashes `other` stored; the
    /// texts found missing are then added in order, each into a free slot without
    /// comparing texts, since `other` holds each text once.
    package mutating func merge(_ other: TextDictionary) -> [UInt32] {
        precondition(isDeduplicated && other.isDeduplicated, "merging needs two deduplicating dictionaries")
        let found = existingCodes(of: other)
        let missing = found.count { $0 == nil }
        if (count + missing + 1) * 2 > index.count {
            var capacity = max(64, index.count)
            while (count + missing + 1) * 2 > capacity { capacity *= 2 }
            rebuildIndex(capacity: capacity)
        }
        reserveCapacity(texts: missing, bytes: missing == 0 ? 0 : other.bytes.count)
        hashes.reserveCapacity(count + missing)
        var codes = [UInt32](repeating: 0, count: found.count)
        other.bytes.withUnsafeBufferPointer { theirBytes in
            index.withUnsafeMutableBufferPointer { index in
                let mask = index.count - 1
                for (theirs, code) in found.enumerated() {
                    if let code {
                        codes[theirs] = code
                        continue
                    }
                    let new = UInt32(offsets.count - 1)
                    let hash = other.hashes[theirs]
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: theirBytes[other.offsets[theirs]..<other.offsets[theirs + 1]]))
                    offsets.append(bytes.count)
                    hashes.append(hash)
                    var slot = Int(hash) & mask
                    while index[slot] != 0 { slot = (slot &+ 1) & mask }
                    index[slot] = new + 1
                    codes[theirs] = new
                }
            }
        }
        return codes
    }

    /// The code here of each of `other`'s texts (`nil` where this dictionary lacks
    /// it), looked up on all cores when there are many.
    private func existingCodes(of other: TextDictionary) -> [UInt32?] {
        let lookUp = { @Sendable [self] (codes: Range<Int>) in
            codes.map { code in
                other.withUTF8(UInt32(code)) { lookup($0, hash: other.hashes[code]).code }
            }
        }
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, other.count / Self.textsPerMergePart))
        return concurrentMap(parts) { part in
            lookUp(other.count * part / parts..<other.count * (part + 1) / parts)
        }.flatMap { $0 }
    }

    /// Below twice this many texts, a merge looks them up on one thread.
    private static let textsPerMergePart = 16_384

    /// The bytes of all stored texts.
    public var byteCount: Int { bytes.count }

    /// Reserves room for `texts` more texts of `bytes` bytes in all.
    package mutating func reserveCapacity(texts: Int, bytes byteCount: Int) {
        bytes.reserveCapacity(bytes.count + byteCount)
        offsets.reserveCapacity(offsets.count + texts)
    }

    /// Stops storing each text once: later texts are appended without a lookup. For
    /// columns whose values are nearly all distinct.
    package mutating func stopDeduplicating() {
        isDeduplicated = false
        index = []
        hashes = []
    }

    /// The code of `text`, adding it if it is new.
    public mutating func code(for text: String) -> UInt32 {
        var text = text
        return text.withUTF8 { code(forUTF8: $0) }
    }

    /// The code of the text with these UTF-8 bytes, adding it if it is new. The caller
    /// guarantees that the bytes are valid UTF-8.
    package mutating func code(forUTF8 utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard isDeduplicated else {
            bytes.append(contentsOf: utf8)
            offsets.append(bytes.count)
            return UInt32(count - 1)
        }
        let hash = TextDictionary.hash(utf8)
        let found = lookup(utf8, hash: hash)
        if let code = found.code { return code }
        let code = UInt32(count)
        bytes.append(contentsOf: utf8)
        offsets.append(bytes.count)
        hashes.append(hash)
        if (count + 1) * 2 > index.count {
            rebuildIndex(capacity: max(64, index.count * 2))
        } else {
            index[found.slot] = code + 1
        }
        return code
    }

    private func lookup(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (code: UInt32?, slot: Int) {
        guard !index.isEmpty else { return (nil, 0) }
        let mask = index.count - 1
        var slot = Int(hash) & mask
        return bytes.withUnsafeBufferPointer { stored in
            index.withUnsafeBufferPointer { index in
                hashes.withUnsafeBufferPointer { hashes in
                    offsets.withUnsafeBufferPointer { offsets in
                        while true {
                            let entry = index[slot]
                            if entry == 0 { return (nil, slot) }
                            let code = Int(entry &- 1)
                            if hashes[code] == hash {
                                let start = offsets[code]
                                if offsets[code + 1] - start == utf8.count,
                                   TextDictionary.bytesEqual(stored.baseAddress.map { $0 + start }, utf8.baseAddress, utf8.count) {
                                    return (UInt32(code), slot)
                                }
                            }
                            slot = (slot &+ 1) & mask
                        }
                    }
                }
            }
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal: eight at a time, without a
    /// library call for the short texts of a case file.
    @inline(__always)
    static func bytesEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard count > 0, let a, let b else { return true }
        if count > 64 { return memcmp(a, b, count) == 0 }
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    private mutating func rebuildIndex(capacity: Int) {
        index = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for code in 0..<count {
            var slot = Int(hashes[code]) & mask
            while index[slot] != 0 { slot = (slot + 1) & mask }
            index[slot] = UInt32(code + 1)
        }
    }

    /// A multiply-xor hash over eight bytes at a time, then the SplitMix64 finaliser
    /// (Steele, Lea and Flood 2014), which spreads similar texts ("F-2024-0000001",
    /// "F-2024-0000002", ...) over the whole index. Eight bytes a step rather than one
    /// (as FNV-1a) made hashing the short texts of a case file several times faster.
    @inline(__always)
    static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let n = utf8.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        guard let base = utf8.baseAddress else { return UInt32(truncatingIfNeeded: h) }
        var i = 0
        while i + 8 <= n {
            h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        h ^= h >> 30
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27
        h &*= 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return UInt32(truncatingIfNeeded: h)
    }
}

extension TextDictionary {
    /// Whether the text of `code` here equals the text of `otherCode` in `other`.
    public func textEquals(_ code: UInt32, _ other: TextDictionary, _ otherCode: UInt32) -> Bool {
        withUTF8(code) { a in
            other.withUTF8(otherCode) { b in
                a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
    }
}
