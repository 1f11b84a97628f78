import CivicModels

/// The partition of a table's rows into equivalence classes: rows that agree on
/// every quasi-identifier fall into one class.
///
/// An attacker who knows a person's quasi-identifiers (age, postcode, gender, ...)
/// can narrow the person down to their class, and no further. Class sizes are
/// therefore the basis of k-anonymity and of re-identification risk.
///
/// ```swift
/// let classes = try EquivalenceClasses(table, quasiIdentifiers: ["age", "gender", "zip"])
/// classes.smallestClassSize          // k of the table as it is
/// ```
public struct EquivalenceClasses: Sendable {
    /// For each row, the number of its class.
    public let classOfRow: [Int]
    /// The number of rows in each class.
    public let sizes: [Int]

    /// Partitions `table` by the named columns (missing counts as a value of its own).
    ///
    /// - Throws: ``PrivacyError/unknownColumn(_:)``.
    public init(_ table: Table, quasiIdentifiers: [String]) throws(PrivacyError) {
        var columns: [ColumnData] = []
        for name in quasiIdentifiers {
            guard let column = table.column(named: name) else { throw .unknownColumn(name) }
            columns.append(column)
        }
        // One column at a time: a row's class so far and its value's number in the
        // next column make an integer key, and the keys are numbered in order of first
        // appearance. So every class is numbered by its first row, as grouping whole
        // rows would number it, without an array of values per row (hashing those
        // made this a tenth of publishing a million rows).
        var classes = [Int32](repeating: 0, count: table.rowCount)
        var keys = KeyTable()
        for column in columns {
            let (numbers, radix) = column.valueNumbers()
            classes.withUnsafeMutableBufferPointer { classes in
                _ = keys.group(0..<table.rowCount, classLimit: .max, into: classes) { row in
                    Int(classes[row]) * radix + Int(numbers[row])
                }
            }
        }
        var sizes: [Int] = []
        for c in classes {
            if Int(c) == sizes.count { sizes.append(0) }
            sizes[Int(c)] += 1
        }
        self.classOfRow = classes.map(Int.init)
        self.sizes = sizes
    }

    /// The number of classes.
    public var count: Int { sizes.count }

    /// The size of the smallest class: the table is k-anonymous for every k up to it.
    /// Zero for an empty table.
    public var smallestClassSize: Int { sizes.min() ?? 0 }

    /// The distinct persons of each class, given each row's person: the privacy
    /// unit's view of the partition, where one person's rows count once.
    public func persons(_ personOfRow: [String]) -> [Set<String>] {
        precondition(personOfRow.count == classOfRow.count, "one person per row")
        var persons = [Set<String>](repeating: [], count: count)
        for (row, c) in classOfRow.enumerated() { persons[c].insert(personOfRow[row]) }
        return persons
    }

    /// The number of distinct persons in each class, given each row's person (as
    /// ``persons(_:)`` counts them: texts that are equal strings, such as an é
    /// written precomposed and with a combining accent, are one person), without a
    /// set of texts per class.
    public func personCounts(_ personOfRow: [String]) -> [Int] {
        personCounts(PrivacyUnits(personOfRow))
    }

    /// The number of distinct persons in each class, given each row's person as
    /// numbered by `units`.
    public func personCounts(_ units: PrivacyUnits) -> [Int] {
        precondition(units.personOfRow.count == classOfRow.count, "one person per row")
        // A person's rows in a class lie side by side in this order.
        let (order, start) = units.rowsByClassAndPerson(classOfRow: classOfRow, classCount: count)
        return (0..<count).map { c in
            var persons = 0, last: Int32 = -1
            for index in start[c]..<start[c + 1] where units.personOfRow[order[index]] != last {
                last = units.personOfRow[order[index]]
                persons += 1
            }
            return persons
        }
    }

    /// How many classes have each size: `[size: number of classes]`.
    public var sizeDistribution: [Int: Int] {
        sizes.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}

extension ColumnData {
    /// A number for each row's value, equal for equal values (texts compared byte
    /// by byte, others by their text), with missing cells a value of their own; and
    /// how many numbers there are.
    func valueNumbers() -> (numbers: [Int32], count: Int) {
        let values = NumberedLabels(self)
        let missingNumber = Int32(values.texts.count)
        return (values.numbers.map { $0 < 0 ? missingNumber : $0 }, values.texts.count + 1)
    }
}
