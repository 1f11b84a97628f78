import CivicModels

/// Which rows belong to the same person, for guarantees counted in people.
///
/// A counselling export holds a row per case, and a client with eight cases has
/// eight rows. Counting rows, a class of five rows may be one person, whose risk is
/// then 1, not 1/5. With a privacy unit (a column such as `client_id`), the
/// anonymiser counts distinct persons per class for k-anonymity and the risk, and
/// a person once per distinct sensitive value for l-diversity and t-closeness.
///
/// Table protection uses the same numbering to count distinct persons per cell,
/// and a publication's audit and risk figures count the published rows' persons
/// with it.
///
/// ```swift
/// let units = try PrivacyUnits(table, column: "client_id")
/// let published = units.gathering(rows: keptRows)   // the same codes, fewer rows
/// print(units.personCount, published.distinctPersonCount)
/// ```
public struct PrivacyUnits: Sendable {
    /// `personOfRow[row]`: the person's dense code.
    public let personOfRow: [Int32]
    /// How many persons the numbering knows (codes run from 0 to `personCount - 1`);
    /// after ``gathering(rows:)``, some may have no row left.
    public let personCount: Int
    /// The rows, ordered by person (rows of one person together, in row order):
    /// the order in which the bottom of the lattice groups its units.
    package let rowsByPerson: [Int32]
    /// The most rows any one person has (0 without rows).
    package let mostRowsPerPerson: Int

    /// Numbers the persons of `column`. Two rows name the same person when their
    /// texts are equal as Swift strings, that is canonically equivalent: an identifier
    /// written once with a precomposed é and once with a combining accent is one
    /// person, as the publication's audit counts it. (Taking them for two persons
    /// would count a person twice towards k.)
    ///
    /// - Throws: ``PrivacyError/unknownColumn(_:)``, or
    ///   ``PrivacyError/missingPrivacyUnit(column:row:)`` for a row without a person
    ///   (counting it as a person of its own could split one person in two).
    public init(_ table: Table, column: String) throws(PrivacyError) {
        guard let data = table.column(named: column) else { throw .unknownColumn(column) }
        if data.missing.missingCount > 0, let row = (0..<table.rowCount).first(where: data.missing.isMissing) {
            throw .missingPrivacyUnit(column: column, row: row + 1)
        }
        var personOfRow = [Int32](repeating: 0, count: table.rowCount)
        let personCount: Int
        if case .text(let codes, let dictionary) = data.storage, dictionary.isDeduplicated {
            // A text column already numbers its distinct values: each distinct value
            // is looked at once, not every row.
            let personOfCode: [Int32]
            (personOfCode, personCount) = Self.persons(of: dictionary)
            for (row, code) in codes.enumerated() { personOfRow[row] = personOfCode[Int(code)] }
        } else {
            (personOfRow, personCount) = Self.numberedByBytes(data.texts.map { $0 ?? "" })
        }
        self.init(personOfRow: personOfRow, personCount: personCount)
    }

    /// Numbers `persons` (one per record) in order of first appearance; equal
    /// strings are one person, as in ``init(_:column:)``.
    public init(_ persons: [String]) {
        let (personOfRow, personCount) = Self.numberedByBytes(persons)
        self.init(personOfRow: personOfRow, personCount: personCount)
    }

    /// The persons of `rows` only (in that order), with the same codes.
    public func gathering(rows: [Int]) -> PrivacyUnits {
        PrivacyUnits(personOfRow: rows.map { personOfRow[$0] }, personCount: personCount)
    }

    /// How many distinct persons have rows here (fewer than ``personCount`` after
    /// ``gathering(rows:)`` left some out).
    public var distinctPersonCount: Int {
        var seen = [Bool](repeating: false, count: personCount)
        var count = 0
        for person in personOfRow where !seen[Int(person)] {
            seen[Int(person)] = true
            count += 1
        }
        return count
    }

    /// Every row a person of its own: the unit when no column names persons.
    package init(eachRowOf rowCount: Int) {
        self.init(personOfRow: (0..<Int32(rowCount)).map { $0 }, personCount: rowCount)
    }

    private init(personOfRow: [Int32], personCount: Int) {
        self.personOfRow = personOfRow
        self.personCount = personCount
        (rowsByPerson, mostRowsPerPerson) = Self.rowsByPerson(personOfRow, personCount: personCount)
    }

    /// The person of each of a deduplicated dictionary's codes, and how many there
    /// are: ASCII texts with different bytes are different persons; other texts are
    /// merged where they are equal strings (canonically equivalent).
    package static func persons(of dictionary: TextDictionary) -> (codes: [Int32], count: Int) {
        guard dictionary.isASCII else { return numbered(dictionary.texts) }
        return ((0..<Int32(dictionary.count)).map { $0 }, dictionary.count)
    }

    /// `persons` numbered by their bytes first, then merged where equal strings
    /// differ in their bytes: each distinct text is hashed as a `String` once at
    /// most, not each row's.
    private static func numberedByBytes(_ persons: [String]) -> (codes: [Int32], count: Int) {
        var numbering = TextDictionary()
        let codes = persons.map { numbering.code(for: $0) }
        let (personOfCode, count) = Self.persons(of: numbering)
        return (codes.map { personOfCode[Int($0)] }, count)
    }

    private static func numbered(_ persons: [String]) -> (codes: [Int32], count: Int) {
        var codeOfPerson: [String: Int32] = [:]
        let codes = persons.map { person -> Int32 in
            if let code = codeOfPerson[person] { return code }
            let code = Int32(codeOfPerson.count)
            codeOfPerson[person] = code
            return code
        }
        return (codes, codeOfPerson.count)
    }

    /// The rows grouped by person, each person's in row order (a counting sort),
    /// and the most rows of one person.
    private static func rowsByPerson(_ personOfRow: [Int32], personCount: Int) -> (order: [Int32], most: Int) {
        var start = [Int](repeating: 0, count: personCount + 1)
        for person in personOfRow { start[Int(person) + 1] += 1 }
        let most = start.max() ?? 0
        for p in 0..<personCount { start[p + 1] += start[p] }
        var order = [Int32](repeating: 0, count: personOfRow.count)
        for (row, person) in personOfRow.enumerated() {
            order[start[Int(person)]] = Int32(row)
            start[Int(person)] += 1
        }
        return (order, most)
    }

    /// The rows in order of class and, within a class, of person, and where each
    /// class's rows start: those of class `c` are `order[start[c]..<start[c + 1]]`.
    /// A counting sort of ``rowsByPerson`` by class, which keeps its order, so a
    /// person's rows in a class lie side by side: counting persons or a person's
    /// distinct values needs no set.
    package func rowsByClassAndPerson(classOfRow: [Int], classCount: Int) -> (order: [Int], start: [Int]) {
        precondition(classOfRow.count == personOfRow.count, "one class per row")
        var start = [Int](repeating: 0, count: classCount + 1)
        for c in classOfRow { start[c + 1] += 1 }
        for c in 0..<classCount { start[c + 1] += start[c] }
        var next = start, order = [Int](repeating: 0, count: classOfRow.count)
        for row in rowsByPerson {
            let c = classOfRow[Int(row)]
            order[next[c]] = Int(row)
            next[c] += 1
        }
        return (order, start)
    }

    /// The share of each sensitive value when every person counts once per distinct
    /// value among their rows (the table distribution of t-closeness in persons).
    package func distribution(of sensitiveCodes: [Int32], valueCount: Int) -> [Double] {
        var counts = [Int](repeating: 0, count: valueCount)
        var current: Int32 = -1, seen: [Int32] = []
        for row in rowsByPerson {
            let person = personOfRow[Int(row)], value = sensitiveCodes[Int(row)]
            if person != current { current = person; seen.removeAll(keepingCapacity: true) }
            if !seen.contains(value) {
                seen.append(value)
                counts[Int(value)] += 1
            }
        }
        let total = Double(max(counts.reduce(0, +), 1))
        return counts.map { Double($0) / total }
    }
}
