import CivicModels
import CivicPostgres
import CivicPostgresTestSupport
import CivicStorage
import CivicTestSupport
import Foundation
import PostgresNIO
import Testing

/// The shared casebook in PostgreSQL: the contract every store keeps, organisations
/// kept apart by the database even from SQL typed by hand, and one intact audit
/// chain under many concurrent writers.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipped)))
struct PostgresCasebookTests {
    /// A database with organisations `a` and `b`, and a login of `duty` for each.
    static func twoOrganisations(duty: PostgresCasebookAdministration.Duty = .caseworker) async throws
        -> (location: PostgresLocation, admin: PostgresCasebookAdministration, a: String, b: String, suffix: String) {
        let (location, admin, suffix) = try await PostgresTestServer.freshDatabase()
        let (a, b) = ("a-\(suffix)", "b-\(suffix)")
        for organisation in [a, b] {
            try await PostgresTestServer.addOrganisation(organisation, duty: duty, to: admin)
        }
        return (location, admin, a, b, suffix)
    }

    static func login(of organisation: String) -> String { PostgresTestServer.login(of: organisation) }

    @Test func thePostgresCasebookKeepsTheStoreContract() async throws {
        let (location, admin, a, _, _) = try await Self.twoOrganisations(duty: .dataOfficer)
        defer { Task { await admin.close() } }
        let book = try await PostgresCasebook.connect(to: location.connecting(as: Self.login(of: a), password: nil), organisation: a)
        let failures = try await CasebookStoreContract.failures(of: book)
        await book.close()
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func thePostgresCasebookKeepsTheRetentionContract() async throws {
        let (location, admin, a, _, _) = try await Self.twoOrganisations(duty: .dataOfficer)
        defer { Task { await admin.close() } }
        let book = try await PostgresCasebook.connect(to: location.connecting(as: Self.login(of: a), password: nil), organisation: a)
        let failures = try await CasebookStoreContract.retentionFailures(of: book)
        await #expect(throws: PostgresCasebookError.self, "the shared casebook holds no donations") {
            try await book.setRetentionRule(RetentionRule(records: .donations, years: 10))
        }
        await book.close()
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func aCaseworkerCannotReadOrWriteAnotherOrganisationsRowsEvenWithRawSQL() async throws {
        let (location, admin, a, b, _) = try await Self.twoOrganisations()
        let asA = location.connecting(as: Self.login(of: a), password: nil)
        let asB = location.connecting(as: Self.login(of: b), password: nil)
        let bookA = try await PostgresCasebook.connect(to: asA, organisation: a)
        try await bookA.add(Person(personID: "K-1", name: "Erika Beispiel"))
        try await bookA.add(CaseFile(caseID: "F-1", personID: "K-1", service: "Schuldnerberatung",
                                     opened: CivicDate(year: 2025, month: 1, day: 2)!))

        // Through the store: B's caseworker, pretending to work for A, is refused and sees nothing.
        let bAsA = try await PostgresCasebook.connect(to: asB, organisation: a)
        #expect(try await bAsA.person("K-1") == nil)
        await #expect(throws: CasebookError.notPermitted(.person)) {
            try await bAsA.add(Person(personID: "K-2", name: "Max Muster"))
        }
        // By hand: the database keeps B's caseworker to B's rows.
        #expect(try await PostgresTestServer.raw("SELECT count(*)::text FROM persons", at: asB) == ["0"])
        #expect(try await PostgresTestServer.raw("SELECT count(*)::text FROM cases", at: asB) == ["0"])
        #expect(try await PostgresTestServer.raw("SELECT count(*)::text FROM persons", at: asA) == ["1"])
        await #expect(throws: (any Error).self) {
            try await PostgresTestServer.raw("""
                INSERT INTO persons (organisation_id, person_number, name) VALUES ('\(a)', 'K-3', 'Eingeschleust')
                """, at: asB)
        }
        // An update or delete of rows one cannot see reaches none of them.
        #expect(try await PostgresTestServer.raw("UPDATE persons SET name = 'x' WHERE organisation_id = '\(a)' RETURNING name",
                                                 at: asB).isEmpty)
        #expect(try await PostgresTestServer.raw("UPDATE persons SET name = 'x' RETURNING name", at: asB).isEmpty)
        #expect(try await bookA.person("K-1")?.name == "Erika Beispiel")
        await #expect(throws: (any Error).self) { try await PostgresTestServer.raw("DELETE FROM persons", at: asB) }  // no right
        // Nobody but the chain's function writes the audit log, and a caseworker does not read it.
        await #expect(throws: (any Error).self) {
            try await PostgresTestServer.raw("""
                INSERT INTO audit_log VALUES ('\(b)', 99, 'x', 'x', 'create', 'person', NULL, NULL, 'x', 'x')
                """, at: asB)
        }
        await #expect(throws: (any Error).self) { try await PostgresTestServer.raw("SELECT hash FROM audit_log", at: asA) }
        await #expect(throws: CasebookError.notPermitted(.organisation)) { _ = try await bookA.verifyAudit() }
        await #expect(throws: (any Error).self) {
            try await PostgresTestServer.raw("SELECT civic_audit_append('\(a)', 'create', 'person', NULL, NULL)", at: asB)
        }
        // The owner sees both organisations' rows: A's person, and nothing of B.
        #expect(try await PostgresTestServer.raw("SELECT count(*)::text FROM persons", at: location) == ["1"])
        await bookA.close()
        await bAsA.close()
        await admin.close()
    }

    @Test func concurrentWritersLoseNoUpdateAndKeepOneChain() async throws {
        let (location, admin, a, _, suffix) = try await Self.twoOrganisations(duty: .dataOfficer)
        let asA = location.connecting(as: Self.login(of: a), password: nil)
        let book = try await PostgresCasebook.connect(to: asA, organisation: a, connections: 32)
        try await book.add(Person(personID: "K-1", name: "Erika Beispiel"))
        try await book.add(CaseFile(caseID: "F-1", personID: "K-1", service: "Schuldnerberatung",
                                    opened: CivicDate(year: 2025, month: 1, day: 2)!))
        let sessions = 32, each = 10
        try await withThrowingTaskGroup(of: Void.self) { group in
            for session in 0..<sessions {
                group.addTask {
                    for n in 0..<each {
                        try await book.addContact(CaseContact(caseID: "F-1", date: CivicDate(year: 2025, month: 2, day: 1 + n)!,
                                                              minutes: 1 + session % 3, kind: .phone))
                    }
                }
            }
            try await group.waitForAll()
        }
        let file = try #require(try await book.caseFile("F-1"))
        #expect(file.contactCount == sessions * each, "no lost update")
        let expectedMinutes = (0..<sessions).map { (1 + $0 % 3) * each }.reduce(0, +)
        #expect(file.durationMinutes == expectedMinutes)
        let audit = try await book.verifyAudit()
        #expect(audit.isIntact, "\(audit.problems)")
        #expect(audit.entries == 2 + sessions * each)
        #expect(try await book.auditEntries().allSatisfy { $0.actor == Self.login(of: a) }, "the database names the writer")
        _ = suffix
        await book.close()
        await admin.close()
    }

    @Test func theOwnerCountsTheWholeFederationAsEachOrganisationCountsItself() async throws {
        let (location, admin, a, b, _) = try await Self.twoOrganisations()
        let day = CivicDate(year: 2025, month: 12, day: 31)!
        for (organisation, cases) in [(a, 3), (b, 5)] {
            let book = try await PostgresCasebook.connect(to: location.connecting(as: Self.login(of: organisation), password: nil),
                                                          organisation: organisation)
            for n in 0..<cases {
                try await book.add(Person(personID: "K-\(n)", name: "Person \(n)"))
                try await book.add(CaseFile(caseID: "F-\(n)", personID: "K-\(n)", service: n % 2 == 0 ? "Sozialberatung" : "Suchtberatung",
                                            opened: CivicDate(year: 2025, month: 1 + n, day: 1)!))
                if n != 0 {
                    try await book.giveConsent(Consent(consentID: "E-\(n)", personID: "K-\(n)", purpose: Consent.statisticsPurpose,
                                                       legalBasis: .consent, given: CivicDate(year: 2025, month: 1, day: 1)!))
                }
            }
            let own = try await book.monthlyCases(on: day)
            #expect(own.map(\.cases).reduce(0, +) == cases - 1, "the person without consent is not counted")
            #expect(try await admin.monthlyCasesByOrganisation(on: day)[organisation] == own)
            await book.close()
        }
        await admin.close()
    }

    @Test func anUnreachableServerAndABadAddressAreNamedWithoutThePassword() async throws {
        #expect(throws: PostgresCasebookError.self) { try PostgresLocation("sqlite:book.sqlite") }
        let nobody = try PostgresLocation("postgres://nobody:geheim@127.0.0.1:1/none")
        do {
            _ = try await PostgresCasebook.connect(to: nobody, organisation: "x")
            Issue.record("connected to port 1")
        } catch let error as PostgresCasebookError {
            let message = error.message(in: .english)
            #expect(message.contains("127.0.0.1:1") && !message.contains("geheim"))
        }
    }
}
