import Logging
import PostgresNIO
import Synchronization

extension PostgresConnection {
    /// Runs `body` between `BEGIN` and `COMMIT`: all of its statements or none.
    ///
    /// Written here rather than taken from postgres-nio's `withTransaction`: in
    /// postgres-nio 1.33.2 that one waits for ever when the server ends the
    /// connection mid-transaction (it sends `ROLLBACK` to the closed connection, and
    /// no answer comes; `PostgresConnectionLossTests` ends a connection under an
    /// import). A server that loses a connection rolls its transaction back itself,
    /// so `ROLLBACK` is sent only while the connection lives; a failed `COMMIT` ends
    /// the transaction too.
    func transaction(logger: Logger, isolation: isolated (any Actor)? = #isolation,
                     _ body: (PostgresConnection) async throws -> Void) async throws {
        do {
            try await markedTransaction(logger: logger, body)
        } catch let notBegun as NotBegun {
            throw notBegun.reason
        }
    }

    /// ``transaction(logger:isolation:_:)``, telling a failed `BEGIN` apart.
    ///
    /// - Throws: ``NotBegun`` if `BEGIN` failed (nothing was done), else what the
    ///   statements threw.
    func markedTransaction(logger: Logger, isolation: isolated (any Actor)? = #isolation, onBegun: () -> Void = {},
                           _ body: (PostgresConnection) async throws -> Void) async throws {
        do {
            try await query("BEGIN", logger: logger)
        } catch {
            throw NotBegun(reason: error)
        }
        onBegun()
        do {
            try await body(self)
        } catch {
            if !isConnectionLoss(error) && !isClosed { _ = try? await query("ROLLBACK", logger: logger) }
            throw error
        }
        try await query("COMMIT", logger: logger)
    }
}

/// Whether `error` says the connection to the server ended: closed, or ended by the
/// server with a fatal error (an administrator's command, a shutdown).
func isConnectionLoss(_ error: any Error) -> Bool {
    if error is ConnectionEnded { return true }
    if let notBegun = error as? NotBegun { return isConnectionLoss(notBegun.reason) }
    guard let error = error as? PSQLError else { return false }
    let lost: [PSQLError.Code] = [.serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .connectionError, .poolClosed]
    if lost.contains(error.code) { return true }
    let severity = error.serverInfo?[.severity]
    return severity == "FATAL" || severity == "PANIC"
}

extension PostgresClient {
    /// Runs `body` in one transaction on a connection of the pool, and returns as soon
    /// as the work ends or the connection does, whichever comes first.
    ///
    /// The second half is a guard against postgres-nio 1.33.2: a statement in flight
    /// when the server ends the connection (an administrator's
    /// `pg_terminate_backend`, a restart) is sometimes never answered, so its caller
    /// would wait for ever (`PostgresConnectionLossTests`). The work runs in a task of
    /// its own, and the connection's closing fails the call with
    /// `ConnectionEnded`; a task stuck that way is left behind,
    /// with its connection.
    ///
    /// A transaction that could not even begin because its connection had ended (the
    /// pool may hand out a connection the server closed a moment ago, after a restart)
    /// is tried again: nothing of it reached the database.
    func transaction<T: Sendable>(logger: Logger, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await retryingNotBegun { try await guarded(logger: logger, inTransaction: true, body) }
    }

    /// Runs `body`, which sends one statement (atomic on its own), with the guard of
    /// ``transaction(logger:_:)`` and no transaction around it; tried again when the
    /// pool handed out a connection that had already ended.
    func statement<T: Sendable>(logger: Logger, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await retryingNotBegun { try await guarded(logger: logger, inTransaction: false, body) }
    }

    /// `attempt`, tried up to four times while it fails before anything reached the
    /// server because its connection had ended: the pool hands a closed connection
    /// back out until it has noticed the closing, so each new try waits a little
    /// longer (10, 40, 90 ms).
    private func retryingNotBegun<T>(_ attempt: () async throws -> T) async throws -> T {
        for round in 1...3 {
            do {
                return try await attempt()
            } catch let notBegun as NotBegun where isConnectionLoss(notBegun.reason) {
                try await Task.sleep(for: .milliseconds(10 * round * round))
            }
        }
        return try await attempt()
    }

    /// Runs `body` on a connection of the pool, in a transaction or (for one statement,
    /// atomic on its own) without, and returns as soon as the work ends or the
    /// connection does (see ``transaction(logger:_:)``).
    ///
    /// - Throws: ``NotBegun`` when nothing reached the server: the connection had
    ///   ended before it was handed out, or before `BEGIN` was answered.
    private func guarded<T: Sendable>(logger: Logger, inTransaction: Bool,
                                      _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let outcome = FirstOutcome<T>()
        let begun = Flag()
        let work = Task {
            do {
                let value = try await withConnection { db in
                    guard !db.isClosed else { throw NotBegun(reason: ConnectionEnded()) }
                    db.closeFuture.whenComplete { _ in
                        let ended = ConnectionEnded()
                        outcome.settle(.failure(inTransaction && !begun.isSet ? NotBegun(reason: ended) : ended))
                    }
                    guard inTransaction else { return try await body(db) }
                    var value: T?
                    try await db.markedTransaction(logger: logger, onBegun: begun.set) { value = try await body($0) }
                    return value!
                }
                outcome.settle(.success(value))
            } catch {
                outcome.settle(.failure(error))
            }
        }
        return try await withTaskCancellationHandler {
            try await outcome.value()
        } onCancel: {
            work.cancel()
        }
    }
}

/// The connection ended under running work (see `PostgresClient.transaction`).
struct ConnectionEnded: Error {}

/// A transaction's `BEGIN` failed, so none of its statements ran; why.
struct NotBegun: Error {
    let reason: any Error
}

/// A flag set once, from any thread.
final class Flag: Sendable {
    private let state = Mutex(false)
    /// Whether it was set.
    var isSet: Bool { state.withLock { $0 } }
    /// Sets it.
    func set() { state.withLock { $0 = true } }
}

/// The first of several outcomes to arrive, for one waiter; later ones are dropped.
final class FirstOutcome<Value: Sendable>: Sendable {
    private enum State {
        case open
        case waiting(CheckedContinuation<Value, any Error>)
        case settled(Result<Value, any Error>)
        case done
    }

    private let state = Mutex<State>(.open)

    /// Settles the outcome, if nothing settled it before.
    func settle(_ result: Result<Value, any Error>) {
        let waiter: CheckedContinuation<Value, any Error>? = state.withLock { state in
            switch state {
            case .open: state = .settled(result); return nil
            case .waiting(let continuation): state = .done; return continuation
            case .settled, .done: return nil
            }
        }
        waiter?.resume(with: result)
    }

    /// Waits for the outcome (once).
    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Value, any Error>? = state.withLock { state in
                if case .settled(let result) = state { state = .done; return result }
                state = .waiting(continuation)
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
