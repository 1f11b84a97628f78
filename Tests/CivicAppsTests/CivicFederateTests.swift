import CivicModels
import CivicPostgres
import CivicPostgresTestSupport
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// Two member casebooks report to their umbrella end to end: keys, signed reports,
/// the register, collection, the package, and the refusals.
@Suite struct CivicFederateTests {
    static let period = ReportingPeriod(year: 2025)
    static let day = CivicDate(year: 2026, month: 1, day: 15)!

    /// A member's casebook with the bundled example, consents from every `every`-th
    /// person, a key and a signed report in `folder/inbox`.
    struct Member {
        var id: String
        var publicKey: String
        var cases: Int
        var database: URL
    }

    static func member(_ id: String, consentEvery every: Int, in folder: TemporaryDirectory) throws -> Member {
        let database = folder.file("\(id).sqlite")
        func casebook(_ arguments: [String]) throws -> ProcessResult {
            try runProduct("civic-casebook", arguments + ["--database", database.path, "--actor", "tester", "--lang", "en"],
                           in: packageRoot())
        }
        #expect(try casebook(["init"]).status == 0)
        #expect(try casebook(["import"]).status == 0)
        let book = try Casebook(path: database.path, actor: "tester")
        try book.giveConsents(try book.persons().enumerated().filter { $0.offset % every == 0 }.map { index, person in
            Consent(consentID: "E-\(index)", personID: person.personID, purpose: Consent.statisticsPurpose, legalBasis: .consent,
                    given: CivicDate(year: 2024, month: 1, day: 1)!)
        })
        let keys = try runProduct("civic-casebook", ["keys", "--member", id, "--output", folder.file("\(id).key").path, "--lang", "en"])
        #expect(keys.status == 0, "\(keys.error)")
        let publicKey = try #require(keys.output.split(separator: "\n").first { $0.contains("public-key:") })
            .split(separator: " ").last.map(String.init)
        try FileManager.default.createDirectory(at: folder.file("inbox"), withIntermediateDirectories: true)
        let report = try casebook(["report", "--for", "umbrella", "--key", folder.file("\(id).key").path, "--period", "2025",
                                   "--on", Self.day.isoString, "--output", folder.file("inbox/\(id).json").path])
        #expect(report.status == 0, "\(report.error)")
        #expect(report.output.contains("signed as \(id)"))
        let cases = try book.statisticsCases(in: period, on: day).count
        return Member(id: id, publicKey: try #require(publicKey), cases: cases, database: database)
    }

    static func register(_ members: [Member], in folder: TemporaryDirectory) throws -> URL {
        try folder.write("members.yaml", text: """
            federation: Beispiel-Dachverband e.V.
            minimum-frequency: 5
            members:
            \(members.map { "  - {id: \($0.id), name: Beratung \($0.id), region: Nord, public-key: \"\($0.publicKey)\"}" }.joined(separator: "\n"))
            """)
    }

    static func federate(_ arguments: [String], lang: String = "en") throws -> ProcessResult {
        try runProduct("civic-federate", arguments + ["--lang", lang], in: packageRoot())
    }

    @Test func membersReportAndTheUmbrellaAddsUpEachOnce() throws {
        let folder = try TemporaryDirectory()
        let members = [try Self.member("nord-1", consentEvery: 1, in: folder), try Self.member("nord-2", consentEvery: 2, in: folder)]
        let register = try Self.register(members, in: folder)
        let arguments = ["collect", folder.file("inbox").path, "--members", register.path, "--into", folder.file("verband").path,
                         "--period", "2025"]
        let first = try Self.federate(arguments)
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Collected: 2 new reports (nord-1, nord-2)"))
        #expect(first.output.contains("2 of 2 members in 1 regions"))

        // The federation's grand total is both members' cases, or withheld.
        let package = folder.file("verband/package")
        let data = try CSVTableReader.read(package.appendingPathComponent("data/federation-cases.csv")).table
        let total = try #require((0..<data.rowCount).first {
            data[$0, "region"].description == "total" && data[$0, "month"].description == "total"
                && data[$0, "service"].description == "total"
        })
        #expect(data[total, "cases"].description == String(members.map(\.cases).reduce(0, +)))
        #expect(FileManager.default.fileExists(atPath: package.appendingPathComponent("datapackage.json").path))

        // Again: nothing new, each counted once.
        let again = try Self.federate(arguments, lang: "de")
        #expect(again.status == 0)
        #expect(again.output.contains("Neu übernommen: 0 Berichte") && again.output.contains("einmal gezählt: 2"))

        // The member's audit log records what left the casebook.
        let audit = try runProduct("civic-casebook", ["audit", "show", "--database", members[0].database.path, "--lang", "en"])
        #expect(audit.output.contains("aggregates for: umbrella (nord-1)"))
    }

    @Test(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipped)))
    func theUmbrellaKeepsItsFederationInPostgreSQL() async throws {
        let folder = try TemporaryDirectory()
        let members = [try Self.member("nord-1", consentEvery: 1, in: folder), try Self.member("nord-2", consentEvery: 3, in: folder)]
        let register = try Self.register(members, in: folder)
        let (database, _) = try await PostgresTestServer.emptyDatabase(prefix: "civic_federation")
        let arguments = ["collect", folder.file("inbox").path, "--members", register.path, "--into", database.description,
                         "--period", "2025"]
        let withoutPackage = try Self.federate(arguments)
        #expect(withoutPackage.status != 0 && withoutPackage.error.contains("--package"), "\(withoutPackage.error)")

        let first = try Self.federate(arguments + ["--package", folder.file("paket").path])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Collected: 2 new reports (nord-1, nord-2)"))
        let again = try Self.federate(arguments + ["--package", folder.file("paket").path])
        #expect(again.output.contains("Collected: 0 new reports") && again.output.contains("counted once: 2"), "\(again.output)")
        let data = try CSVTableReader.read(folder.file("paket/data/federation-cases.csv")).table
        #expect(data.rowCount > 0)
        try await PostgresCasebookAdministration.dropDatabase(named: database.database, on: try PostgresTestServer.server())
    }

    @Test func aChangedByteOrAnUnregisteredMemberIsRefusedAndNothingIsKept() throws {
        let folder = try TemporaryDirectory()
        let member = try Self.member("nord-1", consentEvery: 1, in: folder)
        var bytes = Array(try Data(contentsOf: folder.file("inbox/nord-1.json")))
        // The report itself holds counts only: no client number of the example.
        #expect(!String(decoding: bytes, as: UTF8.self).contains("K-00"))
        bytes[bytes.count / 3] ^= 0x02
        try FileManager.default.createDirectory(at: folder.file("changed"), withIntermediateDirectories: true)
        try folder.write("changed/nord-1.json", bytes: bytes)
        let register = try Self.register([member], in: folder)
        let into = folder.file("verband")
        let changed = try Self.federate(["collect", folder.file("changed").path, "--members", register.path, "--into", into.path,
                                         "--period", "2025"], lang: "de")
        #expect(changed.status != 0)
        #expect(changed.error.contains("nord-1.json") && changed.error.contains("nicht übernommen"))
        #expect(!FileManager.default.fileExists(atPath: into.appendingPathComponent("reports").path))

        let unknown = try Self.register([Member(id: "sued-1", publicKey: member.publicKey, cases: 0, database: into)], in: folder)
        let refused = try Self.federate(["collect", folder.file("inbox").path, "--members", unknown.path, "--into", into.path,
                                         "--period", "2025"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("member nord-1 is not in the register"))
    }

    @Test func aKeyIsNeverOverwrittenAndAThresholdBelowTwoIsRefused() throws {
        let folder = try TemporaryDirectory()
        let key = folder.file("m.key").path
        #expect(try runProduct("civic-casebook", ["keys", "--member", "m", "--output", key]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try runProduct("civic-casebook", ["keys", "--member", "m", "--output", key, "--lang", "de"])
        #expect(again.status != 0 && again.error.contains("nie überschrieben"))

        let database = folder.file("book.sqlite").path
        #expect(try runProduct("civic-casebook", ["init", "--database", database]).status == 0)
        let low = try runProduct("civic-casebook", ["report", "--for", "umbrella", "--key", key, "--threshold", "1",
                                                    "--output", folder.file("r.json").path, "--database", database, "--lang", "en"])
        #expect(low.status != 0 && low.error.contains("at least 2"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("r.json").path))
    }
}
