import CivicModels

/// The machine-readable account of an anonymisation: what was chosen, what it cost,
/// and the risk before and after. It holds figures only, never a data value.
public struct AnonymizationReport: Encodable, Sendable {
    /// Risk figures under the prosecutor model, per person when there is a privacy
    /// unit (1 / distinct persons in the class).
    public struct Risk: Encodable, Sendable {
        /// The highest risk of any row.
        public var highest: Double
        /// The average risk.
        public var average: Double
        /// Rows alone in their class.
        public var sampleUniques: Int
        /// The share of rows with a risk above 0.2.
        public var shareAbove20Percent: Double

        /// The figures of `risk`.
        public init(_ risk: ProsecutorRisk) {
            highest = risk.highest
            average = risk.average
            sampleUniques = risk.sampleUniques
            shareAbove20Percent = risk.shareOfRows(above: 0.2)
        }

        enum CodingKeys: String, CodingKey {
            case highest, average
            case sampleUniques = "sample_uniques"
            case shareAbove20Percent = "share_above_0_2"
        }
    }

    /// The column whose distinct values the guarantees count, or `row` when every
    /// row counts as a person.
    public var privacyUnit: String
    /// The level chosen for each quasi-identifier (with local recoding: the first
    /// step's, which most rows received; see ``levelShares``).
    public var levels: [String: Int]
    /// `global` or `local`.
    public var recoding: String
    /// Per quasi-identifier, the share of published rows at each level (keys are
    /// levels, as text for JSON).
    public var levelShares: [String: [String: Double]]
    /// The criteria, described.
    public var criteria: [String]
    /// The configured suppression limit.
    public var suppressionLimit: Double
    /// Rows suppressed.
    public var suppressedRows: Int
    /// Published equivalence classes.
    public var equivalenceClasses: Int
    /// The smallest published class, in the privacy unit (persons, or rows).
    public var smallestClass: Int
    /// Every utility metric, by name.
    public var metrics: [String: Double]
    /// The metric the search minimised.
    public var optimisedMetric: String
    /// Risk of the input.
    public var riskBefore: Risk
    /// Risk of the output.
    public var riskAfter: Risk
    /// Transformations in the lattice.
    public var latticeSize: Int
    /// Transformations evaluated.
    public var nodesChecked: Int
    /// Whether the result is guaranteed optimal.
    public var optimal: Bool
    /// Seconds spent turning the quasi-identifiers into codes (see `Anonymizer.Result.encodeSeconds`).
    public var encodeSeconds: Double
    /// Seconds spent searching.
    public var searchSeconds: Double
    /// Seconds spent writing the generalised table.
    public var applySeconds: Double
    /// Seconds for the whole anonymisation.
    public var wholeSeconds: Double
    /// Rows in and out.
    public var rows: Int

    /// The report of a result.
    public init(_ result: Anonymizer.Result, anonymizer: Anonymizer) {
        privacyUnit = anonymizer.privacyUnit ?? AnonymizationConfiguration.rowsArePersons
        levels = Dictionary(uniqueKeysWithValues: zip(anonymizer.quasiIdentifiers.map(\.name),
                                                      result.best.transformation.levels))
        recoding = anonymizer.recoding.rawValue
        levelShares = Dictionary(uniqueKeysWithValues: anonymizer.quasiIdentifiers.enumerated().map { q, qi in
            (qi.name, Dictionary(uniqueKeysWithValues: result.levelShares(of: q).map { ("\($0.level)", $0.share) }))
        })
        criteria = anonymizer.criteria.map(\.summary)
        suppressionLimit = anonymizer.suppressionLimit
        suppressedRows = result.best.suppressedRows
        equivalenceClasses = result.best.publishedClasses
        smallestClass = result.best.smallestClassSize
        metrics = Dictionary(uniqueKeysWithValues: UtilityMetric.allCases.map { ($0.rawValue, result.best.utility.value(of: $0)) })
        optimisedMetric = anonymizer.metric.rawValue
        riskBefore = Risk(result.riskBefore)
        riskAfter = Risk(result.riskAfter)
        latticeSize = result.latticeSize
        nodesChecked = result.nodesChecked
        optimal = result.isOptimal
        encodeSeconds = result.encodeSeconds
        searchSeconds = result.searchSeconds
        applySeconds = result.applySeconds
        wholeSeconds = result.wholeSeconds
        rows = result.table.rowCount
    }

    enum CodingKeys: String, CodingKey {
        case levels, criteria, metrics, rows, optimal, recoding
        case levelShares = "level_shares"
        case privacyUnit = "privacy_unit"
        case suppressionLimit = "suppression_limit"
        case suppressedRows = "suppressed_rows"
        case equivalenceClasses = "equivalence_classes"
        case smallestClass = "smallest_class"
        case optimisedMetric = "optimised_metric"
        case riskBefore = "risk_before"
        case riskAfter = "risk_after"
        case latticeSize = "lattice_size"
        case nodesChecked = "nodes_checked"
        case encodeSeconds = "encode_seconds"
        case searchSeconds = "search_seconds"
        case applySeconds = "apply_seconds"
        case wholeSeconds = "whole_seconds"
    }
}
