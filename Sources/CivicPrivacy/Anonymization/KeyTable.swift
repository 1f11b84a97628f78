/// Dense ids for integer keys: an open-addressing hash table that is reused from one
/// grouping to the next. A generation stamp marks the slots in use, so starting a new
/// grouping clears nothing.
///
/// Each grouping starts small and doubles as keys arrive, using a prefix of storage
/// kept from earlier groupings: a grouping of a million rows into thirty thousand
/// classes then touches a table that fits in the processor's cache, not one sized
/// for a million keys, which made every lookup a cache miss.
struct KeyTable {
    private var keys: [Int] = []
    private var ids: [Int32] = []
    private var stamps: [UInt32] = []
    private var stamp: UInt32 = 0
    /// The keys of this grouping by id, for moving them when the table grows.
    private var keyOfId: [Int] = []
    private var mask = 0
    /// 64 minus log2 of the capacity: Fibonacci hashing keeps the product's top bits.
    private var shift: UInt = 64

    /// Starts a new grouping.
    mutating func reset() {
        keyOfId.removeAll(keepingCapacity: true)
        use(capacity: 1024)
    }

    /// Clears the table (by a new stamp) and uses its first `capacity` slots.
    private mutating func use(capacity: Int) {
        if capacity > keys.count {
            keys = [Int](repeating: 0, count: capacity)
            ids = [Int32](repeating: 0, count: capacity)
            stamps = [UInt32](repeating: 0, count: capacity)
            stamp = 0
        }
        mask = capacity - 1
        shift = UInt(64 - mask.nonzeroBitCount)
        stamp &+= 1
        if stamp == 0 {
            for index in stamps.indices { stamps[index] = 0 }
            stamp = 1
        }
    }

    /// The id of `key`; if it is new, it gets the next id (the number of keys so far).
    mutating func id(for key: Int) -> (id: Int32, isNew: Bool) {
        // The high bits of the product by 2^64 / golden ratio (Knuth's multiplicative
        // hashing); taking low bits instead would keep the keys' own regularities.
        var slot = Int(truncatingIfNeeded: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while stamps[slot] == stamp {
            if keys[slot] == key { return (ids[slot], false) }
            slot = (slot + 1) & mask
        }
        let next = Int32(keyOfId.count)
        stamps[slot] = stamp
        keys[slot] = key
        ids[slot] = next
        keyOfId.append(key)
        if 2 * keyOfId.count > mask { grow() }
        return (next, true)
    }

    /// Groups the items of `range` afresh: each item's id into `classes[item]`; the
    /// first item and the key of each id; `nil` once there are more than
    /// `classLimit` ids.
    mutating func group(_ range: Range<Int>, classLimit: Int, into classes: UnsafeMutableBufferPointer<Int32>,
                        key: (Int) -> Int) -> (firstItems: [Int], keys: [Int])? {
        reset()
        var firstItems: [Int] = []
        for item in range {
            let (id, isNew) = id(for: key(item))
            if isNew {
                if firstItems.count == classLimit { return nil }
                firstItems.append(item)
            }
            classes[item] = id
        }
        return (firstItems, keyOfId)
    }

    /// As ``group(_:classLimit:into:key:)`` for keys below `keySpace`, with a plain
    /// array from key to id instead of hashing; returns the first item of each id.
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

    /// Doubles the capacity and puts every key of this grouping back.
    private mutating func grow() {
        use(capacity: 2 * (mask + 1))
        for (id, key) in keyOfId.enumerated() {
            var slot = Int(truncatingIfNeeded: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while stamps[slot] == stamp { slot = (slot + 1) & mask }
            stamps[slot] = stamp
            keys[slot] = key
            ids[slot] = Int32(id)
        }
    }
}
