import CivicModels
import CivicStudio
import CivicTestSupport
import Foundation
import Synchronization

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
                      language: Language = .english, holding hold: PublicationHold? = nil) async throws -> RunningStudio {
        let temporary = try TemporaryDirectory()
        var configuration = StudioConfiguration(language: language, uploadLimit: uploadLimit, idleTimeout: idleTimeout,
                                                temporaryRoot: temporary.url)
        if let hold { configuration.beforePublishing = { await hold.wait() } }
        let server = try StudioServer(configuration: configuration)
        let (links, continuation) = AsyncStream.makeStream(of: URL.self)
        // The stream ends with the server, so that a server that stops before it is
        // ready fails the test with its error instead of leaving it waiting.
        let task = Task {
            defer { continuation.finish() }
            try await server.run { link in continuation.yield(link) }
        }
        var iterator = links.makeAsyncIterator()
        guard let link = await iterator.next(), let port = link.port else {
            task.cancel()
            try await task.value
            throw StudioTestError.didNotStart
        }
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

    /// Sends the check page's form to publish the upload `id` (from the studio's own pages)
    /// and returns the answer: a redirect to the progress page, or a refusal.
    func publish(_ id: String, _ fields: [(String, String)], language: Language = .english) async throws -> RawHTTPClient.Response {
        try await client.postForm("\(base)/files/\(id)/publish?lang=\(language.rawValue)", fields, headers: [("Origin", origin)])
    }

    /// Follows a progress page as a browser would (reloading it while it says to)
    /// until it leads elsewhere; returns where: the result page, or the check page.
    func waitForPublication(_ progressPath: String, timeout: Duration = .seconds(600)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let page = try await client.get(progressPath)
            if page.status == 303 { return try page.location() }
            guard page.status == 200, page.headers["refresh"] == "1" else { throw StudioTestError.unexpected(page.status) }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw StudioTestError.timedOut
    }

    /// Publishes the upload `id` and waits until it is done; returns the page it led to.
    func publishAndWait(_ id: String, _ fields: [(String, String)], language: Language = .english) async throws -> String {
        let answer = try await publish(id, fields, language: language)
        guard answer.status == 303 else { throw StudioTestError.unexpected(answer.status) }
        return try await waitForPublication(try answer.location())
    }

    /// Uploads a file from the studio's own pages (with their `Origin`) and returns the answer.
    func upload(_ fileName: String, _ contents: [UInt8], language: Language = .english) async throws -> RawHTTPClient.Response {
        try await client.upload("\(base)/upload?lang=\(language.rawValue)", fileName: fileName, contents: contents,
                                headers: [("Origin", origin)])
    }
}

enum StudioTestError: Error { case didNotStart, noLocation, timedOut, unexpected(Int) }

extension RawHTTPClient.Response {
    /// The `Location` of a redirect.
    func location() throws -> String {
        guard let location = headers["location"] else { throw StudioTestError.noLocation }
        return location
    }
}

/// Runs long, blocking work (a publication, for the expected answer) on a thread of its
/// own: on the concurrency pool it would hold up the servers of the tests running beside it.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// The upload id in a path of its pages (`/s/TOKEN/files/ID...`).
func uploadID(in path: String) throws -> String {
    let parts = path.split(separator: "?")[0].split(separator: "/")
    guard let files = parts.firstIndex(of: "files"), files + 1 < parts.count else { throw StudioTestError.noLocation }
    return String(parts[files + 1])
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


/// Holds a studio's publications before their work starts until released, so that a
/// test sees them running (the bundled example publishes in under a second).
final class PublicationHold: Sendable {
    private let isReleased = Mutex(false)

    /// Waits until ``release()``.
    func wait() async {
        while !isReleased.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// Lets every held publication, and every later one, go on.
    func release() { isReleased.withLock { $0 = true } }
}
