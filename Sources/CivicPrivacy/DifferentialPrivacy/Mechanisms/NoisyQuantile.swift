import CivicModels

/// A quantile of a numeric column, released by the exponential mechanism in its
/// permute-and-flip form (McKenna and Sheldon 2020), with exact coin flips.
///
/// The candidates are the points of a public grid from `lower` to `upper`. A
/// candidate's utility is how close its rank is to the wanted one:
/// u(x) = −|D·#{values ≤ x} − N·n| for q = N/D and n values, which one person
/// changes by at most D. Visiting the candidates in random order, each is taken
/// with probability exp(−ε·(u* − u(x)) / (2D)), u* the best utility; the first one
/// taken is released. That is ε-differentially private and never less accurate
/// than the classic exponential mechanism. The probabilities are flipped exactly
/// (exact Bernoulli trials), no floating point is involved.
///
/// ```swift
/// var random = SecureRandom()
/// let median = try NoisyQuantile(cases, column: "income_eur", q: Rational("0.5")!, lower: 0, upper: 5000,
///                                epsilon: Rational("0.5")!, using: &random)
/// ```
public struct NoisyQuantile: Sendable, Equatable {
    /// The released value (a grid point between the bounds).
    public let value: Double
    /// Which quantile (0.5 for the median).
    public let q: Rational
    /// The privacy cost.
    public let epsilon: Rational
    /// Rows with a missing value (not counted).
    public let missing: Int

    /// The most rows one person contributes.
    public let maxRowsPerPerson: Int

    /// How much one person can change a candidate's utility: D for q = N/D, per row.
    public var sensitivity: Int { Int(q.denominator) * maxRowsPerPerson }

    /// The `q`-quantile of `column`, values clamped to the public bounds.
    ///
    /// - Parameters:
    ///   - table: the rows, one per person.
    ///   - column: the numeric column.
    ///   - q: between 0 and 1, at most four decimal places.
    ///   - lower: the public lower bound; smaller values are clamped.
    ///   - upper: the public upper bound; larger values are clamped.
    ///   - resolution: the grid step (e.g. 1 for whole euros); at most 10 million grid points.
    ///   - epsilon: the privacy cost of the release.
    ///   - bound: the privacy unit and the most rows kept of each person.
    ///   - random: the source of the noise (``SecureRandom`` outside tests).
    public init(_ table: Table, column: String, q: Rational, lower: Double, upper: Double, resolution: Rational = Rational(1, 1),
                epsilon: Rational, bound: ContributionBound, using random: inout some RandomWordSource) throws(PrivacyError) {
        let table = try bound.apply(to: table, using: &random)
        guard let data = table.column(named: column) else { throw .unknownColumn(column) }
        guard data.isNumeric else { throw .invalidParameter(.notANumberColumn(column)) }
        guard q.numerator <= q.denominator, q.denominator <= 10_000 else {
            throw .invalidParameter(BilingualText(
                de: "q muss zwischen 0 und 1 liegen und darf höchstens vier Nachkommastellen haben",
                en: "q must lie between 0 and 1 with at most four decimal places"))
        }
        guard lower < upper, lower.isFinite, upper.isFinite, resolution.numerator > 0 else {
            throw .invalidParameter(BilingualText(
                de: "Grenzen: die Untergrenze muss unter der Obergrenze liegen, die Auflösung positiv sein",
                en: "bounds: lower < upper, and a positive resolution"))
        }
        guard epsilon.numerator > 0 else { throw .invalidParameter(.epsilonNotPositive) }
        let step = resolution.doubleValue
        let span = ((upper - lower) / step).rounded(.down)
        guard span.isFinite, span < 10_000_000 else {
            throw .invalidParameter(BilingualText(de: "Grenzen / Auflösung: mehr als 10 Millionen Rasterpunkte",
                                                  en: "bounds / resolution: more than 10 million grid points"))
        }
        let points = Int(span) + 1
        let (perRow, overflow) = (2 * q.denominator).multipliedReportingOverflow(by: epsilon.denominator)
        guard !overflow else {
            throw .invalidParameter(BilingualText(de: "epsilon hat zu viele Nachkommastellen für dieses q",
                                                  en: "epsilon has too many decimal places for this q"))
        }
        // A person of N rows moves every candidate's utility by up to N D.
        let scale = try bound.scaled(perRow)

        // How many values fall on each grid point, then the utility of every point.
        var histogram = [Int64](repeating: 0, count: points)
        var n: Int64 = 0
        for row in 0..<table.rowCount {
            guard let value = data.doubleValue(at: row) else { continue }
            let point = Int(((min(max(value, lower), upper) - lower) / step).rounded())
            histogram[min(point, points - 1)] += 1
            n += 1
        }
        let target = Int64(q.numerator) * n, weight = Int64(q.denominator)
        var utility = [Int64](repeating: 0, count: points)
        var atMost: Int64 = 0
        for point in 0..<points {
            atMost += histogram[point]
            utility[point] = -abs(weight * atMost - target)
        }
        let best = utility.max()!

        // Permute and flip: a Fisher–Yates shuffle, drawn as far as needed.
        var order = Array(0..<Int32(points))
        var chosen = 0
        for i in 0..<points {
            let j = i + Int(random.uniform(below: UInt64(points - i)))
            order.swapAt(i, j)
            let candidate = Int(order[i])
            let gap = UInt64(best - utility[candidate])
            // Taken with probability exp(-epsilon * gap / (2 D)).
            let (high, low) = epsilon.numerator.multipliedFullWidth(by: gap)
            // A numerator beyond 64 bits means an exponent above 2^64 / scale (> 900):
            // a probability below e^-900, which no coin could show.
            guard high == 0 else { continue }
            if ExactBernoulli.flipExp(low, scale, using: &random) {
                chosen = candidate
                break
            }
        }
        self.value = lower + Double(chosen) * step
        self.q = q
        self.epsilon = epsilon
        self.missing = table.rowCount - Int(n)
        self.maxRowsPerPerson = bound.maxRowsPerPerson
    }
}
