import CivicAnalysis
import CivicModels
import CivicPublishing
import Foundation
import Hummingbird
import Logging
import NIOCore

/// civic-studio's web server: the journey from an export to a published package,
/// as pages in a browser, for one person on this computer.
///
/// It listens on 127.0.0.1 only, and answers only requests that carry its secret
/// token in the path, name it as 127.0.0.1 or localhost, and (when they change
/// something) come from its own pages (see the safety checks of ``run(onReady:)``).
/// Uploads and results live in a private folder (mode 0700) that is deleted when
/// ``run(onReady:)`` returns; an upload not used for the idle timeout is deleted
/// before. Its log holds no values of the data and not the token.
///
/// ```swift
/// let server = try StudioServer(configuration: StudioConfiguration(language: .german))
/// try await server.run { link in print("Öffnen Sie \(link)") }
/// ```
///
/// The pages:
///
/// | path under `/s/TOKEN` | what |
/// | --- | --- |
/// | `/` | the upload form |
/// | `POST /upload` | receives a CSV or XLSX file, checks it |
/// | `/files/ID` | civic-check's verdict, each column's role (editable), k, l, privacy unit, the preview |
/// | `POST /files/ID/preview` | previews the consequences of those choices, back to `/files/ID` |
/// | `POST /files/ID/publish` | starts the publication with those choices, in the background |
/// | `/files/ID/progress` | the publication's step while it runs (reloads itself), then the result |
/// | `/files/ID/result` | the figures, the report, the download |
/// | `/files/ID/report` | the publication's report, in the page's language |
/// | `/files/ID/package.zip`, `/files/ID/check-report` | the files |
/// | `POST /files/ID/delete` | deletes the upload and what was made from it |
///
/// Every page takes `?lang=de` or `?lang=en`.
///
/// ## Topics
/// - ``init(configuration:)``
/// - ``run(onReady:)``
/// - ``StudioConfiguration``
/// - ``SessionToken``
public struct StudioServer: Sendable {
    /// How it runs.
    public let configuration: StudioConfiguration
    let workspace: Workspace
    let port = BoundPort()
    let paths: StudioPaths

    /// A server; makes its private working folder (mode 0700) under the
    /// configuration's temporary folder.
    public init(configuration: StudioConfiguration = StudioConfiguration()) throws {
        self.configuration = configuration
        workspace = try Workspace(under: configuration.temporaryRoot)
        paths = StudioPaths(token: configuration.token)
    }

    /// The private folder that uploads and results are kept in while the server runs.
    public var workingFolder: URL { workspace.root }

    /// Listens on 127.0.0.1 until SIGINT or SIGTERM, or until the task running it is
    /// cancelled; then deletes the working folder. `onReady` receives the link to
    /// the start page, token included, once the server listens.
    public func run(onReady: @escaping @Sendable (URL) async -> Void = { _ in }) async throws {
        // Hummingbird logs no request line, and only critical errors get through: no data and
        // no token in the log, and no noise when Ctrl-C stops the server.
        var logger = Logger(label: "civic-studio")
        logger.logLevel = .critical
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname("127.0.0.1", port: configuration.port)),
            onServerRunning: { channel in
                guard let port = channel.localAddress?.port else { return }
                self.port.set(port)
                await onReady(URL(string: "http://127.0.0.1:\(port)\(paths.start(configuration.language))")!)
            },
            logger: logger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.runService() }
                group.addTask { try await sweepIdleFiles() }
                _ = try await group.next()
                group.cancelAll()
            }
        } catch is CancellationError {
            // Stopped by the caller: a normal end.
        } catch {
            await workspace.removeAll()
            throw error
        }
        await workspace.removeAll()
    }

    /// Deletes uploads unused for the idle timeout, looking a few times per timeout, until cancelled.
    private func sweepIdleFiles() async throws {
        let interval = min(configuration.idleTimeout / 4, .seconds(30))
        while true {
            try await Task.sleep(for: interval)
            await workspace.sweep(idle: configuration.idleTimeout)
        }
    }

    /// The routes, behind the safety checks.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        // Before any route, so that it guards every one, and the 404 of unknown paths.
        router.add(middleware: RequestGuard(token: configuration.token, port: port))
        let session = router.group(RouterPath(String(paths.base.dropFirst())))
        session.get { request, _ in
            let l = language(of: request)
            let idleMinutes = Int(configuration.idleTimeout.components.seconds / 60)
            return page(.start(paths: paths, language: l, uploadLimit: configuration.uploadLimit, idleMinutes: idleMinutes))
        }
        session.post("upload") { request, _ in await receiveUpload(request, language: language(of: request)) }
        session.get("files/:id") { request, context in
            let l = language(of: request)
            guard let file = await workspace.file(context.parameters.get("id") ?? "") else { return problem(.unknownFile, l) }
            let failure = file.failure.flatMap { $0.choices == file.choices ? Self.message(for: $0.error, in: l) : nil }
            return page(.check(file, paths: paths, language: l, problem: failure))
        }
        session.get("files/:id/check-report") { request, context in
            let l = language(of: request)
            guard let file = await workspace.file(context.parameters.get("id") ?? "") else { return problem(.unknownFile, l) }
            return html(file.check.report(in: l).html(), status: .ok)
        }
        session.post("files/:id/publish") { request, context in
            await publish(request, id: context.parameters.get("id") ?? "", language: language(of: request))
        }
        session.post("files/:id/preview") { request, context in
            await preview(request, id: context.parameters.get("id") ?? "", language: language(of: request))
        }
        session.get("files/:id/progress") { request, context in
            await progress(id: context.parameters.get("id") ?? "", language: language(of: request))
        }
        session.get("files/:id/result") { request, context in
            let l = language(of: request)
            guard let file = await workspace.file(context.parameters.get("id") ?? "") else { return problem(.unknownFile, l) }
            if await workspace.job(for: file.id) != nil { return redirect(paths.progress(file.id, l)) }
            guard let outcome = file.outcome else { return redirect(paths.check(file.id, l)) }
            return page(.result(file, outcome, paths: paths, language: l))
        }
        session.get("files/:id/report") { request, context in
            let l = language(of: request)
            guard let outcome = await workspace.file(context.parameters.get("id") ?? "")?.outcome else { return problem(.unknownFile, l) }
            // In the language published in, the package's own report.html; in the other,
            // the same run's report in that language (CivicPublishing's `report(in:)`).
            guard l == outcome.language else { return html(outcome.result.report(in: l).html(), status: .ok) }
            guard let report = try? String(contentsOf: outcome.report, encoding: .utf8) else { return problem(.unknownFile, l) }
            return html(report, status: .ok)
        }
        session.get("files/:id/package.zip") { request, context in
            let l = language(of: request)
            guard let outcome = await workspace.file(context.parameters.get("id") ?? "")?.outcome else { return problem(.unknownFile, l) }
            let body = try await FileIO().loadFile(path: outcome.zip.path, context: context)
            return Response(status: .ok, headers: [.contentType: "application/zip",
                                                   .contentDisposition: "attachment; filename=\"\(outcome.name).zip\""],
                            body: body)
        }
        session.post("files/:id/delete") { request, context in
            await workspace.remove(context.parameters.get("id") ?? "")
            return redirect(paths.start(language(of: request)))
        }
        return router
    }

    // MARK: Answers

    /// The language a request asks for with `?lang=`, else the configuration's.
    func language(of request: Request) -> Language {
        request.uri.queryParameters["lang"].flatMap { Language(code: String($0)) } ?? configuration.language
    }

    /// A page of the studio.
    func page(_ page: StudioPage, status: HTTPResponse.Status = .ok) -> Response {
        html(page.html(), status: status)
    }

    /// An HTML answer.
    func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A page that names an upload's or a form's problem.
    func problem(_ kind: UploadError.Kind, _ l: Language) -> Response {
        let error = UploadError(kind: kind)
        return page(.problem(error.message(in: l), paths: paths, language: l), status: error.status)
    }

    /// "See other": after a form, the browser loads the next page with GET.
    func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }
}
