import CivicModels

/// The rows of a table partitioned by the values of one or more key columns.
///
/// Build it once with `Table.grouped(by:)`, then aggregate as often as needed.
/// Groups are ordered by their key values (missing first, then ascending).
///
/// ```swift
/// let byPlace = try cases.grouped(by: ["service", "district"])
/// let summary = try byPlace.aggregate([.count, .mean("duration_minutes"), .median("income_eur")])
/// ```
public struct Grouping: Sendable {
    /// The table that was grouped.
    public let table: Table
    /// The key column names.
    public let keyNames: [String]
    /// For each group, its key values in key-column order.
    public let keys: [[Value]]
    /// For each row, the number of its group.
    public let groupOfRow: [Int32]
    /// The number of rows in each group.
    public let sizes: [Int]

    /// The number of groups.
    public var count: Int { keys.count }

    init(table: Table, keyNames: [String]) throws(AnalysisError) {
        guard !keyNames.isEmpty else { throw .noGroupingColumns }
        var perKey: [KeyCodes] = []
        for name in keyNames {
            var codes = KeyCodes(try table.requireColumn(name))
            codes.sortByValue()
            perKey.append(codes)
        }
        let rows = table.rowCount
        // Mixed-radix composite of the per-key codes. Because each key's codes follow
        // its value order, ordering by the composite orders by the keys.
        var composite = [Int](repeating: 0, count: rows)
        var radixProduct = 1
        var overflow = false
        for key in perKey.reversed() {
            for row in 0..<rows { composite[row] += Int(key.codes[row]) * radixProduct }
            let (next, didOverflow) = radixProduct.multipliedReportingOverflow(by: max(key.cardinality, 1))
            overflow = overflow || didOverflow
            radixProduct = next
        }
        precondition(!overflow, "too many distinct key combinations to group")
        var groupOfComposite: [Int: Int32] = [:]
        var dense: [Int32] = radixProduct <= max(rows, 1 << 16) * 4 ? [Int32](repeating: -1, count: radixProduct) : []
        var present: [Int] = []
        for row in 0..<rows {
            let key = composite[row]
            if !dense.isEmpty {
                if dense[key] < 0 { dense[key] = 0; present.append(key) }
            } else if groupOfComposite[key] == nil {
                groupOfComposite[key] = 0
                present.append(key)
            }
        }
        present.sort()
        for (group, key) in present.enumerated() {
            if dense.isEmpty { groupOfComposite[key] = Int32(group) } else { dense[key] = Int32(group) }
        }
        var groupOfRow = [Int32](repeating: 0, count: rows)
        var sizes = [Int](repeating: 0, count: present.count)
        for row in 0..<rows {
            let group = dense.isEmpty ? groupOfComposite[composite[row]]! : dense[composite[row]]
            groupOfRow[row] = group
            sizes[Int(group)] += 1
        }
        keys = present.map { key in
            var remainder = key
            var values = [Value](repeating: .missing, count: perKey.count)
            for (index, codes) in perKey.enumerated().reversed() {
                let radix = max(codes.cardinality, 1)
                values[index] = codes.values[remainder % radix]
                remainder /= radix
            }
            return values
        }
        self.table = table
        self.keyNames = keyNames
        self.groupOfRow = groupOfRow
        self.sizes = sizes
    }
}

extension Table {
    /// The rows partitioned by the values of the named columns.
    ///
    /// - Throws: ``AnalysisError`` for an unknown column or an empty list.
    public func grouped(by keyNames: [String]) throws(AnalysisError) -> Grouping {
        try Grouping(table: self, keyNames: keyNames)
    }
}
