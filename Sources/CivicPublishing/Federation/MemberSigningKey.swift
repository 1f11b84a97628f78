import CivicModels
import CivicStorage
import Crypto
import Foundation

/// A member organisation's Ed25519 key for signing its reports to the umbrella.
///
/// The member keeps the private key (a file readable by its owner only) and
/// registers the public key with the umbrella once; the umbrella then accepts only
/// reports that this key signed, so nobody else can report in the member's name
/// and no report can be changed on its way.
///
/// ```swift
/// let key = MemberSigningKey(member: "sb-nord")
/// try key.save(to: URL(fileURLWithPath: "sb-nord.key"))
/// print(key.publicKeyText)   // what the umbrella puts in its register
/// ```
public struct MemberSigningKey: Sendable {
    /// The format of the key file.
    public static let format = "civicdatakit-member-key/1"

    /// The member's identifier in the umbrella's register.
    public let member: String
    let privateKey: Curve25519.Signing.PrivateKey

    /// A new random key for `member`.
    public init(member: String) {
        self.member = member
        self.privateKey = Curve25519.Signing.PrivateKey()
    }

    /// The public key as Base64 text, for the umbrella's register.
    public var publicKeyText: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    /// Writes the key to a new file readable by its owner only.
    ///
    /// - Throws: ``FederationError/keyFileExists(_:)`` rather than overwrite a key:
    ///   a lost key means registering a new one.
    public func save(to url: URL) throws {
        guard !FileManager.default.fileExists(atPath: url.path) else { throw FederationError.keyFileExists(url.path) }
        let file = KeyFile(format: Self.format, member: member,
                           privateKey: privateKey.rawRepresentation.base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let files = AtomicFileSet()
        try files.write(Array(try encoder.encode(file)) + [0x0A], to: url, permissions: 0o600)
        try files.commit()
    }

    /// The key in `url`.
    ///
    /// - Throws: ``FederationError/invalidKeyFile(_:)`` naming the file (never its
    ///   content) if it is not a member key.
    public static func load(from url: URL) throws -> MemberSigningKey {
        guard let bytes = FileManager.default.contents(atPath: url.path),
              let file = try? JSONDecoder().decode(KeyFile.self, from: bytes), file.format == format,
              let raw = Foundation.Data(strictBase64: file.privateKey),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw FederationError.invalidKeyFile(url.path)
        }
        return MemberSigningKey(member: file.member, privateKey: key)
    }

    private init(member: String, privateKey: Curve25519.Signing.PrivateKey) {
        self.member = member
        self.privateKey = privateKey
    }

    private struct KeyFile: Codable {
        var format: String
        var member: String
        var privateKey: String

        enum CodingKeys: String, CodingKey {
            case format, member
            case privateKey = "private-key"
        }
    }
}

extension Foundation.Data {
    /// Decodes Base64 only when `text` is exactly what encoding the result gives
    /// back: no line breaks, no padding left out, no stray bits in the last
    /// character. A signed file then has one spelling, and any changed byte shows.
    init?(strictBase64 text: String) {
        guard let data = Foundation.Data(base64Encoded: text), data.base64EncodedString() == text else { return nil }
        self = data
    }
}
