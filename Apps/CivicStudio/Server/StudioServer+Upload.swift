import CivicModels
import CivicPublishing
import CivicStorage
import Foundation
import Hummingbird
import NIOCore

extension StudioServer {
    /// The file types the studio reads: CSV (also as .tsv or .txt) and Excel workbooks.
    static let acceptedExtensions: Set<String> = ["csv", "tsv", "txt", "xlsx"]

    /// Receives an upload form, streams its file to the upload's folder, reads and
    /// checks it, and sends the browser on to the check page; or deletes everything
    /// it received and answers with a page that names the problem.
    func receiveUpload(_ request: Request, language l: Language) async -> Response {
        guard let contentType = request.headers[.contentType],
              let boundary = MultipartParser.boundary(ofContentType: contentType) else { return problem(.notAFormUpload, l) }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > configuration.uploadLimit {
            return problem(.tooLarge(limit: configuration.uploadLimit), l)
        }
        let id: String, folder: URL
        do {
            (id, folder) = try await workspace.newFolder()
        } catch {
            return page(.problem(Self.message(for: error, in: l), paths: paths, language: l), status: .internalServerError)
        }
        let stored: (url: URL, fileName: String)
        do {
            stored = try await store(request.body, boundary: boundary, in: folder)
        } catch {
            await workspace.remove(id)
            if let upload = error as? UploadError { return problem(upload.kind, l) }
            return page(.problem(Self.message(for: error, in: l), paths: paths, language: l), status: .badRequest)
        }
        do {
            let file = try await Self.runOffThePool { try Self.checkedFile(stored.url, fileName: stored.fileName, id: id, folder: folder) }
            await workspace.add(file)
            return redirect(paths.check(id, l))
        } catch {
            await workspace.remove(id)
            if let upload = error as? UploadError { return problem(upload.kind, l) }
            // The reader names the file by its path in the working folder: the person knows it by its name.
            let message = Self.message(for: error, in: l).replacingOccurrences(of: stored.url.path, with: stored.fileName)
            return page(.problem(message, paths: paths, language: l), status: .unprocessableContent)
        }
    }

    /// Writes the form's `file` part to `folder` as it arrives, never more than the
    /// upload limit; returns where it is and the name it had.
    private func store(_ body: RequestBody, boundary: String, in folder: URL) async throws -> (url: URL, fileName: String) {
        var parser = MultipartParser(boundary: boundary)
        let partial = folder.appendingPathComponent("upload.partial")
        var received = 0, output: FileHandle?, fileName: String?, writing = false, complete = false
        defer { try? output?.close() }
        for try await buffer in body {
            received += buffer.readableBytes
            guard received <= configuration.uploadLimit else { throw UploadError(kind: .tooLarge(limit: configuration.uploadLimit)) }
            let events: [MultipartParser.Event]
            do { events = try parser.feed(buffer.readableBytesView) } catch { throw UploadError(kind: .malformed) }
            for event in events {
                switch event {
                case .partBegins(let headers):
                    let disposition = MultipartParser.dispositionParameters(headers["content-disposition"] ?? "")
                    guard disposition["name"] == "file", fileName == nil, let name = disposition["filename"] else { continue }
                    guard let safeName = Self.safeFileName(name) else { throw UploadError(kind: .noFile) }
                    guard Self.acceptedExtensions.contains((safeName as NSString).pathExtension.lowercased()) else {
                        throw UploadError(kind: .unsupportedType)
                    }
                    guard FileManager.default.createFile(atPath: partial.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                        throw CocoaError(.fileWriteUnknown)
                    }
                    output = try FileHandle(forWritingTo: partial)
                    fileName = safeName
                    writing = true
                case .content(let bytes):
                    if writing { try output?.write(contentsOf: bytes) }
                case .partEnds:
                    if writing { writing = false; complete = true; try output?.close(); output = nil }
                }
            }
        }
        do { try parser.finish() } catch { throw UploadError(kind: .malformed) }
        guard let fileName, complete else { throw UploadError(kind: .noFile) }
        let url = folder.appendingPathComponent("input." + (fileName as NSString).pathExtension.lowercased())
        try FileManager.default.moveItem(at: partial, to: url)
        return (url, fileName)
    }

    /// Reads and checks an uploaded file; the file itself is deleted once read (the
    /// table stays in memory for the publication).
    static func checkedFile(_ url: URL, fileName: String, id: String, folder: URL) throws -> StudioFile {
        defer { try? FileManager.default.removeItem(at: url) }
        let (table, hashtags) = try TableFile.readWithHashtags(url)
        guard table.rowCount > 0, table.columnCount > 0 else { throw UploadError(kind: .empty) }
        let check = FileCheck(table, fileName: fileName, hashtags: hashtags)
        guard let profile = knownProfiles.first(where: { check.matches($0.profile) }) else {
            let choices = StudioFile.Choices(roles: Dictionary(check.guesses.map { ($0.column, $0.role) }, uniquingKeysWith: { first, _ in first }),
                                             k: 5, l: 2, privacyUnit: check.personColumn ?? "row")
            return StudioFile(id: id, folder: folder, fileName: fileName, table: table, check: check, profile: nil, choices: choices,
                              outcome: nil, preview: nil, lastUsed: ContinuousClock.now)
        }
        // The columns of a known export: start where civic-publish starts without settings.
        let unit = profile.profile.privacyUnit.flatMap { table.column(named: $0) != nil ? $0 : nil } ?? check.personColumn ?? "row"
        let choices = StudioFile.Choices(roles: check.roles(of: table, under: profile.profile), k: 5, l: 2, privacyUnit: unit)
        return StudioFile(id: id, folder: folder, fileName: fileName, table: table, check: check, profile: profile, choices: choices,
                          outcome: nil, preview: nil, lastUsed: ContinuousClock.now)
    }

    /// The domain profiles the studio recognises by their columns (``FileCheck/matches(_:)``).
    static let knownProfiles = [
        StudioFile.KnownProfile(name: BilingualText(de: "Beratungsfälle", en: "counselling cases"), profile: CounsellingProfile()),
    ]

    /// The last part of a browser's file name without control characters, at most 120
    /// characters; `nil` when nothing is left.
    static func safeFileName(_ name: String) -> String? {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
        let short = String(cleaned.prefix(120))
        return short.isEmpty || short == "." || short == ".." ? nil : short
    }

    /// A library error's message (they never hold values of the data), else a
    /// general one: an unknown error's text could name anything.
    static func message(for error: any Error, in l: Language) -> String {
        if let localized = error as? any LocalizedMessageError { return localized.message(in: l) }
        return l.pick(de: "Ein unerwarteter Fehler ist aufgetreten; nichts wurde behalten.",
                      en: "An unexpected error occurred; nothing was kept.")
    }
}
