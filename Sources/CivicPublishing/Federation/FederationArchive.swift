import CivicModels
import CivicStorage
import Foundation

/// Where an umbrella organisation keeps its members' signed reports for one period:
/// a folder (``FederationFolder``) or a database (`PostgresFederationArchive` of
/// CivicPostgres). ``Federation`` checks every report before it asks the archive to
/// keep it, and checks the kept ones again when it reads them.
public protocol FederationArchive: Sendable {
    /// The period the archive collects.
    var period: ReportingPeriod { get }
    /// Every report kept, as its signed bytes.
    func keptReports() async throws -> [KeptReport]
    /// Keeps new reports, all or none. A member that meanwhile has a report kept is
    /// refused with ``FederationError/conflictingReport(file:member:)``.
    func keep(_ reports: [KeptReport]) async throws
    /// Records the combined tables written from the kept reports (an archive that
    /// has no place for them does nothing).
    func record(_ tables: [RegionTable]) async throws
}

/// A member's signed report as an archive keeps it.
public struct KeptReport: Sendable, Hashable {
    /// The member who signed it.
    public var member: String
    /// The report's identifier (the same report collected twice has the same one).
    public var reportID: String
    /// The signed file, byte for byte.
    public var bytes: [UInt8]
    /// Where it is kept, for messages: a path, or a database and member.
    public var source: String

    /// A report as kept.
    public init(member: String, reportID: String, bytes: [UInt8], source: String) {
        self.member = member
        self.reportID = reportID
        self.bytes = bytes
        self.source = source
    }
}

/// A federation's reports kept in a folder: `federation.json` (the period) and
/// `reports/`, one signed file per member as it arrived; the package goes to
/// `package/` beside them.
public struct FederationFolder: FederationArchive {
    /// The folder.
    public let folder: URL
    /// The period collected.
    public let period: ReportingPeriod

    /// The federation folder `folder` for `period`; a new folder is made on the first
    /// collection.
    ///
    /// - Throws: ``FederationError/notAFederationFolder(_:)`` if the folder exists
    ///   with other content, ``FederationError/wrongPeriod(file:expected:found:)``
    ///   if it collects another period.
    public init(_ folder: URL, period: ReportingPeriod) throws {
        self.folder = folder
        self.period = period
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.path) else { return }
        guard let bytes = manager.contents(atPath: settingsURL.path),
              let settings = try? JSONDecoder().decode(Settings.self, from: bytes), settings.format == Settings.format else {
            let contents = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? ["?"]
            if contents.isEmpty { return }
            throw FederationError.notAFederationFolder(folder.path)
        }
        guard settings.period == period else {
            throw FederationError.wrongPeriod(file: settingsURL.path, expected: settings.period, found: period)
        }
    }

    /// The package folder beside the reports.
    public var packageURL: URL { folder.appendingPathComponent("package", isDirectory: true) }

    public func keptReports() async throws -> [KeptReport] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: reportsURL.path) else { return [] }
        return try manager.contentsOfDirectory(atPath: reportsURL.path).filter { $0.hasSuffix(".json") }.sorted().map { name in
            let source = reportsURL.appendingPathComponent(name).path
            guard let bytes = manager.contents(atPath: source) else { throw FederationError.malformedReport(file: source) }
            // Member and identifier are read again, from the checked report, by the federation.
            return KeptReport(member: "", reportID: "", bytes: Array(bytes), source: source)
        }
    }

    public func keep(_ reports: [KeptReport]) async throws {
        let manager = FileManager.default
        guard !reports.isEmpty || !manager.fileExists(atPath: settingsURL.path) else { return }
        let files = AtomicFileSet()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try manager.createDirectory(at: reportsURL, withIntermediateDirectories: true)
        try files.write(Array(try encoder.encode(Settings(period: period))) + [0x0A], to: settingsURL)
        for report in reports {
            let url = reportURL(of: report.member)
            guard !manager.fileExists(atPath: url.path) else {
                throw FederationError.conflictingReport(file: url.path, member: report.member)
            }
            try files.write(report.bytes, to: url)
        }
        try files.commit()
    }

    public func record(_ tables: [RegionTable]) async throws {}

    var settingsURL: URL { folder.appendingPathComponent("federation.json") }
    var reportsURL: URL { folder.appendingPathComponent("reports", isDirectory: true) }

    /// A member's report file; the identifier is percent-encoded so that no name
    /// leaves the folder.
    func reportURL(of member: String) -> URL {
        let safe = member.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? "member"
        return reportsURL.appendingPathComponent(safe + ".json")
    }

    private struct Settings: Codable {
        static let format = "civicdatakit-federation/1"
        var format = Settings.format
        var period: ReportingPeriod
    }
}
