import CivicModels
import Foundation

/// What to anonymise and how: the configuration vocabulary of `civic-anonymize`
/// and `civic-publish`, read from YAML or JSON, written back the same way, and
/// built in Swift from the same parts.
///
/// ```yaml
/// attributes:                 # columns not listed are insensitive and kept
///   name: identifier          # removed
///   age:
///     role: quasi-identifier
///     hierarchy: {file: hierarchies/age.csv}   # ARX CSV format
///   zip:
///     role: quasi-identifier
///     hierarchy: {mask: 5}                     # prefix masking
///   gender:
///     role: quasi-identifier
///     hierarchy: {levels: 1}                   # the value, then *
///   service: sensitive
/// privacy:
///   k: 5
///   l-diversity: {variant: distinct, l: 2, attribute: service}
///   t-closeness: {variant: equal, t: 0.2, attribute: service}
///   suppression-limit: 0.02
/// metric: loss
/// search: {mode: automatic}   # automatic | optimal | heuristic (with max-nodes: 20000)
/// privacy-unit: client_id     # count persons, not rows (the column is not published); row: rows are persons
/// recoding: global            # or local: levels chosen record by record
/// ```
///
/// The same in Swift:
///
/// ```swift
/// let configuration = AnonymizationConfiguration(
///     attributes: ["name": .init(role: .identifier),
///                  "age": .init(role: .quasiIdentifier, hierarchy: .intervals([5, 10, 20])),
///                  "service": .init(role: .sensitive)],
///     privacy: .init(k: 5, lDiversity: .init(variant: .distinct, l: 2, attribute: "service"),
///                    suppressionLimit: 0.02))
/// ```
///
/// Other hierarchies: `{intervals: [5, 10, 20]}` for integers, `{dates: [month,
/// quarter, year]}` for dates, `{groups: [{syrisch: Naher Osten, ...}, ...]}` for
/// categories. Columns with the roles `pseudonym` and `free-text` are removed by
/// the anonymiser (only a publication pseudonymises and redacts them). An unknown
/// key anywhere is an error that names it.
public struct AnonymizationConfiguration: Codable, Sendable {
    /// The role (and hierarchy) of each configured column.
    public var attributes: [String: Attribute]
    /// The privacy models and the suppression limit.
    public var privacy: Privacy
    /// What the search minimises.
    public var metric: UtilityMetric
    /// How thoroughly the lattice is searched (`nil`: automatically).
    public var search: SearchSettings?
    /// The column that identifies persons (`client_id`): k, l, t and the risk count
    /// distinct persons, and the column itself is removed from the output. `nil` or
    /// ``rowsArePersons`` (`row`): every row is a different person.
    public var privacyUnit: String?
    /// The ``privacyUnit`` that states that every row is a person of its own.
    public static let rowsArePersons = "row"
    /// One level per quasi-identifier for all rows, or per row (`nil`: global).
    public var recoding: Recoding?

    /// One configured column: a role alone (`notes: free-text`) or a role with a
    /// hierarchy (`age: {role: quasi-identifier, hierarchy: {intervals: [10]}}`).
    public struct Attribute: Codable, Sendable {
        /// What the column means for privacy.
        public var role: AttributeRole
        /// How to generalise it (quasi-identifiers only).
        public var hierarchy: HierarchySpecification?
        /// How much its loss counts in Loss (quasi-identifiers only; `nil`: 1).
        public var weight: Double?

        /// A column's role and, for a quasi-identifier, its hierarchy and weight.
        public init(role: AttributeRole, hierarchy: HierarchySpecification? = nil, weight: Double? = nil) {
            self.role = role
            self.hierarchy = hierarchy
            self.weight = weight
        }

        public init(from decoder: any Decoder) throws {
            if let role = try? decoder.singleValueContainer().decode(AttributeRole.self) {
                self.init(role: role)
                return
            }
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(role: try container.decode(AttributeRole.self, forKey: .role),
                      hierarchy: try container.decodeIfPresent(HierarchySpecification.self, forKey: .hierarchy),
                      weight: try container.decodeIfPresent(Double.self, forKey: .weight))
        }

        public func encode(to encoder: any Encoder) throws {
            guard hierarchy != nil || weight != nil else {
                var container = encoder.singleValueContainer()
                try container.encode(role)
                return
            }
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(role, forKey: .role)
            try container.encodeIfPresent(hierarchy, forKey: .hierarchy)
            try container.encodeIfPresent(weight, forKey: .weight)
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case role, hierarchy, weight }
    }

    /// How a quasi-identifier's hierarchy is made.
    public enum HierarchySpecification: Codable, Sendable {
        /// Read from an ARX hierarchy file (path relative to the configuration).
        case file(String)
        /// Mask up to this many characters from the right, then `*`.
        case mask(Int)
        /// The value, then `*`: only 1 is allowed, since a value without a grouping
        /// has no step in between (use ``groups(_:)``, ``mask(_:)``, ``intervals(_:)``,
        /// ``dates(_:)`` or ``file(_:)`` for more levels).
        case levels(Int)
        /// Integer intervals of these widths, then `*`.
        case intervals([Int])
        /// Dates rolled up through these units, then `*`.
        case dates([GeneralizationHierarchy.DateUnit])
        /// Category groups, one map per level.
        case groups([[String: String]])

        enum CodingKeys: String, CodingKey, CaseIterable { case file, mask, levels, intervals, dates, groups }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard container.allKeys.count == 1, let key = container.allKeys.first else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: DecodingError.reason(
                    de: "eine Hierarchie braucht genau eine der Angaben file, mask, levels, intervals, dates, groups",
                    en: "a hierarchy needs exactly one of file, mask, levels, intervals, dates, groups")))
            }
            switch key {
            case .file: self = .file(try container.decode(String.self, forKey: .file))
            case .mask: self = .mask(try container.decode(Int.self, forKey: .mask))
            case .levels: self = .levels(try container.decode(Int.self, forKey: .levels))
            case .intervals: self = .intervals(try container.decode([Int].self, forKey: .intervals))
            case .dates: self = .dates(try container.decode([GeneralizationHierarchy.DateUnit].self, forKey: .dates))
            case .groups: self = .groups(try container.decode([[String: String]].self, forKey: .groups))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .file(let path): try container.encode(path, forKey: .file)
            case .mask(let characters): try container.encode(characters, forKey: .mask)
            case .levels(let levels): try container.encode(levels, forKey: .levels)
            case .intervals(let widths): try container.encode(widths, forKey: .intervals)
            case .dates(let units): try container.encode(units, forKey: .dates)
            case .groups(let groups): try container.encode(groups, forKey: .groups)
            }
        }
    }

    /// The privacy section.
    public struct Privacy: Codable, Sendable {
        /// k of k-anonymity.
        public var k: Int?
        /// l-diversity of one sensitive attribute.
        public var lDiversity: LDiversity?
        /// t-closeness of one sensitive attribute.
        public var tCloseness: TClosenessSpecification?
        /// The largest share of rows that may be suppressed (0...1).
        public var suppressionLimit: Double

        enum CodingKeys: String, CodingKey, CaseIterable {
            case k
            case lDiversity = "l-diversity"
            case tCloseness = "t-closeness"
            case suppressionLimit = "suppression-limit"
        }

        /// The privacy section from its parts.
        public init(k: Int?, lDiversity: LDiversity? = nil, tCloseness: TClosenessSpecification? = nil,
                    suppressionLimit: Double = 0) {
            self.k = k
            self.lDiversity = lDiversity
            self.tCloseness = tCloseness
            self.suppressionLimit = suppressionLimit
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(k: try container.decodeIfPresent(Int.self, forKey: .k),
                      lDiversity: try container.decodeIfPresent(LDiversity.self, forKey: .lDiversity),
                      tCloseness: try container.decodeIfPresent(TClosenessSpecification.self, forKey: .tCloseness),
                      suppressionLimit: try container.decodeIfPresent(Double.self, forKey: .suppressionLimit) ?? 0)
        }
    }

    /// `{variant: distinct|entropy|recursive, l: 2, c: 3, attribute: service}`.
    public struct LDiversity: Codable, Sendable {
        /// Which definition of diversity (Machanavajjhala et al. 2007).
        public enum Variant: String, ConfigurationChoice {
            /// At least l different sensitive values per class.
            case distinct
            /// The entropy of the sensitive values at least log(l).
            case entropy
            /// Recursive (c, l)-diversity: the most frequent value not too dominant.
            case recursive
        }

        /// Which definition of diversity.
        public var variant: Variant
        /// The diversity.
        public var l: Double
        /// c, for the recursive variant.
        public var c: Double?
        /// The sensitive column.
        public var attribute: String

        /// A specification from its parts.
        public init(variant: Variant, l: Double, c: Double? = nil, attribute: String) {
            self.variant = variant
            self.l = l
            self.c = c
            self.attribute = attribute
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case variant, l, c, attribute }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(variant: try container.decode(Variant.self, forKey: .variant),
                      l: try container.decode(Double.self, forKey: .l),
                      c: try container.decodeIfPresent(Double.self, forKey: .c),
                      attribute: try container.decode(String.self, forKey: .attribute))
        }
    }

    /// `{variant: equal|hierarchical, t: 0.2, attribute: service, hierarchy: {...}}`.
    public struct TClosenessSpecification: Codable, Sendable {
        /// The ground distance between sensitive values (see ``TCloseness/Distance``).
        public enum Variant: String, ConfigurationChoice {
            /// All values equally far apart.
            case equal
            /// Values as far apart as the sensitive attribute's hierarchy says.
            case hierarchical
        }

        /// The ground distance.
        public var variant: Variant
        /// The largest distance.
        public var t: Double
        /// The sensitive column.
        public var attribute: String
        /// For the hierarchical variant: the sensitive attribute's hierarchy.
        public var hierarchy: HierarchySpecification?

        /// A specification from its parts.
        public init(variant: Variant, t: Double, attribute: String, hierarchy: HierarchySpecification? = nil) {
            self.variant = variant
            self.t = t
            self.attribute = attribute
            self.hierarchy = hierarchy
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case variant, t, attribute, hierarchy }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(variant: try container.decode(Variant.self, forKey: .variant),
                      t: try container.decode(Double.self, forKey: .t),
                      attribute: try container.decode(String.self, forKey: .attribute),
                      hierarchy: try container.decodeIfPresent(HierarchySpecification.self, forKey: .hierarchy))
        }
    }

    /// `{mode: automatic|optimal|heuristic, max-nodes: 20000}`: see ``SearchStrategy``.
    public struct SearchSettings: Codable, Sendable {
        /// How thoroughly to search.
        public enum Mode: String, ConfigurationChoice {
            /// See ``SearchStrategy/automatic``.
            case automatic
            /// See ``SearchStrategy/optimal``.
            case optimal
            /// See ``SearchStrategy/heuristic(maxNodes:)``.
            case heuristic
        }

        /// automatic (the default), optimal or heuristic.
        public var mode: Mode
        /// For the heuristic mode: the most transformations to look at.
        public var maxNodes: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case mode
            case maxNodes = "max-nodes"
        }

        /// Settings from their parts.
        public init(mode: Mode, maxNodes: Int? = nil) {
            self.mode = mode
            self.maxNodes = maxNodes
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(mode: try container.decode(Mode.self, forKey: .mode),
                      maxNodes: try container.decodeIfPresent(Int.self, forKey: .maxNodes))
        }

        /// The strategy these settings name.
        ///
        /// - Throws: ``ConfigurationError/invalidSetting(key:reason:)`` for `max-nodes`
        ///   below 1 or without the heuristic mode.
        public func strategy() throws(ConfigurationError) -> SearchStrategy {
            if let maxNodes, mode != .heuristic {
                throw .invalidSetting(key: "search.max-nodes", reason: BilingualText(
                    de: "\(Language.german.integer(maxNodes)) gilt nur für mode: heuristic",
                    en: "\(maxNodes) applies only to mode: heuristic"))
            }
            switch mode {
            case .automatic: return .automatic
            case .optimal: return .optimal
            case .heuristic:
                let budget = maxNodes ?? SearchStrategy.defaultNodeBudget
                guard budget >= 1 else {
                    throw .invalidSetting(key: "search.max-nodes", reason: BilingualText(
                        de: "muss mindestens 1 sein, nicht \(Language.german.integer(budget))",
                        en: "must be at least 1, not \(budget)"))
                }
                return .heuristic(maxNodes: budget)
            }
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case attributes, privacy, metric, search, recoding
        case privacyUnit = "privacy-unit"
    }

    /// A configuration from its parts (for programs that choose the roles themselves).
    public init(attributes: [String: Attribute], privacy: Privacy, metric: UtilityMetric = .loss,
                search: SearchSettings? = nil, privacyUnit: String? = nil, recoding: Recoding? = nil) {
        self.attributes = attributes
        self.privacy = privacy
        self.metric = metric
        self.search = search
        self.privacyUnit = privacyUnit
        self.recoding = recoding
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(attributes: try container.decodeIfPresent([String: Attribute].self, forKey: .attributes) ?? [:],
                  privacy: try container.decode(Privacy.self, forKey: .privacy),
                  metric: try container.decodeIfPresent(UtilityMetric.self, forKey: .metric) ?? .loss,
                  search: try container.decodeIfPresent(SearchSettings.self, forKey: .search),
                  privacyUnit: try container.decodeIfPresent(String.self, forKey: .privacyUnit),
                  recoding: try container.decodeIfPresent(Recoding.self, forKey: .recoding))
    }
}
