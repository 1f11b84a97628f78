import CivicModels
import Foundation

/// How a civic-studio server runs: its port, its language, its limits.
///
/// The address is not a setting: the server listens on 127.0.0.1 only.
public struct StudioConfiguration: Sendable {
    /// The port on 127.0.0.1; 0 (the default) lets the system choose a free one.
    public var port: Int
    /// The language of pages that do not say (`?lang=de` or `?lang=en` on any page switches).
    public var language: Language
    /// The largest upload in bytes (default 200 MB); a larger one is refused and nothing of it kept.
    public var uploadLimit: Int
    /// After how long without a request to a file its upload and results are deleted (default 30 minutes).
    public var idleTimeout: Duration
    /// Where the private working folder is made (default: the system's temporary folder).
    public var temporaryRoot: URL
    /// The secret every request must carry (default: a new random one).
    public var token: SessionToken
    /// Awaited by each publication once its progress page exists and before its work
    /// starts: lets the package's tests see a publication running, however quickly it
    /// would end. Not a setting for users (`nil`: start at once).
    package var beforePublishing: (@Sendable () async -> Void)? = nil

    /// A configuration; every value has a default.
    public init(port: Int = 0, language: Language = .english, uploadLimit: Int = 200_000_000,
                idleTimeout: Duration = .seconds(30 * 60),
                temporaryRoot: URL = FileManager.default.temporaryDirectory, token: SessionToken = SessionToken()) {
        self.port = port
        self.language = language
        self.uploadLimit = uploadLimit
        self.idleTimeout = idleTimeout
        self.temporaryRoot = temporaryRoot
        self.token = token
    }
}
