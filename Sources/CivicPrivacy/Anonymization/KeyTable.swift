/// Dense ids for integer keys: an open-addressing hash table that is reused from one
/// grouping to the next. A generation stamp marks the slots in use, so starting a new
/// grouping clears nothing.
///
/// The table starts small and doubles whenever it is half full, so a grouping of
/// millions of rows into a few thousand classes touches a few thousand slots, not
/// a table sized for every row (which cost more to allocate and clear than the
/// grouping itself).
struct KeyTable {
    private var keys: [Int] = []
    private var ids: [Int32] = []
    private var stamps: [UInt32] = []
    private var stamp: UInt32 = 0
    private var mask = 0
    /// 64 minus log2 of the capacity: Fibonacci hashing keeps the product's top bits.
    private var shift: UInt = 64
    /// The keys stored in this grouping.
    private var used = 0

    /// The most keys a fresh table is sized for; it grows from there.
    private static let initialKeys = 1 << 12

    /// Prepares for a grouping of at most `count` distinct keys.
    private mutating func reset(forAtMost count: Int) {
        var capacity = 16
        while capacity < 2 * min(count, Self.initialKeys) { capacity *= 2 }
        if capacity > keys.count {
            allocate(capacity)
        } else {
            stamp &+= 1
            if stamp == 0 {
                for index in stamps.indices { stamps[index] = 0 }
                stamp = 1
            }
        }
        used = 0
    }

    /// Empty storage for `capacity` slots (a power of two).
    private mutating func allocate(_ capacity: Int) {
        keys = [Int](repeating: 0, count: capacity)
        ids = [Int32](repeating: 0, count: capacity)
        stamps = [UInt32](repeating: 0, count: capacity)
        stamp = 1
        mask = capacity - 1
        shift = UInt(64 - mask.nonzeroBitCount)
    }

    /// The slot where the search for `key` starts.
    @inline(__always)
    private func home(of key: Int) -> Int {
        // The high bits of the product by 2^64 / golden ratio (Knuth's multiplicative
        // hashing); taking low bits instead would keep the keys' own regularities.
        Int(truncatingIfNeeded: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The id of `key`; if it is new, it gets `next`.
    private mutating func id(for key: Int, next: Int32) -> (id: Int32, isNew: Bool) {
        var slot = home(of: key)
        while stamps[slot] == stamp {
            if keys[slot] == key { return (ids[slot], false) }
            slot = (slot + 1) & mask
        }
        stamps[slot] = stamp
        keys[slot] = key
        ids[slot] = next
        used += 1
        if used * 2 > keys.count { grow() }
        return (next, true)
    }

    /// Twice the slots, with this grouping's keys and ids moved over.
    private mutating func grow() {
        let oldKeys = keys, oldIds = ids, oldStamps = stamps, live = stamp
        allocate(keys.count * 2)
        for index in oldKeys.indices where oldStamps[index] == live {
            var slot = home(of: oldKeys[index])
            while stamps[slot] == stamp { slot = (slot + 1) & mask }
            stamps[slot] = stamp
            keys[slot] = oldKeys[index]
            ids[slot] = oldIds[index]
        }
    }

    /// Groups the items of `range` afresh: each item's id into `classes[item]`, ids in
    /// order of first appearance; returns the first item of each id, or `nil` once
    /// there are more than `classLimit` ids.
    mutating func group(_ range: Range<Int>, classLimit: Int, into classes: UnsafeMutableBufferPointer<Int32>,
                        key: (Int) -> Int) -> [Int]? {
        reset(forAtMost: classLimit < range.count ? classLimit + 1 : range.count)
        var firstItems: [Int] = []
        for item in range {
            let (id, isNew) = id(for: key(item), next: Int32(firstItems.count))
            if isNew {
                if firstItems.count == classLimit { return nil }
                firstItems.append(item)
            }
            classes[item] = id
        }
        return firstItems
    }

    /// As ``group(_:classLimit:into:key:)`` for keys below `keySpace`, with a plain
    /// array from key to id instead of hashing.
    static func groupDensely(_ range: Range<Int>, keySpace: Int, classLimit: Int,
                             into classes: UnsafeMutableBufferPointer<Int32>, key: (Int) -> Int) -> [Int]? {
        var idOfKey = [Int32](repeating: -1, count: keySpace)
        var firstItems: [Int] = []
        for item in range {
            let key = key(item)
            var id = idOfKey[key]
            if id < 0 {
                if firstItems.count == classLimit { return nil }
                id = Int32(firstItems.count)
                idOfKey[key] = id
                firstItems.append(item)
            }
            classes[item] = id
        }
        return firstItems
    }
}
