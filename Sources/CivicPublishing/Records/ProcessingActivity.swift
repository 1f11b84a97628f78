import CivicModels
import Foundation

/// One processing activity of a ``RecordsOfProcessing``: what personal data an
/// organisation processes for one purpose, on what legal basis, whom it goes to,
/// when it is erased and how it is protected (the items of Art. 30(1) GDPR, § 31
/// KDG and § 31 DSG-EKD).
///
/// In YAML (keys in kebab-case; a list of one entry may be written as one text):
///
/// ```yaml
/// - name: Schuldnerberatung – Fallakte
///   purposes: [Beratung und Begleitung überschuldeter Haushalte]
///   legal-basis:
///     - contract
///     - {basis: consent, note: ausdrückliche Einwilligung für Gesundheitsdaten}
///   data-subjects: [Ratsuchende, Angehörige im Haushalt]
///   personal-data: [Name, Anschrift, Einkommen, Gläubiger]
///   special-categories: [Gesundheitsdaten]
///   recipients: [Gläubiger (nur mit Einwilligung)]
///   erasure: 3 Jahre nach Abschluss der Beratung
///   security-measures: [Fallakten nur für die zuständige Beraterin]
/// ```
///
/// Required are `name`, `purposes`, `legal-basis`, `data-subjects` and
/// `personal-data`; an unknown key is an error that names it.
///
/// ## Topics
///
/// ### What and why
/// - ``name``
/// - ``description``
/// - ``purposes``
/// - ``legalBasis``
/// - ``LegalBasis``
///
/// ### Whose data, and which
/// - ``dataSubjects``
/// - ``personalData``
/// - ``specialCategories``
/// - ``profiling``
///
/// ### Where it goes, how long it stays, how it is protected
/// - ``recipients``
/// - ``thirdCountryTransfers``
/// - ``ThirdCountryTransfer``
/// - ``erasure``
/// - ``securityMeasures``
public struct ProcessingActivity: Codable, Sendable, Hashable {
    /// The activity's name, e.g. "Fallverwaltung".
    public var name: String
    /// What happens in the activity, in a few sentences.
    public var description: String?
    /// The purposes of the processing (at least one).
    public var purposes: [String]
    /// The legal bases of the processing (at least one).
    public var legalBasis: [LegalBasis]
    /// The categories of people the data is about (at least one).
    public var dataSubjects: [String]
    /// The categories of personal data (at least one).
    public var personalData: [String]
    /// The special categories of personal data among them (health, religion, ethnic
    /// origin, ...; Art. 9 GDPR); empty if none.
    public var specialCategories: [String]
    /// Whether and how profiling is used; `nil` if it is not.
    public var profiling: String?
    /// The categories of recipients the data is disclosed to; empty if none.
    public var recipients: [String]
    /// Transfers to countries outside the EU and the EEA or to international organisations.
    public var thirdCountryTransfers: [ThirdCountryTransfer]
    /// When the data is erased (one rule per category of data, where they differ).
    public var erasure: [String]
    /// The technical and organisational measures that protect this activity's data,
    /// besides the general ones of the record.
    public var securityMeasures: [String]

    /// The legal basis of a processing activity: which kind of basis, and a note
    /// that says more (which contract, which law, which consent).
    ///
    /// In YAML either the word alone (`contract`) or with a note
    /// (`{basis: legal-obligation, note: § 147 AO}`).
    public struct LegalBasis: Codable, Sendable, Hashable {
        /// The kinds of legal basis the three laws share (Art. 6(1) GDPR, § 6 KDG, § 6 DSG-EKD).
        public enum Kind: String, CaseIterable, Sendable, ConfigurationChoice {
            /// The data subject has consented.
            case consent
            /// Needed for a contract with the data subject, or for steps before one.
            case contract
            /// Needed to meet a legal obligation of the controller.
            case legalObligation = "legal-obligation"
            /// Needed to protect someone's vital interests.
            case vitalInterests = "vital-interests"
            /// Needed for a task in the public interest (in the church laws also in the church's interest).
            case publicTask = "public-task"
            /// Needed for legitimate interests that the data subject's interests do not override.
            case legitimateInterests = "legitimate-interests"
        }

        /// The kind of basis.
        public var kind: Kind
        /// More about it: the contract, the law, the form of consent.
        public var note: String?

        /// A legal basis of `kind`, with an optional note.
        public init(_ kind: Kind, note: String? = nil) {
            self.kind = kind
            self.note = note
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind = "basis", note
        }

        public init(from decoder: any Decoder) throws {
            if (try? decoder.singleValueContainer().decode(String.self)) != nil {
                self.init(try Kind(from: decoder))
                return
            }
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(try container.decode(Kind.self, forKey: .kind),
                      note: try container.decodeText(forKey: .note))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encodeIfPresent(note, forKey: .note)
        }
    }

    /// A transfer of personal data to a country outside the EU and the EEA (or to an
    /// international organisation), with the safeguards that make it lawful.
    public struct ThirdCountryTransfer: Codable, Sendable, Hashable {
        /// Who receives the data, e.g. a software provider.
        public var recipient: String
        /// The country or international organisation.
        public var country: String
        /// The safeguards, e.g. an adequacy decision or standard contractual clauses.
        public var safeguards: String

        /// A transfer to `recipient` in `country` under `safeguards`.
        public init(recipient: String, country: String, safeguards: String) {
            self.recipient = recipient
            self.country = country
            self.safeguards = safeguards
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case recipient, country, safeguards
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(recipient: try container.decodeRequiredText(forKey: .recipient),
                      country: try container.decodeRequiredText(forKey: .country),
                      safeguards: try container.decodeRequiredText(forKey: .safeguards))
        }
    }

    /// An activity; `purposes`, `legalBasis`, `dataSubjects` and `personalData`
    /// should not be empty (decoding refuses a record where they are).
    public init(name: String, description: String? = nil, purposes: [String], legalBasis: [LegalBasis],
                dataSubjects: [String], personalData: [String], specialCategories: [String] = [],
                profiling: String? = nil, recipients: [String] = [], thirdCountryTransfers: [ThirdCountryTransfer] = [],
                erasure: [String] = [], securityMeasures: [String] = []) {
        self.name = name
        self.description = description
        self.purposes = purposes
        self.legalBasis = legalBasis
        self.dataSubjects = dataSubjects
        self.personalData = personalData
        self.specialCategories = specialCategories
        self.profiling = profiling
        self.recipients = recipients
        self.thirdCountryTransfers = thirdCountryTransfers
        self.erasure = erasure
        self.securityMeasures = securityMeasures
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, purposes, profiling, recipients, erasure
        case legalBasis = "legal-basis"
        case dataSubjects = "data-subjects"
        case personalData = "personal-data"
        case specialCategories = "special-categories"
        case thirdCountryTransfers = "third-country-transfers"
        case securityMeasures = "security-measures"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let legalBasis = try container.decodeIfPresent([LegalBasis].self, forKey: .legalBasis)
        guard let legalBasis else {
            throw DecodingError.keyNotFound(CodingKeys.legalBasis, .init(codingPath: container.codingPath,
                                                                         debugDescription: "no legal basis"))
        }
        guard !legalBasis.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .legalBasis, in: container, debugDescription: DecodingError.reason(
                de: "mindestens eine Rechtsgrundlage angeben", en: "give at least one legal basis"))
        }
        self.init(name: try container.decodeRequiredText(forKey: .name),
                  description: try container.decodeText(forKey: .description),
                  purposes: try container.decodeTexts(forKey: .purposes, required: BilingualText(
                      de: "mindestens einen Zweck der Verarbeitung angeben", en: "give at least one purpose of the processing")),
                  legalBasis: legalBasis,
                  dataSubjects: try container.decodeTexts(forKey: .dataSubjects, required: BilingualText(
                      de: "mindestens eine Kategorie betroffener Personen angeben", en: "give at least one category of data subjects")),
                  personalData: try container.decodeTexts(forKey: .personalData, required: BilingualText(
                      de: "mindestens eine Kategorie personenbezogener Daten angeben", en: "give at least one category of personal data")),
                  specialCategories: try container.decodeTexts(forKey: .specialCategories),
                  profiling: try container.decodeText(forKey: .profiling),
                  recipients: try container.decodeTexts(forKey: .recipients),
                  thirdCountryTransfers: try container.decodeIfPresent([ThirdCountryTransfer].self, forKey: .thirdCountryTransfers) ?? [],
                  erasure: try container.decodeTexts(forKey: .erasure),
                  securityMeasures: try container.decodeTexts(forKey: .securityMeasures))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(purposes, forKey: .purposes)
        try container.encode(legalBasis, forKey: .legalBasis)
        try container.encode(dataSubjects, forKey: .dataSubjects)
        try container.encode(personalData, forKey: .personalData)
        if !specialCategories.isEmpty { try container.encode(specialCategories, forKey: .specialCategories) }
        try container.encodeIfPresent(profiling, forKey: .profiling)
        if !recipients.isEmpty { try container.encode(recipients, forKey: .recipients) }
        if !thirdCountryTransfers.isEmpty { try container.encode(thirdCountryTransfers, forKey: .thirdCountryTransfers) }
        if !erasure.isEmpty { try container.encode(erasure, forKey: .erasure) }
        if !securityMeasures.isEmpty { try container.encode(securityMeasures, forKey: .securityMeasures) }
    }
}

extension ProcessingActivity.LegalBasis.Kind {
    /// What the kind of basis is called, in the words of `law`.
    public func label(under law: DataProtectionLaw, in language: Language) -> String {
        switch self {
        case .consent: return language.pick(de: "Einwilligung", en: "Consent")
        case .contract:
            return language.pick(de: "Erfüllung eines Vertrags oder vorvertragliche Maßnahmen",
                                 en: "Performance of a contract, or steps before entering into one")
        case .legalObligation: return language.pick(de: "Erfüllung einer rechtlichen Verpflichtung", en: "Compliance with a legal obligation")
        case .vitalInterests: return language.pick(de: "Schutz lebenswichtiger Interessen", en: "Protection of vital interests")
        case .publicTask where law == .dsgvo:
            return language.pick(de: "Wahrnehmung einer Aufgabe im öffentlichen Interesse", en: "A task carried out in the public interest")
        case .publicTask:
            return language.pick(de: "Wahrnehmung einer Aufgabe im kirchlichen oder öffentlichen Interesse",
                                 en: "A task carried out in the church's or the public interest")
        case .legitimateInterests: return language.pick(de: "Wahrung berechtigter Interessen", en: "Legitimate interests")
        }
    }

    /// Where `law` provides for this kind of basis: the point of Art. 6(1) GDPR; for
    /// the church laws their § 6 (whose numbering of the points was not confirmed).
    public func citation(under law: DataProtectionLaw, in language: Language) -> String {
        guard law == .dsgvo else { return law.citation(.lawfulness, in: language) }
        let letter: String
        switch self {
        case .consent: letter = "a"
        case .contract: letter = "b"
        case .legalObligation: letter = "c"
        case .vitalInterests: letter = "d"
        case .publicTask: letter = "e"
        case .legitimateInterests: letter = "f"
        }
        return language.pick(de: "Art. 6 Abs. 1 lit. \(letter) DSGVO", en: "Art. 6(1)(\(letter)) GDPR")
    }
}

extension KeyedDecodingContainer {
    /// An optional text: `nil` when the key is missing; an error when it is there but blank.
    func decodeText(forKey key: Key) throws -> String? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: DecodingError.reason(
                de: "leer; einen Text angeben oder die Zeile weglassen", en: "empty; give a text or leave the line out"))
        }
        return text
    }

    /// A text that must be there and must not be blank.
    func decodeRequiredText(forKey key: Key) throws -> String {
        guard let text = try decodeText(forKey: key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required"))
        }
        return text
    }

    /// A list of texts, which may also be written as one text; empty when the key
    /// is missing, unless `required` says why it must not be. A blank entry is an error.
    func decodeTexts(forKey key: Key, required: BilingualText? = nil) throws -> [String] {
        var texts: [String] = []
        if (try? decodeIfPresent(String.self, forKey: key)) != nil {
            texts = [try decode(String.self, forKey: key)]
        } else if let list = try decodeIfPresent([String].self, forKey: key) {
            texts = list
        } else if required != nil {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required"))
        }
        if let required, texts.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: DecodingError.reason(de: required.german, en: required.english))
        }
        if texts.contains(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: DecodingError.reason(
                de: "ein Eintrag ist leer", en: "an entry is empty"))
        }
        return texts
    }
}
