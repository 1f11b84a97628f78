import CivicModels
import CivicPostgres
import CivicTestSupport
import Foundation
import Testing

/// civic-casebook on the shared PostgreSQL casebook (`--database postgres://...`): the
/// server `CIVIC_POSTGRES_URL` names, as `.ci/postgres start` exports it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CIVIC_POSTGRES_URL"] != nil,
                "PostgreSQL tests skipped: no server (set CIVIC_POSTGRES_URL)"))
struct CivicCasebookSharedTests {
    /// A fresh shared casebook with one organisation and one data officer; the officer's URL.
    static func sharedCasebook(organisation: String) async throws -> (url: String, database: String, server: PostgresLocation) {
        let server = try PostgresLocation(ProcessInfo.processInfo.environment["CIVIC_POSTGRES_URL"]!)
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        let name = "civic_app_\(suffix)"
        try await PostgresCasebookAdministration.createDatabase(named: name, on: server)
        var owner = server
        owner.database = name
        let admin = try await PostgresCasebookAdministration.connect(to: owner)
        _ = try await admin.install()
        try await admin.register(Organisation(organisationID: organisation, name: "Beratungsstelle Nord"))
        let login = "officer_\(suffix)"
        try await admin.createLogin(login, password: nil)
        try await admin.addStaff(login, to: organisation, duty: .dataOfficer)
        await admin.close()
        return (owner.connecting(as: login, password: nil).description, name, server)
    }

    private func casebook(_ arguments: [String], url: String, organisation: String? = "sb-nord",
                          lang: String = "en") throws -> ProcessResult {
        try runProduct("civic-casebook", arguments + ["--database", url, "--lang", lang]
                                         + (organisation.map { ["--organisation-id", $0] } ?? []), in: packageRoot())
    }

    @Test func recordsImportStatisticsAndTheAuditWorkOnTheSharedCasebook() async throws {
        let (url, database, server) = try await Self.sharedCasebook(organisation: "sb-nord")
        let added = try casebook(["person", "add", "K-1", "--name", "Erika Beispiel"], url: url)
        #expect(added.status == 0, "\(added.error)")
        #expect(try casebook(["case", "add", "F-1", "--person", "K-1", "--service", "Schuldnerberatung", "--opened", "2025-01-02"],
                             url: url).status == 0)
        #expect(try casebook(["consent", "give", "K-1", "--purpose", "statistics", "--date", "2025-01-02"], url: url).status == 0)
        let imported = try casebook(["import"], url: url)
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("Cases: 3,000 new"), "\(imported.output)")
        let stats = try casebook(["stats", "--on", "2025-06-30"], url: url)
        #expect(stats.output.contains("2025-01\tSchuldnerberatung\t1") && stats.output.contains("Total: 1 cases."), "\(stats.output)")
        let verified = try casebook(["audit", "verify"], url: url)
        #expect(verified.status == 0 && verified.output.contains("Audit log intact: 4 entries"), "\(verified.output)")

        // Access and erasure, the people's rights, work there too, and the export for publication.
        let folder = try TemporaryDirectory()
        let export = try casebook(["export", "--output", folder.file("statistik.csv").path, "--on", "2025-06-30"], url: url)
        #expect(export.status == 0 && export.output.contains("Wrote 1 cases"), "\(export.output)\(export.error)")
        let access = try casebook(["subject-access", "K-1", "--output", folder.file("auskunft").path], url: url)
        #expect(access.status == 0, "\(access.error)")
        let answer = try String(contentsOf: folder.file("auskunft.json"), encoding: .utf8)
        #expect(answer.contains("Erika Beispiel") && answer.contains("F-1"))
        let erased = try casebook(["erase", "K-1", "--yes"], url: url)
        #expect(erased.status == 0 && erased.output.contains("cases: 1"), "\(erased.output)")
        #expect(try casebook(["person", "show", "K-1"], url: url).status != 0)
        #expect(try casebook(["audit", "verify"], url: url).output.contains("Audit log intact: 7 entries"))

        // What the shared casebook cannot do yet is refused, not done halfway; a missing
        // organisation is named.
        let retention = try casebook(["retention", "--apply"], url: url, lang: "de")
        #expect(retention.status != 0 && retention.error.contains("nur in einem Fallbuch als SQLite-Datei"), "\(retention.error)")
        let unnamed = try casebook(["stats"], url: url, organisation: nil)
        #expect(unnamed.status != 0 && unnamed.error.contains("--organisation-id"), "\(unnamed.error)")
        try await PostgresCasebookAdministration.dropDatabase(named: database, on: server)
    }
}
