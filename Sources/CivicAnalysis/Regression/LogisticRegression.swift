import CivicModels
import Foundation

/// Logistic regression of a two-valued outcome on numeric and categorical
/// predictors, fitted by iteratively reweighted least squares (Newton's method).
///
/// ```swift
/// let model = try LogisticRegression(cases, response: "completed", predictors: ["age", "service"])
/// model.event                     // which outcome value is modelled as 1
/// model.coefficients[1].estimate  // log odds ratio per year of age
/// ```
///
/// The outcome is a 0/1 number column, a yes/no column, or any column with exactly
/// two values, the second in sort order being the event. Matches statsmodels'
/// `Logit`; complete separation is reported instead of returning huge estimates.
public struct LogisticRegression: Sendable, Hashable {
    /// The coefficients (log odds), intercept first; the statistic is z.
    public let coefficients: [RegressionCoefficient]
    /// The outcome value modelled as 1.
    public let event: Value
    /// Newton iterations used.
    public let iterations: Int
    /// The observations used.
    public let count: Int
    /// Rows left out for a missing value.
    public let leftOut: Int

    /// The iteration limit.
    public static let maximumIterations = 100

    /// Regresses `response` on `predictors` of `table`.
    ///
    /// - Throws: ``AnalysisError`` for an unknown column, an outcome without
    ///   exactly two values, linearly dependent predictors, separation, or no
    ///   convergence.
    public init(_ table: Table, response: String, predictors: [String]) throws(AnalysisError) {
        let design = try DesignMatrix(table, predictors: predictors, response: response)
        let outcome = try table.requireColumn(response)
        let values = design.rows.map { outcome.value(at: $0) }
        let levels = Set(values).sorted { Value.sortsBefore($0, $1) }
        guard levels.count == 2 else { throw .wrongNumberOfGroups(column: response, expected: 2, found: levels.count) }
        let y = values.map { $0 == levels[1] ? 1.0 : 0.0 }
        try self.init(design: design, response: y, event: levels[1])
    }

    /// Regresses the 0/1 values `y` on a prepared design.
    public init(design: DesignMatrix, response y: [Double], event: Value = .integer(1)) throws(AnalysisError) {
        var beta = [Double](repeating: 0, count: design.columns.count)
        var iterations = 0
        var converged = false
        while iterations < Self.maximumIterations {
            iterations += 1
            let step = Self.newtonStep(design, y, at: beta)
            if step.perfect && iterations > 1 { throw .perfectSeparation }
            let fit = try LeastSquares(columns: step.columns, response: step.response, names: design.names)
            let change = zip(fit.coefficients, beta).map { abs($0 - $1) }.max() ?? 0
            let size = fit.coefficients.map(abs).max() ?? 0
            beta = fit.coefficients
            if change <= 1e-13 * max(1, size) { converged = true; break }
        }
        if !converged {
            // Estimates that keep growing are the mark of (quasi-)separation.
            if beta.contains(where: { abs($0) > 20 }) { throw .perfectSeparation }
            throw .notConverged(iterations: iterations)
        }
        // Standard errors from the information matrix X^T W X with the weights at
        // the final coefficients (only R of the decomposition is used).
        let final = Self.newtonStep(design, y, at: beta)
        let information = try LeastSquares(columns: final.columns, response: final.response, names: design.names)
        let diagonal = information.inverseGramDiagonal
        let normal = Normal()
        coefficients = design.names.indices.map { j in
            let se = diagonal[j].squareRoot()
            let statistic = beta[j] / se
            return RegressionCoefficient(name: design.names[j], estimate: beta[j], standardError: se,
                                         statistic: statistic, pValue: min(1, 2 * normal.survival(abs(statistic))))
        }
        self.event = event
        self.iterations = iterations
        count = y.count
        leftOut = design.leftOut
    }

    /// The weighted least-squares problem of one Newton step at `beta`: the design
    /// rows and the working response, each scaled by sqrt(mu (1 - mu)); `perfect`
    /// when every fitted probability already equals its outcome.
    private static func newtonStep(_ design: DesignMatrix, _ y: [Double], at beta: [Double])
        -> (columns: [[Double]], response: [Double], perfect: Bool)
    {
        let p = design.columns.count
        var weighted = design.columns
        var z = [Double](repeating: 0, count: y.count)
        var perfect = true
        for i in y.indices {
            var eta = 0.0
            for j in 0..<p { eta += design.columns[j][i] * beta[j] }
            let mu = 1 / (1 + exp(-eta))
            let w = max(mu * (1 - mu), 1e-300)
            if abs(y[i] - mu) > 1e-8 { perfect = false }
            let root = w.squareRoot()
            for j in 0..<p { weighted[j][i] *= root }
            z[i] = root * (eta + (y[i] - mu) / w)
        }
        return (weighted, z, perfect)
    }
}
