import CivicModels
import Foundation
import Yams

/// An organisation's record of processing activities (Verzeichnis von
/// Verarbeitungstätigkeiten): who is responsible, and for each processing activity
/// its purposes, legal basis, data, recipients, erasure periods and security
/// measures, as Art. 30(1) GDPR, § 31 KDG and § 31 DSG-EKD require.
///
/// The organisation keeps the record as a YAML file (see
/// `Examples/processing-activities.yaml`); the library turns it into the document
/// the supervisory authority may ask for, in German or English and in the terms
/// and references of the law the organisation is under:
///
/// ```swift
/// let records = try RecordsOfProcessing.load(from: URL(fileURLWithPath: "processing-activities.yaml"))
/// let page = records.html(law: .kdg, language: .german)   // "Verzeichnis von Verarbeitungstätigkeiten nach § 31 KDG"
/// try page.write(toFile: "verzeichnis.html", atomically: true, encoding: .utf8)
/// print(records.markdown(law: .dsgvo, language: .english))
/// ```
///
/// The file is read strictly: an unknown key (`purpose:` for `purposes:`) is an
/// error that names the key and the file and suggests the known one, and so is a
/// missing controller or an activity without purposes, legal basis, data subjects
/// or personal data.
///
/// ## Topics
///
/// ### Reading a record
/// - ``init(yaml:source:)``
/// - ``load(from:)``
///
/// ### Contents
/// - ``asOf``
/// - ``controller``
/// - ``Controller``
/// - ``securityMeasures``
/// - ``activities``
/// - ``ProcessingActivity``
///
/// ### Documents
/// - ``markdown(law:language:)``
/// - ``html(law:language:)``
/// - ``report(law:language:)``
/// - ``DataProtectionLaw``
public struct RecordsOfProcessing: Codable, Sendable, Hashable {
    /// The date the record describes, as `YYYY-MM-DD`; `nil` if the file gives none.
    public var asOf: String?
    /// Who is responsible for the processing.
    public var controller: Controller
    /// Technical and organisational measures that hold for every activity (each
    /// activity may add its own).
    public var securityMeasures: [String]
    /// The processing activities (at least one).
    public var activities: [ProcessingActivity]

    /// The controller (in the DSG-EKD the "verantwortliche Stelle") and whom to
    /// contact about data protection.
    public struct Controller: Codable, Sendable, Hashable {
        /// The organisation's name.
        public var name: String
        /// Its postal address.
        public var address: String
        /// How to reach it (telephone, e-mail).
        public var contact: String?
        /// How to reach its data-protection officer; `nil` if none is designated.
        public var dataProtectionOfficer: String?
        /// A joint controller and its contact details, if there is one.
        public var jointController: String?
        /// The representative in the EU of a controller outside it, if there is one.
        public var representative: String?

        /// A controller with the given details.
        public init(name: String, address: String, contact: String? = nil, dataProtectionOfficer: String? = nil,
                    jointController: String? = nil, representative: String? = nil) {
            self.name = name
            self.address = address
            self.contact = contact
            self.dataProtectionOfficer = dataProtectionOfficer
            self.jointController = jointController
            self.representative = representative
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, address, contact, representative
            case dataProtectionOfficer = "data-protection-officer"
            case jointController = "joint-controller"
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(name: try container.decodeRequiredText(forKey: .name),
                      address: try container.decodeRequiredText(forKey: .address),
                      contact: try container.decodeText(forKey: .contact),
                      dataProtectionOfficer: try container.decodeText(forKey: .dataProtectionOfficer),
                      jointController: try container.decodeText(forKey: .jointController),
                      representative: try container.decodeText(forKey: .representative))
        }
    }

    /// A record with the given contents.
    public init(asOf: String? = nil, controller: Controller, securityMeasures: [String] = [], activities: [ProcessingActivity]) {
        self.asOf = asOf
        self.controller = controller
        self.securityMeasures = securityMeasures
        self.activities = activities
    }

    /// A record read from YAML; `source` names the file in error messages.
    ///
    /// - Throws: ``PublicationError/invalidSettings(file:reason:)`` naming `source`
    ///   and the key that is unknown, missing, empty or of the wrong kind.
    public init(yaml: String, source: String) throws {
        do {
            self = try YAMLDecoder().decode(RecordsOfProcessing.self, from: yaml)
        } catch let error as DecodingError {
            throw PublicationError.invalidSettings(file: source, reason: error.bilingualSummary)
        } catch {
            throw PublicationError.invalidSettings(file: source, reason: BilingualText(de: "kein YAML", en: "not YAML"))
        }
    }

    /// A record read from a YAML file.
    ///
    /// - Throws: ``PublicationError/invalidSettings(file:reason:)`` if the file
    ///   cannot be read or does not describe a valid record.
    public static func load(from url: URL) throws -> RecordsOfProcessing {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PublicationError.invalidSettings(
                file: url.path, reason: BilingualText(de: "nicht als UTF-8-Text lesbar", en: "cannot be read as UTF-8 text"))
        }
        return try RecordsOfProcessing(yaml: text, source: url.path)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case controller, activities
        case asOf = "as-of"
        case securityMeasures = "security-measures"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let asOf = try container.decodeText(forKey: .asOf)
        if let asOf, CivicDate(iso: asOf) == nil {
            throw DecodingError.dataCorruptedError(forKey: .asOf, in: container, debugDescription: DecodingError.reason(
                de: "kein Datum der Form JJJJ-MM-TT (zum Beispiel 2025-03-01)",
                en: "not a date of the form YYYY-MM-DD (for example 2025-03-01)"))
        }
        let controller = try container.decode(Controller.self, forKey: .controller)
        let activities = try container.decode([ProcessingActivity].self, forKey: .activities)
        guard !activities.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .activities, in: container, debugDescription: DecodingError.reason(
                de: "mindestens eine Verarbeitungstätigkeit angeben", en: "give at least one processing activity"))
        }
        self.init(asOf: asOf,
                  controller: controller,
                  securityMeasures: try container.decodeTexts(forKey: .securityMeasures),
                  activities: activities)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(asOf, forKey: .asOf)
        try container.encode(controller, forKey: .controller)
        if !securityMeasures.isEmpty { try container.encode(securityMeasures, forKey: .securityMeasures) }
        try container.encode(activities, forKey: .activities)
    }
}
