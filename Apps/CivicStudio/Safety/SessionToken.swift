/// The secret that every request to a running civic-studio must carry: 32 random
/// bytes from the system's secure generator, written in base64url (43 characters,
/// safe in a URL path).
///
/// The token stands in the path of every page (`/s/TOKEN/...`), so that other
/// users of the computer and web pages in the browser, which can reach the
/// loopback port but do not know the token, cannot call the server.
public struct SessionToken: Sendable, Equatable, CustomStringConvertible {
    /// The token as it appears in URLs.
    public let value: String

    /// A new random token.
    public init() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        value = Self.base64URL(bytes)
    }

    /// A token with a given value (for tests).
    public init(value: String) {
        self.value = value
    }

    /// Hidden, so that a token printed by accident (in a log, an error) shows nothing.
    public var description: String { "SessionToken(…)" }

    /// Whether `candidate` is the token, compared in time that does not depend on
    /// where the first difference is.
    public func matches(_ candidate: some StringProtocol) -> Bool {
        let expected = Array(value.utf8), given = Array(candidate.utf8)
        var difference = UInt8(truncatingIfNeeded: expected.count ^ given.count)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }

    /// `bytes` in base64url without padding (RFC 4648, section 5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var text = "", bits = 0, count = 0
        for byte in bytes {
            bits = (bits << 8) | Int(byte)
            count += 8
            while count >= 6 {
                count -= 6
                text.append(alphabet[(bits >> count) & 63])
            }
        }
        if count > 0 { text.append(alphabet[(bits << (6 - count)) & 63]) }
        return text
    }
}
