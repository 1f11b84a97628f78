import CivicModels
import CivicPrivacy

/// The profile of a counselling-case export (the columns of `CounsellingCase`,
/// which `civic-generate` writes): roles from the record's schema, hierarchies a
/// counselling service can defend, and k = 5 with distinct 2-diversity of the
/// first sensitive column at most 5 % suppression, generalised row by row (local
/// recoding), publishing age bands rather than birth dates and the district
/// rather than the postcode.
public struct CounsellingProfile: DomainProfile {
    /// The profile with its built-in hierarchies.
    public init() {}

    public var schema: Schema { CounsellingCase.schema }

    /// Clients have several cases: the client number identifies the person.
    public var privacyUnit: String? { "client_id" }

    /// The age says what a funder needs of the birth date, the district what it
    /// needs of the postcode: published, each pair would be one fact twice. The age
    /// is the whole years from the birth date to the start of the case (checked
    /// exactly: the export computes it so), and every postcode lies in one district.
    public var derivedColumns: [String: ColumnDerivation] {
        ["age": ColumnDerivation(from: "birth_date", yearsUntil: "start_date"), "district": ColumnDerivation(from: "zip")]
    }

    /// Row by row: one rare client does not coarsen a column for everyone.
    public var defaultRecoding: Recoding { .local }

    /// Age and the date of the case count twice in Loss: "how old are the clients?"
    /// and "how did the caseload develop?" are a funder's first questions. (With
    /// equal weights the bundled example keeps age to 20-year bands for 72 % of
    /// the cases; with these, for 93 %, and the year for 98 % instead of 80 %.)
    public func weight(for column: String) -> Double? {
        ["age": 2, "start_date": 2][column]
    }

    /// The highest incomes single out their clients: the top 1 % is capped.
    public var topCodedColumns: [String: Double] { ["income_eur": TopCoding.defaultQuantile] }

    /// A funder's first questions: how the caseload developed over the years, how
    /// old the clients are, and where they live, each by service.
    public var workload: [WorkloadQuery] {
        [
            WorkloadQuery(de: "Fälle nach Jahr und Angebot", en: "Cases by year and service",
                          column: "start_date", by: "service") { $0.count >= 4 ? String($0.prefix(4)) : nil },
            WorkloadQuery(de: "Fälle nach Altersgruppe (10 Jahre) und Angebot", en: "Cases by age group (10 years) and service",
                          column: "age", by: "service") { value in
                Int(value).map { "\($0 / 10 * 10)-\($0 / 10 * 10 + 9)" }
            },
            WorkloadQuery(de: "Fälle nach Bezirk und Angebot", en: "Cases by district and service",
                          column: "district", by: "service") { $0 },
        ]
    }

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

    public func label(of column: String, in language: Language) -> String? {
        let names: [String: (de: String, en: String)] = [
            "case_id": ("Fallnummer", "case number"), "client_id": ("Klientennummer", "client number"), "name": ("Name", "name"),
            "birth_date": ("Geburtsdatum", "date of birth"), "age": ("Alter", "age"), "gender": ("Geschlecht", "gender"),
            "zip": ("Postleitzahl", "postcode"), "district": ("Bezirk", "district"),
            "nationality": ("Staatsangehörigkeit", "nationality"), "household_size": ("Haushaltsgröße", "household size"),
            "service": ("Beratungsangebot", "service"), "start_date": ("Beginn", "start date"),
            "duration_minutes": ("Dauer (Minuten)", "duration (minutes)"), "contacts": ("Kontakte", "contacts"),
            "income_eur": ("Einkommen (EUR)", "income (EUR)"), "outcome": ("Ergebnis", "outcome"), "notes": ("Notizen", "notes"),
        ]
        return names[column].map { language.pick(de: $0.de, en: $0.en) }
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
