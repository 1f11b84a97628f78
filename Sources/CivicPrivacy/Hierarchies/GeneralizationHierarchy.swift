import CivicModels

/// How the values of one quasi-identifier become coarser, level by level.
///
/// Level 0 is the value itself; each further level replaces it by a broader one,
/// up to the top level, usually `*` (nothing left). An age of 34 might become
/// `30-34`, then `30-39`, then `*`; a postcode `12043` becomes `1204*`, `120**`, ...
///
/// Every value has the same number of levels, and a value's generalisation at one
/// level determines it at every higher level (two values that agree at level 2
/// agree at level 3), so the generalised values of each level form a partition
/// that only gets coarser. ``init(rows:)`` checks both.
///
/// ```swift
/// let age = try GeneralizationHierarchy.intervals(values: 0...99, widths: [5, 10, 20])
/// age.generalize("34", to: 1)     // "30-34"
/// age.height                       // 5 levels: value, 5, 10, 20, *
/// ```
///
/// ## Topics
/// - ``init(rows:)``
/// - ``generalize(_:to:)``
/// - ``height``
/// - ``leafCount(of:at:)``
public struct GeneralizationHierarchy: Sendable, Equatable {
    /// One row per original value: the value, then its generalisation at each level.
    public let rows: [[String]]
    private let rowOfValue: [String: Int]
    /// For each level, how many original values fall under each generalised value.
    private let leafCounts: [[String: Int]]

    /// The number of levels, the original value included (level 0 to `height - 1`).
    public var height: Int { rows.first?.count ?? 0 }

    /// The number of original values (leaves).
    public var leafCount: Int { rows.count }

    /// The original values, in row order.
    public var values: [String] { rows.map { $0[0] } }

    /// Creates a hierarchy from rows of `value, level 1, ..., top`.
    ///
    /// - Throws: ``HierarchyError`` when rows differ in length, a value appears twice,
    ///   or two values that agree at one level disagree at a higher one.
    public init(rows: [[String]]) throws(HierarchyError) {
        guard let first = rows.first else { throw .empty }
        let height = first.count
        var rowOfValue: [String: Int] = [:]
        for (index, row) in rows.enumerated() {
            guard row.count == height else {
                throw .unevenDepth(line: index + 1, expected: height, found: row.count)
            }
            guard rowOfValue.updateValue(index, forKey: row[0]) == nil else {
                throw .duplicateValue(line: index + 1)
            }
        }
        // Each level must refine the next: a generalised value has one parent.
        for level in 1..<max(height - 1, 1) {
            var parent: [String: String] = [:]
            for (index, row) in rows.enumerated() {
                if let known = parent[row[level]], known != row[level + 1] {
                    throw .inconsistentLevels(line: index + 1, level: level)
                }
                parent[row[level]] = row[level + 1]
            }
        }
        self.rows = rows
        self.rowOfValue = rowOfValue
        self.leafCounts = (0..<height).map { level in
            rows.reduce(into: [String: Int]()) { $0[$1[level], default: 0] += 1 }
        }
    }

    /// The generalisation of `value` at `level`, or `nil` if the hierarchy does not
    /// know the value.
    public func generalize(_ value: String, to level: Int) -> String? {
        rowOfValue[value].map { rows[$0][level] }
    }

    /// Whether the hierarchy has a row for `value`.
    public func contains(_ value: String) -> Bool { rowOfValue[value] != nil }

    /// The row that holds `value` (its leaf, in ``values`` order), or `nil` if the
    /// hierarchy does not know the value. Texts compare as Swift strings do.
    func leaf(of value: String) -> Int? { rowOfValue[value] }

    /// How many original values fall under the generalised value `generalized` at
    /// `level` (0 if none).
    public func leafCount(of generalized: String, at level: Int) -> Int {
        leafCounts[level][generalized] ?? 0
    }

    /// Checks that every value of a column is covered.
    ///
    /// - Throws: ``HierarchyError/valueNotCovered(column:row:)`` for the first
    ///   value missing from the hierarchy (row counted from 1, as a CSV line after
    ///   the header is counted from 2).
    public func checkCoverage(of column: ColumnData, named name: String) throws(HierarchyError) {
        for row in 0..<column.count {
            let value = column.value(at: row)
            if value.isMissing { continue }
            let text = value.description
            if !contains(text) { throw .valueNotCovered(column: name, row: row + 1) }
        }
    }
}
