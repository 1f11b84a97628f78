import CivicModels

/// One estimated coefficient of a regression.
public struct RegressionCoefficient: Sendable, Hashable {
    /// The design column's name, e.g. `(Intercept)`, `age`, `service[Schuldnerberatung]`.
    public var name: String
    /// The estimate.
    public var estimate: Double
    /// Its standard error.
    public var standardError: Double
    /// Estimate over standard error (t for linear, z for logistic regression).
    public var statistic: Double
    /// The two-sided p-value of "the coefficient is 0".
    public var pValue: Double
}

/// Ordinary least squares regression of a numeric outcome on numeric and
/// categorical predictors.
///
/// ```swift
/// let model = try LinearRegression(cases, response: "income_eur", predictors: ["age", "service"])
/// for c in model.coefficients { print(c.name, c.estimate, c.pValue) }
/// print(model.rSquared)
/// ```
///
/// Solved by QR decomposition; standard errors, t, p, R², adjusted R² and the
/// overall F test match statsmodels' `OLS`.
public struct LinearRegression: Sendable, Hashable {
    /// The coefficients, intercept first.
    public let coefficients: [RegressionCoefficient]
    /// The share of the outcome's variance the model explains.
    public let rSquared: Double
    /// R² adjusted for the number of predictors.
    public let adjustedRSquared: Double
    /// The F statistic of "all coefficients but the intercept are 0".
    public let f: Double
    /// The p-value of the F statistic.
    public let fPValue: Double
    /// The observations used.
    public let count: Int
    /// Rows left out for a missing value.
    public let leftOut: Int

    /// Regresses `response` on `predictors` of `table`.
    ///
    /// - Throws: ``AnalysisError`` for an unknown or unsuitable column, too few
    ///   rows, a constant outcome or linearly dependent predictors.
    public init(_ table: Table, response: String, predictors: [String]) throws(AnalysisError) {
        let design = try DesignMatrix(table, predictors: predictors, response: response)
        let outcome = try table.requireColumn(response)
        guard outcome.isNumeric else { throw .notNumeric(response) }
        let y = design.rows.map { outcome.doubleValue(at: $0)! }
        try self.init(design: design, response: y, responseName: response)
    }

    /// Regresses `response` on a prepared design.
    public init(design: DesignMatrix, response y: [Double], responseName: String = "y") throws(AnalysisError) {
        let n = Double(y.count), p = Double(design.columns.count)
        let fit = try LeastSquares(columns: design.columns, response: y, names: design.names)
        var summary = RunningSummary()
        for value in y { summary.add(value) }
        let mean = summary.mean
        let totalSumOfSquares = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard totalSumOfSquares > 0 else { throw .constantValues(column: responseName, group: nil) }
        let rss = fit.residualSumOfSquares
        let residualDF = n - p
        // An exact fit leaves only rounding noise (a relative residual near 1e-16,
        // squared); its standard errors would be that noise too.
        guard rss > 1e-20 * totalSumOfSquares, residualDF > 0 else { throw .perfectFit(response: responseName) }
        let sigma2 = rss / residualDF
        let t = StudentT(degreesOfFreedom: residualDF)
        let diagonal = fit.inverseGramDiagonal
        coefficients = design.names.indices.map { j in
            let se = (sigma2 * diagonal[j]).squareRoot()
            let statistic = fit.coefficients[j] / se
            return RegressionCoefficient(name: design.names[j], estimate: fit.coefficients[j], standardError: se,
                                         statistic: statistic, pValue: min(1, 2 * t.survival(abs(statistic))))
        }
        rSquared = 1 - rss / totalSumOfSquares
        adjustedRSquared = 1 - (1 - rSquared) * (n - 1) / residualDF
        let modelDF = p - 1
        f = ((totalSumOfSquares - rss) / modelDF) / sigma2
        fPValue = FisherF(numeratorDegreesOfFreedom: modelDF, denominatorDegreesOfFreedom: residualDF).survival(f)
        count = y.count
        leftOut = design.leftOut
    }
}
