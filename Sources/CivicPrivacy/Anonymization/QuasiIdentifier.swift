import CivicModels
import Foundation

/// A column to generalise, with the hierarchy that says how.
public struct QuasiIdentifier: Sendable {
    /// The column name.
    public var name: String
    /// How its values become coarser.
    public var hierarchy: GeneralizationHierarchy
    /// How much its loss counts against the others' in Loss (1 for all: ARX's
    /// unweighted Loss); a column readers need most gets more.
    public var weight: Double

    /// Creates a quasi-identifier.
    public init(_ name: String, hierarchy: GeneralizationHierarchy, weight: Double = 1) {
        self.name = name
        self.hierarchy = hierarchy
        self.weight = weight
    }
}

/// The quasi-identifier columns as small integer codes, prepared once for a search
/// that looks at thousands of transformations.
///
/// For each quasi-identifier and level, every row's value is a dense code of its
/// generalised value, and each code knows its share of the hierarchy's leaves.
struct EncodedQuasiIdentifiers: Sendable {
    let rowCount: Int
    let quasiIdentifiers: [QuasiIdentifier]
    /// `leafCodes[row * q + i]`: the row of hierarchy `i` that holds the row's value,
    /// row by row (what the bottom of the lattice is grouped from).
    let leafCodes: [Int32]
    /// `codeOfLeaf[q][level][leaf]`: the dense code of the leaf's generalisation.
    let codeOfLeaf: [[[Int32]]]
    /// `labels[q][level][code]`: the generalised value of a code.
    let labels: [[[String]]]
    /// `loss[q][level][code]`: (leaves under the value - 1) / (leaves - 1).
    let loss: [[[Double]]]
    /// `meanLoss[q][level]`: the loss of level `level` averaged over all rows.
    let meanLoss: [[Double]]
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
    let sensitiveCodes: [Int32]?
    /// How many different sensitive values there are.
    let sensitiveValueCount: Int
    /// The share of each sensitive value in the whole table (each person once per
    /// distinct value when there is a privacy unit).
    let sensitiveDistribution: [Double]
    /// Which rows belong to the same person (`nil`: every row is a person of its own).
    let units: PrivacyUnits?

    /// The code of `row`'s value of quasi-identifier `q` at `level`.
    func code(ofRow row: Int, _ q: Int, at level: Int) -> Int32 {
        codeOfLeaf[q][level][Int(leafCodes[row * quasiIdentifiers.count + q])]
    }

    /// The published value of `row`'s quasi-identifier `q` at `level`.
    func label(ofRow row: Int, _ q: Int, at level: Int) -> String {
        labels[q][level][Int(code(ofRow: row, q, at: level))]
    }

    /// The loss of `row`'s value of quasi-identifier `q` at `level`.
    func loss(ofRow row: Int, _ q: Int, at level: Int) -> Double {
        loss[q][level][Int(code(ofRow: row, q, at: level))]
    }

    /// Encodes the quasi-identifier columns of `table`.
    ///
    /// - Throws: ``PrivacyError/unknownColumn(_:)`` or a hierarchy's
    ///   ``HierarchyError/valueNotCovered(column:row:)`` (a missing cell needs a
    ///   row for the empty value).
    ///
    /// Sensitive values are numbered in order of appearance, or, when
    /// `sensitiveOrder` is given (hierarchical t-closeness), by their row in it.
    init(_ table: Table, quasiIdentifiers: [QuasiIdentifier], sensitiveAttribute: String? = nil,
         sensitiveOrder: GeneralizationHierarchy? = nil, privacyUnit: String? = nil) throws {
        let units = try privacyUnit.map { column throws(PrivacyError) in try PrivacyUnits(table, column: column) }
        self.units = units
        var leafOfRow: [[Int32]] = []
        var codeOfLeaf: [[[Int32]]] = []
        var labels: [[[String]]] = []
        var loss: [[[Double]]] = []
        var meanLoss: [[Double]] = []
        for qi in quasiIdentifiers {
            guard let column = table.column(named: qi.name) else { throw PrivacyError.unknownColumn(qi.name) }
            let hierarchy = qi.hierarchy
            let leafIndex = Dictionary(uniqueKeysWithValues: hierarchy.values.enumerated().map { ($1, Int32($0)) })
            var leaves = [Int32](repeating: 0, count: table.rowCount)
            for row in 0..<table.rowCount {
                let value = column.value(at: row)
                let text = value.isMissing ? "" : value.description
                guard let leaf = leafIndex[text] else {
                    throw HierarchyError.valueNotCovered(column: qi.name, row: row + 1)
                }
                leaves[row] = leaf
            }
            var levelCodes: [[Int32]] = [], levelLabels: [[String]] = [], levelLoss: [[Double]] = []
            var levelMean: [Double] = []
            let denominator = Double(max(hierarchy.leafCount - 1, 1))
            for level in 0..<hierarchy.height {
                var codeOfLabel: [String: Int32] = [:]
                var names: [String] = []
                let codes = hierarchy.rows.map { row -> Int32 in
                    if let code = codeOfLabel[row[level]] { return code }
                    let code = Int32(names.count)
                    codeOfLabel[row[level]] = code
                    names.append(row[level])
                    return code
                }
                let losses = names.map { Double(hierarchy.leafCount(of: $0, at: level) - 1) / denominator }
                var total = 0.0
                for leaf in leaves { total += losses[Int(codes[Int(leaf)])] }
                levelCodes.append(codes)
                levelLabels.append(names)
                levelLoss.append(losses)
                levelMean.append(table.rowCount > 0 ? total / Double(table.rowCount) : 0)
            }
            leafOfRow.append(leaves)
            codeOfLeaf.append(levelCodes)
            labels.append(levelLabels)
            loss.append(levelLoss)
            meanLoss.append(levelMean)
        }
        if let sensitiveAttribute {
            guard let column = table.column(named: sensitiveAttribute) else {
                throw PrivacyError.unknownColumn(sensitiveAttribute)
            }
            var codeOfValue: [String: Int32] = [:]
            if let sensitiveOrder {
                for (index, value) in sensitiveOrder.values.enumerated() { codeOfValue[value] = Int32(index) }
            }
            let fixed = sensitiveOrder != nil
            var codes = [Int32](repeating: 0, count: table.rowCount)
            for row in 0..<table.rowCount {
                let value = column.value(at: row)
                let text = value.isMissing ? "" : value.description
                if let code = codeOfValue[text] {
                    codes[row] = code
                } else if fixed {
                    throw HierarchyError.valueNotCovered(column: sensitiveAttribute,
                                                         row: row + 1)
                } else {
                    let code = Int32(codeOfValue.count)
                    codeOfValue[text] = code
                    codes[row] = code
                }
            }
            let count = sensitiveOrder?.leafCount ?? codeOfValue.count
            var distribution = [Double](repeating: 0, count: count)
            for code in codes { distribution[Int(code)] += 1 }
            sensitiveCodes = codes
            sensitiveValueCount = count
            sensitiveDistribution = units?.distribution(of: codes, valueCount: count)
                ?? distribution.map { $0 / Double(max(table.rowCount, 1)) }
        } else {
            sensitiveCodes = nil
            sensitiveValueCount = 0
            sensitiveDistribution = []
        }
        var leafLogTotal: [Double] = [], logCodeFrequency: [[[Double]]] = [], totalEntropy: [[Double]] = []
        for q in quasiIdentifiers.indices {
            var leafCount = [Double](repeating: 0, count: codeOfLeaf[q][0].count)
            for leaf in leafOfRow[q] { leafCount[Int(leaf)] += 1 }
            let logLeaf = leafCount.map { $0 > 0 ? log2($0) : 0 }
            var perLevel: [[Double]] = [], totals: [Double] = []
            for codes in codeOfLeaf[q] {
                var codeCount = [Double](repeating: 0, count: (codes.max().map { Int($0) } ?? -1) + 1)
                for (leaf, count) in leafCount.enumerated() { codeCount[Int(codes[leaf])] += count }
                let logCode = codeCount.map { $0 > 0 ? log2($0) : 0 }
                var total = 0.0
                for (leaf, count) in leafCount.enumerated() where count > 0 {
                    total += count * (logCode[Int(codes[leaf])] - logLeaf[leaf])
                }
                perLevel.append(logCode)
                totals.append(total)
            }
            leafLogTotal.append(zip(leafCount, logLeaf).reduce(0) { $0 + $1.0 * $1.1 })
            logCodeFrequency.append(perLevel)
            totalEntropy.append(totals)
        }
        self.leafLogTotal = leafLogTotal
        self.logCodeFrequency = logCodeFrequency
        self.totalEntropy = totalEntropy
        self.levelMap = zip(codeOfLeaf, labels).map { levelCodes, levelLabels in
            levelCodes.indices.map { from in
                levelCodes.indices.map { to -> [Int32] in
                    guard to >= from else { return [] }
                    var map = [Int32](repeating: 0, count: levelLabels[from].count)
                    for (leaf, code) in levelCodes[from].enumerated() { map[Int(code)] = levelCodes[to][leaf] }
                    return map
                }
            }
        }
        self.rowCount = table.rowCount
        self.quasiIdentifiers = quasiIdentifiers
        var leafCodes = [Int32](repeating: 0, count: table.rowCount * quasiIdentifiers.count)
        for (q, leaves) in leafOfRow.enumerated() {
            for (row, leaf) in leaves.enumerated() { leafCodes[row * quasiIdentifiers.count + q] = leaf }
        }
        self.leafCodes = leafCodes
        self.codeOfLeaf = codeOfLeaf
        self.labels = labels
        self.loss = loss
        self.meanLoss = meanLoss
    }

    /// The number of levels of each quasi-identifier.
    var heights: [Int] { quasiIdentifiers.map(\.hierarchy.height) }
}
