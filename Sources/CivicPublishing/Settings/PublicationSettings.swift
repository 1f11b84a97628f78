import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation
import Yams

/// The settings of one publication (`publish.yaml`), all optional: what is not
/// given comes from the ``DomainProfile``.
///
/// ```yaml
/// title: Beratungsfälle 2025
/// publisher: Beratungsstelle Nord e. V.
/// licence: CC-BY-4.0            # or ODbL-1.0, dl-de-by-2.0
/// attributes:                   # the roles of AttributeRole, with hierarchies for quasi-identifiers
///   district: {role: quasi-identifier, hierarchy: {levels: 1}}
///   referral: insensitive
/// privacy: {k: 5, suppression-limit: 0.05, l-diversity: {variant: distinct, l: 2, attribute: service}}
/// privacy-unit: client_id       # count people, not rows; `row` when every row is a different person
/// derived:                      # checked on the data; only the derived column is published
///   district: {from: zip}
/// ```
///
/// The same in Swift:
///
/// ```swift
/// var settings = PublicationSettings()
/// settings.title = "Beratungsfälle 2025"
/// settings.attributes["referral"] = .init(role: .insensitive)
/// settings.privacy = .init(k: 10, suppressionLimit: 0.05)
/// ```
///
/// An unknown key is an error that names it (a misspelt `t-closness` must not
/// publish data without t-closeness).
public struct PublicationSettings: Codable, Sendable {
    /// The package's machine name, also the data file's name (lower case letters,
    /// digits and `-`); default: from the input file's name.
    public var name: String?
    /// A human title.
    public var title: String?
    /// What the data is, for `datapackage.json`.
    public var description: String?
    /// Who publishes the data.
    public var publisher: String?
    /// The licence: `CC-BY-4.0` (default), `ODbL-1.0` or `dl-de-by-2.0`.
    public var licence: String?
    /// Roles (and hierarchies) of columns, over the profile's defaults.
    public var attributes: [String: AnonymizationConfiguration.Attribute]
    /// The privacy models (default: the profile's).
    public var privacy: AnonymizationConfiguration.Privacy?
    /// What the anonymiser minimises (default: Loss).
    public var metric: UtilityMetric?
    /// One level per quasi-identifier for all rows, or per row (`nil`: global).
    public var recoding: Recoding?
    /// How thoroughly the anonymiser searches (default: automatically).
    public var search: AnonymizationConfiguration.SearchSettings?
    /// The column that identifies a person (default: the profile's, `client_id` for
    /// counselling exports); the word `row` says that every row is a different person.
    public var privacyUnit: String?
    /// Whether the person column is published (as a pseudonym). Off by default: a
    /// published person key links a person's rows, so then k must hold for whole
    /// persons (every person's set of published rows shared by k persons).
    public var publishPrivacyUnit: Bool?
    /// Columns published as they are although their values look like direct
    /// identifiers (the check refuses them otherwise); the report warns about each.
    public var allowIdentifiers: [String]
    /// Names for people, per column (`age: Alter`), shown in the report and as the
    /// field titles of `datapackage.json` instead of the profile's or the raw name.
    public var labels: [String: String]
    /// Numeric columns whose largest values are shown as a round bound, with the
    /// share of values kept as they are (`income_eur: 0.99`), over the profile's.
    public var topCoding: [String: Double]
    /// Numeric columns whose smallest values are shown as a round bound, with the
    /// share of values capped (`duration_minutes: 0.01`).
    public var bottomCoding: [String: Double]
    /// Columns computed from another, keyed by the derived column
    /// (`district: {from: zip}`), over the profile's: checked on the data, and only
    /// the derived column is published (see ``ColumnDerivation``).
    public var derived: [String: ColumnDerivation] = [:]

    /// Settings with nothing set: every default applies.
    public init(name: String? = nil, title: String? = nil, description: String? = nil, publisher: String? = nil,
                licence: String? = nil, attributes: [String: AnonymizationConfiguration.Attribute] = [:],
                privacy: AnonymizationConfiguration.Privacy? = nil, metric: UtilityMetric? = nil, recoding: Recoding? = nil,
                search: AnonymizationConfiguration.SearchSettings? = nil,
                privacyUnit: String? = nil, publishPrivacyUnit: Bool? = nil, allowIdentifiers: [String] = [],
                labels: [String: String] = [:], topCoding: [String: Double] = [:], bottomCoding: [String: Double] = [:]) {
        self.labels = labels
        self.topCoding = topCoding
        self.bottomCoding = bottomCoding
        self.name = name
        self.title = title
        self.description = description
        self.publisher = publisher
        self.licence = licence
        self.attributes = attributes
        self.privacy = privacy
        self.metric = metric
        self.recoding = recoding
        self.search = search
        self.privacyUnit = privacyUnit
        self.publishPrivacyUnit = publishPrivacyUnit
        self.allowIdentifiers = allowIdentifiers
    }

    /// Settings read from YAML (the content of a `publish.yaml`).
    ///
    /// - Throws: ``PublicationError/invalidSettings(file:reason:)`` naming the key
    ///   that is unknown or of the wrong kind.
    public init(yaml: String, file: String = "publish.yaml") throws {
        do {
            self = try YAMLDecoder().decode(PublicationSettings.self, from: yaml)
        } catch let error as DecodingError {
            throw PublicationError.invalidSettings(file: file, reason: error.bilingualSummary)
        } catch {
            throw PublicationError.invalidSettings(file: file, reason: BilingualText(de: "kein YAML", en: "not YAML"))
        }
    }

    /// Settings read from a YAML file.
    public init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PublicationError.invalidSettings(
                file: url.path, reason: BilingualText(de: "nicht als UTF-8-Text lesbar", en: "cannot be read as UTF-8 text"))
        }
        try self.init(yaml: text, file: url.path)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, title, description, publisher, licence, license, attributes, privacy, metric, recoding, search, labels
        case topCoding = "top-coding"
        case bottomCoding = "bottom-coding"
        case privacyUnit = "privacy-unit"
        case publishPrivacyUnit = "publish-privacy-unit"
        case allowIdentifiers = "allow-identifiers"
        case derived
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decodeIfPresent(String.self, forKey: .name),
            title: try container.decodeIfPresent(String.self, forKey: .title),
            description: try container.decodeIfPresent(String.self, forKey: .description),
            publisher: try container.decodeIfPresent(String.self, forKey: .publisher),
            licence: try container.decodeIfPresent(String.self, forKey: .licence)
                ?? container.decodeIfPresent(String.self, forKey: .license),
            attributes: try container.decodeIfPresent([String: AnonymizationConfiguration.Attribute].self, forKey: .attributes) ?? [:],
            privacy: try container.decodeIfPresent(AnonymizationConfiguration.Privacy.self, forKey: .privacy),
            metric: try container.decodeIfPresent(UtilityMetric.self, forKey: .metric),
            recoding: try container.decodeIfPresent(Recoding.self, forKey: .recoding),
            search: try container.decodeIfPresent(AnonymizationConfiguration.SearchSettings.self, forKey: .search),
            privacyUnit: try container.decodeIfPresent(String.self, forKey: .privacyUnit),
            publishPrivacyUnit: try container.decodeIfPresent(Bool.self, forKey: .publishPrivacyUnit),
            allowIdentifiers: try container.decodeIfPresent([String].self, forKey: .allowIdentifiers) ?? [],
            labels: try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:],
            topCoding: try container.decodeIfPresent([String: Double].self, forKey: .topCoding) ?? [:],
            bottomCoding: try container.decodeIfPresent([String: Double].self, forKey: .bottomCoding) ?? [:])
        derived = try container.decodeIfPresent([String: ColumnDerivation].self, forKey: .derived) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(publisher, forKey: .publisher)
        try container.encodeIfPresent(licence, forKey: .licence)
        if !attributes.isEmpty { try container.encode(attributes, forKey: .attributes) }
        try container.encodeIfPresent(privacy, forKey: .privacy)
        try container.encodeIfPresent(metric, forKey: .metric)
        try container.encodeIfPresent(recoding, forKey: .recoding)
        try container.encodeIfPresent(search, forKey: .search)
        try container.encodeIfPresent(privacyUnit, forKey: .privacyUnit)
        if !labels.isEmpty { try container.encode(labels, forKey: .labels) }
        if !topCoding.isEmpty { try container.encode(topCoding, forKey: .topCoding) }
        if !bottomCoding.isEmpty { try container.encode(bottomCoding, forKey: .bottomCoding) }
        try container.encodeIfPresent(publishPrivacyUnit, forKey: .publishPrivacyUnit)
        if !allowIdentifiers.isEmpty { try container.encode(allowIdentifiers, forKey: .allowIdentifiers) }
        if !derived.isEmpty { try container.encode(derived, forKey: .derived) }
    }

    /// The licence named in the settings (CC-BY-4.0 when none is).
    public func dataLicence() throws(PublicationError) -> DataPackage.License {
        switch (licence ?? "CC-BY-4.0").lowercased() {
        case "cc-by-4.0", "cc-by": return .ccBy4
        case "odbl-1.0", "odbl": return .odbl
        case "dl-de-by-2.0", "dl-de/by-2-0", "dl-de-by": return .dlDeBy2
        default:
            let named = licence ?? ""
            throw .invalidSetting(key: "licence", reason: BilingualText(
                de: "„\(named)“ ist keine der Lizenzen CC-BY-4.0, ODbL-1.0 und dl-de-by-2.0",
                en: "'\(named)' is not CC-BY-4.0, ODbL-1.0 or dl-de-by-2.0"))
        }
    }

    /// The package name: the configured one, checked to be a slug, else one made
    /// from `inputName`.
    public func packageName(inputName: String) throws(PublicationError) -> String {
        guard let name else { return slug(inputName) }
        guard !name.isEmpty, slug(name) == name else {
            throw .invalidSetting(key: "name", reason: BilingualText(
                de: "nur Kleinbuchstaben, Ziffern und „-“ verwenden (zum Beispiel „\(slug(name))“)",
                en: "use lower case letters, digits and '-' only (for example '\(slug(name))')"))
        }
        return name
    }
}

/// A file or resource name: lower case ASCII letters, digits and `-`.
func slug(_ text: String) -> String {
    let mapped = text.lowercased().map { $0.isLetter && $0.isASCII || $0.isASCII && $0.isNumber ? $0 : "-" }
    let joined = String(mapped).split(separator: "-").joined(separator: "-")
    return joined.isEmpty ? "data" : joined
}
