@testable import CivicPrivacy
import CivicExampleData
import Testing

/// The grouping every evaluation and every count of classes rests on: ids in order
/// of first appearance, whether the keys are grouped in one table or partitioned.
@Suite("key table: ids in order of first appearance, partitioned or not")
struct KeyTableTests {
    /// The ids a dictionary gives, numbering keys in order of first appearance, and
    /// each id's first item.
    static func reference(_ keys: [Int]) -> (ids: [Int32], firstItems: [Int]) {
        var idOfKey: [Int: Int32] = [:], firstItems: [Int] = []
        let ids = keys.enumerated().map { item, key in
            if let id = idOfKey[key] { return id }
            idOfKey[key] = Int32(firstItems.count)
            firstItems.append(item)
            return Int32(firstItems.count - 1)
        }
        return (ids, firstItems)
    }

    /// Groups `keys` in `table`, or `nil` if it gave up.
    static func grouped(_ keys: [Int], in table: inout KeyTable, classLimit: Int = .max) -> (ids: [Int32], firstItems: [Int])? {
        var ids = [Int32](repeating: -1, count: keys.count)
        let firstItems = ids.withUnsafeMutableBufferPointer { ids in
            table.group(0..<keys.count, classLimit: classLimit, into: ids) { keys[$0] }
        }
        return firstItems.map { (ids, $0) }
    }

    /// A table that partitions from `items` items and `keys` distinct keys on, and
    /// shares a partitioned grouping out over `tasks` tasks.
    static func partitioning(items: Int, keys: Int, tasks: Int) -> KeyTable {
        var table = KeyTable()
        table.partitionedItems = items
        table.partitionedKeys = keys
        table.partitionTasks = tasks
        return table
    }

    /// Random keys, from nearly all distinct to a few repeated many times, some
    /// negative and some far apart.
    static func randomKeys(seed: Int) -> [Int] {
        var random = SeededGenerator(seed: UInt64(seed))
        let count = 1 + random.uniform(3_000)
        let distinct = 1 + random.uniform(count)
        let spread = [distinct, 1 << 20, Int.max / 4][random.uniform(3)]
        let pool = (0..<distinct).map { _ in random.uniform(in: -spread...spread) }
        return (0..<count).map { _ in pool[random.uniform(pool.count)] }
    }

    @Test("partitioned or in one table, the ids a dictionary gives", arguments: 1...40)
    func idsAsADictionaryGives(seed: Int) throws {
        let keys = Self.randomKeys(seed: seed)
        let expected = Self.reference(keys)
        var plain = KeyTable()
        // One to four tasks, whatever the machine's cores.
        var parted = Self.partitioning(items: 64, keys: 8, tasks: 1 + seed % 4)
        // Twice with each table: the second grouping reuses the storage of the first.
        for _ in 0..<2 {
            let fromPlain = try #require(Self.grouped(keys, in: &plain))
            let fromParts = try #require(Self.grouped(keys, in: &parted))
            #expect(fromPlain.ids == expected.ids, "seed \(seed), one table")
            #expect(fromPlain.firstItems == expected.firstItems, "seed \(seed), one table")
            #expect(fromParts.ids == expected.ids, "seed \(seed), partitioned, \(1 + seed % 4) tasks")
            #expect(fromParts.firstItems == expected.firstItems, "seed \(seed), partitioned")
        }
    }

    @Test("gives up exactly when there are more ids than the limit", arguments: 1...20)
    func givesUpPastTheLimit(seed: Int) {
        let keys = Self.randomKeys(seed: seed + 100)
        let distinct = Set(keys).count
        for limit in [max(distinct - 1, 0), distinct, distinct + 1] {
            var plain = KeyTable()
            var parted = Self.partitioning(items: 64, keys: 8, tasks: 1 + seed % 4)
            #expect((Self.grouped(keys, in: &plain, classLimit: limit) == nil) == (distinct > limit), "seed \(seed)")
            #expect((Self.grouped(keys, in: &parted, classLimit: limit) == nil) == (distinct > limit), "seed \(seed)")
        }
    }

    /// Grouping column by column, a row's key reads its own id from the column
    /// before (as ``EquivalenceClasses`` groups): a grouping that starts again
    /// partitioned must still read the ids of before, not those it wrote.
    @Test("column by column, each key reading the row's id so far", arguments: 1...20)
    func columnByColumn(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed + 200))
        let rows = 500 + random.uniform(2_000)
        let columns = (0..<3).map { _ in
            let radix = 2 + random.uniform(60)
            return (radix: radix, values: (0..<rows).map { _ in random.uniform(radix) })
        }
        var expected = [Int32](repeating: 0, count: rows)
        var grouped = expected
        var table = Self.partitioning(items: 64, keys: 8, tasks: 1 + seed % 4)
        for column in columns {
            expected = Self.reference((0..<rows).map { Int(expected[$0]) * column.radix + column.values[$0] }).ids
            _ = grouped.withUnsafeMutableBufferPointer { ids in
                table.group(0..<rows, classLimit: .max, into: ids) { Int(ids[$0]) * column.radix + column.values[$0] }
            }
            #expect(grouped == expected, "seed \(seed)")
        }
    }
}
