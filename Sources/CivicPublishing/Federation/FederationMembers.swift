import CivicModels
import Foundation
import Yams

/// The umbrella's register of its members: who they are, in which region, and the
/// public key each signs its reports with.
///
/// Kept as a YAML file:
///
/// ```yaml
/// federation: Beispiel-Dachverband e.V.
/// minimum-frequency: 5
/// members:
///   - id: sb-nord
///     name: Schuldnerberatung Nord
///     region: Nord
///     public-key: 3q2+7w...   # what `civic-casebook keys` printed
/// ```
///
/// `minimum-frequency` is the smallest threshold the umbrella accepts in a report:
/// a member that protected its cells less is refused. Unknown keys are errors.
public struct FederationMembers: Sendable, Hashable, Codable {
    /// The umbrella organisation's name.
    public var federation: String
    /// The smallest per-person threshold a report must have used.
    public var minimumFrequency: Int
    /// The registered members.
    public var members: [Member]

    /// One registered member.
    public struct Member: Sendable, Hashable, Codable {
        /// The identifier the member's reports name.
        public var id: String
        /// The organisation's name.
        public var name: String
        /// The region its numbers are published under.
        public var region: String
        /// Its Ed25519 public key, Base64.
        public var publicKey: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, name, region
            case publicKey = "public-key"
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(id: try container.decode(String.self, forKey: .id), name: try container.decode(String.self, forKey: .name),
                      region: try container.decode(String.self, forKey: .region),
                      publicKey: try container.decode(String.self, forKey: .publicKey))
        }

        /// A member with the given details.
        public init(id: String, name: String, region: String, publicKey: String) {
            self.id = id
            self.name = name
            self.region = region
            self.publicKey = publicKey
        }
    }

    /// A register with the given members.
    public init(federation: String, minimumFrequency: Int = 5, members: [Member]) {
        self.federation = federation
        self.minimumFrequency = minimumFrequency
        self.members = members
    }

    /// The member with identifier `id`, if registered.
    public func member(_ id: String) -> Member? { members.first { $0.id == id } }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case federation, members
        case minimumFrequency = "minimum-frequency"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(federation: try container.decode(String.self, forKey: .federation),
                  minimumFrequency: try container.decodeIfPresent(Int.self, forKey: .minimumFrequency) ?? 5,
                  members: try container.decode([Member].self, forKey: .members))
    }

    /// The register in `url`.
    ///
    /// - Throws: ``PublicationError/invalidSettings(file:reason:)`` naming the file
    ///   and the key at fault; also for a repeated member or public key, a key that
    ///   is not an Ed25519 public key, or a minimum frequency below 2.
    public static func load(from url: URL) throws -> FederationMembers {
        func invalid(_ de: String, _ en: String) -> PublicationError {
            .invalidSettings(file: url.path, reason: BilingualText(de: de, en: en))
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw invalid("nicht als UTF-8-Text lesbar", "cannot be read as UTF-8 text")
        }
        let register: FederationMembers
        do {
            register = try YAMLDecoder().decode(FederationMembers.self, from: text)
        } catch let error as DecodingError {
            throw PublicationError.invalidSettings(file: url.path, reason: error.bilingualSummary)
        } catch {
            throw invalid("kein YAML", "not YAML")
        }
        guard register.minimumFrequency >= 2 else {
            throw invalid("minimum-frequency muss mindestens 2 sein", "minimum-frequency must be at least 2")
        }
        var seen: Set<String> = [], keys: Set<String> = []
        for member in register.members {
            guard seen.insert(member.id).inserted else {
                throw invalid("Mitglied \(member.id) steht zweimal im Verzeichnis", "member \(member.id) is listed twice")
            }
            // One key, one member: else a member could sign reports in another's name.
            guard keys.insert(member.publicKey).inserted else {
                throw invalid("\(member.id) hat denselben public-key wie ein anderes Mitglied",
                              "\(member.id) has the same public-key as another member")
            }
            guard let raw = Foundation.Data(strictBase64: member.publicKey), raw.count == 32 else {
                throw invalid("public-key von \(member.id) ist kein Ed25519-Schlüssel in Base64",
                              "public-key of \(member.id) is not an Ed25519 key in Base64")
            }
        }
        return register
    }
}
