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
    private mutating func reset(forAtMost count: Int) {
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
    private mutating func id(for key: Int, next: Int32) -> (id: Int32, isNew: Bool) {
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
