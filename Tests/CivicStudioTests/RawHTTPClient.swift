import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 client on a plain socket, for tests that must send what a
/// browser would not (a wrong `Host`, a foreign `Origin`, no token) and read the
/// answer as it is. One request per connection (`Connection: close`); blocking
/// calls run on a thread of their own, never on the test's concurrency pool.
struct RawHTTPClient: Sendable {
    /// An answer.
    struct Response: Sendable {
        let status: Int
        /// Header names in lower case.
        let headers: [String: String]
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let port: Int

    /// Sends a request; `Host` is `127.0.0.1:PORT` unless `headers` names another.
    /// With `chunked`, the body goes in chunks of 4 KB without a `Content-Length`, as a
    /// client does that does not say the size in advance.
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [],
              chunked: Bool = false) async throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\n"
        if !headers.contains(where: { $0.0.lowercased() == "host" }) { head += "Host: 127.0.0.1:\(port)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        var encoded = body
        if chunked {
            head += "Transfer-Encoding: chunked\r\n"
            encoded = stride(from: 0, to: body.count, by: 4096).flatMap { start in
                let chunk = body[start..<min(start + 4096, body.count)]
                return Array(String(chunk.count, radix: 16).utf8) + [13, 10] + chunk + [13, 10]
            } + Array("0\r\n\r\n".utf8)
        } else {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        let request = Array(head.utf8) + encoded
        let port = self.port
        let raw: [UInt8] = try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try Self.exchange(request, port: port) }) }
            thread.start()
        }
        return try Self.parse(raw)
    }

    /// GET.
    func get(_ path: String, headers: [(String, String)] = []) async throws -> Response {
        try await send("GET", path, headers: headers)
    }

    /// POST of a form (`application/x-www-form-urlencoded`).
    func postForm(_ path: String, _ fields: [(String, String)], headers: [(String, String)] = []) async throws -> Response {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try await send("POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
                              body: Array(body.utf8))
    }

    /// POST of a file as a browser's upload form sends it (`multipart/form-data`, field `file`).
    func upload(_ path: String, fileName: String, contents: [UInt8], headers: [(String, String)] = [],
                chunked: Bool = false) async throws -> Response {
        let boundary = "----civic-studio-test-\(UInt64.random(in: .min ... .max))"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n".utf8)
        body += Array("Content-Type: application/octet-stream\r\n\r\n".utf8) + contents
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send("POST", path, headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")] + headers,
                              body: body, chunked: chunked)
    }

    /// Connects, writes the request, reads until the server closes.
    private static func exchange(_ request: [UInt8], port: Int) throws -> [UInt8] {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ClientError.socket }
        defer { close(socket) }
        // A debug build publishes the bundled example in about a minute, and more when the
        // other suites (or other builds) share the two cores; the timeout only catches a hang.
        var timeout = timeval(tv_sec: 300, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ClientError.connect }
        var sent = 0
        while sent < request.count {
            // MSG_NOSIGNAL: a server that answers early and closes must not kill the test process.
            let n = request[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }  // the server may refuse before reading everything; read its answer
            sent += n
        }
        var response: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(socket, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response += buffer[..<n]
        }
        return response
    }

    /// Status, headers and body (chunked transfer decoded).
    private static func parse(_ raw: [UInt8]) throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...(max(0, raw.count - 4))).first(where: { raw.count >= 4 && Array(raw[$0..<$0 + 4]) == separator }) else {
            throw ClientError.malformed
        }
        let lines = String(decoding: raw[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ClientError.malformed }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(raw[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var result: [UInt8] = [], index = 0
        while index < bytes.count {
            guard let lineEnd = (index..<(bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }) else {
                throw ClientError.malformed
            }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw ClientError.malformed }
            if size == 0 { break }
            let start = lineEnd + 2
            guard start + size <= bytes.count else { throw ClientError.malformed }
            result += bytes[start..<start + size]
            index = start + size + 2
        }
        return result
    }

    enum ClientError: Error { case socket, connect, malformed }
}
