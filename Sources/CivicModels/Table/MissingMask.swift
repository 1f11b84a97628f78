/// One bit per row that marks a cell as missing.
///
/// Typed columns keep their values in plain arrays (a placeholder where a value is
/// missing) and this mask beside them: eight times smaller than an array of
/// optionals, and empty for the common column without gaps.
public struct MissingMask: Hashable, Sendable {
    @usableFromInline var words: [UInt64]
    /// The number of rows the mask covers.
    public private(set) var count: Int
    /// How many rows are marked missing.
    public private(set) var missingCount: Int

    /// A mask of `count` rows, none missing.
    public init(count: Int = 0) {
        self.count = count
        self.missingCount = 0
        self.words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    /// Whether row `index` is missing.
    @inlinable
    public func isMissing(_ index: Int) -> Bool {
        missingCount != 0 && (words[index >> 6] >> UInt64(index & 63)) & 1 == 1
    }

    /// Adds a row at the end.
    public mutating func append(missing: Bool) {
        if count & 63 == 0 { words.append(0) }
        if missing {
            words[count >> 6] |= 1 << UInt64(count & 63)
            missingCount += 1
        }
        count += 1
    }

    /// Marks row `index` as missing or present.
    public mutating func set(_ index: Int, missing: Bool) {
        let bit: UInt64 = 1 << UInt64(index & 63)
        let was = words[index >> 6] & bit != 0
        guard was != missing else { return }
        if missing { words[index >> 6] |= bit; missingCount += 1 } else { words[index >> 6] &= ~bit; missingCount -= 1 }
    }

    /// Appends the rows of `other`.
    public mutating func append(contentsOf other: MissingMask) {
        let start = count
        count += other.count
        words.append(contentsOf: repeatElement(0, count: (count + 63) / 64 - words.count))
        guard other.missingCount > 0 else { return }
        missingCount += other.missingCount
        let shift = start & 63
        if shift == 0 {
            // Word-aligned: copy the words.
            for (k, word) in other.words.enumerated() { words[start >> 6 + k] |= word }
            return
        }
        // Otherwise each word of `other` straddles two of ours.
        for (k, word) in other.words.enumerated() where word != 0 {
            let target = start >> 6 + k
            words[target] |= word << UInt64(shift)
            if target + 1 < words.count { words[target + 1] |= word >> UInt64(64 - shift) }
        }
    }

    /// Reserves room for `capacity` rows.
    public mutating func reserveCapacity(_ capacity: Int) {
        words.reserveCapacity((capacity + 63) / 64)
    }
}
