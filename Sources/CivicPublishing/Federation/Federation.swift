import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// An umbrella organisation's collection of its members' reports for one period,
/// kept in a folder: `federation.json` (the period) and `reports/`, one signed file
/// per member as it arrived.
///
/// Collecting checks every file before it keeps any: the signature against the
/// member's registered key, the period, the member's threshold. A file collected
/// before is counted once; a different report of a member that has already
/// reported is refused. The combined tables add the members up per region and
/// withhold what a member withheld, plus as few other cells as it takes that the
/// totals cannot give it away.
///
/// ```swift
/// let members = try FederationMembers.load(from: URL(fileURLWithPath: "members.yaml"))
/// let federation = try Federation(folder: URL(fileURLWithPath: "federation-2025"),
///                                 period: ReportingPeriod(year: 2025), members: members)
/// let summary = try federation.collect(from: URL(fileURLWithPath: "inbox"))
/// try federation.writePackage(language: .german)
/// ```
public struct Federation: Sendable {
    /// The folder the reports are kept in.
    public let folder: URL
    /// The months collected.
    public let period: ReportingPeriod
    /// The register of members.
    public let members: FederationMembers

    /// The federation in `folder` for `period`; a new folder is made on the first
    /// collection.
    ///
    /// - Throws: ``FederationError/notAFederationFolder(_:)`` if the folder exists
    ///   with other content, ``FederationError/wrongPeriod(file:expected:found:)``
    ///   if it collects another period.
    public init(folder: URL, period: ReportingPeriod, members: FederationMembers) throws {
        self.folder = folder
        self.period = period
        self.members = members
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

    /// What a collection found.
    public struct CollectionSummary: Sendable, Hashable {
        /// Members whose report was collected now.
        public var collected: [String] = []
        /// Members whose report was collected before (the same file, counted once).
        public var alreadyCollected: [String] = []
    }

    /// Checks every `*.json` file in `inbox` and keeps the new reports: all files or
    /// none (the first file at fault is named in the error and nothing is kept).
    public func collect(from inbox: URL) throws -> CollectionSummary {
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".json") }.sorted()
        var summary = CollectionSummary()
        var new: [String: (bytes: [UInt8], report: MemberReport)] = [:]
        for name in names {
            let source = inbox.appendingPathComponent(name).path
            guard let bytes = manager.contents(atPath: source) else { throw FederationError.malformedReport(file: source) }
            let report = try verify(Array(bytes), source: source)
            if let earlier = try storedReport(of: report.member) ?? new[report.member]?.report {
                guard earlier.reportID == report.reportID else {
                    throw FederationError.conflictingReport(file: source, member: report.member)
                }
                if new[report.member] == nil, !summary.alreadyCollected.contains(report.member) {
                    summary.alreadyCollected.append(report.member)
                }
                continue
            }
            new[report.member] = (Array(bytes), report)
            summary.collected.append(report.member)
        }
        guard !new.isEmpty || !manager.fileExists(atPath: settingsURL.path) else { return summary }
        let files = AtomicFileSet()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try manager.createDirectory(at: reportsURL, withIntermediateDirectories: true)
        try files.write(Array(try encoder.encode(Settings(period: period))) + [0x0A], to: settingsURL)
        for (member, file) in new { try files.write(file.bytes, to: reportURL(of: member)) }
        try files.commit()
        return summary
    }

    /// Every collected report, each checked again against its member's key (a file
    /// changed in the folder since is refused, not counted).
    public func collectedReports() throws -> [MemberReport] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: reportsURL.path) else { return [] }
        return try manager.contentsOfDirectory(atPath: reportsURL.path).filter { $0.hasSuffix(".json") }.sorted().map { name in
            let source = reportsURL.appendingPathComponent(name).path
            guard let bytes = manager.contents(atPath: source) else { throw FederationError.malformedReport(file: source) }
            return try verify(Array(bytes), source: source)
        }
    }

    /// The members' tables added up per region and protected again.
    ///
    /// - Throws: `TableDisclosureError` (CivicPrivacy) if no safe pattern is found (fail closed).
    public func combinedTables() throws -> [RegionTable] {
        let reports = try collectedReports()
        let byRegion = Dictionary(grouping: reports) { members.member($0.member)!.region }
        return try byRegion.keys.sorted().map { region in
            try RegionTable(region: region, reports: byRegion[region]!.sorted { $0.member < $1.member })
        }
    }

    /// The member report in `bytes`, checked: signature, member, period, threshold.
    func verify(_ bytes: [UInt8], source: String) throws -> MemberReport {
        let signed = try SignedMemberReport(bytes: bytes, source: source)
        let claimed = try signed.claimedMember(source: source)
        guard let member = members.member(claimed) else { throw FederationError.unknownMember(file: source, member: claimed) }
        let report = try signed.verifiedReport(publicKey: member.publicKey, source: source)
        guard report.period == period else { throw FederationError.wrongPeriod(file: source, expected: period, found: report.period) }
        guard report.threshold >= members.minimumFrequency else {
            throw FederationError.thresholdTooLow(file: source, threshold: report.threshold, minimum: members.minimumFrequency)
        }
        return report
    }

    private func storedReport(of member: String) throws -> MemberReport? {
        let url = reportURL(of: member)
        guard let bytes = FileManager.default.contents(atPath: url.path) else { return nil }
        return try verify(Array(bytes), source: url.path)
    }

    var settingsURL: URL { folder.appendingPathComponent("federation.json") }
    var reportsURL: URL { folder.appendingPathComponent("reports", isDirectory: true) }
    /// The package written by ``writePackage(language:license:)``.
    public var packageURL: URL { folder.appendingPathComponent("package", isDirectory: true) }

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

/// One region's members added up: cases per month and service, protected.
///
/// A cell that a member withheld is not known to the umbrella and is withheld in
/// the sum; because the members' totals are known, a lone withheld cell in a month
/// would be its total minus the rest, so further cells are withheld until no
/// withheld one is determined by the totals (checked as an attacker would, by
/// solving the margin equations).
public struct RegionTable: Sendable, Equatable {
    /// The region.
    public let region: String
    /// The members whose reports are added up.
    public let members: [String]
    /// The protected sum: months as rows, services as columns.
    public let table: ProtectedTable

    /// Adds up `reports` (of one region, one period) and protects the sum.
    public init(region: String, reports: [MemberReport]) throws {
        self.region = region
        self.members = reports.map(\.member)
        let months = Set(reports.flatMap(\.months)).sorted()
        let services = Set(reports.flatMap(\.services)).sorted()
        // The known part of every cell (margins included) and the cells not known.
        var grid = [[Int]](repeating: [Int](repeating: 0, count: services.count + 1), count: months.count + 1)
        var unknown: Set<CellPosition> = []
        for report in reports {
            let rowOf = months.indices.map { report.months.firstIndex(of: months[$0]) }
            let columnOf = services.indices.map { report.services.firstIndex(of: services[$0]) }
            func add(_ value: Int?, _ row: Int?, _ column: Int?) {
                if let value { grid[row ?? months.count][column ?? services.count] += value } else {
                    unknown.insert(CellPosition(row: row, column: column))
                }
            }
            for r in months.indices {
                for c in services.indices {
                    // A month or service the member's report does not list had no case there.
                    guard let mr = rowOf[r], let mc = columnOf[c] else { continue }
                    add(report.cells[mr][mc], r, c)
                }
                if let mr = rowOf[r] { add(report.monthTotals[mr], r, nil) }
            }
            for c in services.indices { if let mc = columnOf[c] { add(report.serviceTotals[mc], nil, c) } }
            add(report.total, nil, nil)
        }
        let sum = StatisticalTable(rowLabels: months, columnLabels: services, countsWithMargins: grid)
        table = try CellSuppression(rules: []).protect(sum, withholding: unknown)
    }

    /// Cells (totals included) withheld because a member withheld them.
    public var withheldByMembers: Int { table.primaryCount }
    /// Cells (totals included) withheld so that the others cannot be recomputed.
    public var withheldToProtect: Int { table.secondaryCount }
}
