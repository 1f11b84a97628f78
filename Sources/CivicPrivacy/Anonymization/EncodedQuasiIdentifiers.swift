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
    package let rowCount: Int
    /// The columns, in lattice order.
    package let quasiIdentifiers: [QuasiIdentifier]
    /// `leafCodes[row * q + i]`: the row of hierarchy `i` that holds the row's value,
    /// row by row (what the bottom of the lattice is grouped from).
    package let leafCodes: [Int32]
    /// `codeOfLeaf[q][level][leaf]`: the dense code of the leaf's generalisation.
    let codeOfLeaf: [[[Int32]]]
    /// `labels[q][level][code]`: the generalised value of a code.
    let labels: [[[String]]]
    /// `loss[q][level][code]`: (leaves under the value - 1) / (leaves - 1).
    let loss: [[[Double]]]
    /// `meanLoss[q][level]`: the loss of level `level` averaged over all rows.
    package let meanLoss: [[Double]]
    /// `levelMap[q][from][to][code]`: the code at level `to` of a code at level
    /// `from` (empty for `to` below `from`): how classes are generalised further.
    let levelMap: [[[[Int32]]]]
    /// `leafLogTotal[q]`: the sum over all rows of log2 of the number of rows sharing
    /// the row's original value (the part of non-uniform entropy that no
    /// transformation changes).
    let leafLogTotal: [Double]
    /// `logCodeFrequency[q][level][code]`: log2 of the number of rows generalised to
    /// the code.
    let logCodeFrequency: [[[Double]]]
    /// `totalEntropy[q][level]`: non-uniform entropy of the level summed over all rows.
    let totalEntropy: [[Double]]
    /// The sensitive value of each row as a code, if a criterion needs one.
    package let sensitiveCodes: [Int32]?
    /// How many different sensitive values there are.
    package let sensitiveValueCount: Int
    /// The share of each sensitive value in the whole table (each person once per
    /// distinct value when there is a privacy unit), or in the reference the table
    /// was encoded against (see ``SensitiveReferenceDistribution``).
    package let sensitiveDistribution: [Double]
    /// `sensitiveValues[code]`: the sensitive value a code stands for.
    let sensitiveValues: [String]
    /// Which rows belong to the same person (`nil`: every row is a person of its own).
    let units: PrivacyUnits?

    /// The sensitive attribute's numbering and distribution in this table: the
    /// reference for encoding a part of it (the initialiser's `reference`); `nil`
    /// without a sensitive attribute.
    package var sensitiveReference: SensitiveReferenceDistribution? {
        sensitiveCodes == nil ? nil : SensitiveReferenceDistribution(values: sensitiveValues, distribution: sensitiveDistribution)
    }

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
    /// With a `reference` (the whole table, when `table` holds only some of its
    /// rows), they are numbered as the reference numbers them, and the reference's
    /// distribution is the one every class is measured against.
    package init(_ table: Table, quasiIdentifiers: [QuasiIdentifier], sensitiveAttribute: String? = nil,
                 sensitiveOrder: GeneralizationHierarchy? = nil, privacyUnit: String? = nil,
                 reference: SensitiveReferenceDistribution? = nil) throws {
        let units = try privacyUnit.map { column throws(PrivacyError) in try PrivacyUnits(table, column: column) }
        // One task per quasi-identifier and one for the sensitive attribute; the
        // errors are thrown in that order.
        let jobs = quasiIdentifiers.count + (sensitiveAttribute == nil ? 0 : 1)
        let outcomes = concurrentMap(jobs) { job in
            Result<EncodedColumn, any Error> {
                guard job < quasiIdentifiers.count else {
                    return try EncodedColumn(sensitive: sensitiveAttribute ?? "", of: table,
                                             order: reference?.values ?? sensitiveOrder?.values)
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
            sensitiveDistribution = reference?.distribution
                ?? units?.distribution(of: sensitive.numbers, valueCount: count)
                ?? sensitive.counts.map { Double($0) / Double(max(table.rowCount, 1)) }
        } else {
            sensitiveCodes = nil
            sensitiveValueCount = 0
            sensitiveValues = []
            sensitiveDistribution = []
        }
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

/// The distribution of the sensitive attribute that t-closeness measures every
/// class against, with the numbering of its values: the whole table's, even where
/// only part of it is encoded (the steps of a local recoding), so that every class
/// is held against the same distribution.
package struct SensitiveReferenceDistribution: Sendable, Equatable {
    /// `values[code]`: the value a code stands for.
    package let values: [String]
    /// `distribution[code]`: the value's share of the whole table, each person once
    /// per distinct value when there is a privacy unit.
    package let distribution: [Double]
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
        (counts, lossTotals) = Self.countsAndLoss(of: leaves, leafCount: hierarchy.leafCount, levels: levels)
        levelMap = levels.indices.map { from in
            levels.indices.map { to -> [Int32] in
                guard to >= from else { return [] }
                var map = [Int32](repeating: 0, count: levels[from].labels.count)
                for (leaf, code) in levels[from].codeOfLeaf.enumerated() { map[Int(code)] = levels[to].codeOfLeaf[leaf] }
                return map
            }
        }
        computeEntropy()
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

    /// How many rows hold each leaf, and each level's loss summed over the rows in
    /// row order (the order the sum has always been taken in, so that the mean is
    /// the same to the last bit).
    ///
    /// Up to eight levels are added in the lanes of one vector: each lane is its
    /// level's own sum in row order, and a row costs one vector addition.
    private static func countsAndLoss(of leaves: [Int32], leafCount: Int,
                                      levels: [EncodedLevel]) -> (counts: [Int], loss: [Double]) {
        let height = levels.count
        guard height <= 8 else { return countsAndLossLevelByLevel(of: leaves, leafCount: leafCount, levels: levels) }
        // lossOfLeaf[leaf][level]: one row's loss at each level.
        var lossOfLeaf = [SIMD8<Double>](repeating: .zero, count: leafCount)
        for (level, encoded) in levels.enumerated() {
            for (leaf, code) in encoded.codeOfLeaf.enumerated() { lossOfLeaf[leaf][level] = encoded.loss[Int(code)] }
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

    /// `countsAndLoss(of:leafCount:levels:)` for hierarchies of more than eight
    /// levels: a pass over the rows per level.
    private static func countsAndLossLevelByLevel(of leaves: [Int32], leafCount: Int,
                                                  levels: [EncodedLevel]) -> (counts: [Int], loss: [Double]) {
        var counts = [Int](repeating: 0, count: leafCount)
        for leaf in leaves { counts[Int(leaf)] += 1 }
        let totals = levels.map { level in
            let lossOfLeaf = level.codeOfLeaf.map { level.loss[Int($0)] }
            var total = 0.0
            for leaf in leaves { total += lossOfLeaf[Int(leaf)] }
            return total
        }
        return (counts, totals)
    }

    /// Non-uniform entropy from the leaves' frequencies: per level, each code's
    /// log2 frequency, and the sum over rows of their code's log2 frequency less
    /// their leaf's.
    private mutating func computeEntropy() {
        let leafCount = counts.map(Double.init)
        let logLeaf = leafCount.map { $0 > 0 ? log2($0) : 0 }
        logCodeFrequency = []
        totalEntropy = []
        for level in levels {
            let codes = level.codeOfLeaf
            var codeCount = [Double](repeating: 0, count: (codes.max().map { Int($0) } ?? -1) + 1)
            for (leaf, count) in leafCount.enumerated() { codeCount[Int(codes[leaf])] += count }
            let logCode = codeCount.map { $0 > 0 ? log2($0) : 0 }
            var total = 0.0
            for (leaf, count) in leafCount.enumerated() where count > 0 {
                total += count * (logCode[Int(codes[leaf])] - logLeaf[leaf])
            }
            logCodeFrequency.append(logCode)
            totalEntropy.append(total)
        }
        leafLogTotal = zip(leafCount, logLeaf).reduce(0) { $0 + $1.0 * $1.1 }
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
