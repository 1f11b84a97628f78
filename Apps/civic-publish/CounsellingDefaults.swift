import CivicPrivacy

/// What `civic-publish` knows without being told: the roles of the columns of a
/// counselling-case export (the columns `civic-generate` writes), and the privacy
/// settings a counselling service can defend.
///
/// A column neither these defaults nor `publish.yaml` classify is not published:
/// the run stops and names it. Guessing would be the one way to publish a column
/// nobody looked at.
enum CounsellingDefaults {
    /// Roles (and hierarchies) of the known columns.
    static let attributes: [String: PublishAttribute] = [
        "name": PublishAttribute(.identifier),
        "case_id": PublishAttribute(.pseudonym),
        "client_id": PublishAttribute(.pseudonym),
        "birth_date": PublishAttribute(.quasiIdentifier, .dates([.month, .year])),
        "age": PublishAttribute(.quasiIdentifier, .intervals([5, 10, 20])),
        "gender": PublishAttribute(.quasiIdentifier, .levels(1)),
        "zip": PublishAttribute(.quasiIdentifier, .mask(5)),
        "district": PublishAttribute(.quasiIdentifier, .levels(1)),
        "nationality": PublishAttribute(.quasiIdentifier, .groups([nationalityRegions, nationalityGroups])),
        "household_size": PublishAttribute(.quasiIdentifier, .intervals([2, 4])),
        "start_date": PublishAttribute(.quasiIdentifier, .dates([.month, .quarter, .year])),
        "service": PublishAttribute(.sensitive),
        "outcome": PublishAttribute(.sensitive),
        "income_eur": PublishAttribute(.sensitive),
        "duration_minutes": PublishAttribute(.insensitive),
        "contacts": PublishAttribute(.insensitive),
        "notes": PublishAttribute(.freeText),
    ]

    /// k-anonymity with k = 5, at most 5 % of rows suppressed, distinct
    /// 2-diversity on the first sensitive column.
    static func privacy(firstSensitive: String?) -> AnonymizationConfiguration.Privacy {
        AnonymizationConfiguration.Privacy(
            k: 5, lDiversity: firstSensitive.map { .init(variant: "distinct", l: 2, attribute: $0) }, suppressionLimit: 0.05)
    }

    /// Nationality (as the generator writes it, German adjectives) to world region.
    static let nationalityRegions: [String: String] = [
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
    static let nationalityGroups: [String: String] = [
        "Deutschland": "deutsch", "EU": "nicht deutsch", "übriges Europa": "nicht deutsch", "Asien": "nicht deutsch",
        "Afrika": "nicht deutsch",
    ]
}
