import CivicModels
import CivicPrivacy

/// A question a reader asks of the data, such as "cases by year and service":
/// counts of one column, grouped into categories, against the values of another.
///
/// ``WorkloadAnswer`` answers it from the published rows and from the raw rows,
/// and says how far apart the two are: the utility a funder sees.
///
/// ```swift
/// let byYear = WorkloadQuery(de: "Fälle nach Jahr und Angebot", en: "Cases by year and service",
///                            column: "start_date", by: "service") { String($0.prefix(4)) }
/// ```
public struct WorkloadQuery: Sendable {
    /// The question in German.
    public let german: String
    /// The question in English.
    public let english: String
    /// The column whose values are grouped (a quasi-identifier, usually).
    public let column: String
    /// The column the counts are broken down by (published as it is).
    public let by: String
    /// The category of a raw value of `column` (`nil`: not counted).
    public let category: @Sendable (String) -> String?

    /// A query counting `column`, grouped by `category`, against `by`.
    public init(de german: String, en english: String, column: String, by: String,
                category: @escaping @Sendable (String) -> String?) {
        self.german = german
        self.english = english
        self.column = column
        self.by = by
        self.category = category
    }

    /// The question in `language`.
    public func title(in language: Language) -> String { language.pick(de: german, en: english) }
}

/// A ``WorkloadQuery`` answered from the published and from the raw rows.
///
/// A published row whose value is generalised (an age band of 20 years, a year)
/// is spread evenly over the raw values its node covers, and so over their
/// categories: the estimate a reader can make without the raw data.
public struct WorkloadAnswer: Sendable {
    /// The question.
    public let query: WorkloadQuery
    /// The cells with cases in the raw data.
    public let cells: Int
    /// The mean of |published - raw| / raw over those cells.
    public let meanRelativeError: Double
    /// The share of cases a reader would count in the wrong cell: half the sum of
    /// |published - raw| over all cells, divided by the raw cases (0: every count
    /// right, 1: every count wrong). Left-out rows count here too.
    public let misplacedShare: Double

    /// Answers `query` from `published` (generalised by `hierarchy`, `nil` for a
    /// column published as it is) and from `raw`; `nil` when either table lacks a
    /// column the query needs.
    public init?(_ query: WorkloadQuery, published: Table, raw: Table, hierarchy: GeneralizationHierarchy?) {
        guard let publishedValues = published.column(named: query.column), let publishedBy = published.column(named: query.by),
              let rawValues = raw.column(named: query.column), let rawBy = raw.column(named: query.by) else { return nil }
        // The raw values each published value stands for.
        var covered: [String: [String]] = [:]
        for row in hierarchy?.rows ?? [] {
            for node in Set(row) { covered[node, default: []].append(row[0]) }
        }
        var truth: [[String]: Double] = [:], estimate: [[String]: Double] = [:]
        for (value, by, rows) in Self.combinations(of: rawValues, and: rawBy) {
            guard let category = query.category(value) else { continue }
            truth[[category, by], default: 0] += Double(rows)
        }
        // A published value spreads evenly over the categories of the raw values it covers.
        for (value, by, rows) in Self.combinations(of: publishedValues, and: publishedBy) {
            let values = covered[value] ?? [value]
            var shares: [String: Double] = [:]
            for raw in values { if let category = query.category(raw) { shares[category, default: 0] += 1 / Double(values.count) } }
            for (category, share) in shares { estimate[[category, by], default: 0] += share * Double(rows) }
        }
        self.query = query
        cells = truth.count
        meanRelativeError = truth.isEmpty ? 0
            : truth.reduce(0) { $0 + abs((estimate[$1.key] ?? 0) - $1.value) / $1.value } / Double(truth.count)
        let total = truth.values.reduce(0, +)
        let difference = Set(truth.keys).union(estimate.keys).reduce(0.0) { $0 + abs((estimate[$1] ?? 0) - (truth[$1] ?? 0)) }
        misplacedShare = total > 0 ? min(1, difference / 2 / total) : 0
    }

    /// The distinct pairs of values of two columns, with the rows holding each;
    /// rows missing either value are left out. Counted by the values' numbers, so
    /// that a million rows cost no hashing of texts.
    private static func combinations(of first: ColumnData, and second: ColumnData) -> [(String, String, rows: Int)] {
        let a = NumberedLabels(first), b = NumberedLabels(second)
        var rowsOfPair: [Int: Int] = [:]
        for (x, y) in zip(a.numbers, b.numbers) where x >= 0 && y >= 0 {
            rowsOfPair[Int(x) * b.texts.count + Int(y), default: 0] += 1
        }
        return rowsOfPair.map { pair, rows in (a.texts[pair / b.texts.count], b.texts[pair % b.texts.count], rows) }
    }
}
