import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// What a column is for `civic-publish`: the four privacy roles of
/// `civic-anonymize`, plus two treatments of their own.
enum PublishRole: String, Decodable, CaseIterable {
    /// Names a person: removed.
    case identifier
    /// A case or client number: replaced by a keyed pseudonym, so rows of one client stay linked.
    case pseudonym
    /// Free text: personal details are redacted.
    case freeText = "free-text"
    /// Generalised with a hierarchy until the privacy model holds.
    case quasiIdentifier = "quasi-identifier"
    /// Published as it is, protected by l-diversity or t-closeness.
    case sensitive
    /// Published as it is.
    case insensitive
}

/// One column's settings in `publish.yaml`: a role alone (`notes: free-text`) or
/// a role with a hierarchy.
struct PublishAttribute: Decodable {
    var role: PublishRole
    var hierarchy: AnonymizationConfiguration.HierarchySpecification?

    init(_ role: PublishRole, _ hierarchy: AnonymizationConfiguration.HierarchySpecification? = nil) {
        self.role = role
        self.hierarchy = hierarchy
    }

    init(from decoder: any Decoder) throws {
        if let role = try? decoder.singleValueContainer().decode(PublishRole.self) {
            self.init(role)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(PublishRole.self, forKey: .role),
                  try container.decodeIfPresent(AnonymizationConfiguration.HierarchySpecification.self, forKey: .hierarchy))
    }

    enum CodingKeys: String, CodingKey { case role, hierarchy }
}

/// The settings of one publication (`publish.yaml`), all optional: what is not
/// given comes from ``CounsellingDefaults``.
///
/// ```yaml
/// title: Beratungsfälle 2025
/// publisher: Beratungsstelle Nord e. V.
/// licence: CC-BY-4.0            # or ODbL-1.0, dl-de-by-2.0
/// attributes:                   # the vocabulary of civic-anonymize, plus pseudonym and free-text
///   district: {role: quasi-identifier, hierarchy: {levels: 1}}
///   referral: insensitive
/// privacy: {k: 5, suppression-limit: 0.05, l-diversity: {variant: distinct, l: 2, attribute: service}}
/// statistics: {min-frequency: 5}
/// ```
struct PublishConfiguration: Decodable {
    var name: String?
    var title: String?
    var description: String?
    var publisher: String?
    var licence: String?
    var attributes: [String: PublishAttribute] = [:]
    var privacy: AnonymizationConfiguration.Privacy?
    var metric: UtilityMetric?
    var search: AnonymizationConfiguration.SearchSettings?
    var statistics: StatisticsSettings?

    struct StatisticsSettings: Decodable {
        var minFrequency: Int?
        enum CodingKeys: String, CodingKey { case minFrequency = "min-frequency" }
    }

    enum CodingKeys: String, CodingKey {
        case name, title, description, publisher, licence, license, attributes, privacy, metric, search, statistics
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        publisher = try container.decodeIfPresent(String.self, forKey: .publisher)
        licence = try container.decodeIfPresent(String.self, forKey: .licence)
            ?? container.decodeIfPresent(String.self, forKey: .license)
        attributes = try container.decodeIfPresent([String: PublishAttribute].self, forKey: .attributes) ?? [:]
        privacy = try container.decodeIfPresent(AnonymizationConfiguration.Privacy.self, forKey: .privacy)
        metric = try container.decodeIfPresent(UtilityMetric.self, forKey: .metric)
        search = try container.decodeIfPresent(AnonymizationConfiguration.SearchSettings.self, forKey: .search)
        statistics = try container.decodeIfPresent(StatisticsSettings.self, forKey: .statistics)
    }

    /// The licence named in the configuration (CC-BY-4.0 when none is).
    func dataLicence() throws -> DataPackage.License {
        switch (licence ?? "CC-BY-4.0").lowercased() {
        case "cc-by-4.0", "cc-by": return .ccBy4
        case "odbl-1.0", "odbl": return .odbl
        case "dl-de-by-2.0", "dl-de/by-2-0", "dl-de-by": return .dlDeBy2
        default:
            throw ConfigurationError.invalidSetting(key: "licence", reason: "'\(licence!)' is not CC-BY-4.0, ODbL-1.0 or dl-de-by-2.0")
        }
    }

    /// The smallest published count in the statistics (5 unless configured).
    func minimumFrequency() throws -> MinimumFrequencyRule {
        try MinimumFrequencyRule(threshold: statistics?.minFrequency ?? 5)
    }
}
