import CivicModels
import Foundation

/// What to anonymise and how: the configuration vocabulary of `civic-anonymize`
/// and `civic-publish`, decodable from YAML or JSON.
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
/// ```
///
/// Other hierarchies: `{intervals: [5, 10, 20]}` for integers, `{dates: [month,
/// quarter, year]}` for dates, `{groups: [{syrisch: Naher Osten, ...}, ...]}` for
/// categories.
public struct AnonymizationConfiguration: Decodable, Sendable {
    /// The role (and hierarchy) of each configured column.
    public var attributes: [String: Attribute]
    /// The privacy models and the suppression limit.
    public var privacy: Privacy
    /// What the search minimises.
    public var metric: UtilityMetric
    /// How thoroughly the lattice is searched (`nil`: automatically).
    public var search: SearchSettings?

    /// One configured column.
    public struct Attribute: Decodable, Sendable {
        /// What the column means for privacy.
        public var role: AttributeRole
        /// How to generalise it (quasi-identifiers only).
        public var hierarchy: HierarchySpecification?

        /// A column's role and, for a quasi-identifier, its hierarchy.
        public init(role: AttributeRole, hierarchy: HierarchySpecification? = nil) {
            self.role = role
            self.hierarchy = hierarchy
        }

        public init(from decoder: any Decoder) throws {
            if let role = try? decoder.singleValueContainer().decode(AttributeRole.self) {
                self.role = role
                hierarchy = nil
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            role = try container.decode(AttributeRole.self, forKey: .role)
            hierarchy = try container.decodeIfPresent(HierarchySpecification.self, forKey: .hierarchy)
        }

        enum CodingKeys: String, CodingKey { case role, hierarchy }
    }

    /// How a quasi-identifier's hierarchy is made.
    public enum HierarchySpecification: Decodable, Sendable {
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

        enum CodingKeys: String, CodingKey { case file, mask, levels, intervals, dates, groups }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard container.allKeys.count == 1, let key = container.allKeys.first else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                    "a hierarchy needs exactly one of file, mask, levels, intervals, dates, groups"))
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
    }

    /// The privacy section.
    public struct Privacy: Decodable, Sendable {
        /// k of k-anonymity.
        public var k: Int?
        /// l-diversity of one sensitive attribute.
        public var lDiversity: LDiversity?
        /// t-closeness of one sensitive attribute.
        public var tCloseness: TClosenessSpecification?
        /// The largest share of rows that may be suppressed (0...1).
        public var suppressionLimit: Double

        enum CodingKeys: String, CodingKey {
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
            let container = try decoder.container(keyedBy: CodingKeys.self)
            k = try container.decodeIfPresent(Int.self, forKey: .k)
            lDiversity = try container.decodeIfPresent(LDiversity.self, forKey: .lDiversity)
            tCloseness = try container.decodeIfPresent(TClosenessSpecification.self, forKey: .tCloseness)
            suppressionLimit = try container.decodeIfPresent(Double.self, forKey: .suppressionLimit) ?? 0
        }
    }

    /// `{variant: distinct|entropy|recursive, l: 2, c: 3, attribute: service}`.
    public struct LDiversity: Decodable, Sendable {
        /// distinct, entropy or recursive.
        public var variant: String
        /// The diversity.
        public var l: Double
        /// c, for the recursive variant.
        public var c: Double?
        /// The sensitive column.
        public var attribute: String

        /// A specification from its parts.
        public init(variant: String, l: Double, c: Double? = nil, attribute: String) {
            self.variant = variant
            self.l = l
            self.c = c
            self.attribute = attribute
        }
    }

    /// `{variant: equal|hierarchical, t: 0.2, attribute: service, hierarchy: {...}}`.
    public struct TClosenessSpecification: Decodable, Sendable {
        /// equal or hierarchical.
        public var variant: String
        /// The largest distance.
        public var t: Double
        /// The sensitive column.
        public var attribute: String
        /// For the hierarchical variant: the sensitive attribute's hierarchy.
        public var hierarchy: HierarchySpecification?
    }

    /// `{mode: automatic|optimal|heuristic, max-nodes: 20000}`: see ``SearchStrategy``.
    public struct SearchSettings: Decodable, Sendable {
        /// automatic (the default), optimal or heuristic.
        public var mode: String
        /// For the heuristic mode: the most transformations to look at.
        public var maxNodes: Int?

        enum CodingKeys: String, CodingKey {
            case mode
            case maxNodes = "max-nodes"
        }

        /// Settings from their parts.
        public init(mode: String, maxNodes: Int? = nil) {
            self.mode = mode
            self.maxNodes = maxNodes
        }

        /// The strategy these settings name.
        ///
        /// - Throws: ``ConfigurationError/invalidSetting(key:reason:)`` for an unknown
        ///   mode, or `max-nodes` below 1 or without the heuristic mode.
        public func strategy() throws(ConfigurationError) -> SearchStrategy {
            if let maxNodes, mode != "heuristic" {
                throw .invalidSetting(key: "search.max-nodes", reason: "\(maxNodes) applies only to mode: heuristic")
            }
            switch mode {
            case "automatic": return .automatic
            case "optimal": return .optimal
            case "heuristic":
                let budget = maxNodes ?? SearchStrategy.defaultNodeBudget
                guard budget >= 1 else {
                    throw .invalidSetting(key: "search.max-nodes", reason: "must be at least 1, not \(budget)")
                }
                return .heuristic(maxNodes: budget)
            default:
                throw .invalidSetting(key: "search.mode", reason: "'\(mode)' is not automatic, optimal or heuristic")
            }
        }
    }

    enum CodingKeys: String, CodingKey { case attributes, privacy, metric, search }

    /// A configuration from its parts (for programs that choose the roles themselves).
    public init(attributes: [String: Attribute], privacy: Privacy, metric: UtilityMetric = .loss,
                search: SearchSettings? = nil) {
        self.attributes = attributes
        self.privacy = privacy
        self.metric = metric
        self.search = search
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        attributes = try container.decodeIfPresent([String: Attribute].self, forKey: .attributes) ?? [:]
        privacy = try container.decode(Privacy.self, forKey: .privacy)
        metric = try container.decodeIfPresent(UtilityMetric.self, forKey: .metric) ?? .loss
        search = try container.decodeIfPresent(SearchSettings.self, forKey: .search)
    }
}
