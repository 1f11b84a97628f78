/// The equivalence classes of one transformation, summarised per class: everything
/// evaluating the transformation needs, without a pass over the rows.
///
/// A more general transformation merges classes, never splits them, so its snapshot
/// can be computed from the snapshot of any less general one by mapping each class
/// to its generalised key and adding the summaries ("roll-up", as in ARX and Flash).
/// After one pass over the rows for the bottom of the lattice, a node costs a pass
/// over a few thousand classes instead of every row: on a table replicated 100
/// times, the same as on the original.
struct ClassSnapshot: Sendable {
    /// The transformation's levels.
    let levels: [Int]
    /// A row of each class (its generalised codes stand for the whole class).
    private(set) var representative: [Int32] = []
    /// The number of rows in each class.
    private(set) var sizes: [Int] = []
    /// `sensitiveCounts[c * values + v]`: rows of class `c` with sensitive value `v`
    /// (empty without a sensitive attribute).
    private(set) var sensitiveCounts: [Int] = []
    /// `leafLogSum[c * q + i]`: the sum over class `c`'s rows of log2 of the frequency
    /// of their original value of quasi-identifier `i` (for non-uniform entropy).
    private(set) var leafLogSum: [Double] = []

    /// The number of classes.
    var count: Int { sizes.count }

    /// The classes at `levels`, from `source` (a snapshot of a transformation at most
    /// as general in every quasi-identifier) or, when `source` is `nil`, from the rows.
    init(levels: [Int], from source: ClassSnapshot?, encoded: EncodedQuasiIdentifiers) {
        var table = KeyTable()
        self.init(levels: levels, from: source, encoded: encoded, table: &table)
    }

    /// As ``init(levels:from:encoded:)``, grouping keys in `table` (kept between
    /// snapshots, so that its storage is reused).
    init(levels: [Int], from source: ClassSnapshot?, encoded: EncodedQuasiIdentifiers, table: inout KeyTable) {
        var classOfItem: [Int32] = []
        self.init(levels: levels, from: source, encoded: encoded, table: &table, classOfItem: &classOfItem)
    }

    /// As ``init(levels:from:encoded:table:)``, also handing out the class of each
    /// item (of each row, when `source` is `nil`), for applying a transformation.
    init(levels: [Int], from source: ClassSnapshot?, encoded: EncodedQuasiIdentifiers, table: inout KeyTable,
         classOfItem: inout [Int32]) {
        self.levels = levels
        let qiCount = levels.count
        let values = encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount
        let itemCount = source?.count ?? encoded.rowCount
        // The generalised key of each item (a source class or a row): mixed radix over codes.
        var keys = [Int](repeating: 0, count: itemCount)
        var keySpace = 1
        for (q, level) in levels.enumerated() {
            let radix = encoded.labels[q][level].count
            keySpace = keySpace.multipliedReportingOverflow(by: radix).overflow ? Int.max : keySpace * radix
            encoded.codeOfRow[q][level].withUnsafeBufferPointer { codes in
                if let source {
                    for item in 0..<itemCount {
                        keys[item] = keys[item] &* radix &+ Int(codes[Int(source.representative[item])])
                    }
                } else {
                    for item in 0..<itemCount { keys[item] = keys[item] &* radix &+ Int(codes[item]) }
                }
            }
        }
        classOfItem = [Int32](repeating: 0, count: itemCount)
        if keySpace <= 4 * itemCount {
            // Few possible keys: a dense table instead of hashing.
            var classOfKey = [Int32](repeating: -1, count: keySpace)
            for item in 0..<itemCount {
                var id = classOfKey[keys[item]]
                if id < 0 {
                    id = Int32(sizes.count)
                    classOfKey[keys[item]] = id
                    openClass(representative: source.map { $0.representative[item] } ?? Int32(item), values, qiCount)
                }
                classOfItem[item] = id
            }
        } else {
            table.reset(forAtMost: itemCount)
            for item in 0..<itemCount {
                let (id, isNew) = table.id(for: keys[item], next: Int32(sizes.count))
                if isNew {
                    openClass(representative: source.map { $0.representative[item] } ?? Int32(item), values, qiCount)
                }
                classOfItem[item] = id
            }
        }
        // Add up the items' summaries.
        if let source {
            for item in 0..<itemCount {
                let c = Int(classOfItem[item])
                sizes[c] += source.sizes[item]
                for v in 0..<values { sensitiveCounts[c * values + v] += source.sensitiveCounts[item * values + v] }
                for q in 0..<qiCount { leafLogSum[c * qiCount + q] += source.leafLogSum[item * qiCount + q] }
            }
        } else {
            for row in 0..<itemCount {
                let c = Int(classOfItem[row])
                sizes[c] += 1
                if let sensitive = encoded.sensitiveCodes { sensitiveCounts[c * values + Int(sensitive[row])] += 1 }
                for q in 0..<qiCount {
                    leafLogSum[c * qiCount + q] += encoded.logLeafFrequency[q][Int(encoded.leafOfRow[q][row])]
                }
            }
        }
    }

    private mutating func openClass(representative row: Int32, _ values: Int, _ qiCount: Int) {
        representative.append(row)
        sizes.append(0)
        sensitiveCounts.append(contentsOf: repeatElement(0, count: values))
        leafLogSum.append(contentsOf: repeatElement(0, count: qiCount))
    }

    /// The summary of class `c` that privacy criteria judge.
    func summary(of c: Int, encoded: EncodedQuasiIdentifiers) -> EquivalenceClassSummary {
        let values = encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount
        guard values > 0 else { return EquivalenceClassSummary(size: sizes[c]) }
        return EquivalenceClassSummary(size: sizes[c], sensitiveCounts: sensitiveCounts[(c * values)..<((c + 1) * values)],
                                       tableDistribution: encoded.sensitiveDistribution)
    }
}

/// Snapshots of transformations already evaluated, to roll new ones up from.
///
/// It keeps the bottom of the lattice (computed from the rows) and recent snapshots
/// up to a budget of classes, and hands out the smallest one a node can be computed
/// from.
struct SnapshotCache {
    private let bottom: ClassSnapshot
    private var recent: [ClassSnapshot] = []
    private var table = KeyTable()
    private var cachedClasses = 0
    /// The most classes kept in `recent` (each costs tens of bytes).
    private let classBudget: Int

    init(encoded: EncodedQuasiIdentifiers, classBudget: Int = 2_000_000) {
        bottom = ClassSnapshot(levels: Array(repeating: 0, count: encoded.quasiIdentifiers.count), from: nil, encoded: encoded)
        self.classBudget = classBudget
    }

    /// The snapshot of `levels`, rolled up from the smallest cached snapshot at most
    /// as general, and remembered for later nodes.
    mutating func snapshot(at levels: [Int], encoded: EncodedQuasiIdentifiers) -> ClassSnapshot {
        var source = bottom
        for candidate in recent where candidate.count < source.count
            && zip(candidate.levels, levels).allSatisfy({ $0 <= $1 }) {
            source = candidate
        }
        if source.levels == levels { return source }
        let snapshot = ClassSnapshot(levels: levels, from: source, encoded: encoded, table: &table)
        recent.append(snapshot)
        cachedClasses += snapshot.count
        var evicted = 0
        while cachedClasses > classBudget && evicted < recent.count - 1 {
            cachedClasses -= recent[evicted].count
            evicted += 1
        }
        if evicted > 0 { recent.removeFirst(evicted) }
        return snapshot
    }
}

/// Dense ids for integer keys: an open-addressing hash table that is reused from one
/// grouping to the next. A generation stamp marks the slots in use, so starting a new
/// grouping clears nothing.
struct KeyTable {
    private var keys: [Int] = []
    private var ids: [Int32] = []
    private var stamps: [UInt32] = []
    private var stamp: UInt32 = 0
    private var mask = 0
    /// 64 minus log2 of the capacity: Fibonacci hashing keeps the product's top bits.
    private var shift: UInt = 64

    /// Prepares for a grouping of at most `count` distinct keys.
    mutating func reset(forAtMost count: Int) {
        var capacity = 16
        while capacity < 2 * count { capacity *= 2 }
        if capacity > keys.count {
            keys = [Int](repeating: 0, count: capacity)
            ids = [Int32](repeating: 0, count: capacity)
            stamps = [UInt32](repeating: 0, count: capacity)
            stamp = 0
        }
        mask = keys.count - 1
        shift = UInt(64 - mask.nonzeroBitCount)
        stamp &+= 1
        if stamp == 0 {
            for index in stamps.indices { stamps[index] = 0 }
            stamp = 1
        }
    }

    /// The id of `key`; if it is new, it gets `next`.
    mutating func id(for key: Int, next: Int32) -> (id: Int32, isNew: Bool) {
        // The high bits of the product by 2^64 / golden ratio (Knuth's multiplicative
        // hashing); taking low bits instead would keep the keys' own regularities.
        var slot = Int(truncatingIfNeeded: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while stamps[slot] == stamp {
            if keys[slot] == key { return (ids[slot], false) }
            slot = (slot + 1) & mask
        }
        stamps[slot] = stamp
        keys[slot] = key
        ids[slot] = next
        return (next, true)
    }
}
