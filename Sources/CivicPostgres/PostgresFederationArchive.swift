import CivicModels
import CivicPublishing
import Logging
import PostgresNIO

/// An umbrella organisation's federation kept in its PostgreSQL database: the
/// members' signed reports for each period, byte for byte, and the combined cells
/// written from them, so that many periods sit side by side for queries and a report
/// collected once is recognised in every later collection, however many people
/// collect at once.
///
/// Two tables, made on first use: `federation_reports` (one row per period and
/// member: the report's identifier and its signed bytes) and `federation_cells` (the
/// package's rows: period, region, month, service, cases, status). The login needs
/// the right to create them, or to read and write them.
///
/// ```swift
/// let archive = try await PostgresFederationArchive.connect(
///     to: PostgresLocation("postgres://verband@db.local/federation"), period: ReportingPeriod(year: 2025))
/// let federation = Federation(archive: archive, members: members, packageURL: URL(fileURLWithPath: "paket-2025"))
/// try await federation.collect(from: URL(fileURLWithPath: "eingang"))
/// try await federation.writePackage(language: .german)
/// await archive.close()
/// ```
public final class PostgresFederationArchive: FederationArchive {
    public let period: ReportingPeriod
    let location: String
    let pool: QuietPool
    var client: PostgresClient { pool.client }
    var logger: Logger { pool.logger }

    /// Connects to the umbrella's database and makes the two tables if they are missing.
    ///
    /// - Throws: ``PostgresCasebookError/unreachable(location:reason:)`` if the server
    ///   cannot be reached or refuses the login.
    public static func connect(to location: PostgresLocation, period: ReportingPeriod) async throws -> PostgresFederationArchive {
        let archive = PostgresFederationArchive(location: location, period: period)
        do {
            try await location.checkReachable(logger: archive.logger)
            try await archive.client.withConnection { db in
                try await db.transaction(logger: archive.logger) { db in
                    for statement in PostgresCasebookSchema.statements(in: Self.tables) {
                        try await db.query(PostgresQuery(unsafeSQL: statement), logger: archive.logger)
                    }
                }
            }
        } catch {
            await archive.close()
            throw error
        }
        return archive
    }

    private init(location: PostgresLocation, period: ReportingPeriod) {
        self.period = period
        self.location = location.description
        self.pool = QuietPool(location, connections: 2, label: "civic.federation")
    }

    /// Closes the connections.
    public func close() async {
        await pool.close()
    }

    static let tables = """
        CREATE TABLE IF NOT EXISTS federation_reports (
            period TEXT NOT NULL,
            member TEXT NOT NULL,
            report_id TEXT NOT NULL,
            signed BYTEA NOT NULL,
            collected_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY (period, member)
        );
        CREATE TABLE IF NOT EXISTS federation_cells (
            period TEXT NOT NULL,
            region TEXT NOT NULL,
            month TEXT NOT NULL,
            service TEXT NOT NULL,
            cases INTEGER,
            status TEXT NOT NULL,
            PRIMARY KEY (period, region, month, service)
        );
        """

    /// The period as the tables key it: `2025-01:2025-12`.
    var key: String { "\(period.from):\(period.to)" }

    public func keptReports() async throws -> [KeptReport] {
        try await client.withConnection { [self] db in
            var reports: [KeptReport] = []
            for try await (member, reportID, signed) in try await db.query("""
                SELECT member, report_id, signed FROM federation_reports WHERE period = \(key) ORDER BY member
                """, logger: logger).decode((String, String, ByteBuffer).self) {
                reports.append(KeptReport(member: member, reportID: reportID, bytes: Array(buffer: signed),
                                          source: "\(location) (federation_reports, \(member))"))
            }
            return reports
        }
    }

    public func keep(_ reports: [KeptReport]) async throws {
        guard !reports.isEmpty else { return }
        try await client.transaction(logger: logger) { [self] db in
            for report in reports {
                var inserted = false
                for try await _ in try await db.query("""
                    INSERT INTO federation_reports (period, member, report_id, signed)
                    VALUES (\(key), \(report.member), \(report.reportID), \(ByteBuffer(bytes: report.bytes)))
                    ON CONFLICT (period, member) DO NOTHING RETURNING member
                    """, logger: logger) { inserted = true }
                // Someone collected a report of this member meanwhile: refuse, keep none.
                guard inserted else { throw FederationError.conflictingReport(file: report.source, member: report.member) }
            }
        }
    }

    public func record(_ tables: [RegionTable]) async throws {
        let cells = FederationCell.all(of: tables)
        let regions = cells.map { $0.region ?? "total" }, months = cells.map { $0.month ?? "total" }
        let services = cells.map { $0.service ?? "total" }, counts = cells.map { $0.cases.map(String.init) ?? "" }
        let statuses = cells.map(\.status.rawValue)
        try await client.transaction(logger: logger) { [self] db in
            try await db.query("DELETE FROM federation_cells WHERE period = \(key)", logger: logger)
            try await db.query("""
                INSERT INTO federation_cells (period, region, month, service, cases, status)
                SELECT \(key), region, month, service, NULLIF(cases, '')::integer, status
                FROM unnest(\(regions), \(months), \(services), \(counts), \(statuses))
                    AS c(region, month, service, cases, status)
                """, logger: logger)
        }
    }
}
