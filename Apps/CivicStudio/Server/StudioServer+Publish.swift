import CivicModels
import CivicPrivacy
import CivicPublishing
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ZIPFoundation

extension StudioServer {
    /// Reads the check page's form, starts publishing the upload with those choices
    /// in the background (through CivicPublishing's `FileCheck` settings and
    /// `Publication`), and sends the browser to the progress page. The publication
    /// writes the package and its ZIP to the upload's folder; when it fails, the
    /// progress page leads back to the check page with the reason, and no package is
    /// left. While the upload's publication runs, another of it is refused (other
    /// uploads publish side by side).
    func publish(_ request: Request, id: String, language l: Language) async -> Response {
        guard let file = await workspace.file(id) else { return problem(.unknownFile, l) }
        let choices: StudioFile.Choices
        do throws(UploadError) {
            choices = try await Self.choices(in: request, for: file)
        } catch {
            return problem(error.kind, l)
        }
        let job = PublicationJob(id: id, choices: choices, language: l)
        if let running = await workspace.start(job) {
            return page(.busy(running, paths: paths, language: l, otherLanguagePath: paths.check(id, l.other)), status: .conflict)
        }
        let workspace = self.workspace, beforePublishing = configuration.beforePublishing
        Task {
            await beforePublishing?()
            let outcome: Result<StudioFile.Outcome, any Error>
            do {
                outcome = .success(try await Self.runOffThePool { try Self.writePackage(of: file, job: job) })
            } catch {
                Self.removePackage(in: file.folder)
                outcome = .failure(error)
            }
            await workspace.finish(job, with: outcome)
        }
        return redirect(paths.progress(id, l))
    }

    /// The progress page of an upload's publication while it runs (it reloads itself
    /// every second through the `Refresh` header); once it has ended, the result page,
    /// or the check page with the reason it failed.
    func progress(id: String, language l: Language) async -> Response {
        // The job first, then the file: a publication that ends in between has recorded
        // its outcome by then (the other order could read the file from before the end,
        // and send a finished publication back to the check page).
        let running = await workspace.job(for: id)
        guard let file = await workspace.file(id) else { return problem(.unknownFile, l) }
        guard let job = running else {
            return redirect(file.outcome != nil ? paths.result(id, l) : paths.check(id, l))
        }
        var response = page(.progress(file, job, paths: paths, language: l))
        response.headers[Self.refresh] = "1"
        return response
    }

    /// `Refresh: 1` reloads a page after a second, without a script, and unlike
    /// `<meta http-equiv="refresh">` it is not a timed change that accessibility checkers object to.
    static let refresh = HTTPField.Name("Refresh")!

    /// Reads the check page's form and previews the consequences of those choices
    /// (CivicPublishing's `Publication.preview`: the publication runs, nothing is
    /// written), keeps the preview with the choices, and sends the browser back to
    /// the check page, where it is shown. A preview that fails is kept as its reason.
    func preview(_ request: Request, id: String, language l: Language) async -> Response {
        guard let file = await workspace.file(id) else { return problem(.unknownFile, l) }
        let choices: StudioFile.Choices
        do throws(UploadError) {
            choices = try await Self.choices(in: request, for: file)
        } catch {
            return problem(error.kind, l)
        }
        let publication = file.publication(choices, language: l)
        let preview: Result<PublicationPreview, any Error>
        do {
            preview = .success(try await Self.runOffThePool {
                try publication.preview(file.table, inputName: file.fileName)
            })
        } catch {
            preview = .failure(error)
        }
        await workspace.update(id, choices: choices, preview: preview)
        return redirect(paths.check(id, l) + "#consequences")
    }

    /// The choices the check page's form sends in `request`'s body (see
    /// ``choices(from:for:)``); a body that cannot be read is `malformed`.
    static func choices(in request: Request, for file: StudioFile) async throws(UploadError) -> StudioFile.Choices {
        let body: ByteBuffer
        do {
            var request = request
            body = try await request.collectBody(upTo: 1_000_000)
        } catch {
            throw UploadError(kind: .malformed)
        }
        return try choices(from: FormFields(urlEncoded: String(buffer: body)), for: file)
    }

    /// The choices a form names: `role-N` for the column at position N (the guess
    /// where a field is missing), `k`, `l`, and `unit` (a column or `row`).
    static func choices(from form: FormFields, for file: StudioFile) throws(UploadError) -> StudioFile.Choices {
        var choices = file.choices
        for (index, guess) in file.check.guesses.enumerated() {
            guard let value = form["role-\(index)"] else { continue }
            guard let role = AttributeRole(rawValue: value) else { throw UploadError(kind: .invalidField("role-\(index)")) }
            choices.roles[guess.column] = role
        }
        if let value = form["k"] {
            guard let k = Int(value.trimmingBlanks()), (2...1000).contains(k) else { throw UploadError(kind: .invalidField("k")) }
            choices.k = k
        }
        if let value = form["l"] {
            guard let l = Int(value.trimmingBlanks()), (2...100).contains(l) else { throw UploadError(kind: .invalidField("l")) }
            choices.l = l
        }
        if let unit = form["unit"] {
            guard unit == "row" || file.check.guesses.contains(where: { $0.column == unit }) else {
                throw UploadError(kind: .invalidField("unit"))
            }
            choices.privacyUnit = unit
        }
        return choices
    }

    /// Publishes, writes the package folder (as one step, by `PublicationResult.write`)
    /// and then its ZIP (written aside, then moved in place), telling `job` each step.
    ///
    /// - Throws: what the publication throws, or `CancellationError` when `job` is
    ///   cancelled before the ZIP is in place.
    static func writePackage(of file: StudioFile, job: PublicationJob) throws -> StudioFile.Outcome {
        let l = job.language
        var publication = file.publication(job.choices, language: l)
        publication.searchProgressInterval = .milliseconds(500)
        let result = try publication.run(file.table, inputName: file.fileName, progress: job.record)
        let packages = file.folder.appendingPathComponent("package", isDirectory: true)
        removePackage(in: file.folder)
        // Not with intermediate folders: an upload deleted meanwhile stays deleted.
        try FileManager.default.createDirectory(at: packages, withIntermediateDirectories: false)
        let folder = packages.appendingPathComponent(result.name, isDirectory: true)
        try result.write(to: folder)
        // The marker that lets a later run replace a package folder is for this
        // computer, not for the people who receive the ZIP.
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(".civic-package"))
        try job.enter(.zipping)
        let zip = file.folder.appendingPathComponent("package.zip"), partial = file.folder.appendingPathComponent("package.zip.partial")
        try FileManager.default.zipItem(at: folder, to: partial, shouldKeepParent: true)
        try FileManager.default.moveItem(at: partial, to: zip)
        guard !job.isCancelled else { throw CancellationError() }
        return StudioFile.Outcome(
            name: result.name, zip: zip, report: folder.appendingPathComponent("report.html"),
            inputRows: result.inputRows, publishedRows: result.published.rowCount,
            riskBefore: result.anonymization.riskBefore.highest, riskAfter: result.riskAfter.highest,
            language: l, result: result)
    }

    /// Runs long, blocking work (reading a file, a publication) on a thread of Dispatch's
    /// global pool, so that it does not hold one of the few threads that every request's
    /// handler needs.
    static func runOffThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Deletes a package made before, and its ZIP.
    static func removePackage(in folder: URL) {
        for name in ["package", "package.zip", "package.zip.partial"] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

extension StudioFile {
    /// The publication settings of `choices`: the matched profile's settings, else the
    /// check's proposal, with the person's corrections.
    func settings(_ choices: Choices) -> PublicationSettings {
        guard let profile else {
            return check.settings(for: table, roles: choices.roles, k: choices.k, l: choices.l, privacyUnit: choices.privacyUnit)
        }
        return check.settings(for: table, under: profile.profile, roles: choices.roles, k: choices.k, l: choices.l,
                              privacyUnit: choices.privacyUnit)
    }

    /// The publication of `choices` in `language`, with the matched profile if there is one.
    func publication(_ choices: Choices, language: Language) -> Publication {
        var publication = Publication(settings: settings(choices), language: language)
        if let profile { publication.profile = profile.profile }
        return publication
    }
}

/// The fields of a form sent as `application/x-www-form-urlencoded`.
struct FormFields {
    private var values: [String: String] = [:]

    /// The fields of `text` (`a=1&b=x+y`); the first of a repeated name counts.
    init(urlEncoded text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String? { part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = parts.first.flatMap(decoded), values[name] == nil else { continue }
            values[name] = parts.count > 1 ? decoded(parts[1]) ?? "" : ""
        }
    }

    /// The value of the field `name`.
    subscript(name: String) -> String? { values[name] }
}
