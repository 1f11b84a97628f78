import CivicModels

/// Dense codes 0..<cardinality for the values of one key column; missing values get
/// their own code. Grouping and counting then work on small integers.
///
/// Text columns already hold dictionary codes; other types are numbered in order
/// of first appearance.
struct KeyCodes {
    /// One code per row.
    var codes: [Int32]
    /// The value each code stands for.
    var values: [Value]

    var cardinality: Int { values.count }

    init(_ column: ColumnData) {
        let rows = column.count
        var codes = [Int32](repeating: 0, count: rows)
        var values: [Value] = []
        var missingCode: Int32 = -1
        func missingSlot() -> Int32 {
            if missingCode < 0 { missingCode = Int32(values.count); values.append(.missing) }
            return missingCode
        }
        switch column.storage {
        case .text(let textCodes, let dictionary) where dictionary.isDeduplicated:
            // Number only the dictionary entries that occur (a filtered table may
            // share a larger dictionary).
            var remap = [Int32](repeating: -1, count: dictionary.count)
            for row in 0..<rows {
                if column.missing.isMissing(row) { codes[row] = missingSlot(); continue }
                let code = Int(textCodes[row])
                if remap[code] < 0 {
                    remap[code] = Int32(values.count)
                    values.append(.text(dictionary[UInt32(code)]))
                }
                codes[row] = remap[code]
            }
        default:
            var seen: [Value: Int32] = [:]
            for row in 0..<rows {
                let value = column.value(at: row)
                if value.isMissing { codes[row] = missingSlot(); continue }
                if let code = seen[value] { codes[row] = code; continue }
                let code = Int32(values.count)
                seen[value] = code
                values.append(value)
                codes[row] = code
            }
        }
        self.codes = codes
        self.values = values
    }

    /// Renumbers the codes so that they follow the sort order of their values
    /// (missing first, then ascending).
    mutating func sortByValue() {
        let order = values.indices.sorted { Value.sortsBefore(values[$0], values[$1]) }
        var rank = [Int32](repeating: 0, count: values.count)
        for (newCode, oldCode) in order.enumerated() { rank[oldCode] = Int32(newCode) }
        values = order.map { values[$0] }
        for row in codes.indices { codes[row] = rank[Int(codes[row])] }
    }
}

extension Value {
    /// A total order for display: missing first, then by type, then by value (text
    /// by Unicode scalars).
    static func sortsBefore(_ a: Value, _ b: Value) -> Bool {
        func rank(_ v: Value) -> Int {
            switch v {
            case .missing: return 0
            case .boolean: return 1
            case .integer, .number: return 2
            case .date: return 3
            case .text: return 4
            }
        }
        if rank(a) != rank(b) { return rank(a) < rank(b) }
        switch (a, b) {
        case let (.boolean(x), .boolean(y)): return !x && y
        case let (.date(x), .date(y)): return x < y
        case let (.text(x), .text(y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return x < y }
            return false
        }
    }
}
