import CivicModels
import CivicPrivacy

/// The profile of a counselling-case export (the columns of `CounsellingCase`,
/// which `civic-generate` writes): roles from the record's schema, hierarchies a
/// counselling service can defend, and k = 5 with distinct 2-diversity of the
/// first sensitive column at most 5 % suppression.
public struct CounsellingProfile: DomainProfile {
    /// The profile with its built-in hierarchies.
    public init() {}

    public var schema: Schema { CounsellingCase.schema }

    /// Clients have several cases: the client number identifies the person.
    public var privacyUnit: String? { "client_id" }

    public func hierarchy(for column: String) -> AnonymizationConfiguration.HierarchySpecification? {
        switch column {
        case "birth_date": .dates([.month, .year])
        case "age": .intervals([5, 10, 20])
        case "gender", "district": .levels(1)
        case "zip": .mask(5)
        case "nationality": .groups([Self.nationalityRegions, Self.nationalityGroups])
        case "household_size": .intervals([2, 4])
        case "start_date": .dates([.month, .quarter, .year])
        default: nil
        }
    }

    /// k-anonymity with k = 5, at most 5 % of rows suppressed, distinct
    /// 2-diversity on the first sensitive column.
    public func defaultPrivacy(sensitive: [String]) -> AnonymizationConfiguration.Privacy {
        .init(k: 5, lDiversity: sensitive.first.map { .init(variant: .distinct, l: 2, attribute: $0) }, suppressionLimit: 0.05)
    }

    public func recordDescription(in language: Language) -> String {
        language.pick(de: "Die anonymisierten Fälle, eine Zeile je Fall.", en: "The anonymised cases, one row per case.")
    }

    public func defaultTitle(in language: Language) -> String {
        language.pick(de: "Beratungsfälle (anonymisiert)", en: "Counselling cases (anonymised)")
    }

    /// Nationality (as the generator writes it, German adjectives) to world region.
    public static let nationalityRegions: [String: String] = [
        "deutsch": "Deutschland",
        "bulgarisch": "EU", "italienisch": "EU", "polnisch": "EU", "rumänisch": "EU", "griechisch": "EU",
        "kroatisch": "EU", "französisch": "EU", "spanisch": "EU", "österreichisch": "EU", "niederländisch": "EU",
        "russisch": "übriges Europa", "serbisch": "übriges Europa", "türkisch": "übriges Europa",
        "ukrainisch": "übriges Europa", "albanisch": "übriges Europa", "kosovarisch": "übriges Europa",
        "bosnisch": "übriges Europa",
        "afghanisch": "Asien", "irakisch": "Asien", "libanesisch": "Asien", "syrisch": "Asien",
        "vietnamesisch": "Asien", "iranisch": "Asien", "pakistanisch": "Asien", "indisch": "Asien",
        "eritreisch": "Afrika", "nigerianisch": "Afrika", "somalisch": "Afrika", "ghanaisch": "Afrika",
        "marokkanisch": "Afrika", "ägyptisch": "Afrika",
    ]

    /// World region to German or not.
    public static let nationalityGroups: [String: String] = [
        "Deutschland": "deutsch", "EU": "nicht deutsch", "übriges Europa": "nicht deutsch", "Asien": "nicht deutsch",
        "Afrika": "nicht deutsch",
    ]
}
