import Dispatch
import Foundation
import Synchronization

/// Dense ids for integer keys: an open-addressing hash table that is reused from one
/// grouping to the next. A generation stamp marks the slots in use, so starting a new
/// grouping clears nothing.
///
/// The table starts small and doubles whenever it is half full, so a grouping of
/// millions of rows into a few thousand classes touches a few thousand slots, not
/// a table sized for every row (which cost more to allocate and clear than the
/// grouping itself).
///
/// A grouping into hundreds of thousands of classes is partitioned first: the keys
/// are split by their hash into parts small enough that each part's table stays in
/// the processor's cache, and the parts are grouped one after the other (radix
/// partitioning, as in the hash joins of Manegold, Boncz and Kersten, "Optimizing
/// main-memory join on modern hardware", IEEE TKDE 14, 2002). One table for all of
/// them, tens of megabytes, cost a cache miss per key: on the million generated
/// cases, waiting for those misses was three fifths of every evaluation (perf).
/// The parts are grouped on all cores (see ``partitionTasks``).
struct KeyTable {
    /// The open-addressing table of one grouping, or of one part of it.
    private struct Slots {
        /// One slot. Key, id and stamp side by side, so that a probe of a large table
        /// costs one cache miss, not three.
        struct Slot {
            var key: Int
            var id: Int32
            var stamp: UInt32
        }

        var slots: [Slot] = []
        var stamp: UInt32 = 0
        var mask = 0
        /// 64 minus log2 of the capacity: Fibonacci hashing keeps the product's top bits.
        var shift: UInt = 64
        /// The top bits of the hash that chose the part being grouped (0 when the
        /// grouping is not partitioned): they are the same for all its keys, so the
        /// slot is taken from the bits below them.
        var partitionBits: UInt = 0
        /// The keys stored in this grouping.
        var used = 0

        /// Prepares for a grouping of at most `count` distinct keys, starting with
        /// room for at most `initial`.
        mutating func reset(forAtMost count: Int, initial: Int, partitionBits: UInt) {
            self.partitionBits = partitionBits
            var capacity = 16
            while capacity < 2 * min(count, initial) { capacity *= 2 }
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
        mutating func allocate(_ capacity: Int) {
            slots = [Slot](repeating: Slot(key: 0, id: 0, stamp: 0), count: capacity)
            stamp = 1
            mask = capacity - 1
            shift = UInt(64 - mask.nonzeroBitCount)
        }

        /// The slot holding `key`, searched from slot `home` on, and its id; or the empty
        /// slot where it goes, and -1.
        @inline(__always)
        static func find(_ key: Int, from home: Int, in slots: UnsafeMutableBufferPointer<Slot>, stamp: UInt32,
                         mask: Int) -> (slot: Int, id: Int32) {
            var slot = home
            while slots[slot].stamp == stamp {
                if slots[slot].key == key { return (slot, slots[slot].id) }
                slot = (slot &+ 1) & mask
            }
            return (slot, -1)
        }

        /// Twice the slots, with this grouping's keys and ids moved over.
        mutating func grow() {
            let old = slots, live = stamp
            allocate(slots.count * 2)
            for entry in old where entry.stamp == live {
                var slot = KeyTable.home(of: entry.key, skipping: partitionBits, shift: shift)
                while slots[slot].stamp == stamp { slot = (slot + 1) & mask }
                slots[slot] = Slot(key: entry.key, id: entry.id, stamp: stamp)
            }
        }
    }

    /// The table of an unpartitioned grouping.
    private var whole = Slots()
    /// The tables of a partitioned grouping's parts, one per task, each kept small.
    private var partTables: [Slots] = []
    /// Scratch space of a partitioned grouping, kept between groupings: the keys
    /// and items in order of their part.
    private var partKeys: [Int] = []
    private var partItems: [Int32] = []

    /// The most keys a fresh table is sized for; it grows from there.
    private static let initialKeys = 1 << 12

    /// Distinct keys past which a grouping is partitioned, when at least
    /// ``partitionedItems`` items are grouped: a table of twice as many slots of 16
    /// bytes fills the 1 MB second-level cache of the machine it was measured on.
    var partitionedKeys = 1 << 15
    /// The fewest items a grouping needs to be partitioned.
    var partitionedItems = 1 << 17
    /// The tasks a partitioned grouping is shared out over: four per core, handed
    /// to the cores as they come free, so that a core busy with other work (local
    /// recoding's candidates beside its steps) leaves its share to the other. With
    /// one task per core, the steps waited for the busy core in some runs. At most
    /// 16: each task keeps a part table of up to 256 KB, and the grouping's counts
    /// grow with tasks times parts (up to 4,096), which on a large server would cost
    /// more than its cores save.
    var partitionTasks = min(4 * ProcessInfo.processInfo.activeProcessorCount, 16)
    /// The keys one part is meant to hold at most.
    private static let keysPerPart = 1 << 13

    /// The slot where the search for `key` starts: the high bits of the product by
    /// 2^64 / golden ratio (Knuth's multiplicative hashing; taking low bits instead
    /// would keep the keys' own regularities), below the `skipping` top ones.
    @inline(__always)
    private static func home(of key: Int, skipping: UInt, shift: UInt) -> Int {
        Int(truncatingIfNeeded: ((UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) << skipping) >> shift)
    }

    /// The part of a partitioned grouping `key` falls into, out of 2^`bits`.
    @inline(__always)
    private static func part(of key: Int, bits: UInt) -> Int {
        Int(truncatingIfNeeded: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
    }

    /// Groups the items of `range` afresh: each item's id into `classes[item]`, ids in
    /// order of first appearance; returns the first item of each id, or `nil` once
    /// there are more than `classLimit` ids.
    mutating func group(_ range: Range<Int>, classLimit: Int, into classes: UnsafeMutableBufferPointer<Int32>,
                        key: (Int) -> Int) -> [Int]? {
        let partitioning = range.count >= partitionedItems
        // A key may read the item's entry of `classes` (a grouping column by column
        // does), so while the grouping may still start again partitioned, the ids go
        // to a buffer of their own and are copied over at the end.
        let ids = partitioning ? UnsafeMutableBufferPointer<Int32>.allocate(capacity: range.count) : classes
        let offset = partitioning ? range.lowerBound : 0
        defer { if partitioning { ids.deallocate() } }
        whole.reset(forAtMost: classLimit < range.count ? classLimit + 1 : range.count, initial: Self.initialKeys,
                    partitionBits: 0)
        var firstItems: [Int] = []
        var item = range.lowerBound
        let restartAt = partitioning ? partitionedKeys : Int.max
        while item < range.upperBound {
            // Through the buffer until the table must grow, which moves it, or the
            // grouping must start again partitioned.
            let (stamp, mask, shift) = (whole.stamp, whole.mask, whole.shift)
            var used = whole.used
            var gaveUp = false, restart = false
            whole.slots.withUnsafeMutableBufferPointer { slots in
                while item < range.upperBound {
                    let key = key(item)
                    var (slot, id) = Slots.find(key, from: Self.home(of: key, skipping: 0, shift: shift), in: slots,
                                                stamp: stamp, mask: mask)
                    if id < 0 {
                        if firstItems.count == classLimit { gaveUp = true; return }
                        id = Int32(firstItems.count)
                        slots[slot] = Slots.Slot(key: key, id: id, stamp: stamp)
                        firstItems.append(item)
                        used += 1
                        if used > restartAt { restart = true; return }
                    }
                    ids[item &- offset] = id
                    item += 1
                    if used * 2 > slots.count { return }
                }
            }
            whole.used = used
            if gaveUp { return nil }
            if restart {
                // Too many keys for a table in the cache: start again, partitioned.
                return groupPartitioned(range, classLimit: classLimit, into: classes, key: key)
            }
            if used * 2 > whole.slots.count { whole.grow() }
        }
        if partitioning { for item in range { classes[item] = ids[item - offset] } }
        return firstItems
    }

    /// As ``group(_:classLimit:into:key:)``, in parts: the keys are split by the top
    /// bits of their hash, each part is grouped in a table that fits the cache, and
    /// the ids are then renumbered in order of first appearance.
    ///
    /// The work is shared out over ``partitionTasks`` tasks, each with its own run of
    /// items while the keys are split, and its own run of parts while they are
    /// grouped. Each part numbers its keys from where its keys start among all, so
    /// the parts' numbers never meet and no task waits for another. On the million
    /// generated cases this grouping was more than half of the global search's time,
    /// on one core while the other stood idle (perf).
    private mutating func groupPartitioned(_ range: Range<Int>, classLimit: Int,
                                           into classes: UnsafeMutableBufferPointer<Int32>,
                                           key: (Int) -> Int) -> [Int]? {
        let n = range.count, first = range.lowerBound
        var partBits: UInt = 4
        while partBits < 12 && n >> partBits > Self.keysPerPart { partBits += 1 }
        let bits = partBits, parts = 1 << partBits
        let tasks = max(1, min(partitionTasks, parts))
        if partKeys.count < n {
            partKeys = [Int](repeating: 0, count: n)
            partItems = [Int32](repeating: 0, count: n)
        }
        while partTables.count < tasks { partTables.append(Slots()) }
        // The first item of each task's run.
        let runStart = (0...tasks).map { n * $0 / tasks }
        // `counts[t * parts + p]`: the keys of task t's run in part p. The keys are
        // computed twice, here and below: cheaper than keeping them.
        var counts = [Int](repeating: 0, count: tasks * parts)
        // Every key here reads memory that nothing writes while the keys are
        // computed (the items' codes, and in a grouping column by column the ids of
        // the column before: `classes` is written only once all keys are).
        withoutActuallyEscaping(key) { key in
            let key = SharedKey(key: key)
            counts.withUnsafeMutableBufferPointer { counts in
                let counts = SharedBuffer(counts)
                DispatchQueue.concurrentPerform(iterations: tasks) { t in
                    let base = t * parts
                    for index in runStart[t]..<runStart[t + 1] {
                        counts.buffer[base + Self.part(of: key.key(first + index), bits: bits)] += 1
                    }
                }
            }
        }
        // Where each part starts once the keys are in order of part, each part in
        // order of items (task t's items of part p go after those of the tasks before),
        // and where each task's keys of each part go.
        var partStarts = [Int](repeating: 0, count: parts + 1), taskStarts = [Int](repeating: 0, count: tasks * parts)
        var position = 0
        for p in 0..<parts {
            partStarts[p] = position
            for t in 0..<tasks {
                taskStarts[t * parts + p] = position
                position += counts[t * parts + p]
            }
        }
        partStarts[parts] = position
        let starts = partStarts, next = taskStarts
        withoutActuallyEscaping(key) { key in
            let key = SharedKey(key: key)
            partKeys.withUnsafeMutableBufferPointer { partKeys in
            partItems.withUnsafeMutableBufferPointer { partItems in
                let (keysOut, itemsOut) = (SharedBuffer(partKeys), SharedBuffer(partItems))
                DispatchQueue.concurrentPerform(iterations: tasks) { t in
                    var next = Array(next[(t * parts)..<((t + 1) * parts)])
                    for index in runStart[t]..<runStart[t + 1] {
                        let k = key.key(first + index), p = Self.part(of: k, bits: bits)
                        let position = next[p]
                        next[p] = position + 1
                        keysOut.buffer[position] = k
                        itemsOut.buffer[position] = Int32(index)
                    }
                }
            }}
        }
        // Each part in a small table of its task's. A key new to part p gets the id
        // starts[p] + (keys new to p before it), and its first item is marked with it.
        var idFirstAt = [Int32](repeating: -1, count: n)
        let found = Atomic<Int>(0)
        let gaveUp = Atomic<Bool>(false)
        partKeys.withUnsafeBufferPointer { partKeys in
        partItems.withUnsafeBufferPointer { partItems in
        idFirstAt.withUnsafeMutableBufferPointer { idFirstAt in
        partTables.withUnsafeMutableBufferPointer { tables in
            let (keysIn, itemsIn) = (SharedBuffer(partKeys), SharedBuffer(partItems))
            let (marks, ids, tables) = (SharedBuffer(idFirstAt), SharedBuffer(classes), SharedBuffer(tables))
            DispatchQueue.concurrentPerform(iterations: tasks) { t in
                // Taken out and put back, not copied: a copy would share its slots'
                // storage with the one left behind and copy it on the first write.
                var table = Slots()
                swap(&table, &tables.buffer[t])
                defer { swap(&table, &tables.buffer[t]) }
                for p in (parts * t / tasks)..<(parts * (t + 1) / tasks) {
                    // The keys found by all tasks so far, as this part starts: a task
                    // gives up once they and its own part's exceed the limit.
                    let before = found.load(ordering: .relaxed)
                    if gaveUp.load(ordering: .relaxed) { return }
                    var position = starts[p]
                    let end = starts[p + 1]
                    var newKeys = 0
                    table.reset(forAtMost: end - position, initial: Self.keysPerPart, partitionBits: bits)
                    while position < end {
                        let (stamp, mask, shift) = (table.stamp, table.mask, table.shift)
                        var used = table.used
                        var overLimit = false
                        table.slots.withUnsafeMutableBufferPointer { slots in
                            while position < end {
                                let key = keysIn.buffer[position]
                                var (slot, id) = Slots.find(key, from: Self.home(of: key, skipping: bits, shift: shift),
                                                            in: slots, stamp: stamp, mask: mask)
                                if id < 0 {
                                    if before + newKeys == classLimit { overLimit = true; return }
                                    id = Int32(starts[p] + newKeys)
                                    slots[slot] = Slots.Slot(key: key, id: id, stamp: stamp)
                                    marks.buffer[Int(itemsIn.buffer[position])] = id
                                    newKeys += 1
                                    used += 1
                                }
                                ids.buffer[first + Int(itemsIn.buffer[position])] = id
                                position += 1
                                if used * 2 > slots.count { return }
                            }
                        }
                        table.used = used
                        if overLimit {
                            gaveUp.store(true, ordering: .relaxed)
                            return
                        }
                        if used * 2 > table.slots.count { table.grow() }
                    }
                    found.add(newKeys, ordering: .relaxed)
                }
            }
        }}}}
        if gaveUp.load(ordering: .relaxed) || found.load(ordering: .relaxed) > classLimit { return nil }
        // Renumbered in order of first appearance: number the marked items in order.
        var renumbered = [Int32](repeating: 0, count: n)
        var firstItems: [Int] = []
        firstItems.reserveCapacity(found.load(ordering: .relaxed))
        for index in 0..<n where idFirstAt[index] >= 0 {
            renumbered[Int(idFirstAt[index])] = Int32(firstItems.count)
            firstItems.append(first + index)
        }
        renumbered.withUnsafeBufferPointer { renumbered in
            for item in range { classes[item] = renumbered[Int(classes[item])] }
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

/// A key function handed to the tasks of a partitioned grouping.
///
/// `@unchecked Sendable`: the function only reads memory that nothing writes while
/// the keys are computed (see ``KeyTable/groupPartitioned``), and it does not outlive
/// the grouping.
private struct SharedKey: @unchecked Sendable {
    let key: (Int) -> Int
}

/// A buffer handed to the tasks of a partitioned grouping.
///
/// `@unchecked Sendable`: within one round of tasks each element is written by one
/// task at most, and read by none while it may be written; every round ends before
/// the buffer is used again, and none outlives the storage it points into.
private struct SharedBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
    init(_ buffer: UnsafeBufferPointer<Element>) { self.buffer = UnsafeMutableBufferPointer(mutating: buffer) }
}
