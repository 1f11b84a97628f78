import CivicModels

/// The predictors of a regression as numbers: an intercept, each numeric column as
/// it is, each categorical column (text or yes/no) as one 0/1 column per level
/// except the first, which is the reference (treatment coding).
///
/// Columns are named as statsmodels and R name them: `(Intercept)`, `age`,
/// `service[Schuldnerberatung]`. Rows with a missing value in any used column are
/// left out and counted.
public struct DesignMatrix: Sendable {
    /// The names of the design columns, intercept first.
    public let names: [String]
    /// The design, column by column (`columns[j][i]` is row i of column j).
    let columns: [[Double]]
    /// The rows used, as row numbers of the table.
    public let rows: [Int]
    /// Rows left out because a used value was missing.
    public let leftOut: Int

    /// The number of observations.
    public var count: Int { rows.count }

    /// Builds the design for `predictors` of `table`, also requiring `response`
    /// (when given) to be present in every row used.
    public init(_ table: Table, predictors: [String], response: String? = nil) throws(AnalysisError) {
        guard !predictors.isEmpty else { throw .tooFewValues(column: "x", group: nil, needed: 1, found: 0) }
        var complete = [Bool](repeating: true, count: table.rowCount)
        for name in predictors + (response.map { [$0] } ?? []) {
            let column = try table.requireColumn(name)
            for row in 0..<table.rowCount where column.missing.isMissing(row) { complete[row] = false }
            // The response too must not overflow (the predictors are checked as they are read).
            if name == response, column.isNumeric { _ = try column.numbers(named: name) }
        }
        let rows = complete.indices.filter { complete[$0] }
        var names = ["(Intercept)"]
        var columns = [[Double](repeating: 1, count: rows.count)]
        for name in predictors {
            let column = try table.requireColumn(name)
            switch column.storage {
            case .integer, .number:
                // Read through `numbers(named:)`, which refuses overflowing magnitudes.
                let numbers = try column.numbers(named: name)
                names.append(name)
                columns.append(rows.map { numbers[$0]! })
            case .text, .boolean:
                let levels = Set(rows.map { column.value(at: $0) }).sorted { Value.sortsBefore($0, $1) }
                for level in levels.dropFirst() {
                    names.append("\(name)[\(level)]")
                    columns.append(rows.map { column.value(at: $0) == level ? 1 : 0 })
                }
            case .date:
                throw .notNumeric(name)
            }
        }
        self.names = names
        self.columns = columns
        self.rows = rows
        self.leftOut = table.rowCount - rows.count
    }

    /// A design from columns given directly (for callers that build their own).
    public init(names: [String], columns: [[Double]]) {
        precondition(names.count == columns.count && !columns.isEmpty, "one name per column")
        self.names = names
        self.columns = columns
        self.rows = Array(0..<columns[0].count)
        self.leftOut = 0
    }
}

/// A least-squares solution by Householder QR decomposition, which stays accurate
/// where the normal equations lose half the digits.
struct LeastSquares {
    /// The upper triangle R (p x p, row-major).
    let r: [[Double]]
    /// The coefficients.
    let coefficients: [Double]
    /// The residual sum of squares.
    let residualSumOfSquares: Double

    /// Solves min |X b - y| for X given by columns. Throws for a column that is
    /// (numerically) a combination of earlier ones, naming it by `names`.
    init(columns: [[Double]], response: [Double], names: [String]) throws(AnalysisError) {
        var a = columns
        var y = response
        let n = response.count, p = columns.count
        guard n > p else { throw .tooFewValues(column: names.last ?? "x", group: nil, needed: p + 1, found: n) }
        var r = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for j in 0..<p {
            let originalNorm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            var norm = 0.0
            for i in j..<n { norm += a[j][i] * a[j][i] }
            norm = norm.squareRoot()
            guard norm > 1e-10 * max(originalNorm, 1e-300) else { throw .singularDesign(column: names[j]) }
            let alpha = a[j][j] > 0 ? -norm : norm
            // Householder vector v = x - alpha e1, stored in place of column j.
            var v = Array(a[j][j..<n])
            v[0] -= alpha
            let vNorm2 = v.reduce(0) { $0 + $1 * $1 }
            func reflect(_ column: inout [Double]) {
                var dot = 0.0
                for k in 0..<v.count { dot += v[k] * column[j + k] }
                let factor = 2 * dot / vNorm2
                for k in 0..<v.count { column[j + k] -= factor * v[k] }
            }
            if vNorm2 > 0 {
                for k in (j + 1)..<max(p, j + 1) { reflect(&a[k]) }
                reflect(&y)
            }
            r[j][j] = alpha
            for k in (j + 1)..<max(p, j + 1) { r[j][k] = a[k][j] }
        }
        var b = [Double](repeating: 0, count: p)
        for j in stride(from: p - 1, through: 0, by: -1) {
            var sum = y[j]
            for k in (j + 1)..<max(p, j + 1) { sum -= r[j][k] * b[k] }
            b[j] = sum / r[j][j]
        }
        self.r = r
        self.coefficients = b
        self.residualSumOfSquares = y[p..<n].reduce(0) { $0 + $1 * $1 }
    }

    /// The diagonal of (R^T R)^-1 = (X^T X)^-1, from which standard errors follow.
    var inverseGramDiagonal: [Double] {
        let p = r.count
        // Invert the upper triangle R column by column.
        var inverse = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for j in 0..<p {
            inverse[j][j] = 1 / r[j][j]
            for i in stride(from: j - 1, through: 0, by: -1) {
                var sum = 0.0
                for k in (i + 1)...j { sum += r[i][k] * inverse[k][j] }
                inverse[i][j] = -sum / r[i][i]
            }
        }
        return (0..<p).map { i in inverse[i][i...].reduce(0) { $0 + $1 * $1 } }
    }
}
