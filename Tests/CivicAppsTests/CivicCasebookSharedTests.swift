import CivicModels
import CivicPostgres
import CivicPostgresTestSupport
import CivicTestSupport
import Foundation
import Testing

/// civic-casebook on the shared PostgreSQL casebook (`--database postgres://...`): the
/// server `CIVIC_POSTGRES_URL` names, as `.ci/postgres start` exports it.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipped)))
struct CivicCasebookSharedTests {
    /// A fresh shared casebook with one organisation and one data officer; the officer's URL.
    static func sharedCasebook(organisation: String) async throws -> (url: String, database: String, server: PostgresLocation) {
        let (owner, admin, suffix) = try await PostgresTestServer.freshDatabase(prefix: "civic_app")
        let login = try await PostgresTestServer.addOrganisation(organisation, duty: .dataOfficer, login: "officer_\(suffix)",
                                                                 to: admin)
        await admin.close()
        return (owner.connecting(as: login, password: nil).description, owner.database, try PostgresTestServer.server())
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

        // Retention: the organisation starts with the common periods; a dry run counts,
        // --apply deletes and leaves the residue the statistics go on counting.
        let statsBefore = try casebook(["stats", "--on", "2030-01-01"], url: url)
        let casesBefore = try casebook(["case", "list"], url: url).output
        let dryRun = try casebook(["retention", "--on", "2030-01-01"], url: url)
        #expect(dryRun.status == 0 && dryRun.output.contains("cases: 3 years, then to anonymous statistics: "), "\(dryRun.output)")
        #expect(try casebook(["case", "list"], url: url).output == casesBefore, "a dry run deletes nothing")
        let applied = try casebook(["retention", "--apply", "--on", "2030-01-01"], url: url)
        #expect(applied.status == 0 && applied.output.contains("Persons with no data left, deleted: "), "\(applied.output)\(applied.error)")
        #expect(try casebook(["case", "list"], url: url).output.count < casesBefore.count, "applying deletes cases")
        #expect(try casebook(["stats", "--on", "2030-01-01"], url: url).output == statsBefore.output,
                "the residue keeps the statistics")
        let again = try casebook(["retention", "--on", "2030-01-01"], url: url)
        #expect(again.output.contains("then to anonymous statistics: 0 expired"), "\(again.output)")
        let donations = try casebook(["retention", "--set", "donations=10"], url: url, lang: "de")
        #expect(donations.status != 0 && donations.error.contains("nur in einem Fallbuch als SQLite-Datei"), "\(donations.error)")
        #expect(try casebook(["audit", "verify"], url: url).status == 0)

        // What the shared casebook cannot do is refused, not done halfway; a missing
        // organisation is named.
        let unnamed = try casebook(["stats"], url: url, organisation: nil)
        #expect(unnamed.status != 0 && unnamed.error.contains("--organisation-id"), "\(unnamed.error)")
        try await PostgresCasebookAdministration.dropDatabase(named: database, on: server)
    }
}
