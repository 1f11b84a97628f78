import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPostgres
import CivicStorage
import Foundation

/// The shared casebook's targets (issue #20): monthly statistics for one
/// organisation and for the whole federation on 10 million cases of 100
/// organisations, and 32 concurrent caseworker sessions writing contacts, with
/// throughput, latency percentiles and the audit chains verified afterwards.
///
/// The cases are generated on the server by SQL as the owner (a bulk load without
/// audit entries, to reach ten million quickly; the load time is printed but is not
/// the import path). Everything after it goes through `PostgresCasebook` as staff
/// logins, as an application would. A fresh database is made and dropped.
struct PostgresBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postgres",
        abstract: "The shared casebook in PostgreSQL: statistics on many cases, concurrent writers.")

    @Option(help: "The server, as its owner (default: CIVIC_POSTGRES_URL, e.g. from .ci/postgres start).")
    var url = ProcessInfo.processInfo.environment["CIVIC_POSTGRES_URL"] ?? ""
    @Option(help: "Cases to generate.") var cases = 10_000_000
    @Option(help: "Organisations to spread them over.") var organisations = 100
    @Option(help: "Concurrent writing sessions.") var sessions = 32
    @Option(help: "Seconds the sessions write.") var seconds = 10.0
    @Flag(help: "All sessions write for one organisation (one audit chain) instead of one each.")
    var sameOrganisation = false

    struct Result: Encodable {
        var benchmark = "postgres"
        var cases: Int
        var organisations: Int
        var load_seconds: Double
        var organisation_statistics_seconds: Double
        var federation_statistics_seconds: Double
        var sessions: Int
        var same_organisation: Bool
        var writes: Int
        var writes_per_second: Double
        var latency_ms: [String: Double]
        var audit_chains_intact: Bool
    }

    func run() async throws {
        let server = try PostgresLocation(url)
        let suffix = String(UUID().uuidString.prefix(6)).lowercased()
        let name = "civic_bench_\(suffix)"
        try await PostgresCasebookAdministration.createDatabase(named: name, on: server)
        var location = server
        location.database = name
        do {
            try await measure(location, suffix: suffix)
        } catch {
            try? await PostgresCasebookAdministration.dropDatabase(named: name, on: server)
            throw error
        }
        try await PostgresCasebookAdministration.dropDatabase(named: name, on: server)
    }

    func measure(_ location: PostgresLocation, suffix: String) async throws {
        let admin = try await PostgresCasebookAdministration.connect(to: location)
        try await admin.install()
        let ids = (0..<organisations).map { String(format: "o-%03d", $0) }
        for id in ids { try await admin.register(Organisation(organisationID: id, name: "Beratungsstelle \(id)")) }
        let logins = (0..<sessions).map { "bench_\(suffix)_\($0)" }
        let organisationOf = (0..<sessions).map { sameOrganisation ? ids[0] : ids[$0 % organisations] }
        for (session, login) in logins.enumerated() {
            try await admin.createLogin(login, password: nil)
            try await admin.addStaff(login, to: organisationOf[session], duty: .dataOfficer)
        }

        // Half as many persons as cases; person g belongs to organisation g mod n, nine in ten consented.
        let persons = max(1, cases / 2)
        let (_, loadSeconds) = try await timed {
            try await admin.execute("""
                INSERT INTO persons (organisation_id, person_number, name, birth_date, gender, zip)
                SELECT 'o-' || lpad((g % \(organisations))::text, 3, '0'), 'K-' || g, 'Person ' || g,
                    to_char(date '1950-01-01' + (g * 37 % 20000), 'YYYY-MM-DD'), (ARRAY['w','m','d'])[1 + g % 3],
                    lpad((10000 + g * 7 % 89999)::text, 5, '0')
                FROM generate_series(1, \(persons)) g
                """)
            try await admin.execute("""
                INSERT INTO cases (organisation_id, case_number, person_id, service, opened, status)
                SELECT 'o-' || lpad((p % \(organisations))::text, 3, '0'), 'F-' || g, p,
                    (ARRAY['Schuldnerberatung','Migrationsberatung','Sozialberatung','Suchtberatung','Familienberatung',
                           'Wohnungslosenhilfe','Erziehungsberatung','Schwangerschaftsberatung','Arbeitsmarktberatung'])[1 + g * 7 % 9],
                    to_char(date '2023-01-01' + (g * 13 % 1095), 'YYYY-MM-DD'), 'abgeschlossen'
                FROM generate_series(1, \(cases)) g, LATERAL (SELECT 1 + (g - 1) % \(persons) AS p) person
                """)
            try await admin.execute("""
                INSERT INTO consents (organisation_id, consent_number, person_id, purpose, legal_basis, given)
                SELECT organisation_id, 'E-' || id, id, 'statistics', 'consent', '2022-01-01' FROM persons WHERE id % 10 <> 0
                """)
            try await admin.execute("ANALYZE")
        }
        let day = CivicDate(year: 2025, month: 12, day: 31)!

        // Statistics: one organisation through its own store; the federation as the owner. Best of three.
        let first = try await PostgresCasebook.connect(to: location.connecting(as: logins[0], password: nil),
                                                       organisation: organisationOf[0])
        var organisationSeconds = Double.infinity, federationSeconds = Double.infinity
        for _ in 0..<3 {
            organisationSeconds = min(organisationSeconds, try await timed { _ = try await first.monthlyCases(on: day) }.seconds)
            federationSeconds = min(federationSeconds, try await timed { _ = try await admin.monthlyCasesByOrganisation(on: day) }.seconds)
        }
        await first.close()

        // Writers: each session its own login and connection, its own case, contacts as fast as it can.
        let books = try await withThrowingTaskGroup(of: (Int, PostgresCasebook).self) { group in
            for session in 0..<sessions {
                group.addTask {
                    let book = try await PostgresCasebook.connect(to: location.connecting(as: logins[session], password: nil),
                                                                  organisation: organisationOf[session], connections: 1)
                    try await book.add(Person(personID: "W-\(session)", name: "Schreibende Person \(session)"))
                    try await book.add(CaseFile(caseID: "W-\(session)", personID: "W-\(session)", service: "Sozialberatung",
                                                opened: CivicDate(year: 2025, month: 6, day: 1)!))
                    return (session, book)
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let started = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for session in 0..<sessions {
                let book = books[session]!
                group.addTask {
                    var own: [Double] = []
                    while ContinuousClock.now < deadline {
                        let (_, took) = try await timed {
                            try await book.addContact(CaseContact(caseID: "W-\(session)", date: CivicDate(year: 2025, month: 6, day: 2)!,
                                                                  minutes: 15, kind: .phone))
                        }
                        own.append(took * 1000)
                    }
                    return own
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
        let elapsed = (ContinuousClock.now - started).seconds
        var intact = true
        // One session per organisation is enough to read its chain.
        for session in Set((0..<sessions).map { sameOrganisation ? 0 : $0 % organisations }) {
            intact = try await books[session]!.verifyAudit().isIntact && intact
        }
        for book in books.values { await book.close() }
        await admin.close()

        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        try printJSONLine(Result(
            cases: cases, organisations: organisations, load_seconds: loadSeconds,
            organisation_statistics_seconds: organisationSeconds, federation_statistics_seconds: federationSeconds,
            sessions: sessions, same_organisation: sameOrganisation, writes: latencies.count,
            writes_per_second: Double(latencies.count) / elapsed,
            latency_ms: ["p50": percentile(0.5), "p99": percentile(0.99), "max": latencies.last ?? 0],
            audit_chains_intact: intact))
    }
}
