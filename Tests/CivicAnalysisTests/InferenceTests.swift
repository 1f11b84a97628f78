import CivicAnalysis
import CivicModels
import Testing

@Suite("Tests, intervals and correlations against SciPy and statsmodels")
struct InferenceTests {
    let reference: StatisticsReference
    let table: Table

    init() throws {
        reference = try StatisticsReference.load()
        table = try statsSample()
    }

    /// The values of `column` in the rows where `by` equals `key`, missing left out.
    func values(_ column: String, where by: String, is key: String) throws -> [Double] {
        let grouped = try table.numbers(column, groupedBy: by)
        return grouped.samples[grouped.keys.firstIndex(of: .text(key))!]
    }

    @Test("confidence intervals: t for a mean, Wilson for a proportion")
    func intervals() throws {
        let mean = try ConfidenceInterval.mean(of: table.numbers("x").values)
        let expected = reference.root["mean_ci95"] as! [Double]
        expectClose(mean.lower, expected[0], 1e-9, "mean CI lower")
        expectClose(mean.upper, expected[1], 1e-9, "mean CI upper")
        for case_ in reference.list("wilson") {
            let interval = ConfidenceInterval.wilson(successes: case_["successes"] as! Int, trials: case_["n"] as! Int)
            let bounds = case_.numbers("interval")
            // Wilson's lower bound is exactly 0 for 0 successes; compare absolutely there.
            #expect(abs(interval.lower - bounds[0]) <= 1e-12 + 1e-9 * abs(bounds[0]), "Wilson lower \(case_)")
            #expect(abs(interval.upper - bounds[1]) <= 1e-12 + 1e-9 * abs(bounds[1]), "Wilson upper \(case_)")
        }
    }

    @Test("chi-square test of independence and Cramér's V, with and without Yates")
    func chiSquare() throws {
        for case_ in reference.list("chi_square") + [reference.object("cases", "service_outcome")] {
            let counts = case_["table"] as! [[Int]]
            let test = try ChiSquareTest(counts: counts, continuityCorrection: case_["correction"] as! Bool)
            expectClose(test.statistic, case_.number("chi2"), 1e-9, "chi2 \(counts)")
            #expect(Double(test.degreesOfFreedom) == case_.number("df"))
            expectClose(test.pValue, case_.number("p"), 1e-9, "p \(counts)")
            expectClose(test.cramersV, case_.number("cramers_v"), 1e-9, "V \(counts)")
        }
        #expect(throws: AnalysisError.tableTooSmall(rows: 1, columns: 2)) {
            try ChiSquareTest(counts: [[3, 4], [0, 0]])
        }
    }

    @Test("Fisher's exact test")
    func fisher() throws {
        for case_ in reference.list("fisher") {
            let counts = case_["table"] as! [[Int]]
            let test = FisherExactTest(counts)
            expectClose(test.pValue, case_.number("p"), 1e-9, "Fisher p \(counts)")
            if let ratio = case_.number("odds_ratio"), ratio.isFinite {
                expectClose(test.oddsRatio, ratio, 1e-12, "odds ratio \(counts)")
            }
        }
        #expect(FisherExactTest([[0, 5], [6, 0]]).oddsRatio == 0)
    }

    @Test("Welch, one-sample and paired t-tests with their intervals")
    func tTests() throws {
        let welch = try TTest.welch(values("x", where: "arm", is: "control"), values("x", where: "arm", is: "treatment"))
        let expected = reference.object("welch")
        expectClose(welch.t, expected.number("t"), 1e-9, "Welch t")
        expectClose(welch.degreesOfFreedom, expected.number("df"), 1e-9, "Welch df")
        expectClose(welch.pValue, expected.number("p"), 1e-9, "Welch p")
        expectClose(welch.estimate, expected.number("mean_difference"), 1e-9, "mean difference")
        expectClose(welch.confidenceInterval.lower, expected.numbers("ci95")[0], 1e-9, "Welch CI")
        expectClose(welch.confidenceInterval.upper, expected.numbers("ci95")[1], 1e-9, "Welch CI")

        let one = try TTest.oneSample(table.numbers("x").values, hypothesizedMean: 50)
        let expectedOne = reference.object("one_sample")
        expectClose(one.t, expectedOne.number("t"), 1e-9, "one-sample t")
        expectClose(one.pValue, expectedOne.number("p"), 1e-9, "one-sample p")
        expectClose(one.confidenceInterval.lower, expectedOne.numbers("ci95")[0], 1e-9, "one-sample CI")

        let pairs = try table.pairedNumbers("after", "before")
        let paired = try TTest.paired(pairs.x, pairs.y)
        let expectedPaired = reference.object("paired")
        expectClose(paired.t, expectedPaired.number("t"), 1e-9, "paired t")
        expectClose(paired.pValue, expectedPaired.number("p"), 1e-9, "paired p")
        expectClose(paired.confidenceInterval.upper, expectedPaired.numbers("ci95")[1], 1e-9, "paired CI")

        #expect(throws: AnalysisError.tooFewValues(column: "values", group: "b", needed: 2, found: 1)) {
            try TTest.welch([1, 2, 3], [4])
        }
        #expect(throws: AnalysisError.constantValues(column: "values", group: nil)) {
            try TTest.welch([2, 2, 2], [2, 2])
        }
    }

    @Test("Mann-Whitney U, Kruskal-Wallis and one-way ANOVA, with ties")
    func groupTests() throws {
        let mw = try MannWhitneyU.test(
            values("score", where: "arm", is: "control"), values("score", where: "arm", is: "treatment"))
        expectClose(mw.statistic, reference.object("mann_whitney").number("u"), 1e-12, "U")
        expectClose(mw.pValue, reference.object("mann_whitney").number("p"), 1e-9, "U p")
        let mwX = try MannWhitneyU.test(values("x", where: "arm", is: "control"), values("x", where: "arm", is: "treatment"))
        expectClose(mwX.pValue, reference.object("mann_whitney_x").number("p"), 1e-9, "U p on x")

        let byGroup = try table.numbers("x", groupedBy: "group").samples
        let anova = try OneWayANOVA.test(byGroup)
        expectClose(anova.statistic, reference.object("anova").number("statistic"), 1e-9, "F")
        expectClose(anova.pValue, reference.object("anova").number("p"), 1e-9, "ANOVA p")
        let kruskal = try KruskalWallis.test(try table.numbers("score", groupedBy: "group").samples)
        expectClose(kruskal.statistic, reference.object("kruskal").number("statistic"), 1e-9, "H")
        expectClose(kruskal.pValue, reference.object("kruskal").number("p"), 1e-9, "H p")
        #expect(throws: AnalysisError.constantValues(column: "values", group: nil)) {
            try KruskalWallis.test([[1, 1], [1, 1, 1]])
        }
    }

    func checkCorrelations(_ x: [Double], _ y: [Double], _ expected: [String: Any], _ what: String) throws {
        let pearson = try Correlation.pearson(x, y), spearman = try Correlation.spearman(x, y)
        let kendall = try Correlation.kendall(x, y)
        #expect(Double(pearson.count) == expected.number("n"))
        expectClose(pearson.coefficient, expected.object("pearson").number("r"), 1e-9, "\(what) Pearson r")
        expectClose(pearson.pValue, expected.object("pearson").number("p"), 1e-9, "\(what) Pearson p")
        expectClose(spearman.coefficient, expected.object("spearman").number("r"), 1e-9, "\(what) Spearman r")
        expectClose(spearman.pValue, expected.object("spearman").number("p"), 1e-9, "\(what) Spearman p")
        expectClose(kendall.coefficient, expected.object("kendall").number("tau"), 1e-9, "\(what) Kendall tau")
        expectClose(kendall.pValue, expected.object("kendall").number("p"), 1e-9, "\(what) Kendall p")
    }

    @Test("Pearson, Spearman and Kendall tau-b, with ties and an exact small sample")
    func correlations() throws {
        let xy = try table.pairedNumbers("x", "y")
        try checkCorrelations(xy.x, xy.y, reference.object("correlate", "x_y"), "x~y")
        let scoreY = try table.pairedNumbers("score", "y")
        try checkCorrelations(scoreY.x, scoreY.y, reference.object("correlate", "score_y"), "score~y")
        let small = reference.object("correlate", "small")
        try checkCorrelations(small.numbers("u"), small.numbers("v"), small, "small")
        #expect(throws: AnalysisError.constantValues(column: "y", group: nil)) {
            try Correlation.kendall([1, 2, 3, 4], [5, 5, 5, 5])
        }
    }

    @Test("linear regression with a categorical predictor, as statsmodels OLS")
    func linear() throws {
        let model = try LinearRegression(table, response: "y", predictors: ["x", "score", "region"])
        let expected = reference.object("regress")
        #expect(Double(model.count) == expected.number("n"))
        #expect(Double(model.leftOut) == expected.number("left_out"))
        let coefficients = expected["coefficients"] as! [[String: Any]]
        #expect(model.coefficients.map(\.name) == coefficients.map { $0["name"] as! String })
        for (mine, theirs) in zip(model.coefficients, coefficients) {
            expectClose(mine.estimate, theirs.number("estimate"), 1e-9, "\(mine.name) estimate")
            expectClose(mine.standardError, theirs.number("se"), 1e-9, "\(mine.name) se")
            expectClose(mine.statistic, theirs.number("t"), 1e-9, "\(mine.name) t")
            expectClose(mine.pValue, theirs.number("p"), 1e-9, "\(mine.name) p")
        }
        expectClose(model.rSquared, expected.number("r2"), 1e-9, "R²")
        expectClose(model.adjustedRSquared, expected.number("adj_r2"), 1e-9, "adjusted R²")
        expectClose(model.f, expected.number("f"), 1e-9, "F")
        expectClose(model.fPValue, expected.number("f_p"), 1e-9, "F p")
    }

    @Test("a predictor that repeats another is named as singular")
    func singular() throws {
        let doubled = try Table(
            schema: Schema(fields: [Field("y", type: .number), Field("a", type: .number), Field("b", type: .number)]),
            rows: (0..<10).map { i in [.number(Double(i * i)), .number(Double(i)), .number(Double(2 * i))] })
        #expect(throws: AnalysisError.singularDesign(column: "b")) {
            try LinearRegression(doubled, response: "y", predictors: ["a", "b"])
        }
    }

    @Test("a response computed exactly from the predictors is named as a perfect fit, not as singular")
    func perfectFit() throws {
        let exact = try Table(
            schema: Schema(fields: [Field("y", type: .number), Field("a", type: .number)]),
            rows: (0..<10).map { i in [.number(Double(2 * i + 1) / 3), .number(Double(i))] })
        #expect(throws: AnalysisError.perfectFit(response: "y")) {
            try LinearRegression(exact, response: "y", predictors: ["a"])
        }
    }

    @Test("values too large to square are refused by column, never turned into a wrong test or NaN")
    func overflowingMagnitudes() throws {
        let huge = try Table(
            schema: Schema(fields: [Field("x", type: .number), Field("y", type: .number), Field("g", type: .string)]),
            rows: [[.number(1e308), .number(1), .text("a")], [.number(-1.5e308), .number(2), .text("a")],
                   [.number(1.2e308), .number(3), .text("b")], [.number(1.7e308), .number(5), .text("b")]])
        let refused = AnalysisError.valuesTooLarge(column: "x", limit: largestAnalysableMagnitude)
        #expect(throws: refused) { try huge.pairedNumbers("x", "y") }
        #expect(throws: refused) { try huge.numbers("x", groupedBy: "g") }
        #expect(throws: refused) { try LinearRegression(huge, response: "y", predictors: ["x"]) }
        // Describing them is fine: descriptive statistics rescale.
        #expect(try huge.describe("x", by: "g").allSatisfy { $0.statistics?.mean.isFinite == true })
    }

    @Test("an empty group is named by its name in ANOVA and Kruskal-Wallis")
    func emptyGroupNamed() throws {
        let groups: [[Double]] = [[1, 2, 3], [], [4, 5]]
        let names = ["Mitte", "Pankow", "Neukölln"]
        let expected = AnalysisError.tooFewValues(column: "age", group: "Pankow", needed: 1, found: 0)
        #expect(throws: expected) { try OneWayANOVA.test(groups, column: "age", groupNames: names) }
        #expect(throws: expected) { try KruskalWallis.test(groups, column: "age", groupNames: names) }
    }

    @Test("logistic regression, as statsmodels Logit")
    func logistic() throws {
        let model = try LogisticRegression(table, response: "outcome", predictors: ["x", "arm"])
        let expected = reference.object("logit")
        #expect(Double(model.count) == expected.number("n"))
        #expect(model.event == .integer(1))
        let coefficients = expected["coefficients"] as! [[String: Any]]
        #expect(model.coefficients.map(\.name) == coefficients.map { $0["name"] as! String })
        for (mine, theirs) in zip(model.coefficients, coefficients) {
            expectClose(mine.estimate, theirs.number("estimate"), 1e-9, "\(mine.name) estimate")
            expectClose(mine.standardError, theirs.number("se"), 1e-9, "\(mine.name) se")
            expectClose(mine.statistic, theirs.number("z"), 1e-9, "\(mine.name) z")
            expectClose(mine.pValue, theirs.number("p"), 1e-9, "\(mine.name) p")
        }
    }

    @Test("perfect separation is reported, not fitted")
    func separation() throws {
        let separated = try Table(
            schema: Schema(fields: [Field("y", type: .integer), Field("x", type: .number)]),
            rows: (0..<20).map { i in [.integer(i < 10 ? 0 : 1), .number(Double(i))] })
        #expect(throws: AnalysisError.perfectSeparation) {
            try LogisticRegression(separated, response: "y", predictors: ["x"])
        }
    }
}
