/// Checks a suppression pattern the way an attacker would: by solving the table's
/// margin equations for the withheld cells.
///
/// Every row of a published table adds up to its total, every column too, and the
/// totals add up to the grand total. With the published values filled in, these
/// are linear equations in the withheld cells. A withheld cell is disclosed when
/// the equations determine it uniquely. The audit finds such cells by Gaussian
/// elimination, independently of how ``CellSuppression`` chose its pattern, so
/// publishing code can fail closed on it.
///
/// ```swift
/// let leaks = DisclosureAudit.recomputableCells(in: published)
/// guard leaks.isEmpty else { throw ... }   // refuse to publish
/// ```
public enum DisclosureAudit {
    /// The withheld cells of `table` (margins included) that its margin equations
    /// determine; empty when the pattern is safe.
    public static func recomputableCells(in table: ProtectedTable) -> [CellPosition] {
        let unknowns = table.suppressedPositions
        guard !unknowns.isEmpty else { return [] }
        let rowCount = table.rowLabels.count, columnCount = table.columnLabels.count
        let index = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })

        // One equation per row (inner cells minus the row total; for the totals row:
        // column totals minus the grand total) and one per column, restricted to the
        // unknowns: the published values only move the right-hand side, which does
        // not decide whether a cell is determined.
        var equations: [[Double]] = []
        let rows: [Int?] = Array(0..<rowCount) + [nil], columns: [Int?] = Array(0..<columnCount) + [nil]
        for r in rows {
            equations.append(coefficients(unknowns.count, index, columns.map { c in (CellPosition(row: r, column: c), c == nil ? -1 : 1) }))
        }
        for c in columns {
            equations.append(coefficients(unknowns.count, index, rows.map { r in (CellPosition(row: r, column: c), r == nil ? -1 : 1) }))
        }
        let determined = determinedUnknowns(equations, unknownCount: unknowns.count)
        return unknowns.indices.filter { determined[$0] }.map { unknowns[$0] }
    }

    private static func coefficients(_ count: Int, _ index: [CellPosition: Int],
                                     _ terms: [(CellPosition, Double)]) -> [Double] {
        var row = [Double](repeating: 0, count: count)
        for (position, sign) in terms { if let i = index[position] { row[i] = sign } }
        return row
    }

    /// Which unknowns a homogeneous system pins down: brings the matrix to reduced
    /// row echelon form; an unknown is determined when it is a pivot whose row has
    /// no entry in a free column (then every solution of the null space is zero there).
    static func determinedUnknowns(_ matrix: [[Double]], unknownCount: Int) -> [Bool] {
        var m = matrix
        var pivotRowOfColumn = [Int?](repeating: nil, count: unknownCount)
        var pivotRow = 0
        let tolerance = 1e-9
        for column in 0..<unknownCount where pivotRow < m.count {
            guard let best = (pivotRow..<m.count).max(by: { abs(m[$0][column]) < abs(m[$1][column]) }),
                  abs(m[best][column]) > tolerance else { continue }
            m.swapAt(pivotRow, best)
            let pivot = m[pivotRow][column]
            m[pivotRow] = m[pivotRow].map { $0 / pivot }
            for other in m.indices where other != pivotRow && abs(m[other][column]) > tolerance {
                let factor = m[other][column]
                for j in 0..<unknownCount { m[other][j] -= factor * m[pivotRow][j] }
            }
            pivotRowOfColumn[column] = pivotRow
            pivotRow += 1
        }
        let free = (0..<unknownCount).filter { pivotRowOfColumn[$0] == nil }
        return (0..<unknownCount).map { column in
            guard let row = pivotRowOfColumn[column] else { return false }
            return free.allSatisfy { abs(m[row][$0]) <= tolerance }
        }
    }
}
