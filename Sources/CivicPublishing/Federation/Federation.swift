import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// An umbrella organisation's collection of its members' reports for one period,
/// kept in a ``FederationArchive``: a folder, or the umbrella's database.
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
/// let summary = try await federation.collect(from: URL(fileURLWithPath: "inbox"))
/// try await federation.writePackage(language: .german)
/// ```
public struct Federation: Sendable {
    /// Where the reports are kept.
    public let archive: any FederationArchive
    /// The register of members.
    public let members: FederationMembers
    /// Where ``writePackage(language:license:)`` writes the package.
    public let packageURL: URL

    /// The months collected.
    public var period: ReportingPeriod { archive.period }

    /// The federation whose reports `archive` keeps; its package goes to `packageURL`.
    public init(archive: any FederationArchive, members: FederationMembers, packageURL: URL) {
        self.archive = archive
        self.members = members
        self.packageURL = packageURL
    }

    /// The federation in `folder` for `period` (see ``FederationFolder``), its package
    /// in `folder/package`.
    ///
    /// - Throws: what ``FederationFolder/init(_:period:)`` throws for a folder that is
    ///   not a federation's or collects another period.
    public init(folder: URL, period: ReportingPeriod, members: FederationMembers) throws {
        let archive = try FederationFolder(folder, period: period)
        self.init(archive: archive, members: members, packageURL: archive.packageURL)
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
    public func collect(from inbox: URL) async throws -> CollectionSummary {
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".json") }.sorted()
        let kept = Dictionary(try await checkedKeptReports().map { ($0.report.member, $0.report) }) { first, _ in first }
        var summary = CollectionSummary()
        var new: [String: (bytes: [UInt8], report: MemberReport, source: String)] = [:]
        for name in names {
            let source = inbox.appendingPathComponent(name).path
            guard let bytes = manager.contents(atPath: source) else { throw FederationError.malformedReport(file: source) }
            let report = try verify(Array(bytes), source: source)
            if let earlier = kept[report.member] ?? new[report.member]?.report {
                guard earlier.reportID == report.reportID else {
                    throw FederationError.conflictingReport(file: source, member: report.member)
                }
                if new[report.member] == nil, !summary.alreadyCollected.contains(report.member) {
                    summary.alreadyCollected.append(report.member)
                }
                continue
            }
            new[report.member] = (Array(bytes), report, source)
            summary.collected.append(report.member)
        }
        try await archive.keep(new.values.sorted { $0.report.member < $1.report.member }.map {
            KeptReport(member: $0.report.member, reportID: $0.report.reportID, bytes: $0.bytes, source: $0.source)
        })
        return summary
    }

    /// Every collected report, each checked again against its member's key (a file
    /// changed in the archive since is refused, not counted).
    public func collectedReports() async throws -> [MemberReport] {
        try await checkedKeptReports().map(\.report).sorted { $0.member < $1.member }
    }

    /// The members' tables added up per region and protected again.
    ///
    /// - Throws: `TableDisclosureError` (CivicPrivacy) if no safe pattern is found (fail closed).
    public func combinedTables() async throws -> [RegionTable] {
        let reports = try await collectedReports()
        let byRegion = Dictionary(grouping: reports) { members.member($0.member)!.region }
        return try byRegion.keys.sorted().map { region in
            try RegionTable(region: region, reports: byRegion[region]!.sorted { $0.member < $1.member })
        }
    }

    /// The kept reports, checked.
    private func checkedKeptReports() async throws -> [(report: MemberReport, kept: KeptReport)] {
        try await archive.keptReports().map { kept in (try verify(kept.bytes, source: kept.source), kept) }
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
