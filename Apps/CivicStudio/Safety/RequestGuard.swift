import CivicAnalysis
import CivicModels
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// The port the server listens on, known once it runs (it may have asked for any free one).
final class BoundPort: Sendable {
    private let port = Mutex<Int?>(nil)

    /// The port, or `nil` before the server listens.
    var value: Int? { port.withLock { $0 } }

    /// Records the port.
    func set(_ value: Int) { port.withLock { $0 = value } }
}

/// The checks every request passes before any page answers it, in this order:
///
/// 1. The `Host` header names this server on the loopback address
///    (`127.0.0.1:PORT` or `localhost:PORT`), else 421 Misdirected Request. A web page
///    that points a domain of its own at 127.0.0.1 (DNS rebinding) sends its own name.
/// 2. The path begins with `/s/TOKEN/`, else 403 Forbidden: other users of the computer
///    and other web pages can reach the port but do not know the token.
/// 3. A request that changes something (any method but GET and HEAD) that says where it
///    comes from (`Origin`, `Sec-Fetch-Site`) comes from the studio's own pages, else 403.
///
/// A refusal is a short HTML page in German and English that repeats nothing of the
/// request. Every answer gets headers that keep pages and the token to the studio: no
/// scripts, no framing by other sites, no referrer to other sites, no caching.
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    let token: SessionToken
    let port: BoundPort

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let port = port.value, StudioSafety.isLoopback(host: request.head.authority, port: port) else {
            return StudioSafety.refusal(.misdirectedRequest, title: BilingualText(de: "Falsche Adresse", en: "Wrong address"),
                                        reason: BilingualText(de: "Dieser Server antwortet nur unter 127.0.0.1 oder localhost.",
                                                              en: "This server answers only as 127.0.0.1 or localhost."))
        }
        guard hasToken(request.uri.path) else {
            return StudioSafety.refusal(.forbidden, title: BilingualText(de: "Zugriff verweigert", en: "Access denied"), reason: BilingualText(
                de: "Öffnen Sie den Link, den civic-studio beim Start ausgegeben hat.",
                en: "Open the link civic-studio printed when it started."))
        }
        if request.method != .get && request.method != .head && !StudioSafety.isSameOrigin(request.headers, port: port) {
            return StudioSafety.refusal(.forbidden, title: BilingualText(de: "Abgelehnt", en: "Refused"), reason: BilingualText(
                de: "Die Anfrage kommt nicht von einer Seite von civic-studio.",
                en: "The request does not come from a page of civic-studio."))
        }
        var response = try await next(request, context)
        StudioSafety.addSafetyHeaders(to: &response.headers)
        return response
    }

    /// Whether `path` is `/s/TOKEN` or lies below it.
    func hasToken(_ path: String) -> Bool {
        let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        // "/s/TOKEN/..." splits into "", "s", "TOKEN/...".
        guard parts.count >= 3, parts[0].isEmpty, parts[1] == "s" else { return false }
        let candidate = parts[2].prefix { $0 != "/" }
        return token.matches(candidate)
    }
}

/// The safety checks and headers of ``RequestGuard``.
enum StudioSafety {
    /// Whether a `Host` header names this server: 127.0.0.1 or localhost with its port.
    static func isLoopback(host: String?, port: Int) -> Bool {
        guard let host else { return false }
        return host.lowercased() == "127.0.0.1:\(port)" || host.lowercased() == "localhost:\(port)"
    }

    /// The origins of the studio's own pages.
    static func ownOrigins(port: Int) -> [String] { ["http://127.0.0.1:\(port)", "http://localhost:\(port)"] }

    /// Whether a request that changes something comes from the studio's own pages. A
    /// request that names no origin (a program, not a browser, since browsers send
    /// `Origin` with every POST) passes: it has already shown the token.
    static func isSameOrigin(_ headers: HTTPFields, port: Int) -> Bool {
        if let origin = headers[.origin], !ownOrigins(port: port).contains(origin.lowercased()) { return false }
        if let site = headers[secFetchSite], !["same-origin", "none"].contains(site.lowercased()) { return false }
        return true
    }

    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    /// No scripts, styles and images only from the page itself, frames and forms only
    /// to the studio, no referrer to other sites (the token is in every URL), nothing
    /// cached. The referrer stays for the studio's own pages: under `no-referrer` a
    /// browser sends `Origin: null` with every form, which the Origin check refuses.
    static func addSafetyHeaders(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
        headers[frameOptions] = "SAMEORIGIN"
        headers[referrerPolicy] = "same-origin"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-store"
    }

    /// A short refusal as a page in both languages, German first, then English (a
    /// refused request cannot say which the person reads); it names neither the token
    /// nor anything of the request.
    static func refusal(_ status: HTTPResponse.Status, title: BilingualText, reason: BilingualText) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        addSafetyHeaders(to: &headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: refusalPage(title: title, reason: reason))))
    }

    /// The page of ``refusal(_:title:reason:)``: a heading and a sentence per language,
    /// the English part marked as English.
    static func refusalPage(title: BilingualText, reason: BilingualText) -> String {
        """
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeMarkup(title.german)) / \(escapeMarkup(title.english)) – civic-studio</title>
        <style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }</style>
        </head>
        <body>
        <main>
        <h1>\(escapeMarkup(title.german))</h1>
        <p>\(escapeMarkup(reason.german))</p>
        <section lang="en" aria-labelledby="english">
        <h2 id="english">\(escapeMarkup(title.english))</h2>
        <p>\(escapeMarkup(reason.english))</p>
        </section>
        </main>
        </body>
        </html>

        """
    }
}
