import CivicModels
import CivicPublishing
import Foundation

/// The private working folder of one civic-studio session and the files in it.
///
/// The folder is made with mode 0700 (only this user can read it) under a random
/// name; each upload gets a subfolder of its own. A file's folder is deleted when the
/// person deletes it, when it has not been used for the idle timeout, and with the
/// whole folder when the server stops. Nothing is written anywhere else.
actor Workspace {
    /// The private folder.
    let root: URL
    private var files: [String: StudioFile] = [:]
    /// The publications running now, by upload: one per upload at a time (two
    /// uploads publish side by side, as two people using the studio at once would).
    private var running: [String: PublicationJob] = [:]
    /// Whether the folder is deleted for good (the server stopped).
    private var closed = false
    private let clock = ContinuousClock()

    /// Makes the private folder under `parent`.
    init(under parent: URL) throws {
        root = try Self.makePrivateFolder(under: parent)
    }

    /// A new empty folder for an upload, and its id.
    func newFolder() throws -> (id: String, folder: URL) {
        var generator = SystemRandomNumberGenerator()
        let id = SessionToken.base64URL((0..<12).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let folder = root.appendingPathComponent(id, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        return (id, folder)
    }

    /// Keeps a checked upload.
    func add(_ file: StudioFile) {
        var file = file
        file.lastUsed = clock.now
        files[file.id] = file
    }

    /// The upload with `id`, marked as used now.
    func file(_ id: String) -> StudioFile? {
        files[id]?.lastUsed = clock.now
        return files[id]
    }

    /// Starts keeping track of `job` as its upload's running publication, with its
    /// choices as the upload's, and forgets the upload's last package and failure.
    /// Returns the upload's publication that runs already instead, if there is one
    /// (and then changes nothing).
    func start(_ job: PublicationJob) -> PublicationJob? {
        if let running = running[job.id] { return running }
        guard files[job.id] != nil else { return nil }
        running[job.id] = job
        files[job.id]?.choices = job.choices
        files[job.id]?.outcome = nil
        files[job.id]?.failure = nil
        files[job.id]?.lastUsed = clock.now
        return nil
    }

    /// The publication running for the upload `id`, if one is.
    func job(for id: String) -> PublicationJob? {
        running[id]
    }

    /// Records how `job` ended: its package, or why it failed. If the upload was
    /// deleted meanwhile (or the job cancelled), deletes whatever the job wrote.
    func finish(_ job: PublicationJob, with outcome: Result<StudioFile.Outcome, any Error>) {
        if running[job.id] === job { running[job.id] = nil }
        guard !job.isCancelled, files[job.id] != nil else {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(job.id, isDirectory: true))
            if closed { try? FileManager.default.removeItem(at: root) }
            return
        }
        switch outcome {
        case .success(let made): files[job.id]?.outcome = made
        case .failure(let error): files[job.id]?.failure = StudioFile.Failure(choices: job.choices, error: error)
        }
    }

    /// Deletes an upload and everything made from it, cancelling its publication if
    /// one runs; also a folder that never became an upload.
    func remove(_ id: String) {
        running.removeValue(forKey: id)?.cancel()
        files[id] = nil
        try? FileManager.default.removeItem(at: root.appendingPathComponent(id, isDirectory: true))
    }

    /// Deletes the uploads not used for `idle`, cancelling a publication of one; returns how many went.
    /// (The progress page, reloaded every second, keeps a watched publication's upload in use.)
    @discardableResult
    func sweep(idle: Duration) -> Int {
        let now = clock.now
        let expired = files.values.filter { now - $0.lastUsed >= idle }.map(\.id)
        for id in expired { remove(id) }
        return expired.count
    }

    /// Records a preview of the consequences of `choices` (and the choices).
    func update(_ id: String, choices: StudioFile.Choices, preview: Result<PublicationPreview, any Error>) {
        files[id]?.choices = choices
        files[id]?.preview = StudioFile.Preview(choices: choices, result: preview)
        files[id]?.lastUsed = clock.now
    }

    /// The ids of the uploads kept.
    var ids: [String] { files.keys.sorted() }

    /// Deletes the private folder and everything in it, cancelling the running
    /// publications (each deletes what it wrote when it ends).
    func removeAll() {
        for job in running.values { job.cancel() }
        running = [:]
        closed = true
        files = [:]
        try? FileManager.default.removeItem(at: root)
    }

    /// A new folder with mode 0700 and a random name, made in one step (`mkdtemp`),
    /// so no one else can open it in between.
    private static func makePrivateFolder(under parent: URL) throws -> URL {
        var template = Array(parent.appendingPathComponent("civic-studio-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: parent.path])
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return URL(fileURLWithPath: path, isDirectory: true)
    }
}

/// One uploaded file in the studio: the table read from it, the check, what the
/// person chose, and the publication made with it.
struct StudioFile: Sendable {
    /// What a person chose on the check page.
    struct Choices: Sendable, Equatable {
        /// The role of each column.
        var roles: [String: AttributeRole]
        /// The smallest group of people.
        var k: Int
        /// The different values of the sensitive column every group holds (distinct l-diversity).
        var l: Int
        /// The column that identifies a person, or `row`.
        var privacyUnit: String
    }

    /// A package made from the upload.
    struct Outcome: Sendable {
        /// The package's name (its data file and the ZIP are named after it).
        let name: String
        /// The ZIP file of the package.
        let zip: URL
        /// The package's `report.html`.
        let report: URL
        /// Rows of the upload, and rows published.
        let inputRows: Int, publishedRows: Int
        /// The highest re-identification risk before and after.
        let riskBefore: Double, riskAfter: Double
        /// The language the report was written in (`report.html` in the package).
        let language: Language
        /// The publication itself, kept to render its report in the other language.
        let result: PublicationResult
    }

    /// A domain profile whose columns an upload has, and its name for people.
    struct KnownProfile: Sendable {
        /// What the profile is for ("counselling cases").
        let name: BilingualText
        /// The profile: roles, hierarchies, weights, derived columns.
        let profile: any DomainProfile
    }

    /// A publication that failed, and the choices it was made with; the check page
    /// says why while those are the file's choices.
    struct Failure: Sendable {
        /// The choices published with.
        let choices: Choices
        /// Why it failed (an error of CivicPublishing, whose message names no value).
        let error: any Error
    }

    /// The consequences of some choices, previewed before publishing: what the
    /// publication would do, or why it would fail.
    struct Preview: Sendable {
        /// The choices previewed; the preview is shown while they are the file's.
        let choices: Choices
        /// What publishing with them would do, or the error it would end with.
        let result: Result<PublicationPreview, any Error>
    }

    /// The upload's id (its folder's name).
    let id: String
    /// Its folder in the workspace.
    let folder: URL
    /// The name the file had on the person's computer.
    let fileName: String
    /// The file as a table.
    let table: Table
    /// What civic-check says about it.
    let check: FileCheck
    /// The domain profile whose columns it has, if any: the choices start from its settings.
    let profile: KnownProfile?
    /// The choices; at first the check's guesses.
    var choices: Choices
    /// The last package made, if any.
    var outcome: Outcome?
    /// Why the last publication failed, if it did.
    var failure: Failure?
    /// The last preview of the consequences, if any.
    var preview: Preview?
    /// When it was last used.
    var lastUsed: ContinuousClock.Instant
}
