/// Dense ids for integer keys: an open-addressing hash table that is reused from one
/// grouping to the next. A generation stamp marks the slots in use, so starting a new
/// grouping clears nothing.
///
/// The table starts small and doubles whenever it is half full, so a grouping of
/// millions of rows into a few thousand classes touches a few thousand slots, not
/// a table sized for every row (which cost more to allocate and clear than the
/// grouping itself).
struct KeyTable {
    /// One slot of the table. Key, id and stamp side by side, so that a probe of a
    /// large table costs one cache miss, not three (perf on a million rows: the
    /// three separate arrays this replaced made grouping a sixth of the run).
    private struct Slot {
        var key: Int
        var id: Int32
        var stamp: UInt32
    }

    private var slots: [Slot] = []
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
        if capacity > slots.count {
            allocate(capacity)
        } else {
            stamp &+= 1
            if stamp == 0 {
                for index in slots.indices { slots[index].stamp = 0 }
                stamp = 1
            }
        }
        used = 0
    }

    /// Empty storage for `capacity` slots (a power of two).
    private mutating func allocate(_ capacity: Int) {
        slots = [Slot](repeating: Slot(key: 0, id: 0, stamp: 0), count: capacity)
        stamp = 1
        mask = capacity - 1
        shift = UInt(64 - mask.nonzeroBitCount)
    }

    /// The slot where the search for `key` starts.
    @inline(__always)
    private static func home(of key: Int, shift: UInt) -> Int {
        // The high bits of the product by 2^64 / golden ratio (Knuth's multiplicative
        // hashing); taking low bits instead would keep the keys' own regularities.
        Int(truncatingIfNeeded: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Twice the slots, with this grouping's keys and ids moved over.
    private mutating func grow() {
        let old = slots, live = stamp
        allocate(slots.count * 2)
        for entry in old where entry.stamp == live {
            var slot = Self.home(of: entry.key, shift: shift)
            while slots[slot].stamp == stamp { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: entry.key, id: entry.id, stamp: stamp)
        }
    }

    /// Groups the items of `range` afresh: each item's id into `classes[item]`, ids in
    /// order of first appearance; returns the first item of each id, or `nil` once
    /// there are more than `classLimit` ids.
    mutating func group(_ range: Range<Int>, classLimit: Int, into classes: UnsafeMutableBufferPointer<Int32>,
                        key: (Int) -> Int) -> [Int]? {
        reset(forAtMost: classLimit < range.count ? classLimit + 1 : range.count)
        var firstItems: [Int] = []
        var item = range.lowerBound
        while item < range.upperBound {
            // Through the buffer until the table must grow, which moves it.
            let (stamp, mask, shift) = (self.stamp, self.mask, self.shift)
            var used = self.used
            var gaveUp = false
            slots.withUnsafeMutableBufferPointer { slots in
                while item < range.upperBound {
                    let key = key(item)
                    var slot = Self.home(of: key, shift: shift)
                    var id: Int32 = -1
                    while slots[slot].stamp == stamp {
                        if slots[slot].key == key { id = slots[slot].id; break }
                        slot = (slot &+ 1) & mask
                    }
                    if id < 0 {
                        if firstItems.count == classLimit { gaveUp = true; return }
                        id = Int32(firstItems.count)
                        slots[slot] = Slot(key: key, id: id, stamp: stamp)
                        firstItems.append(item)
                        used += 1
                    }
                    classes[item] = id
                    item += 1
                    if used * 2 > slots.count { return }
                }
            }
            self.used = used
            if gaveUp { return nil }
            if used * 2 > slots.count { grow() }
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
