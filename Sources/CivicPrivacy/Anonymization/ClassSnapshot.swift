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
///
/// A transformation whose small classes alone hold more rows than may be withheld
/// fails whatever its persons, so they are not counted. Such a snapshot still serves
/// as the source of later roll-ups when it has far fewer classes than the snapshot
/// it came from (see ``uncountedClassRatio``): it keeps
/// the counted snapshot it was rolled up from, its *basis*, and the class here of
/// each class there, so that a roll-up from it maps the basis's units straight to
/// its own classes. Without that, every roll-up of a search without suppression
/// started from the bottom, and grouping cost twice as much as counting rows.
/// With k-anonymity, alone or with distinct l-diversity, persons are not merged
/// either: a lower bound settles most classes (see
/// ``WithholdingLimit/personBounds(_:)``), the few others are counted from the
/// basis alone, and the snapshot is kept as a source in the same way; the chosen
/// transformation's figures are counted again when it is applied.
struct ClassSnapshot: Sendable {
    /// The distinct (class, person, sensitive value) combinations of the persons
    /// whose rows span several classes, the units of one person together.
    struct Units: Sendable {
        var classOf: [Int32] = []
        var person: [Int32] = []
        var value: [Int32] = []
        var count: Int { classOf.count }
    }

    /// What a roll-up needs of a snapshot whose persons were counted: their
    /// figures per class, and the units of the persons not yet settled.
    struct PersonFigures: Sendable {
        var persons: [Int]
        var sensitiveCounts: [Int]
        /// Which sensitive values occur in each class, one bit per value (see
        /// ``ClassSnapshot/occurrence``).
        var occurrence: [UInt64]
        var units: Units
    }

    /// Persons left uncounted: the counted snapshot this one was rolled up from,
    /// and the class here of each of its classes.
    struct UncountedPersons: Sendable {
        let basis: PersonFigures
        let classOfBasisClass: [Int32]

        /// Sets `persons[c]` to the distinct persons of each class `c` of `classes`
        /// (classes here), counted from the basis: the persons of the basis's
        /// classes that come here, less each unsettled person once per basis class
        /// they are in, plus each once per class here, found person by person among
        /// the units.
        func count(_ classes: [Int], into persons: inout [Int]) {
            var wanted = [Bool](repeating: false, count: persons.count)
            for c in classes {
                wanted[c] = true
                persons[c] = 0
            }
            for (b, c) in classOfBasisClass.enumerated() where wanted[Int(c)] { persons[Int(c)] += basis.persons[b] }
            let units = basis.units
            var start = 0
            while start < units.count {
                var end = start
                while end < units.count && units.person[end] == units.person[start] { end += 1 }
                for unit in start..<end {
                    let b = units.classOf[unit], c = classOfBasisClass[Int(b)]
                    guard wanted[Int(c)] else { continue }
                    // A person has a unit per sensitive value in a class.
                    var inBasisClass = false, inClass = false
                    for other in start..<unit {
                        let earlier = units.classOf[other]
                        if earlier == b { inBasisClass = true }
                        if classOfBasisClass[Int(earlier)] == c { inClass = true }
                    }
                    if !inBasisClass { persons[Int(c)] -= 1 }
                    if !inClass { persons[Int(c)] += 1 }
                }
                start = end
            }
        }
    }

    /// A snapshot whose persons are left uncounted is kept as a source when its
    /// basis has at least this many times its classes.
    static let uncountedClassRatio = 4

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
    /// Which sensitive values occur in each class, bit `v` for value `v`: set where
    /// persons were counted and there are at most 64 values (else empty). A snapshot
    /// judged on bounds needs no more of its basis than this, and OR-ing one word per
    /// class costs a fraction of adding up a count per value (on the million cases,
    /// nine values, adding them up was a third of such an evaluation, perf).
    private(set) var occurrence: [UInt64] = []
    /// The units of the persons not yet settled (with a privacy unit; else `nil`).
    /// The settled persons of a class, and their sensitive values, are its figures
    /// less what its units add; they are not kept apart, which took a class of the
    /// million-case benchmark (persons, nine sensitive values) from 192 bytes to 112.
    private(set) var units: Units?
    /// Set when the persons were not counted: because the transformation fails
    /// whatever they are (then ``persons``, ``sensitiveCounts`` and ``units`` are
    /// empty), or because lower bounds (see ``WithholdingLimit/personBounds(_:)``)
    /// settle most classes and the others were counted alone (see
    /// ``personsAreBounds``; ``units`` is empty).
    private(set) var uncounted: UncountedPersons?

    /// Whether ``persons`` holds, for some classes, lower bounds that settle their
    /// verdict, not exact counts, and ``sensitiveCounts`` figures that tell only
    /// which values occur (above zero where one does): enough to judge the
    /// transformation, not to report its figures.
    private(set) var personsAreBounds = false

    /// Whether the criteria can judge the classes: counted in rows, or in persons
    /// that were counted or bounded.
    var isJudgeable: Bool { uncounted == nil || personsAreBounds }

    /// The number of classes.
    var count: Int { sizes.count }

    /// What the privacy criteria count in class `c`: persons with a privacy unit
    /// (for a snapshot whose ``personsAreBounds``, at least so many), else rows.
    func unitCount(of c: Int) -> Int {
        assert(isJudgeable, "the persons of this snapshot were not counted")
        return persons.isEmpty ? sizes[c] : persons[c]
    }

    /// The items a roll-up from this snapshot reads: its classes, and its units
    /// (or those of its basis).
    var weight: Int { count + (units?.count ?? uncounted?.basis.units.count ?? 0) }

    /// About how much memory the snapshot holds, in bytes (a basis is shared with
    /// other snapshots and not counted here).
    var byteCount: Int {
        let figures = sizes.count + sensitiveCounts.count + persons.count + occurrence.count
        return codes.count * 4 + figures * 8 + (units?.count ?? 0) * 12 + (uncounted?.classOfBasisClass.count ?? 0) * 4
    }

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
    /// many classes cannot qualify, and most of the grouping is saved. With a
    /// privacy unit and a `withholding` limit its classes' rows exceed, the persons
    /// are left uncounted (see ``isJudgeable``); it gives up there too when rolled
    /// up from the rows, or when it has too many classes to be worth keeping.
    ///
    /// `sourceClassOfRow`, given when `source` is the bottom of the lattice, holds
    /// each row's class there: persons are then counted from the rows. Near the
    /// bottom most persons span several classes, so the source's units are nearly
    /// the rows anyway, and counting from the rows saves carrying the source's
    /// figures over and taking its units' share off again (on the million cases,
    /// a third of the time of counting persons, perf).
    init?(levels: [Int], from source: ClassSnapshot?, encoded: EncodedQuasiIdentifiers, table: inout KeyTable,
          classOfItem: inout [Int32], classLimit: Int, withholding: WithholdingLimit? = nil,
          sourceClassOfRow: [Int32]? = nil) {
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
        var firstItem: [Int] = []
        // Unchecked arithmetic on unsafe buffers: this is the inner loop of every
        // evaluation, and the codes are small indices into the maps.
        let complete = itemCodes.withUnsafeBufferPointer { from in
        maps.withUnsafeBufferPointer { maps in
        offsets.withUnsafeBufferPointer { offsets in
        radices.withUnsafeBufferPointer { radices in
                func key(of item: Int) -> Int {
                    var key = 0
                    let base = item &* qiCount
                    for q in 0..<qiCount {
                        key = key &* radices[q] &+ Int(maps[offsets[q] &+ Int(from[base &+ q])])
                    }
                    return key
                }
                // Every item gets its class, so the storage is not cleared first; if
                // the grouping gives up, the array is left empty.
                var grouped: [Int]?
                classOfItem = [Int32](unsafeUninitializedCapacity: itemCount) { classes, count in
                    // Few possible keys: a small dense table instead of hashing.
                    grouped = keySpace <= min(4 * itemCount, 1 << 16)
                        ? KeyTable.groupDensely(0..<itemCount, keySpace: keySpace, classLimit: classLimit, into: classes,
                                                key: key(of:))
                        : table.group(0..<itemCount, classLimit: classLimit, into: classes, key: key(of:))
                    count = grouped == nil ? 0 : itemCount
                }
                guard let grouped else { return false }
                firstItem = grouped
                // Each class's codes: those of its first item, generalised.
                codes = [Int32](unsafeUninitializedCapacity: grouped.count * qiCount) { codes, count in
                    for (c, item) in grouped.enumerated() {
                        let base = item &* qiCount, target = c &* qiCount
                        for q in 0..<qiCount { codes[target &+ q] = maps[offsets[q] &+ Int(from[base &+ q])] }
                    }
                    count = grouped.count * qiCount
                }
                return true
        }}}}
        guard complete else { return nil }
        let classCount = firstItem.count
        // Add up the items' sizes and, counting rows, their sensitive counts.
        sizes = [Int](repeating: 0, count: classCount)
        if let source {
            Self.addUp(source.sizes, width: 1, into: &sizes, by: classOfItem)
        } else {
            for row in 0..<itemCount { sizes[Int(classOfItem[row])] += 1 }
        }
        if let personUnits = encoded.units {
            // The counted snapshot the persons are counted from, and the class here
            // of each of its classes: the source, or the source's basis (the map is
            // made only once the snapshot is known to be kept).
            func basis() -> UncountedPersons? {
                if let pending = source?.uncounted {
                    return UncountedPersons(basis: pending.basis,
                                            classOfBasisClass: pending.classOfBasisClass.map { classOfItem[Int($0)] })
                }
                guard let source, let units = source.units else { return nil }
                return UncountedPersons(basis: PersonFigures(persons: source.persons, sensitiveCounts: source.sensitiveCounts,
                                                             occurrence: source.occurrence,
                                                             units: units),
                                        classOfBasisClass: classOfItem)
            }
            // Persons cost more to count than rows. A class of fewer rows than the
            // criteria need holds fewer persons too and is withheld; when such
            // classes alone hold more rows than may be withheld, the transformation
            // fails whatever the persons, so they are not counted.
            if let withholding, withholding.isExceeded(by: sizes) {
                // Kept only when it has far fewer classes than its basis: a roll-up
                // from it maps every class of the basis, which near the bottom costs
                // more than it saves (on the million cases, where 95 % may be withheld
                // in local recoding's steps, keeping them all took 2.5 s more).
                let basisClasses = source?.uncounted?.classOfBasisClass.count ?? source?.count ?? 0
                guard source != nil, classCount * Self.uncountedClassRatio <= basisClasses,
                      let kept = basis() else { return nil }
                uncounted = kept
                return
            }
            // With k-anonymity, alone or with distinct l-diversity, a class of enough
            // rows holds k persons however many rows each has: only the classes in
            // between are counted, from the basis, which takes a pass over its classes
            // and units without merging any. Which sensitive values occur comes from the
            // basis's classes: their occurrence bits OR-ed (or, past 64 values, their
            // figures added up; either is above zero where a value occurs). The
            // transformation is judged on these figures and, like the one above,
            // serves later roll-ups through its basis. On UCI Adult with persons of
            // 1 to 3 rows, this spared most of the search's counting.
            if source != nil, let (bounds, unsettled) = withholding?.personBounds(sizes), let kept = basis() {
                uncounted = kept
                persons = bounds
                if !unsettled.isEmpty { kept.count(unsettled, into: &persons) }
                if values > 0 {
                    let basis = kept.basis, classOfBasisClass = kept.classOfBasisClass
                    sensitiveCounts = basis.occurrence.isEmpty
                        ? Self.addedUp(basis.sensitiveCounts, width: values, classCount: classCount, by: classOfBasisClass)
                        : Self.occurring(basis.occurrence, values: values, classCount: classCount, by: classOfBasisClass)
                }
                personsAreBounds = true
                return
            }
            if source != nil, let sourceClassOfRow {
                let rowClasses = sourceClassOfRow.map { classOfItem[Int($0)] }
                countPersons(personUnits, from: nil, rowClasses: rowClasses, classCount: classCount, encoded: encoded)
            } else {
                countPersons(personUnits, from: basis(), rowClasses: classOfItem, classCount: classCount, encoded: encoded)
            }
            return
        }
        sensitiveCounts = [Int](repeating: 0, count: classCount * values)
        if let source {
            Self.addUp(source.sensitiveCounts, width: values, into: &sensitiveCounts, by: classOfItem)
        } else if let sensitive = encoded.sensitiveCodes {
            for row in 0..<itemCount { sensitiveCounts[Int(classOfItem[row]) * values + Int(sensitive[row])] += 1 }
        }
    }

    /// Each class's sum of its items' `width` figures (see ``addUp(_:width:into:by:)``).
    private static func addedUp(_ figures: [Int], width: Int, classCount: Int, by classOfItem: [Int32]) -> [Int] {
        var totals = [Int](repeating: 0, count: classCount * width)
        addUp(figures, width: width, into: &totals, by: classOfItem)
        return totals
    }

    /// For each class and each of the `values` sensitive values, 1 where the value
    /// occurs in one of the class's items (`occurrence[item]`, one bit per value),
    /// else 0: counts that tell which values occur, as the criteria read them.
    private static func occurring(_ occurrence: [UInt64], values: Int, classCount: Int, by classOfItem: [Int32]) -> [Int] {
        var masks = [UInt64](repeating: 0, count: classCount)
        masks.withUnsafeMutableBufferPointer { masks in
            occurrence.withUnsafeBufferPointer { occurrence in
                classOfItem.withUnsafeBufferPointer { classOfItem in
                    for item in 0..<classOfItem.count { masks[Int(classOfItem[item])] |= occurrence[item] }
                }
            }
        }
        return [Int](unsafeUninitializedCapacity: classCount * values) { counts, count in
            for c in 0..<classCount {
                let mask = masks[c], base = c &* values
                for v in 0..<values { counts[base &+ v] = Int(truncatingIfNeeded: (mask >> UInt64(v)) & 1) }
            }
            count = classCount * values
        }
    }

    /// Adds each item's `width` figures (`figures[item * width ..< (item + 1) * width]`)
    /// to those of its class (`classOfItem[item]`) in `totals`: how a roll-up carries
    /// sizes and counts from the classes it merges.
    ///
    /// Unchecked: this runs for every item of every evaluation, and the checks of
    /// bounds and overflow took most of its time (perf). The counts are at most the
    /// number of rows, far from overflowing.
    private static func addUp(_ figures: [Int], width: Int, into totals: inout [Int], by classOfItem: [Int32]) {
        guard width > 0 else { return }
        figures.withUnsafeBufferPointer { figures in
            totals.withUnsafeMutableBufferPointer { totals in
                classOfItem.withUnsafeBufferPointer { classOfItem in
                    if width == 1 {
                        for item in 0..<classOfItem.count { totals[Int(classOfItem[item])] &+= figures[item] }
                        return
                    }
                    for item in 0..<classOfItem.count {
                        let target = Int(classOfItem[item]) &* width, origin = item &* width
                        for v in 0..<width { totals[target &+ v] &+= figures[origin &+ v] }
                    }
                }
            }
        }
    }

    /// Counts each class's distinct persons and persons per sensitive value: the
    /// counted `basis`'s figures carried over by class, less what its units added
    /// there, plus what those units (or, at the bottom, the rows in person order,
    /// each row's class in `rowClasses`) add once mapped to their new class and
    /// merged person by person.
    ///
    /// All of it is added into the two arrays the snapshot keeps: on the million
    /// cases, separate arrays for settled and unsettled persons, added together at
    /// the end, doubled the memory each evaluation wrote (hundreds of thousands of
    /// classes, nine sensitive values each).
    private mutating func countPersons(_ personUnits: PrivacyUnits, from basis: UncountedPersons?, rowClasses: [Int32],
                                       classCount: Int, encoded: EncodedQuasiIdentifiers) {
        let values = encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount
        var persons = [Int](repeating: 0, count: classCount)
        var counts = [Int](repeating: 0, count: classCount * values)
        let source = basis?.basis
        let classOfItem = basis?.classOfBasisClass ?? rowClasses
        if let source {
            // The source's figures by class; its units' share is taken off below,
            // and what the units add in their new classes put back.
            Self.addUp(source.persons, width: 1, into: &persons, by: classOfItem)
            Self.addUp(source.sensitiveCounts, width: values, into: &counts, by: classOfItem)
        }
        // The items in person order: the source's unsettled units, or at the bottom the rows.
        var itemClass: [Int32], itemPerson: [Int32], itemValue: [Int32]
        let sourceClass = source?.units.classOf ?? []
        if let source {
            let units = source.units
            itemClass = units.classOf.map { classOfItem[Int($0)] }
            itemPerson = units.person
            itemValue = units.value
        } else {
            let order = personUnits.rowsByPerson, sensitive = encoded.sensitiveCodes
            itemClass = order.map { classOfItem[Int($0)] }
            itemPerson = order.map { personUnits.personOfRow[Int($0)] }
            itemValue = sensitive.map { codes in order.map { codes[Int($0)] } } ?? [Int32](repeating: 0, count: order.count)
        }
        // At most one unit per item survives; the arrays are cut to length afterwards.
        let n = itemClass.count
        // Scratch space, written from the front and copied out to length at the end
        // (not cleared first: perf showed clearing among the costs of an evaluation).
        let nextClass = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let nextPerson = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let nextValue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        defer {
            nextClass.deallocate()
            nextPerson.deallocate()
            nextValue.deallocate()
        }
        var written = 0
        // Unsafe buffers: this loop is most of a person-counting search (perf: array
        // uniqueness checks and small-array appends took a quarter of it before).
        itemClass.withUnsafeBufferPointer { itemClass in
        itemPerson.withUnsafeBufferPointer { itemPerson in
        itemValue.withUnsafeBufferPointer { itemValue in
        persons.withUnsafeMutableBufferPointer { persons in
        counts.withUnsafeMutableBufferPointer { counts in
        sourceClass.withUnsafeBufferPointer { sourceClass in
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
                    if !sourceClass.isEmpty {
                        // A source unit: its share of the carried-over figures goes.
                        if values > 0 { counts[Int(c) &* values &+ Int(v)] &-= 1 }
                        let s = sourceClass[item]
                        var classSeen = false
                        for other in start..<item where sourceClass[other] == s { classSeen = true; break }
                        if !classSeen { persons[Int(c)] &-= 1 }
                    }
                    var unitSeen = false
                    for unit in first..<written where nextClass[unit] == c && nextValue[unit] == v { unitSeen = true; break }
                    if !unitSeen {
                        nextClass[written] = c
                        nextPerson[written] = person
                        nextValue[written] = v
                        written += 1
                    }
                }
                // Each distinct value once per class, and each distinct class once.
                if values > 0 { for unit in first..<written { counts[Int(nextClass[unit]) &* values &+ Int(nextValue[unit])] &+= 1 } }
                if oneClass {
                    // Settled: counted per class from now on, its units dropped.
                    persons[Int(firstClass)] &+= 1
                    written = first
                } else {
                    for unit in first..<written {
                        let c = nextClass[unit]
                        var earlier = false
                        for other in first..<unit where nextClass[other] == c { earlier = true; break }
                        if !earlier { persons[Int(c)] &+= 1 }
                    }
                }
                start = end
            }
        }}}}}}
        self.persons = persons
        if values > 0 && values <= UInt64.bitWidth {
            occurrence = [UInt64](unsafeUninitializedCapacity: classCount) { masks, count in
                for c in 0..<classCount {
                    var mask: UInt64 = 0
                    for v in 0..<values where counts[c &* values &+ v] > 0 { mask |= 1 << UInt64(v) }
                    masks[c] = mask
                }
                count = classCount
            }
        }
        sensitiveCounts = counts
        units = Units(classOf: Array(nextClass[..<written]), person: Array(nextPerson[..<written]),
                      value: Array(nextValue[..<written]))
    }

    /// The summary of class `c` that privacy criteria judge.
    func summary(of c: Int, encoded: EncodedQuasiIdentifiers) -> EquivalenceClassSummary {
        let values = encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount
        guard values > 0 else { return EquivalenceClassSummary(size: unitCount(of: c)) }
        return EquivalenceClassSummary(size: unitCount(of: c), sensitiveCounts: sensitiveCounts[(c * values)..<((c + 1) * values)],
                                       tableDistribution: encoded.sensitiveDistribution)
    }
}

/// How many rows a transformation may withhold, and the class size below which a
/// class is withheld for certain: a transformation whose small classes hold more
/// rows than that fails, whatever else is known of its classes.
struct WithholdingLimit {
    /// The fewest rows a class needs to meet every criterion.
    let minimumClassSize: Int
    /// The most rows that may be withheld.
    let allowedRows: Int
    /// Set where the criteria judge a class, counted in persons, by how many persons
    /// it holds and which sensitive values occur in it (k-anonymity and distinct
    /// l-diversity): the most rows of one person. A class of n rows then holds at
    /// least ⌈n / this⌉ persons.
    var mostRowsPerPerson: Int? = nil

    /// The limit of `anonymizer`'s criteria on `encoded` (its rows and persons).
    init(anonymizer: Anonymizer, encoded: EncodedQuasiIdentifiers) {
        minimumClassSize = anonymizer.minimumClassSize
        allowedRows = anonymizer.allowedSuppressedRows(of: encoded.rowCount)
        if anonymizer.criteria.allSatisfy({ $0 is KAnonymity || $0 is DistinctLDiversity }),
           let units = encoded.units, units.mostRowsPerPerson > 0 {
            mostRowsPerPerson = units.mostRowsPerPerson
        }
    }

    /// A limit of `allowedRows` rows in classes under `minimumClassSize` rows; persons
    /// are always counted.
    init(minimumClassSize: Int, allowedRows: Int) {
        self.minimumClassSize = minimumClassSize
        self.allowedRows = allowedRows
    }

    /// Lower bounds of the persons in classes of these sizes (at least one person per
    /// ``mostRowsPerPerson`` rows), and the classes they leave unsettled: those of
    /// enough rows whose bound is still under ``minimumClassSize``. Every other
    /// class is settled, too small in rows or sure to hold enough persons. `nil`
    /// unless ``mostRowsPerPerson`` is set.
    func personBounds(_ sizes: [Int]) -> (bounds: [Int], unsettled: [Int])? {
        guard let most = mostRowsPerPerson else { return nil }
        var bounds = [Int](repeating: 0, count: sizes.count), unsettled: [Int] = []
        for (c, size) in sizes.enumerated() {
            bounds[c] = (size + most - 1) / most
            if size >= minimumClassSize && bounds[c] < minimumClassSize { unsettled.append(c) }
        }
        return (bounds, unsettled)
    }

    /// Whether classes of these sizes withhold more rows than allowed.
    func isExceeded(by sizes: [Int]) -> Bool {
        var withheld = 0
        for size in sizes where size < minimumClassSize {
            withheld += size
            if withheld > allowedRows { return true }
        }
        return false
    }
}

/// The classes of the untransformed quasi-identifiers, and each row's class among
/// them: where a search starts, what the chosen transformation is applied from,
/// and the risk before anonymisation.
///
/// On a million rows nearly every row is a class of its own, and the classes hold
/// over 100 MB, so searches of the same rows share one (as local recoding's first
/// step and its global candidate do).
struct BottomClasses: Sendable {
    /// The classes.
    let snapshot: ClassSnapshot
    /// Each row's class.
    let classOfRow: [Int32]

    /// The bottom classes of `encoded`, grouped in `table`.
    init(encoded: EncodedQuasiIdentifiers, table: inout KeyTable) {
        var classOfRow: [Int32] = []
        snapshot = ClassSnapshot(levels: Array(repeating: 0, count: encoded.quasiIdentifiers.count), from: nil,
                                 encoded: encoded, table: &table, classOfItem: &classOfRow)
        self.classOfRow = classOfRow
    }

    /// The bottom classes of `encoded`.
    init(encoded: EncodedQuasiIdentifiers) {
        var table = KeyTable()
        self.init(encoded: encoded, table: &table)
    }

    /// What the criteria count in each class: persons with a privacy unit, else rows.
    var unitCounts: [Int] { (0..<snapshot.count).map(snapshot.unitCount(of:)) }
}

/// Snapshots of transformations already evaluated, to roll new ones up from.
///
/// It keeps the bottom of the lattice (computed from the rows) and recent snapshots
/// up to a budget of memory, and hands out the smallest one a node can be computed
/// from.
struct SnapshotCache {
    /// The classes of the untransformed quasi-identifiers.
    let bottom: BottomClasses
    private var recent: [ClassSnapshot] = []
    /// The levels, weight and size of each of `recent`, in the same order.
    private var recentShapes: [(levels: [Int], weight: Int, bytes: Int)] = []
    private var table: KeyTable
    private var cachedBytes = 0
    /// The most memory `recent` holds, in bytes. A class costs tens of bytes, and
    /// with a sensitive attribute and persons some more per sensitive value: the
    /// million-case benchmark's cache, then budgeted at two million classes, made
    /// up a third of its peak memory. 80 MB hold as many of its classes as 128 MB
    /// did before the settled figures were no longer kept apart.
    private let byteBudget: Int

    /// A cache starting from `bottom`, or from the bottom classes of `encoded`
    /// when `bottom` is `nil`.
    init(encoded: EncodedQuasiIdentifiers, bottom: BottomClasses? = nil, byteBudget: Int = 80 << 20) {
        var table = KeyTable()
        self.bottom = bottom ?? BottomClasses(encoded: encoded, table: &table)
        self.table = table
        self.byteBudget = byteBudget
    }

    /// The snapshot of `levels`, rolled up from the smallest cached snapshot at most
    /// as general, and remembered for later nodes; `nil` if it has more than
    /// `classLimit` classes.
    mutating func snapshot(at levels: [Int], encoded: EncodedQuasiIdentifiers, classLimit: Int = .max,
                           withholding: WithholdingLimit? = nil) -> ClassSnapshot? {
        // The choice reads only levels and weights, kept apart from the snapshots:
        // looking at each cached snapshot itself copied it, retaining and releasing
        // its ten arrays, which cost more than the roll-up on a small table.
        var chosen: Int?, smallest = bottom.snapshot.weight
        for (index, candidate) in recentShapes.enumerated() where candidate.weight < smallest
            && zip(candidate.levels, levels).allSatisfy({ $0 <= $1 }) {
            chosen = index
            smallest = candidate.weight
        }
        let source = chosen.map { recent[$0] } ?? bottom.snapshot
        if source.levels == levels { return source.count <= classLimit && source.isJudgeable ? source : nil }
        var classOfItem: [Int32] = []
        guard let snapshot = ClassSnapshot(levels: levels, from: source, encoded: encoded, table: &table,
                                           classOfItem: &classOfItem, classLimit: classLimit,
                                           withholding: withholding,
                                           sourceClassOfRow: chosen == nil ? bottom.classOfRow : nil) else { return nil }
        recent.append(snapshot)
        recentShapes.append((snapshot.levels, snapshot.weight, snapshot.byteCount))
        cachedBytes += snapshot.byteCount
        var evicted = 0
        while cachedBytes > byteBudget && evicted < recent.count - 1 {
            cachedBytes -= recentShapes[evicted].bytes
            evicted += 1
        }
        if evicted > 0 {
            recent.removeFirst(evicted)
            recentShapes.removeFirst(evicted)
        }
        // One whose persons were not counted fails, but later roll-ups may start from it.
        return snapshot.isJudgeable ? snapshot : nil
    }
}
