import CivicExampleData
import CivicModels
import CivicPostgres
import CivicPostgresTestSupport
import CivicStorage
import CivicTestSupport
import Foundation
import Synchronization
import Testing

/// What the shared casebook does when its connection dies in the middle of work:
/// the caller hears of it (no hang), and nothing of the unfinished transaction stays.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipped)))
struct PostgresConnectionLossTests {
    @Test func anImportWhoseConnectionIsEndedFailsAndLeavesNothing() async throws {
        let (location, admin, a, _, _) = try await PostgresCasebookTests.twoOrganisations(duty: .dataOfficer)
        let folder = try TemporaryDirectory()
        let file = folder.file("cases.csv")
        try Self.writeGeneratedCases(60_000, to: file)
        let login = PostgresCasebookTests.login(of: a)
        let book = try await PostgresCasebook.connect(to: location.connecting(as: login, password: nil), organisation: a)

        let importing = Task { try await book.importCases(from: file) }
        let ended = try await Self.endTransaction(of: login, at: location)
        #expect(ended, "the import's transaction was never seen")
        let outcome = await Self.result(of: importing, within: .seconds(60))
        switch outcome {
        case nil: Issue.record("the import still waits a minute after its connection was ended")
        case .success?: Issue.record("the import succeeded although its connection was ended")
        case .failure(let error)?:
            #expect(error as? PostgresCasebookError == .connectionLost(location: location.connecting(as: login, password: nil).description),
                    "\(error)")
        }
        let cases = try await PostgresTestServer.raw("SELECT count(*)::text FROM cases", at: location)
        #expect(cases == ["0"])
        // The store goes on working with a new connection.
        try await book.add(Person(personID: "K-after", name: "Erika Beispiel"))
        #expect(try await book.person("K-after") != nil)
        await book.close()
        await admin.close()
    }

    @Test func anImportWhoseServerStopsFailsAndTheRestartedServerHasNothingOfIt() async throws {
        // A server of its own (one port above the shared one), since this test stops it.
        let shared = try PostgresLocation(PostgresTestServer.url!)
        let server = try ThrowawayServer(port: shared.port + 1)
        defer { server.remove() }
        let admin = try await PostgresCasebookAdministration.connect(to: server.location)
        _ = try await admin.install()
        try await admin.register(Organisation(organisationID: "sb-nord", name: "Schuldnerberatung Nord"))
        try await admin.createLogin("anna", password: nil)
        try await admin.addStaff("anna", to: "sb-nord", duty: .dataOfficer)
        await admin.close()
        let folder = try TemporaryDirectory()
        let file = folder.file("cases.csv")
        try Self.writeGeneratedCases(60_000, to: file)
        let book = try await PostgresCasebook.connect(to: server.location.connecting(as: "anna", password: nil), organisation: "sb-nord")

        let importing = Task { try await book.importCases(from: file) }
        #expect(try await Self.waitForTransaction(of: "anna", at: server.location), "the import's transaction was never seen")
        try server.halt()
        let outcome = await Self.result(of: importing, within: .seconds(60))
        switch outcome {
        case nil: Issue.record("the import still waits a minute after its server stopped")
        case .success?: Issue.record("the import succeeded although its server stopped")
        case .failure(let error)?: #expect(error is PostgresCasebookError, "\(error)")
        }
        try server.resume()
        #expect(try await PostgresTestServer.raw("SELECT count(*)::text FROM cases", at: server.location) == ["0"])
        #expect(try await PostgresTestServer.raw("SELECT count(*)::text FROM persons", at: server.location) == ["0"])
        await book.close()
    }

    /// Writes `rows` generated cases in the export's format.
    static func writeGeneratedCases(_ rows: Int, to file: URL) throws {
        let formatter = CSVValueParser()
        let fields = CounsellingCase.schema.fields
        let writer = try CSVWriter(url: file, dialect: .standard)
        try writer.writeRecord(CounsellingCaseGenerator.columnNames)
        for record in CounsellingCaseGenerator(seed: 7, rowCount: rows).records {
            try writer.writeRecord(zip(record.values, fields).map { formatter.format($0, field: $1) })
        }
        try writer.finish()
    }

    /// Waits (up to 20 s) until `login` has a transaction that has written something;
    /// whether it came.
    ///
    /// Written, not merely begun: a connection ended while its `BEGIN` is still
    /// unanswered has done nothing, and the store rightly tries that transaction again
    /// on a new connection, so the import would succeed.
    static func waitForTransaction(of login: String, at location: PostgresLocation) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let running = try await PostgresTestServer.raw("""
                SELECT count(*)::text FROM pg_stat_activity
                WHERE usename = '\(login)' AND backend_xid IS NOT NULL
                """, at: location)
            if running != ["0"] { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// Waits (up to 20 s) until `login` has a transaction that has written something
    /// (see ``waitForTransaction(of:at:)``), then ends its server process as the
    /// owner would; whether it found one.
    static func endTransaction(of login: String, at location: PostgresLocation) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let ended = try await PostgresTestServer.raw("""
                SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
                WHERE usename = '\(login)' AND backend_xid IS NOT NULL
                """, at: location)
            if ended.contains("true") { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// The task's result, or nil if it has none after `limit` (the task is left running).
    static func result<T: Sendable>(of task: Task<T, any Error>, within limit: Duration) async -> Result<T, any Error>? {
        let race = FirstArrival<Result<T, any Error>?>()
        return await withCheckedContinuation { continuation in
            race.wait(with: continuation)
            Task { race.arrive(await task.result) }
            Task { try? await Task.sleep(for: limit); race.arrive(nil) }
        }
    }
}

/// Resumes a waiting continuation with the first value to arrive; later ones are dropped.
final class FirstArrival<Value: Sendable>: Sendable {
    private let waiting = Mutex<CheckedContinuation<Value, Never>?>(nil)

    func wait(with continuation: CheckedContinuation<Value, Never>) { waiting.withLock { $0 = continuation } }

    func arrive(_ value: Value) { waiting.withLock { $0.take() }?.resume(returning: value) }
}

/// A PostgreSQL server of a test's own, from `.ci/postgres`: started in a new folder,
/// stopped at once and started again on request, and removed.
struct ThrowawayServer {
    /// The owner's location (database `casebook`).
    let location: PostgresLocation
    private let folder: String
    private static let script = packageRoot().appendingPathComponent(".ci/postgres")

    /// Starts a server on `port`.
    init(port: Int) throws {
        let started = try runProgram(Self.script, ["start"], environment: ["CIVIC_POSTGRES_PORT": String(port)])
        guard started.status == 0 else { throw ServerError(step: "start", output: started.error) }
        var exports: [String: String] = [:]
        for line in started.output.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { exports[String(pair[0])] = String(pair[1]) }
        }
        guard let url = exports["CIVIC_POSTGRES_URL"], let folder = exports["CIVIC_POSTGRES_DIR"] else {
            throw ServerError(step: "start", output: started.output)
        }
        self.location = try PostgresLocation(url)
        self.folder = folder
    }

    /// Stops the server at once, as a crash would.
    func halt() throws { try run("halt") }

    /// Starts the stopped server again.
    func resume() throws { try run("resume") }

    /// Stops the server and removes its folder.
    func remove() { try? run("stop") }

    private func run(_ step: String) throws {
        let result = try runProgram(Self.script, [step], environment: ["CIVIC_POSTGRES_DIR": folder])
        guard result.status == 0 else { throw ServerError(step: step, output: result.error) }
    }

    struct ServerError: Error { let step: String; let output: String }
}
