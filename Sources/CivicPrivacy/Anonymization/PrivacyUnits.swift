import CivicModels

/// Which rows belong to the same person, for guarantees counted in people.
///
/// A counselling export holds a row per case, and a client with eight cases has
/// eight rows. Counting rows, a class of five rows may be one person, whose risk is
/// then 1, not 1/5. With a privacy unit (a column such as `client_id`), the
/// anonymiser counts distinct persons per class for k-anonymity and the risk, and
/// a person once per distinct sensitive value for l-diversity and t-closeness.
struct PrivacyUnits: Sendable {
    /// The column that identifies persons.
    let column: String
    /// `personOfRow[row]`: the person's dense code.
    let personOfRow: [Int32]
    /// How many persons there are.
    let personCount: Int
    /// The rows, ordered by person (rows of one person together, in row order):
    /// the order in which the bottom of the lattice groups its units.
    let rowsByPerson: [Int32]

    /// Numbers the persons of `column`.
    ///
    /// - Throws: ``PrivacyError/unknownColumn(_:)``, or
    ///   ``PrivacyError/missingPrivacyUnit(column:row:)`` for a row without a person
    ///   (counting it as a person of its own could split one person in two).
    init(_ table: Table, column: String) throws(PrivacyError) {
        guard let data = table.column(named: column) else { throw .unknownColumn(column) }
        if data.missing.missingCount > 0, let row = (0..<table.rowCount).first(where: data.missing.isMissing) {
            throw .missingPrivacyUnit(column: column, row: row + 1)
        }
        var personOfRow = [Int32](repeating: 0, count: table.rowCount)
        if case .text(let codes, let dictionary) = data.storage, dictionary.isDeduplicated {
            // A text column already numbers its distinct values: no hashing needed.
            for (row, code) in codes.enumerated() { personOfRow[row] = Int32(code) }
            personCount = dictionary.count
        } else {
            var codeOfPerson: [String: Int32] = [:]
            for (row, text) in data.texts.enumerated() {
                let code = codeOfPerson[text ?? ""] ?? Int32(codeOfPerson.count)
                codeOfPerson[text ?? ""] = code
                personOfRow[row] = code
            }
            personCount = codeOfPerson.count
        }
        self.column = column
        self.personOfRow = personOfRow
        // A counting sort keeps each person's rows in row order.
        var start = [Int](repeating: 0, count: personCount + 1)
        for person in personOfRow { start[Int(person) + 1] += 1 }
        for p in 0..<personCount { start[p + 1] += start[p] }
        var order = [Int32](repeating: 0, count: table.rowCount)
        for (row, person) in personOfRow.enumerated() {
            order[start[Int(person)]] = Int32(row)
            start[Int(person)] += 1
        }
        rowsByPerson = order
    }

    /// The share of each sensitive value when every person counts once per distinct
    /// value among their rows (the table distribution of t-closeness in persons).
    func distribution(of sensitiveCodes: [Int32], valueCount: Int) -> [Double] {
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
