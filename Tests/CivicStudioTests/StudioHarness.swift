import CivicModels
import CivicStudio
import CivicTestSupport
import Foundation

/// A civic-studio server running in this test process on a free port of 127.0.0.1,
/// with its working folder under a temporary folder of its own.
struct RunningStudio {
    let server: StudioServer
    let client: RawHTTPClient
    let port: Int
    let temporary: TemporaryDirectory
    private let task: Task<Void, any Error>

    /// `/s/TOKEN`, the prefix of every page.
    var base: String { "/s/\(server.configuration.token.value)" }
    /// The origin of the studio's pages.
    var origin: String { "http://127.0.0.1:\(port)" }

    /// Starts a server and waits until it listens.
    static func start(uploadLimit: Int = 200_000_000, idleTimeout: Duration = .seconds(600),
                      language: Language = .english) async throws -> RunningStudio {
        let temporary = try TemporaryDirectory()
        let server = try StudioServer(configuration: StudioConfiguration(
            language: language, uploadLimit: uploadLimit, idleTimeout: idleTimeout, temporaryRoot: temporary.url))
        let (links, continuation) = AsyncStream.makeStream(of: URL.self)
        let task = Task { try await server.run { link in continuation.yield(link) } }
        var iterator = links.makeAsyncIterator()
        guard let link = await iterator.next(), let port = link.port else { throw StudioTestError.didNotStart }
        return RunningStudio(server: server, client: RawHTTPClient(port: port), port: port, temporary: temporary, task: task)
    }

    /// Stops the server and waits until it has.
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// The upload folders in the working folder.
    func uploadFolders() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: server.workingFolder.path).sorted()
    }

    /// Uploads a file from the studio's own pages (with their `Origin`) and returns the answer.
    func upload(_ fileName: String, _ contents: [UInt8], language: Language = .english) async throws -> RawHTTPClient.Response {
        try await client.upload("\(base)/upload?lang=\(language.rawValue)", fileName: fileName, contents: contents,
                                headers: [("Origin", origin)])
    }
}

enum StudioTestError: Error { case didNotStart, noLocation }

extension RawHTTPClient.Response {
    /// The `Location` of a redirect.
    func location() throws -> String {
        guard let location = headers["location"] else { throw StudioTestError.noLocation }
        return location
    }
}

/// The bundled example export.
func exampleExport() throws -> (url: URL, bytes: [UInt8]) {
    let url = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")
    return (url, Array(try Data(contentsOf: url)))
}

/// `text` as the studio's pages write it.
func htmlEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}
