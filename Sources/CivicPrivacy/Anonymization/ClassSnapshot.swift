/// The equivalence classes of one transformation, summarised per class: everything
/// evaluating the transformation needs, without a pass over the rows.
///
/// A more general transformation merges classes, never splits them, so its snapshot
/// can be computed from the snapshot of any less general one by mapping each class
/// to its generalised key and adding the summaries ("roll-up", as in ARX and Flash).
/// After one pass over the rows for the bottom of the lattice, a node costs a pass
/// over the classes of a less general node instead of every row: on a table
/// replicated 100 times, the same as on the original.
///
/// Each class carries its own codes, so a roll-up reads the source's classes in
/// order and generalises their codes through small per-level tables; the rows'
/// codes are needed only once, for the bottom, and not for every level (which
/// kept a copy of every quasi-identifier per level in memory).
///
/// With a privacy unit, distinct persons cannot simply be added up: one person may
/// sit in two classes that merge. But a person whose rows all lie in one class stays
/// in one class at every more general level (classes only merge), so such *settled*
/// persons are added up per class like rows. Only the others keep *units*: their
/// distinct (class, person, sensitive value) combinations, in person order. A roll-up
/// maps each unit to its new class and merges a person's units with a short linear
/// scan (a person has few rows), settling the persons whose units now share a class.
struct ClassSnapshot: Sendable {
    /// The distinct (class, person, sensitive value) combinations of the persons
    /// whose rows span several classes, the units of one person together.
    struct Units: Sendable {
        var classOf: [Int32] = []
        var person: [Int32] = []
        var value: [Int32] = []
        var count: Int { classOf.count }
    }

    /// The transformation's levels.
    let levels: [Int]
    /// `codes[c * q + i]`: the code of class `c` in quasi-identifier `i` at its level.
    private(set) var codes: [Int32] = []
    /// The number of rows in each class.
    private(set) var sizes: [Int] = []
    /// `sensitiveCounts[c * values + v]`: units of class `c` with sensitive value `v`
    /// (rows, or persons with that value; empty without a sensitive attribute).
    private(set) var sensitiveCounts: [Int] = []
    /// The distinct persons in each class (with a privacy unit; else empty).
    private(set) var persons: [Int] = []
    /// The persons settled in each class (all their rows in it), and
    /// `settledValues[c * values + v]` those of them with sensitive value `v`.
    private(set) var settledPersons: [Int] = []
    private(set) var settledValues: [Int] = []
    /// The units of the persons not yet settled (with a privacy unit; else `nil`).
    private(set) var units: Units?

    /// The number of classes.
    var count: Int { sizes.count }

    /// What the privacy criteria count in class `c`: persons with a privacy unit, else rows.
    func unitCount(of c: Int) -> Int { units == nil ? sizes[c] : persons[c] }

    /// The items a roll-up from this snapshot reads: its classes, and its units.
    var weight: Int { count + (units?.count ?? 0) }

    /// The code of class `c` in quasi-identifier `q`.
    func code(of c: Int, in q: Int) -> Int32 { codes[c * levels.count + q] }

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
        // Without a class limit the grouping always completes.
        self.init(levels: levels, from: source, encoded: encoded, table: &table, classOfItem: &classOfItem,
                  classLimit: .max)!
    }

    /// As ``init(levels:from:encoded:table:classOfItem:)``, but gives up (`nil`) as
    /// soon as there are more than `classLimit` classes: a transformation with that
    /// many classes cannot qualify, and most of the grouping is saved.
    init?(levels: [Int], from source: ClassSnapshot?, encoded: EncodedQuasiIdentifiers, table: inout KeyTable,
          classOfItem: inout [Int32], classLimit: Int) {
        self.levels = levels
        let qiCount = levels.count
        let values = encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount
        let itemCount = source?.count ?? encoded.rowCount
        // The items' codes (a source's classes, or the rows' leaves), row by row, and
        // one table per quasi-identifier that takes them to `levels`, all in one array.
        let itemCodes = source?.codes ?? encoded.leafCodes
        var maps: [Int32] = [], offsets: [Int] = [], radices: [Int] = []
        var keySpace = 1
        for (q, level) in levels.enumerated() {
            offsets.append(maps.count)
            maps += source.map { encoded.levelMap[q][$0.levels[q]][level] } ?? encoded.codeOfLeaf[q][level]
            let radix = encoded.labels[q][level].count
            radices.append(radix)
            keySpace = keySpace.multipliedReportingOverflow(by: radix).overflow ? Int.max : keySpace * radix
        }
        // Number the classes in order of first appearance: each item's key is its
        // generalised codes in mixed radix.
        classOfItem = [Int32](repeating: 0, count: itemCount)
        var firstItem: [Int] = []
        let complete = itemCodes.withUnsafeBufferPointer { from in
            maps.withUnsafeBufferPointer { maps in
                func key(of item: Int) -> Int {
                    var key = 0
                    for q in 0..<qiCount {
                        key = key &* radices[q] &+ Int(maps[offsets[q] + Int(from[item &* qiCount &+ q])])
                    }
                    return key
                }
                let grouped = classOfItem.withUnsafeMutableBufferPointer { classes in
                    // Few possible keys: a small dense table instead of hashing.
                    keySpace <= min(4 * itemCount, 1 << 16)
                        ? KeyTable.groupDensely(0..<itemCount, keySpace: keySpace, classLimit: classLimit, into: classes,
                                                key: key(of:))
                        : table.group(0..<itemCount, classLimit: classLimit, into: classes, key: key(of:))
                }
                guard let grouped else { return false }
                firstItem = grouped
                // Each class's codes: those of its first item, generalised.
                codes = [Int32](repeating: 0, count: firstItem.count * qiCount)
                for (c, item) in firstItem.enumerated() {
                    for q in 0..<qiCount { codes[c * qiCount + q] = maps[offsets[q] + Int(from[item * qiCount + q])] }
                }
                return true
            }
        }
        guard complete else { return nil }
        let classCount = firstItem.count
        // Add up the items' sizes and, counting rows, their sensitive counts.
        sizes = [Int](repeating: 0, count: classCount)
        if let personUnits = encoded.units {
            if let source {
                for item in 0..<itemCount { sizes[Int(classOfItem[item])] += source.sizes[item] }
            } else {
                for row in 0..<itemCount { sizes[Int(classOfItem[row])] += 1 }
            }
            countPersons(personUnits, from: source, classOfItem: classOfItem, classCount: classCount, encoded: encoded)
            return
        }
        sensitiveCounts = [Int](repeating: 0, count: classCount * values)
        if let source {
            for item in 0..<itemCount {
                let c = Int(classOfItem[item])
                sizes[c] += source.sizes[item]
                for v in 0..<values { sensitiveCounts[c * values + v] += source.sensitiveCounts[item * values + v] }
            }
        } else {
            for row in 0..<itemCount {
                let c = Int(classOfItem[row])
                sizes[c] += 1
                if let sensitive = encoded.sensitiveCodes { sensitiveCounts[c * values + Int(sensitive[row])] += 1 }
            }
        }
    }

    /// Counts each class's distinct persons and persons per sensitive value: settled
    /// persons of `source` carried over by class, the others' units (or, at the
    /// bottom, the rows in person order) mapped to their new class and merged person
    /// by person.
    private mutating func countPersons(_ personUnits: PrivacyUnits, from source: ClassSnapshot?, classOfItem: [Int32],
                                       classCount: Int, encoded: EncodedQuasiIdentifiers) {
        let values = encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount
        let width = max(values, 1)
        var settled = [Int](repeating: 0, count: classCount)
        var settledByValue = [Int](repeating: 0, count: classCount * width)
        if let source {
            for item in 0..<source.count {
                let c = Int(classOfItem[item])
                settled[c] += source.settledPersons[item]
                for v in 0..<values { settledByValue[c * width + v] += source.settledValues[item * width + v] }
            }
        }
        // The items in person order: the source's unsettled units, or at the bottom the rows.
        var itemClass: [Int32], itemPerson: [Int32], itemValue: [Int32]
        if let source {
            let units = source.units ?? Units()
            itemClass = units.classOf.map { classOfItem[Int($0)] }
            itemPerson = units.person
            itemValue = units.value
        } else {
            let order = personUnits.rowsByPerson, sensitive = encoded.sensitiveCodes
            itemClass = order.map { classOfItem[Int($0)] }
            itemPerson = order.map { personUnits.personOfRow[Int($0)] }
            itemValue = sensitive.map { codes in order.map { codes[Int($0)] } } ?? [Int32](repeating: 0, count: order.count)
        }
        var persons = [Int](repeating: 0, count: classCount)
        var counts = [Int](repeating: 0, count: classCount * values)
        // At most one unit per item survives; the arrays are cut to length afterwards.
        let n = itemClass.count
        var next = Units(classOf: [Int32](repeating: 0, count: n), person: [Int32](repeating: 0, count: n),
                         value: [Int32](repeating: 0, count: n))
        var written = 0
        // Unsafe buffers: this loop is most of a person-counting search (perf: array
        // uniqueness checks and small-array appends took a quarter of it before).
        itemClass.withUnsafeBufferPointer { itemClass in
        itemPerson.withUnsafeBufferPointer { itemPerson in
        itemValue.withUnsafeBufferPointer { itemValue in
        next.classOf.withUnsafeMutableBufferPointer { nextClass in
        next.person.withUnsafeMutableBufferPointer { nextPerson in
        next.value.withUnsafeMutableBufferPointer { nextValue in
        persons.withUnsafeMutableBufferPointer { persons in
        counts.withUnsafeMutableBufferPointer { counts in
        settled.withUnsafeMutableBufferPointer { settled in
        settledByValue.withUnsafeMutableBufferPointer { settledByValue in
            var start = 0
            while start < n {
                let person = itemPerson[start], firstClass = itemClass[start]
                var end = start + 1, oneClass = true
                while end < n && itemPerson[end] == person {
                    if itemClass[end] != firstClass { oneClass = false }
                    end += 1
                }
                // The person's distinct (class, value) units go to the output from
                // `written` on; each item is compared with those found so far, so a
                // person with many rows costs rows × distinct units, not rows².
                let first = written
                for item in start..<end {
                    let c = itemClass[item], v = itemValue[item]
                    var unitSeen = false
                    for unit in first..<written where nextClass[unit] == c && nextValue[unit] == v { unitSeen = true; break }
                    if !unitSeen {
                        nextClass[written] = c
                        nextPerson[written] = person
                        nextValue[written] = v
                        written += 1
                    }
                }
                if oneClass {
                    // Settled: counted per class from now on, its units dropped.
                    let c = Int(firstClass)
                    settled[c] += 1
                    if values > 0 { for unit in first..<written { settledByValue[c * width + Int(nextValue[unit])] += 1 } }
                    written = first
                } else {
                    for unit in first..<written {
                        let c = Int(nextClass[unit])
                        if values > 0 { counts[c * values + Int(nextValue[unit])] += 1 }
                    }
                    // Each distinct class once: its first unit of this person.
                    for unit in first..<written {
                        let c = nextClass[unit]
                        var earlier = false
                        for other in first..<unit where nextClass[other] == c { earlier = true; break }
                        if !earlier { persons[Int(c)] += 1 }
                    }
                }
                start = end
            }
        }}}}}}}}}}
        next.classOf.removeLast(n - written)
        next.person.removeLast(n - written)
        next.value.removeLast(n - written)
        for c in 0..<classCount {
            persons[c] += settled[c]
            for v in 0..<values { counts[c * values + v] += settledByValue[c * width + v] }
        }
        self.persons = persons
        sensitiveCounts = counts
        settledPersons = settled
        settledValues = settledByValue
        units = next
    }

    /// The summary of class `c` that privacy criteria judge.
    func summary(of c: Int, encoded: EncodedQuasiIdentifiers) -> EquivalenceClassSummary {
        let values = encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount
        guard values > 0 else { return EquivalenceClassSummary(size: unitCount(of: c)) }
        return EquivalenceClassSummary(size: unitCount(of: c), sensitiveCounts: sensitiveCounts[(c * values)..<((c + 1) * values)],
                                       tableDistribution: encoded.sensitiveDistribution)
    }
}

/// Snapshots of transformations already evaluated, to roll new ones up from.
///
/// It keeps the bottom of the lattice (computed from the rows) and recent snapshots
/// up to a budget of classes, and hands out the smallest one a node can be computed
/// from.
struct SnapshotCache {
    /// The classes of the untransformed quasi-identifiers.
    let bottom: ClassSnapshot
    /// Each row's class in ``bottom``.
    let bottomClassOfRow: [Int32]
    private var recent: [ClassSnapshot] = []
    private var table: KeyTable
    private var cachedClasses = 0
    /// The most classes kept in `recent` (each costs tens of bytes).
    private let classBudget: Int

    init(encoded: EncodedQuasiIdentifiers, classBudget: Int = 2_000_000) {
        var table = KeyTable(), classOfRow: [Int32] = []
        bottom = ClassSnapshot(levels: Array(repeating: 0, count: encoded.quasiIdentifiers.count), from: nil, encoded: encoded,
                               table: &table, classOfItem: &classOfRow)
        bottomClassOfRow = classOfRow
        self.table = table
        self.classBudget = classBudget
    }

    /// The snapshot of `levels`, rolled up from the smallest cached snapshot at most
    /// as general, and remembered for later nodes; `nil` if it has more than
    /// `classLimit` classes.
    mutating func snapshot(at levels: [Int], encoded: EncodedQuasiIdentifiers, classLimit: Int = .max) -> ClassSnapshot? {
        var source = bottom
        for candidate in recent where candidate.weight < source.weight
            && zip(candidate.levels, levels).allSatisfy({ $0 <= $1 }) {
            source = candidate
        }
        if source.levels == levels { return source.count <= classLimit ? source : nil }
        var classOfItem: [Int32] = []
        guard let snapshot = ClassSnapshot(levels: levels, from: source, encoded: encoded, table: &table,
                                           classOfItem: &classOfItem, classLimit: classLimit) else { return nil }
        recent.append(snapshot)
        cachedClasses += snapshot.weight
        var evicted = 0
        while cachedClasses > classBudget && evicted < recent.count - 1 {
            cachedClasses -= recent[evicted].weight
            evicted += 1
        }
        if evicted > 0 { recent.removeFirst(evicted) }
        return snapshot
    }
}
