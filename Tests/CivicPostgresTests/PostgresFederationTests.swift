import CivicModels
import CivicPostgres
import CivicPostgresTestSupport
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The umbrella's federation kept in PostgreSQL: the same package as from a folder, a
/// report collected once is counted once in every later collection (a new archive
/// object, as a new run would make), a changed byte is refused, and the combined
/// cells are in the database as in the package.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipped)))
struct PostgresFederationTests {
    static let year = ReportingPeriod(year: 2025)

    /// A member's key and signed report: `persons` persons with one to three cases at
    /// months and services drawn from a fixed seed.
    static func member(_ id: String, persons: Int, seed: UInt64) throws -> (key: MemberSigningKey, file: [UInt8]) {
        var random = MutationFuzzer(seed: seed)
        var cases = StatisticsCases()
        for person in 0..<persons {
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                cases.months.append(String(format: "2025-%02d", Int.random(in: 1...12, using: &random)))
                cases.services.append(["Schuldnerberatung", "Suchtberatung", "Migrationsberatung"].randomElement(using: &random)!)
                cases.persons.append("\(id)-\(person)")
            }
        }
        let key = MemberSigningKey(member: id)
        let report = try MemberReport(member: id, period: year, made: CivicDate(year: 2026, month: 1, day: 15)!, cases: cases, threshold: 5)
        return (key, try SignedMemberReport(signing: report, with: key).bytes())
    }

    @Test func aFederationInPostgresCountsEachReportOnceAcrossRunsAndWritesThePackageAsFromAFolder() async throws {
        let (location, admin, _) = try await PostgresTestServer.freshDatabase()
        let folder = try TemporaryDirectory()
        let nord = try Self.member("nord", persons: 60, seed: 1), sued = try Self.member("sued", persons: 50, seed: 2)
        let register = FederationMembers(federation: "Beispiel-Dachverband", minimumFrequency: 5, members: [
            .init(id: "nord", name: "Nord", region: "Nord", publicKey: nord.key.publicKeyText),
            .init(id: "sued", name: "Süd", region: "Süd", publicKey: sued.key.publicKeyText),
        ])
        let inbox = folder.file("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Foundation.Data(nord.file).write(to: inbox.appendingPathComponent("nord.json"))

        // First run: nord's report only.
        let first = try await PostgresFederationArchive.connect(to: location, period: Self.year)
        let federation = Federation(archive: first, members: register, packageURL: folder.file("package"))
        #expect(try await federation.collect(from: inbox).collected == ["nord"])
        await first.close()

        // A later run (a new archive object): nord's file again and sued's; nord counts once.
        try Foundation.Data(sued.file).write(to: inbox.appendingPathComponent("sued.json"))
        let second = try await PostgresFederationArchive.connect(to: location, period: Self.year)
        let again = Federation(archive: second, members: register, packageURL: folder.file("package"))
        let summary = try await again.collect(from: inbox)
        #expect(summary.collected == ["sued"] && summary.alreadyCollected == ["nord"])

        // A changed byte in a new file is refused, and nothing of that run is kept.
        var changed = nord.file
        changed[changed.count / 2] ^= 0x01
        try Foundation.Data(changed).write(to: inbox.appendingPathComponent("nord-again.json"))
        await #expect(throws: FederationError.self) { try await again.collect(from: inbox) }
        try FileManager.default.removeItem(at: inbox.appendingPathComponent("nord-again.json"))

        // The package is the one a folder federation writes from the same reports, and
        // the database holds its cells.
        let tables = try await again.writePackage(language: .english)
        let reference = try Federation(folder: folder.file("reference"), period: Self.year, members: register)
        _ = try await reference.collect(from: inbox)
        #expect(tables == (try await reference.combinedTables()))
        let written = try String(contentsOf: folder.file("package/data/\(Federation.dataFileName)"), encoding: .utf8)
        let rows = written.split(separator: "\n").count - 1
        #expect(try await PostgresTestServer.raw("SELECT count(*)::text FROM federation_cells", at: location) == [String(rows)])
        let total = FederationCell.all(of: tables).first { $0.region == nil && $0.month == nil && $0.service == nil }
        let stored = try await PostgresTestServer.raw("""
            SELECT coalesce(cases::text, '') FROM federation_cells WHERE region = 'total' AND month = 'total' AND service = 'total'
            """, at: location)
        #expect(stored == [total?.cases.map(String.init) ?? ""])
        #expect(try await PostgresTestServer.raw("SELECT count(*)::text FROM federation_reports", at: location) == ["2"])
        await second.close()
        await admin.close()
    }
}
