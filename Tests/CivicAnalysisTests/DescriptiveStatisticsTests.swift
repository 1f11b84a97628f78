import CivicAnalysis
import CivicModels
import Testing

@Suite("Descriptive statistics against SciPy and NumPy")
struct DescriptiveStatisticsTests {
    func check(_ statistics: DescriptiveStatistics?, _ reference: [String: Any], _ what: String,
               sourceLocation: SourceLocation = #_sourceLocation) {
        guard let statistics else {
            #expect(reference.number("n") == 0, "\(what): no statistics", sourceLocation: sourceLocation)
            return
        }
        #expect(Double(statistics.count) == reference.number("n"), "\(what) n", sourceLocation: sourceLocation)
        let pairs: [(String, Double?)] = [
            ("mean", statistics.mean), ("sd", statistics.standardDeviation), ("min", statistics.minimum),
            ("q1", statistics.firstQuartile), ("median", statistics.median), ("q3", statistics.thirdQuartile),
            ("max", statistics.maximum), ("mode", statistics.mode), ("skewness", statistics.skewness),
            ("kurtosis", statistics.kurtosis),
        ]
        for (key, value) in pairs {
            expectClose(value, reference.number(key), 1e-9, "\(what) \(key)", sourceLocation: sourceLocation)
        }
    }

    @Test("a column with missing values and ties")
    func wholeColumn() throws {
        let reference = try StatisticsReference.load()
        let table = try statsSample()
        let x = try table.describe("x")
        #expect(x.count == 1 && x[0].key == nil)
        #expect(x[0].missing == 300 - 286)
        check(x[0].statistics, reference.object("describe", "x"), "x")
        check(try table.describe("score")[0].statistics, reference.object("describe", "score"), "score")
    }

    @Test("per group, keys sorted")
    func perGroup() throws {
        let reference = try StatisticsReference.load().object("describe", "x_by_group")
        let groups = try statsSample().describe("x", by: "group")
        #expect(groups.map(\.key) == [.text("A"), .text("B"), .text("C")])
        for group in groups {
            guard case .text(let key) = group.key else { Issue.record("text key expected"); continue }
            check(group.statistics, reference[key] as! [String: Any], "x in \(key)")
        }
    }

    @Test("weighted mean, standard deviation and quartiles")
    func weighted() throws {
        let reference = try StatisticsReference.load().object("describe", "x_weighted")
        let statistics = try #require(try statsSample().describe("x", weight: "weight")[0].statistics)
        expectClose(statistics.mean, reference.number("mean"), 1e-9, "weighted mean")
        expectClose(statistics.standardDeviation, reference.number("sd"), 1e-9, "weighted sd")
        expectClose(statistics.totalWeight, reference.number("total_weight"), 1e-12, "total weight")
        let quartiles = reference.numbers("quartiles")
        expectClose(statistics.firstQuartile, quartiles[0], 1e-12, "weighted q1")
        expectClose(statistics.median, quartiles[1], 1e-12, "weighted median")
        expectClose(statistics.thirdQuartile, quartiles[2], 1e-12, "weighted q3")
        #expect(statistics.skewness == nil && statistics.kurtosis == nil)
    }

    @Test("tiny samples: undefined statistics are nil, not NaN")
    func tiny() throws {
        for reference in try StatisticsReference.load().list("describe", "tiny") {
            let values = reference.numbers("values")
            check(DescriptiveStatistics(values), reference, "\(values)")
        }
        #expect(DescriptiveStatistics([]) == nil)
        let constant = try #require(DescriptiveStatistics([4, 4, 4, 4, 4]))
        #expect(constant.standardDeviation == 0 && constant.skewness == nil && constant.kurtosis == nil)
    }

    @Test("values near the largest Double: the same statistics as the small values scaled up, never inf or NaN")
    func extremeMagnitudes() throws {
        let small = [1, 1.5, -1, 1.7, 0.25]
        let scale = 1e308
        let expected = try #require(DescriptiveStatistics(small))
        let huge = try #require(DescriptiveStatistics(small.map { $0 * scale }))
        let pairs: [(Double?, Double?)] = [
            (huge.mean, expected.mean * scale), (huge.standardDeviation, expected.standardDeviation.map { $0 * scale }),
            (huge.firstQuartile, expected.firstQuartile * scale), (huge.median, expected.median * scale),
            (huge.thirdQuartile, expected.thirdQuartile * scale),
            (huge.skewness, expected.skewness), (huge.kurtosis, expected.kurtosis),
        ]
        for (mine, theirs) in pairs {
            let mine = try #require(mine), theirs = try #require(theirs)
            #expect(mine.isFinite)
            #expect(abs(mine - theirs) <= 1e-12 * abs(theirs))
        }
        let weighted = try #require(DescriptiveStatistics(small.map { $0 * scale }, weights: [1, 2, 1, 1, 3]))
        #expect(weighted.mean.isFinite && weighted.standardDeviation?.isFinite == true)
        // A spread wider than the largest Double cannot be shown; it is left out, not inf.
        let apart = try #require(DescriptiveStatistics([-1.7e308, 1.7e308]))
        #expect(apart.mean == 0 && apart.standardDeviation == nil && apart.median == 0)
    }

    @Test("bad weights and non-numeric columns are refused by name")
    func refusals() throws {
        let table = try statsSample()
        #expect(throws: AnalysisError.notNumeric("group")) { try table.describe("group") }
        #expect(throws: AnalysisError.unknownColumn("nope")) { try table.describe("x", by: "nope") }
        let negative = try Table(
            schema: Schema(fields: [Field("v", type: .number), Field("w", type: .number)]),
            rows: [[.number(1), .number(2)], [.number(3), .number(-1)]])
        #expect(throws: AnalysisError.invalidWeights(column: "w")) { try negative.describe("v", weight: "w") }
    }
}
