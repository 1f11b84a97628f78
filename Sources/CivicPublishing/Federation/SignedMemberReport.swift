import CivicModels
import Crypto
import Foundation

/// A ``MemberReport`` as the file a member sends: the report's bytes and the
/// member's Ed25519 signature over exactly those bytes.
///
/// The file is JSON with three keys: `format`, `report` (the report's JSON, in
/// Base64 so that no reader re-spells it) and `signature` (Base64). The umbrella
/// checks the signature against the key it registered for the member before it
/// reads a single count; a file with any byte changed is refused.
///
/// ```swift
/// let file = try SignedMemberReport(signing: report, with: key)
/// try file.bytes().write(to: url)
/// let checked = try SignedMemberReport(bytes: received, source: "inbox/sb-nord.json")
///     .verifiedReport(publicKey: registered)
/// ```
public struct SignedMemberReport: Sendable, Hashable {
    /// The format of the file.
    public static let format = "civicdatakit-signed-member-report/1"

    /// The report's bytes as signed.
    public let reportBytes: [UInt8]
    /// The Ed25519 signature over ``reportBytes``.
    public let signature: [UInt8]

    /// Signs `report` with the member's key.
    ///
    /// - Throws: ``FederationError/wrongMember(file:expected:found:)`` if the key
    ///   belongs to another member than the report names.
    public init(signing report: MemberReport, with key: MemberSigningKey) throws {
        guard key.member == report.member else {
            throw FederationError.wrongMember(file: "", expected: report.member, found: key.member)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        reportBytes = Array(try encoder.encode(report))
        signature = Array(try key.privateKey.signature(for: reportBytes))
    }

    /// The signed report in a file's bytes; `source` names the file in errors.
    ///
    /// - Throws: ``FederationError/malformedReport(file:)`` if the bytes are not
    ///   such a file, spelled exactly as this library writes it.
    public init(bytes: [UInt8], source: String) throws {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Foundation.Data(bytes)),
              envelope.format == Self.format,
              let report = Foundation.Data(strictBase64: envelope.report),
              let signature = Foundation.Data(strictBase64: envelope.signature) else {
            throw FederationError.malformedReport(file: source)
        }
        self.reportBytes = Array(report)
        self.signature = Array(signature)
        // One spelling only: a file that is not byte for byte what this library
        // writes is refused, so that no change goes unnoticed, not even a space.
        guard self.bytes() == bytes else { throw FederationError.malformedReport(file: source) }
    }

    /// The file's bytes.
    public func bytes() -> [UInt8] {
        let envelope = Envelope(format: Self.format, report: Foundation.Data(reportBytes).base64EncodedString(),
                                signature: Foundation.Data(signature).base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try! encoder.encode(envelope)) + [0x0A]   // three strings always encode
    }

    /// The report, once the signature is found to be the member's.
    ///
    /// - Parameters:
    ///   - publicKey: the member's registered public key, as Base64 text.
    ///   - source: the file's name, for errors.
    /// - Throws: ``FederationError/badSignature(file:)`` if the signature does not
    ///   verify, ``FederationError/malformedReport(file:)`` if the signed bytes are
    ///   not a report.
    public func verifiedReport(publicKey: String, source: String) throws -> MemberReport {
        guard let raw = Foundation.Data(strictBase64: publicKey),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              key.isValidSignature(signature, for: reportBytes) else {
            throw FederationError.badSignature(file: source)
        }
        guard let report = try? JSONDecoder().decode(MemberReport.self, from: Foundation.Data(reportBytes)) else {
            throw FederationError.malformedReport(file: source)
        }
        return report
    }

    /// The member the report names, read before its signature is checked, to find
    /// the key to check it with (nothing else is trusted before that).
    func claimedMember(source: String) throws -> String {
        struct Claim: Decodable { var member: String }
        guard let claim = try? JSONDecoder().decode(Claim.self, from: Foundation.Data(reportBytes)) else {
            throw FederationError.malformedReport(file: source)
        }
        return claim.member
    }

    private struct Envelope: Codable {
        var format: String
        var report: String
        var signature: String
    }
}
