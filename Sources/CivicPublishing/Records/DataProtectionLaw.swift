import CivicModels

/// The data-protection law an organisation keeps its record of processing
/// activities under: the EU's GDPR, or one of the two church laws that take its
/// place for church bodies in Germany (Art. 91 GDPR lets churches keep their own).
///
/// The three laws ask for almost the same record, but each has its own numbering
/// and some words of its own: the DSG-EKD says "verantwortliche Stelle" where the
/// GDPR and the KDG say "Verantwortlicher", and each names its data-protection
/// officer differently. A ``RecordsOfProcessing`` document takes every title,
/// heading and reference from the law it is rendered for.
///
/// ```swift
/// let law = DataProtectionLaw.kdg
/// law.recordTitle(in: .german)             // "Verzeichnis von Verarbeitungstätigkeiten nach § 31 KDG"
/// law.citation(.erasure, in: .english)     // "§ 19 KDG"
/// ```
///
/// ## Sources of the references
///
/// - **GDPR** (Regulation (EU) 2016/679): record Art. 30 (items in Art. 30(1)(a)–(g)),
///   lawfulness Art. 6(1), consent Art. 7, special categories Art. 9, access
///   Art. 15, erasure Art. 17, storage limitation Art. 5(1)(e), security Art. 32.
/// - **KDG** (Gesetz über den Kirchlichen Datenschutz, text of the VDD resolution of
///   20 November 2017, in force since 24 May 2018): the table of contents as
///   published by the dioceses gives § 6 Rechtmäßigkeit, § 7 Grundsätze, § 8
///   Einwilligung, § 11 besondere Kategorien, § 17 Auskunftsrecht, § 19 Recht auf
///   Löschung; the Catholic data-protection authorities' guidance cites § 31 Abs. 1
///   KDG for the record and § 26 KDG for the technical and organisational measures,
///   and speaks of the "betrieblicher Datenschutzbeauftragter". Not confirmed: the
///   letters of the items of § 31 Abs. 1 KDG (so the items cite "§ 31 Abs. 1 KDG"
///   without a letter) and the letter of storage limitation within § 7 KDG (cited as
///   "§ 7 KDG").
/// - **DSG-EKD** (EKD-Datenschutzgesetz of 15 November 2017, amended with effect
///   from 1 May 2025): § 31 Verzeichnis von Verarbeitungstätigkeiten, whose
///   paragraph 1 lists the controller's items, among them profiling where used and
///   the measures "gemäß § 27"; § 5 Grundsätze, § 6 Rechtmäßigkeit, § 11
///   Einwilligung, § 13 besondere Kategorien, § 19 Auskunftsrecht, § 21 Recht auf
///   Löschung, § 27 technische und organisatorische Maßnahmen; the controller is the
///   "verantwortliche Stelle", the officer the "örtlich Beauftragte" (§ 36). The item
///   list of § 31 Abs. 1 was read in the 2017 text; that the 2025 amendment left it
///   as it was is not confirmed, so the items cite "§ 31 Abs. 1 DSG-EKD" without a
///   number, and storage limitation cites "§ 5 DSG-EKD" without a number.
///
/// ## Topics
///
/// ### Names
/// - ``name(in:)``
/// - ``abbreviation(in:)``
/// - ``recordTitle(in:)``
/// - ``term(_:in:)``
///
/// ### References
/// - ``Provision``
/// - ``citation(_:in:)``
/// - ``RecordItem``
/// - ``heading(for:in:)``
/// - ``citation(for:in:)``
public enum DataProtectionLaw: String, CaseIterable, Sendable, ConfigurationChoice {
    /// The EU General Data Protection Regulation (Datenschutz-Grundverordnung).
    case dsgvo
    /// The Catholic church's Gesetz über den Kirchlichen Datenschutz.
    case kdg
    /// The Protestant church's EKD-Datenschutzgesetz.
    case dsgEKD = "dsg-ekd"

    /// A rule of the law that a record of processing refers to.
    public enum Provision: String, CaseIterable, Sendable {
        /// The duty to keep a record of processing activities.
        case recordOfProcessing
        /// The legal bases that make processing lawful.
        case lawfulness
        /// The conditions for consent.
        case consent
        /// Special categories of personal data (health, religion, origin, ...).
        case specialCategories
        /// The data subject's right of access.
        case access
        /// The right to erasure.
        case erasure
        /// Storage limitation: keep data no longer than the purpose needs.
        case storageLimitation
        /// Technical and organisational security measures.
        case securityMeasures

        /// What the provision is about, e.g. "Recht auf Löschung".
        public func title(in language: Language) -> String {
            switch self {
            case .recordOfProcessing: return language.pick(de: "Verzeichnis von Verarbeitungstätigkeiten", en: "Record of processing activities")
            case .lawfulness: return language.pick(de: "Rechtmäßigkeit der Verarbeitung", en: "Lawfulness of processing")
            case .consent: return language.pick(de: "Einwilligung", en: "Consent")
            case .specialCategories:
                return language.pick(de: "Besondere Kategorien personenbezogener Daten", en: "Special categories of personal data")
            case .access: return language.pick(de: "Auskunftsrecht der betroffenen Person", en: "The data subject's right of access")
            case .erasure: return language.pick(de: "Recht auf Löschung", en: "Right to erasure")
            case .storageLimitation: return language.pick(de: "Speicherbegrenzung", en: "Storage limitation")
            case .securityMeasures:
                return language.pick(de: "Technische und organisatorische Maßnahmen", en: "Technical and organisational measures")
            }
        }
    }

    /// A role the law names in its own words.
    public enum Term: String, CaseIterable, Sendable {
        /// Who decides on the purposes and means of processing.
        case controller
        /// A second body that decides together with the controller.
        case jointController
        /// The representative of a controller outside the EU.
        case representative
        /// The data-protection officer.
        case dataProtectionOfficer
        /// The person the data is about.
        case dataSubject
    }

    /// An item that the law requires in the controller's record.
    public enum RecordItem: String, CaseIterable, Sendable {
        /// Name and contact details of the controller, joint controller and officer.
        case controller
        /// The purposes of the processing.
        case purposes
        /// The categories of data subjects and of personal data.
        case categories
        /// Whether profiling is used (an item of the DSG-EKD only).
        case profiling
        /// The categories of recipients.
        case recipients
        /// Transfers to third countries or international organisations, with safeguards.
        case thirdCountryTransfers
        /// The time limits for erasure.
        case erasureTimeLimits
        /// A general description of the technical and organisational measures.
        case securityMeasures
    }

    /// The law's name with its abbreviation, e.g. "Datenschutz-Grundverordnung (DSGVO)".
    public func name(in language: Language) -> String {
        switch self {
        case .dsgvo:
            return language.pick(de: "Datenschutz-Grundverordnung (DSGVO)", en: "General Data Protection Regulation (GDPR)")
        case .kdg:
            return language.pick(de: "Gesetz über den Kirchlichen Datenschutz (KDG)",
                                 en: "Catholic data protection law (KDG, Gesetz über den Kirchlichen Datenschutz)")
        case .dsgEKD:
            return language.pick(de: "Datenschutzgesetz der Evangelischen Kirche in Deutschland (DSG-EKD)",
                                 en: "Protestant data protection law (DSG-EKD, EKD-Datenschutzgesetz)")
        }
    }

    /// The short name used in references: "DSGVO" (in English "GDPR"), "KDG", "DSG-EKD".
    public func abbreviation(in language: Language) -> String {
        switch self {
        case .dsgvo: return language.pick(de: "DSGVO", en: "GDPR")
        case .kdg: return "KDG"
        case .dsgEKD: return "DSG-EKD"
        }
    }

    /// The title of the record under this law, e.g. "Verzeichnis von
    /// Verarbeitungstätigkeiten nach § 31 KDG".
    public func recordTitle(in language: Language) -> String {
        let reference = citation(.recordOfProcessing, in: language)
        switch (self, language) {
        case (_, .german): return "Verzeichnis von Verarbeitungstätigkeiten nach \(reference)"
        case (.dsgvo, .english): return "Record of processing activities under \(reference)"
        case (.kdg, .english): return "Record of processing activities under \(reference) (Catholic data protection law)"
        case (.dsgEKD, .english): return "Record of processing activities under \(reference) (Protestant data protection law)"
        }
    }

    /// Where the law lays down `provision`, e.g. "Art. 17 DSGVO" or "§ 19 KDG".
    public func citation(_ provision: Provision, in language: Language) -> String {
        let number: String
        switch self {
        case .dsgvo:
            let german: String, english: String
            switch provision {
            case .recordOfProcessing: (german, english) = ("Art. 30", "Art. 30")
            case .lawfulness: (german, english) = ("Art. 6 Abs. 1", "Art. 6(1)")
            case .consent: (german, english) = ("Art. 7", "Art. 7")
            case .specialCategories: (german, english) = ("Art. 9", "Art. 9")
            case .access: (german, english) = ("Art. 15", "Art. 15")
            case .erasure: (german, english) = ("Art. 17", "Art. 17")
            case .storageLimitation: (german, english) = ("Art. 5 Abs. 1 lit. e", "Art. 5(1)(e)")
            case .securityMeasures: (german, english) = ("Art. 32", "Art. 32")
            }
            number = language.pick(de: german, en: english)
        case .kdg:
            switch provision {
            case .recordOfProcessing: number = "§ 31"
            case .lawfulness: number = language.pick(de: "§ 6 Abs. 1", en: "§ 6(1)")
            case .consent: number = "§ 8"
            case .specialCategories: number = "§ 11"
            case .access: number = "§ 17"
            case .erasure: number = "§ 19"
            case .storageLimitation: number = "§ 7"
            case .securityMeasures: number = "§ 26"
            }
        case .dsgEKD:
            switch provision {
            case .recordOfProcessing: number = "§ 31"
            case .lawfulness: number = "§ 6"
            case .consent: number = "§ 11"
            case .specialCategories: number = "§ 13"
            case .access: number = "§ 19"
            case .erasure: number = "§ 21"
            case .storageLimitation: number = "§ 5"
            case .securityMeasures: number = "§ 27"
            }
        }
        return "\(number) \(abbreviation(in: language))"
    }

    /// What the law calls `term`, in the singular and without an article
    /// ("verantwortliche Stelle" in the DSG-EKD, "Verantwortlicher" in the others).
    public func term(_ term: Term, in language: Language) -> String {
        switch (term, self) {
        case (.controller, .dsgEKD): return language.pick(de: "verantwortliche Stelle", en: "responsible body")
        case (.controller, _): return language.pick(de: "Verantwortlicher", en: "controller")
        case (.jointController, .dsgEKD):
            return language.pick(de: "gemeinsam verantwortliche Stelle", en: "jointly responsible body")
        case (.jointController, _): return language.pick(de: "gemeinsam Verantwortlicher", en: "joint controller")
        case (.representative, _): return language.pick(de: "Vertreter", en: "representative")
        case (.dataProtectionOfficer, .dsgvo): return language.pick(de: "Datenschutzbeauftragter", en: "data protection officer")
        case (.dataProtectionOfficer, .kdg):
            return language.pick(de: "betrieblicher Datenschutzbeauftragter", en: "data protection officer (betrieblicher Datenschutzbeauftragter)")
        case (.dataProtectionOfficer, .dsgEKD):
            return language.pick(de: "örtlich Beauftragte für den Datenschutz", en: "local data protection officer (örtlich Beauftragte)")
        case (.dataSubject, _): return language.pick(de: "betroffene Person", en: "data subject")
        }
    }

    /// Where the record item is required, e.g. "Art. 30 Abs. 1 lit. d DSGVO" or
    /// "§ 31 Abs. 1 KDG"; `nil` if this law does not ask for the item (profiling
    /// outside the DSG-EKD).
    public func citation(for item: RecordItem, in language: Language) -> String? {
        switch self {
        case .dsgvo:
            let letter: String
            switch item {
            case .controller: letter = "a"
            case .purposes: letter = "b"
            case .categories: letter = "c"
            case .profiling: return nil
            case .recipients: letter = "d"
            case .thirdCountryTransfers: letter = "e"
            case .erasureTimeLimits: letter = "f"
            case .securityMeasures: letter = "g"
            }
            return language.pick(de: "Art. 30 Abs. 1 lit. \(letter) DSGVO", en: "Art. 30(1)(\(letter)) GDPR")
        case .kdg:
            // The letters of § 31 Abs. 1 KDG could not be confirmed: the paragraph is cited.
            guard item != .profiling else { return nil }
            return language.pick(de: "§ 31 Abs. 1 KDG", en: "§ 31(1) KDG")
        case .dsgEKD:
            // The item numbers of § 31 Abs. 1 DSG-EKD in the 2025 text could not be confirmed.
            return language.pick(de: "§ 31 Abs. 1 DSG-EKD", en: "§ 31(1) DSG-EKD")
        }
    }

    /// The heading of a record item in this law's words with its reference, e.g.
    /// "Name und Kontaktdaten der verantwortlichen Stelle (§ 31 Abs. 1 DSG-EKD)";
    /// `nil` if this law does not ask for the item.
    public func heading(for item: RecordItem, in language: Language) -> String? {
        guard let reference = citation(for: item, in: language) else { return nil }
        return "\(title(of: item, in: language)) (\(reference))"
    }

    /// The name of a record item in this law's words, without a reference.
    func title(of item: RecordItem, in language: Language) -> String {
        switch item {
        case .controller:
            switch self {
            case .dsgEKD:
                return language.pick(de: "Name und Kontaktdaten der verantwortlichen Stelle", en: "Name and contact details of the responsible body")
            case .dsgvo, .kdg:
                return language.pick(de: "Name und Kontaktdaten des Verantwortlichen", en: "Name and contact details of the controller")
            }
        case .purposes: return language.pick(de: "Zwecke der Verarbeitung", en: "Purposes of the processing")
        case .categories:
            return language.pick(de: "Kategorien betroffener Personen und personenbezogener Daten",
                                 en: "Categories of data subjects and of personal data")
        case .profiling: return language.pick(de: "Verwendung von Profiling", en: "Use of profiling")
        case .recipients: return language.pick(de: "Kategorien von Empfängern", en: "Categories of recipients")
        case .thirdCountryTransfers:
            return language.pick(de: "Übermittlungen an Drittländer oder internationale Organisationen und geeignete Garantien",
                                 en: "Transfers to third countries or international organisations, and safeguards")
        case .erasureTimeLimits: return language.pick(de: "Fristen für die Löschung", en: "Time limits for erasure")
        case .securityMeasures:
            let reference = citation(.securityMeasures, in: language)
            return language.pick(de: "Technische und organisatorische Maßnahmen nach \(reference)",
                                 en: "Technical and organisational measures under \(reference)")
        }
    }
}
