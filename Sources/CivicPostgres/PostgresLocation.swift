import Foundation
import Logging
import PostgresNIO

/// Where a PostgreSQL server is and as whom to connect, from a URL:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or with `?host=/a/socket/folder`
/// for a server on a Unix socket. TLS is not used: the shared casebook is meant for
/// a server on the same host or a private network (a TLS option is still to come).
///
/// ```swift
/// let location = try PostgresLocation("postgres://caseworker@127.0.0.1:5432/casebook")
/// ```
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// The user (login role).
    public var user: String
    /// The password, if the server asks for one.
    public var password: String?
    /// The host name or address; ignored with ``socketFolder``.
    public var host: String
    /// The port.
    public var port: Int
    /// The database.
    public var database: String
    /// The folder of the server's Unix socket, if it is reached that way.
    public var socketFolder: String?

    /// The location in `url`.
    ///
    /// - Throws: ``PostgresCasebookError/invalidLocation(_:)`` naming the URL
    ///   without its password.
    public init(_ url: String) throws {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme),
              let user = parts.user, !user.isEmpty, parts.path.count > 1 else {
            throw PostgresCasebookError.invalidLocation(Self.withoutPassword(url))
        }
        self.user = user
        self.password = parts.password
        self.host = parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        self.port = parts.port ?? 5432
        self.database = String(parts.path.dropFirst())
        self.socketFolder = parts.queryItems?.first { $0.name == "host" }?.value
    }

    /// The same server and database as another user.
    public func connecting(as user: String, password: String?) -> PostgresLocation {
        var other = self
        other.user = user
        other.password = password
        return other
    }

    /// The URL without the password, for messages.
    public var description: String {
        let place = socketFolder.map { "?host=\($0)" } ?? ""
        return "postgres://\(user)@\(host):\(port)/\(database)\(place)"
    }

    /// Opens one connection and closes it again: whether the server is there and
    /// takes the login, found out at once (the pool would keep retrying).
    ///
    /// - Throws: ``PostgresCasebookError/unreachable(location:reason:)``.
    func checkReachable(logger: Logger) async throws {
        do {
            let connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw PostgresCasebookError.unreachable(location: description, reason: PostgresCasebook.reason(error))
        }
    }

    /// The settings of a single connection to this location (the pool has its own type).
    package var connectionConfiguration: PostgresConnection.Configuration {
        if let socketFolder {
            return .init(unixSocketPath: socketFolder + "/.s.PGSQL.\(port)", username: user, password: password,
                         database: database)
        }
        return .init(host: host, port: port, username: user, password: password, database: database, tls: .disable)
    }

    /// The connection pool's settings for this location.
    func clientConfiguration(connections: Int) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketFolder {
            configuration = .init(unixSocketPath: socketFolder + "/.s.PGSQL.\(port)", username: user, password: password,
                                  database: database)
        } else {
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        }
        configuration.options.maximumConnections = connections
        configuration.options.minimumConnections = 0
        return configuration
    }

    private static func withoutPassword(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? "(a URL with a password)"
    }
}
