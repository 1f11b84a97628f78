/// The result of a test with one statistic and a p-value.
public struct TestResult: Sendable, Hashable {
    /// The test statistic (U, H or F, as the test defines it).
    public var statistic: Double
    /// The p-value (two-sided where the test has sides).
    public var pValue: Double
}

/// The Mann-Whitney U test (Wilcoxon rank-sum test): do two independent samples
/// come from the same distribution? It needs no normality, only an order.
///
/// ```swift
/// let result = try MannWhitneyU.test(waitingDaysBefore, waitingDaysAfter)
/// result.statistic   // U of the first sample
/// ```
///
/// The p-value is the normal approximation with tie correction and continuity
/// correction, as `scipy.stats.mannwhitneyu(method="asymptotic")`.
public enum MannWhitneyU {
    /// Tests `a` against `b`; the statistic is U of `a`.
    public static func test(_ a: [Double], _ b: [Double], column: String = "values") throws(AnalysisError) -> TestResult {
        guard !a.isEmpty, !b.isEmpty else {
            throw .tooFewValues(column: column, group: nil, needed: 1, found: min(a.count, b.count))
        }
        let ranks = Ranks(a + b)
        let n1 = Double(a.count), n2 = Double(b.count), n = n1 + n2
        let rankSum = ranks.ranks[0..<a.count].reduce(0, +)
        let u1 = rankSum - n1 * (n1 + 1) / 2
        let u = max(u1, n1 * n2 - u1)
        let sd = (n1 * n2 / 12 * ((n + 1) - ranks.tieCubeSum / (n * (n - 1)))).squareRoot()
        guard sd > 0 else { throw .constantValues(column: column, group: nil) }
        let z = (u - n1 * n2 / 2 - 0.5) / sd
        return TestResult(statistic: u1, pValue: min(1, 2 * Normal().survival(z)))
    }
}

/// The Kruskal-Wallis H test: do several independent samples come from the same
/// distribution? The rank-based counterpart of one-way analysis of variance.
///
/// H is corrected for ties and compared with the chi-square distribution on
/// k - 1 degrees of freedom, as `scipy.stats.kruskal`.
public enum KruskalWallis {
    /// Tests the samples in `groups` (at least two, none empty); `groupNames`, one
    /// per group, name a group in an error (its number from 1 without them).
    public static func test(_ groups: [[Double]], column: String = "values",
                            groupNames: [String] = []) throws(AnalysisError) -> TestResult {
        try requireNonEmpty(groups, column: column, groupNames: groupNames)
        let ranks = Ranks(groups.flatMap { $0 })
        let n = Double(ranks.ranks.count)
        var offset = 0, sum = 0.0
        for group in groups {
            let rankSum = ranks.ranks[offset..<(offset + group.count)].reduce(0, +)
            sum += rankSum * rankSum / Double(group.count)
            offset += group.count
        }
        let correction = 1 - ranks.tieCubeSum / (n * n * n - n)
        guard correction > 0 else { throw .constantValues(column: column, group: nil) }
        let h = (12 / (n * (n + 1)) * sum - 3 * (n + 1)) / correction
        return TestResult(statistic: h, pValue: ChiSquared(degreesOfFreedom: Double(groups.count - 1)).survival(h))
    }
}

/// One-way analysis of variance: do several groups have the same mean?
///
/// F is the between-group over the within-group mean square, compared with the F
/// distribution on (k - 1, n - k) degrees of freedom, as `scipy.stats.f_oneway`.
public enum OneWayANOVA {
    /// Tests the samples in `groups` (at least two, none empty, more values than
    /// groups); `groupNames`, one per group, name a group in an error (its number
    /// from 1 without them).
    public static func test(_ groups: [[Double]], column: String = "values",
                            groupNames: [String] = []) throws(AnalysisError) -> TestResult {
        try requireNonEmpty(groups, column: column, groupNames: groupNames)
        let all = groups.flatMap { $0 }
        let k = Double(groups.count), n = Double(all.count)
        guard n > k else { throw .tooFewValues(column: column, group: nil, needed: groups.count + 1, found: all.count) }
        var total = RunningSummary()
        for value in all { total.add(value) }
        let grandMean = total.mean
        var between = 0.0, within = 0.0
        for group in groups {
            var summary = RunningSummary()
            for value in group { summary.add(value) }
            let mean = summary.mean
            between += Double(group.count) * (mean - grandMean) * (mean - grandMean)
            for value in group { within += (value - mean) * (value - mean) }
        }
        guard within > 0 else { throw .constantValues(column: column, group: nil) }
        let f = (between / (k - 1)) / (within / (n - k))
        let distribution = FisherF(numeratorDegreesOfFreedom: k - 1, denominatorDegreesOfFreedom: n - k)
        return TestResult(statistic: f, pValue: distribution.survival(f))
    }
}

/// Refuses fewer than two groups or an empty one, naming the empty group by its
/// name when one is given.
private func requireNonEmpty(_ groups: [[Double]], column: String, groupNames: [String]) throws(AnalysisError) {
    guard groups.count >= 2 else { throw .tooFewValues(column: column, group: nil, needed: 2, found: groups.count) }
    if let empty = groups.firstIndex(where: \.isEmpty) {
        let name = empty < groupNames.count ? groupNames[empty] : "\(empty + 1)"
        throw .tooFewValues(column: column, group: name, needed: 1, found: 0)
    }
}
