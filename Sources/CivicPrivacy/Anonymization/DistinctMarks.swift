/// Counts the distinct persons of many groups of rows in turn, and the persons per
/// sensitive value, without hashing: a person (or a person's value) is new to the
/// group being counted when its mark is not that group's number. Counting a group
/// costs its rows, whatever the size of the table.
///
/// For one task at a time (top-down specialisation checks its splits one after the
/// other); it holds a mark per person and one per (person, sensitive value).
final class DistinctMarks {
    private var personMarks: [UInt32]
    private var pairMarks: [UInt32]
    private let values: Int
    private var group: UInt32 = 0

    /// The most marks kept (64 MB); beyond, `nil`, and the caller hashes instead.
    private static let markLimit = 1 << 24

    /// Marks for the persons (or rows) and sensitive values of `encoded`, or `nil`
    /// when there would be too many.
    init?(encoded: EncodedQuasiIdentifiers) {
        let persons = encoded.units?.personCount ?? encoded.rowCount
        values = encoded.sensitiveCodes == nil ? 0 : encoded.sensitiveValueCount
        guard persons + persons * values <= Self.markLimit else { return nil }
        personMarks = [UInt32](repeating: 0, count: persons)
        pairMarks = [UInt32](repeating: 0, count: persons * values)
    }

    /// The distinct persons among `rows` (rows count as persons without a privacy
    /// unit); adds to `sensitiveCounts[v]` the distinct persons with value `v`.
    func count(_ rows: [Int], encoded: EncodedQuasiIdentifiers, sensitiveCounts: inout [Int]) -> Int {
        group &+= 1
        if group == 0 {  // the numbers have gone round: forget every mark
            personMarks = [UInt32](repeating: 0, count: personMarks.count)
            pairMarks = [UInt32](repeating: 0, count: pairMarks.count)
            group = 1
        }
        let group = group, values = values, sensitive = encoded.sensitiveCodes
        var persons = 0
        personMarks.withUnsafeMutableBufferPointer { personMarks in
            pairMarks.withUnsafeMutableBufferPointer { pairMarks in
                for row in rows {
                    let person = encoded.units.map { Int($0.personOfRow[row]) } ?? row
                    if personMarks[person] != group {
                        personMarks[person] = group
                        persons += 1
                    }
                    if let sensitive {
                        let value = Int(sensitive[row]), pair = person * values + value
                        if pairMarks[pair] != group {
                            pairMarks[pair] = group
                            sensitiveCounts[value] += 1
                        }
                    }
                }
            }
        }
        return persons
    }
}

extension EncodedQuasiIdentifiers {
    /// The distinct persons among `rows` (the rows themselves without a privacy
    /// unit); adds to `sensitiveCounts[v]` the distinct persons with value `v`.
    /// Counted with `marks` when given, else by hashing (a table too large for marks).
    func distinctUnits(of rows: [Int], marks: DistinctMarks?, sensitiveCounts: inout [Int]) -> Int {
        if let marks { return marks.count(rows, encoded: self, sensitiveCounts: &sensitiveCounts) }
        let values = sensitiveCodes == nil ? 0 : sensitiveValueCount
        var seen = Set<Int32>(), pairs = Set<Int>()
        for row in rows {
            let person = units.map { $0.personOfRow[row] } ?? Int32(truncatingIfNeeded: row)
            seen.insert(person)
            if let sensitive = sensitiveCodes, pairs.insert(Int(person) * values + Int(sensitive[row])).inserted {
                sensitiveCounts[Int(sensitive[row])] += 1
            }
        }
        return seen.count
    }
}
