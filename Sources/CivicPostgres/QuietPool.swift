import Logging
import PostgresNIO

/// A pool of connections to one location that runs from its creation until
/// ``close()``, with a logger that prints nothing below critical: the driver may log
/// queries, and queries carry personal data. Each of the library's stores and the
/// administration owns one.
final class QuietPool: Sendable {
    /// The pool.
    let client: PostgresClient
    /// The logger for every query on it.
    let logger: Logger
    private let runner: Task<Void, Never>

    /// A pool of at most `connections` connections to `location`, logging as `label`.
    init(_ location: PostgresLocation, connections: Int, label: String) {
        var logger = Logger(label: label)
        logger.logLevel = .critical
        self.logger = logger
        let client = PostgresClient(configuration: location.clientConfiguration(connections: connections), backgroundLogger: logger)
        self.client = client
        self.runner = Task { await client.run() }
    }

    /// Closes the connections and waits until they are closed.
    func close() async {
        runner.cancel()
        await runner.value
    }
}
