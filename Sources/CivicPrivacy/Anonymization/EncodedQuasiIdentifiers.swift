import CivicModels
import Foundation

/// The quasi-identifier columns as small integer codes, prepared once for a search
/// that looks at thousands of transformations.
///
/// For each quasi-identifier and level, every row's value is a dense code of its
/// generalised value, and each code knows its share of the hierarchy's leaves.
///
/// Encoding looks values up per distinct value, not per row: a text column already
/// holds one dictionary code per row, so each code is looked up in the hierarchy
/// once (a few thousand lookups on millions of rows) and the rows become integers
/// by indexing a table (see `ColumnData.numberingRows(_:)`). The
/// columns are encoded at the same time, one task each.
///
/// Visible to the package so that tests can hold the codes against the texts.
package struct EncodedQuasiIdentifiers: Sendable {
    /// The number of rows.
    package private(set) var rowCount: Int
    /// The columns, in lattice order.
    package let quasiIdentifiers: [QuasiIdentifier]
    /// `leafCodes[row * q + i]`: the row of hierarchy `i` that holds the row's value,
    /// row by row (what the bottom of the lattice is grouped from).
    package private(set) var leafCodes: [Int32]
    /// `codeOfLeaf[q][level][leaf]`: the dense code of the leaf's generalisation.
    let codeOfLeaf: [[[Int32]]]
    /// `labels[q][level][code]`: the generalised value of a code.
    let labels: [[[String]]]
    /// `loss[q][level][code]`: (leaves under the value - 1) / (leaves - 1).
    let loss: [[[Double]]]
    /// `meanLoss[q][level]`: the loss of level `level` averaged over all rows.
    package private(set) var meanLoss: [[Double]]
    /// `levelMap[q][from][to][code]`: the code at level `to` of a code at level
    /// `from` (empty for `to` below `from`): how classes are generalised further.
    let levelMap: [[[[Int32]]]]
    /// `leafLogTotal[q]`: the sum over all rows of log2 of the number of rows sharing
    /// the row's original value (the part of non-uniform entropy that no
    /// transformation changes).
    package private(set) var leafLogTotal: [Double]
    /// `logCodeFrequency[q][level][code]`: log2 of the number of rows generalised to
    /// the code.
    package private(set) var logCodeFrequency: [[[Double]]]
    /// `totalEntropy[q][level]`: non-uniform entropy of the level summed over all rows.
    package private(set) var totalEntropy: [[Double]]
    /// The sensitive value of each row as a code, if a criterion needs one.
    package private(set) var sensitiveCodes: [Int32]?
    /// How many different sensitive values there are.
    package let sensitiveValueCount: Int
    /// The share of each sensitive value in the whole table (each person once per
    /// distinct value when there is a privacy unit); a part made by
    /// ``gathering(rows:)`` keeps the whole table's.
    package let sensitiveDistribution: [Double]
    /// `sensitiveValues[code]`: the sensitive value a code stands for.
    let sensitiveValues: [String]
    /// Which rows belong to the same person (`nil`: every row is a person of its own).
    package private(set) var units: PrivacyUnits?

    /// The code of `row`'s value of quasi-identifier `q` at `level`.
    func code(ofRow row: Int, _ q: Int, at level: Int) -> Int32 {
        codeOfLeaf[q][level][Int(leafCodes[row * quasiIdentifiers.count + q])]
    }

    /// ``code(ofRow:_:at:)`` for each of `rows`, with the look-up tables fetched once.
    func codes(ofRows rows: [Int], _ q: Int, at level: Int) -> [Int32] {
        let codeOfLeaf = codeOfLeaf[q][level], stride = quasiIdentifiers.count
        return leafCodes.withUnsafeBufferPointer { leafCodes in
            rows.map { codeOfLeaf[Int(leafCodes[$0 * stride + q])] }
        }
    }

    /// How many different codes quasi-identifier `q` has at `level`.
    func codeCount(_ q: Int, at level: Int) -> Int { labels[q][level].count }

    /// The published value of `row`'s quasi-identifier `q` at `level`.
    package func label(ofRow row: Int, _ q: Int, at level: Int) -> String {
        labels[q][level][Int(code(ofRow: row, q, at: level))]
    }

    /// The loss of `row`'s value of quasi-identifier `q` at `level`.
    package func loss(ofRow row: Int, _ q: Int, at level: Int) -> Double {
        loss[q][level][Int(code(ofRow: row, q, at: level))]
    }

    /// The number of levels of each quasi-identifier.
    var heights: [Int] { quasiIdentifiers.map(\.hierarchy.height) }

    /// Encodes the quasi-identifier columns of `table`.
    ///
    /// - Throws: ``PrivacyError/unknownColumn(_:)`` or a hierarchy's
    ///   ``HierarchyError/valueNotCovered(column:row:)`` (a missing cell needs a
    ///   row for the empty value): the first in the order of the quasi-identifiers,
    ///   then the sensitive attribute, and in a column its first row.
    ///
    /// Sensitive values are numbered in order of appearance, or, when
    /// `sensitiveOrder` is given (hierarchical t-closeness), by their row in it.
    package init(_ table: Table, quasiIdentifiers: [QuasiIdentifier], sensitiveAttribute: String? = nil,
                 sensitiveOrder: GeneralizationHierarchy? = nil, privacyUnit: String? = nil) throws {
        let units = try privacyUnit.map { column throws(PrivacyError) in try PrivacyUnits(table, column: column) }
        // One task per quasi-identifier and one for the sensitive attribute; the
        // errors are thrown in that order.
        let jobs = quasiIdentifiers.count + (sensitiveAttribute == nil ? 0 : 1)
        let outcomes = concurrentMap(jobs) { job in
            Result<EncodedColumn, any Error> {
                guard job < quasiIdentifiers.count else {
                    return try EncodedColumn(sensitive: sensitiveAttribute ?? "", of: table,
                                             order: sensitiveOrder?.values)
                }
                return try EncodedColumn(quasiIdentifier: quasiIdentifiers[job], of: table)
            }
        }
        let columns = try outcomes.map { try $0.get() }
        let encoded = columns.prefix(quasiIdentifiers.count)
        rowCount = table.rowCount
        self.quasiIdentifiers = quasiIdentifiers
        self.units = units
        codeOfLeaf = encoded.map { $0.levels.map(\.codeOfLeaf) }
        labels = encoded.map { $0.levels.map(\.labels) }
        loss = encoded.map { $0.levels.map(\.loss) }
        meanLoss = encoded.map { column in
            column.lossTotals.map { table.rowCount > 0 ? $0 / Double(table.rowCount) : 0 }
        }
        levelMap = encoded.map(\.levelMap)
        leafLogTotal = encoded.map(\.leafLogTotal)
        logCodeFrequency = encoded.map(\.logCodeFrequency)
        totalEntropy = encoded.map(\.totalEntropy)
        leafCodes = Self.interleaving(encoded.map(\.numbers), rowCount: table.rowCount)
        if let sensitive = columns.dropFirst(quasiIdentifiers.count).first {
            let count = sensitive.counts.count
            sensitiveCodes = sensitive.numbers
            sensitiveValueCount = count
            sensitiveValues = sensitive.values
            sensitiveDistribution = units?.distribution(of: sensitive.numbers, valueCount: count)
                ?? sensitive.counts.map { Double($0) / Double(max(table.rowCount, 1)) }
        } else {
            sensitiveCodes = nil
            sensitiveValueCount = 0
            sensitiveValues = []
            sensitiveDistribution = []
        }
    }

    /// The same table reduced to `rows` (in that order), as if those rows had been
    /// encoded alone, except that the sensitive values keep this table's codes and
    /// distribution: t-closeness holds each part against the whole table. The
    /// steps of a local recoding search parts of the table this way, without
    /// looking up any value in a hierarchy again.
    package func gathering(rows: [Int]) -> EncodedQuasiIdentifiers {
        // All rows in order: the part is the whole (and holds no second copy).
        if rows.count == rowCount && rows.elementsEqual(0..<rowCount) { return self }
        var part = self
        let width = quasiIdentifiers.count
        part.rowCount = rows.count
        part.leafCodes = leafCodes.withUnsafeBufferPointer { leafCodes in
            var codes = [Int32](repeating: 0, count: rows.count * width)
            for (index, row) in rows.enumerated() {
                for q in 0..<width { codes[index * width + q] = leafCodes[row * width + q] }
            }
            return codes
        }
        let figures = (0..<width).map { q in
            LevelFigures(leaves: rows.map { leafCodes[$0 * width + q] }, leafCount: codeOfLeaf[q][0].count,
                         codeOfLeaf: codeOfLeaf[q], loss: loss[q])
        }
        part.meanLoss = figures.map { $0.lossTotals.map { rows.isEmpty ? 0 : $0 / Double(rows.count) } }
        part.leafLogTotal = figures.map(\.leafLogTotal)
        part.logCodeFrequency = figures.map(\.logCodeFrequency)
        part.totalEntropy = figures.map(\.totalEntropy)
        part.sensitiveCodes = sensitiveCodes.map { codes in rows.map { codes[$0] } }
        part.units = units?.gathering(rows: rows)
        return part
    }

    /// The columns' numbers row by row (`[row * columns + column]`), the order in
    /// which grouping reads them; written in blocks of rows, one task each.
    private static func interleaving(_ columns: [[Int32]], rowCount: Int) -> [Int32] {
        let width = columns.count
        var rows = [Int32](repeating: 0, count: rowCount * width)
        guard width > 0 else { return rows }
        let parts = rowCount >= 1 << 16 ? ProcessInfo.processInfo.activeProcessorCount * 4 : 1
        fillConcurrently(&rows, parts: parts, alignment: width) { range, slots in
            let firstRow = range.lowerBound / width
            for (q, column) in columns.enumerated() {
                column.withUnsafeBufferPointer { column in
                    var slot = q
                    for row in firstRow..<(firstRow + range.count / width) {
                        slots[slot] = column[row]
                        slot += width
                    }
                }
            }
        }
        return rows
    }
}

/// One column of the table as numbers: a quasi-identifier's leaves with the
/// figures of each level of its hierarchy, or the sensitive attribute's codes.
private struct EncodedColumn: Sendable {
    /// Each row's number: its leaf in the hierarchy, or its sensitive value's code.
    var numbers: [Int32] = []
    /// `values[code]`: the sensitive value of a code (the sensitive attribute only).
    var values: [String] = []
    /// How many rows have each number.
    var counts: [Int] = []
    /// The hierarchy's levels as codes (quasi-identifiers only).
    var levels: [EncodedLevel] = []
    /// Per level, the loss of every row added up in row order.
    var lossTotals: [Double] = []
    /// This column's part of `EncodedQuasiIdentifiers.levelMap`.
    var levelMap: [[[Int32]]] = []
    /// This column's part of `EncodedQuasiIdentifiers.leafLogTotal`.
    var leafLogTotal = 0.0
    /// This column's part of `EncodedQuasiIdentifiers.logCodeFrequency`.
    var logCodeFrequency: [[Double]] = []
    /// This column's part of `EncodedQuasiIdentifiers.totalEntropy`.
    var totalEntropy: [Double] = []

    /// The leaves of `quasiIdentifier`'s column and the figures of its levels.
    init(quasiIdentifier: QuasiIdentifier, of table: Table) throws {
        guard let column = table.column(named: quasiIdentifier.name) else {
            throw PrivacyError.unknownColumn(quasiIdentifier.name)
        }
        let hierarchy = quasiIdentifier.hierarchy
        let (leaves, uncovered) = column.numberingRows { text in hierarchy.leaf(of: text).map(Int32.init) }
        if let uncovered { throw HierarchyError.valueNotCovered(column: quasiIdentifier.name, row: uncovered + 1) }
        numbers = leaves
        levels = (0..<hierarchy.height).map { EncodedLevel(hierarchy, level: $0) }
        let figures = LevelFigures(leaves: leaves, leafCount: hierarchy.leafCount, codeOfLeaf: levels.map(\.codeOfLeaf),
                                   loss: levels.map(\.loss))
        counts = figures.counts
        lossTotals = figures.lossTotals
        leafLogTotal = figures.leafLogTotal
        logCodeFrequency = figures.logCodeFrequency
        totalEntropy = figures.totalEntropy
        levelMap = levels.indices.map { from in
            levels.indices.map { to -> [Int32] in
                guard to >= from else { return [] }
                var map = [Int32](repeating: 0, count: levels[from].labels.count)
                for (leaf, code) in levels[from].codeOfLeaf.enumerated() { map[Int(code)] = levels[to].codeOfLeaf[leaf] }
                return map
            }
        }
    }

    /// The codes of the sensitive attribute `name`: in order of appearance, or by
    /// their place in `order` (a value not in it is an error).
    init(sensitive name: String, of table: Table, order: [String]?) throws {
        guard let column = table.column(named: name) else { throw PrivacyError.unknownColumn(name) }
        var codeOfValue: [String: Int32] = [:]
        if let order {
            for (index, value) in order.enumerated() where codeOfValue[value] == nil { codeOfValue[value] = Int32(index) }
        }
        let (codes, uncovered) = column.numberingRows { text in
            if let code = codeOfValue[text] { return code }
            guard order == nil else { return nil }
            let code = Int32(codeOfValue.count)
            codeOfValue[text] = code
            return code
        }
        if let uncovered { throw HierarchyError.valueNotCovered(column: name, row: uncovered + 1) }
        numbers = codes
        if let order {
            values = order
        } else {
            values = [String](repeating: "", count: codeOfValue.count)
            for (value, code) in codeOfValue { values[Int(code)] = value }
        }
        counts = [Int](repeating: 0, count: values.count)
        for code in codes { counts[Int(code)] += 1 }
    }
}

/// The figures of a quasi-identifier's levels that depend on the rows: how many
/// rows hold each leaf, the loss and non-uniform entropy of each level summed over
/// the rows. Computed for the whole table, and again for each part of it that a
/// local recoding searches.
private struct LevelFigures {
    /// How many rows hold each leaf.
    let counts: [Int]
    /// Per level, the loss of every row added up in row order.
    let lossTotals: [Double]
    /// The sum over the rows of log2 of how many rows share the row's leaf.
    let leafLogTotal: Double
    /// Per level and code, log2 of how many rows are generalised to the code.
    let logCodeFrequency: [[Double]]
    /// Per level, non-uniform entropy summed over the rows.
    let totalEntropy: [Double]

    /// The figures of the rows whose leaves are `leaves`, for a hierarchy of
    /// `leafCount` leaves whose levels take leaves to `codeOfLeaf[level]` with
    /// `loss[level][code]`.
    init(leaves: [Int32], leafCount: Int, codeOfLeaf: [[Int32]], loss: [[Double]]) {
        (counts, lossTotals) = Self.countsAndLoss(of: leaves, leafCount: leafCount, codeOfLeaf: codeOfLeaf, loss: loss)
        // Non-uniform entropy from the leaves' frequencies: per level, each code's
        // log2 frequency, and the sum over rows of their code's log2 frequency less
        // their leaf's.
        let leafCounts = counts.map(Double.init)
        let logLeaf = leafCounts.map { $0 > 0 ? log2($0) : 0 }
        var logCodeFrequency: [[Double]] = [], totalEntropy: [Double] = []
        for codes in codeOfLeaf {
            var codeCount = [Double](repeating: 0, count: (codes.max().map { Int($0) } ?? -1) + 1)
            for (leaf, count) in leafCounts.enumerated() { codeCount[Int(codes[leaf])] += count }
            let logCode = codeCount.map { $0 > 0 ? log2($0) : 0 }
            var total = 0.0
            for (leaf, count) in leafCounts.enumerated() where count > 0 {
                total += count * (logCode[Int(codes[leaf])] - logLeaf[leaf])
            }
            logCodeFrequency.append(logCode)
            totalEntropy.append(total)
        }
        self.logCodeFrequency = logCodeFrequency
        self.totalEntropy = totalEntropy
        leafLogTotal = zip(leafCounts, logLeaf).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// How many rows hold each leaf, and each level's loss summed over the rows in
    /// row order (the order the sum has always been taken in, so that the mean is
    /// the same to the last bit).
    ///
    /// Up to eight levels are added in the lanes of one vector: each lane is its
    /// level's own sum in row order, and a row costs one vector addition.
    private static func countsAndLoss(of leaves: [Int32], leafCount: Int, codeOfLeaf: [[Int32]],
                                      loss: [[Double]]) -> (counts: [Int], loss: [Double]) {
        let height = codeOfLeaf.count
        guard height <= 8 else {
            return countsAndLossLevelByLevel(of: leaves, leafCount: leafCount, codeOfLeaf: codeOfLeaf, loss: loss)
        }
        // lossOfLeaf[leaf][level]: one row's loss at each level.
        var lossOfLeaf = [SIMD8<Double>](repeating: .zero, count: leafCount)
        for level in 0..<height {
            for (leaf, code) in codeOfLeaf[level].enumerated() { lossOfLeaf[leaf][level] = loss[level][Int(code)] }
        }
        var counts = [Int](repeating: 0, count: leafCount)
        var total = SIMD8<Double>.zero
        leaves.withUnsafeBufferPointer { leaves in
            lossOfLeaf.withUnsafeBufferPointer { lossOfLeaf in
                counts.withUnsafeMutableBufferPointer { counts in
                    for leaf in leaves {
                        counts[Int(leaf)] += 1
                        total += lossOfLeaf[Int(leaf)]
                    }
                }
            }
        }
        return (counts, (0..<height).map { total[$0] })
    }

    /// `countsAndLoss(of:leafCount:codeOfLeaf:loss:)` for hierarchies of more than
    /// eight levels: a pass over the rows per level.
    private static func countsAndLossLevelByLevel(of leaves: [Int32], leafCount: Int, codeOfLeaf: [[Int32]],
                                                  loss: [[Double]]) -> (counts: [Int], loss: [Double]) {
        var counts = [Int](repeating: 0, count: leafCount)
        for leaf in leaves { counts[Int(leaf)] += 1 }
        let totals = zip(codeOfLeaf, loss).map { codes, loss in
            let lossOfLeaf = codes.map { loss[Int($0)] }
            var total = 0.0
            for leaf in leaves { total += lossOfLeaf[Int(leaf)] }
            return total
        }
        return (counts, totals)
    }
}

/// One level of a hierarchy as codes: the generalised values numbered in order of
/// first appearance down the hierarchy's rows.
private struct EncodedLevel: Sendable {
    /// `codeOfLeaf[leaf]`: the code of the leaf's generalisation at this level.
    let codeOfLeaf: [Int32]
    /// `labels[code]`: the generalised value.
    let labels: [String]
    /// `loss[code]`: (leaves under the value - 1) / (leaves - 1).
    let loss: [Double]

    init(_ hierarchy: GeneralizationHierarchy, level: Int) {
        var codeOfLabel: [String: Int32] = [:]
        var labels: [String] = []
        codeOfLeaf = hierarchy.rows.map { row -> Int32 in
            if let code = codeOfLabel[row[level]] { return code }
            let code = Int32(labels.count)
            codeOfLabel[row[level]] = code
            labels.append(row[level])
            return code
        }
        let denominator = Double(max(hierarchy.leafCount - 1, 1))
        loss = labels.map { Double(hierarchy.leafCount(of: $0, at: level) - 1) / denominator }
        self.labels = labels
    }
}
