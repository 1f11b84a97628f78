/// A `multipart/form-data` body (RFC 7578) read piece by piece as it arrives, so that
/// an upload goes to disk without ever being whole in memory.
///
/// Feed it the body's chunks; it hands back what it found in each: the headers of a
/// part, bytes of the part's content, the end of a part, the end of the body. It
/// keeps at most one chunk plus the length of the boundary.
struct MultipartParser {
    /// What the parser found.
    enum Event: Equatable {
        /// A part begins; its headers, names in lower case.
        case partBegins([String: String])
        /// Bytes of the current part's content.
        case content([UInt8])
        /// The current part ends.
        case partEnds
    }

    /// Why a body is not multipart form data.
    enum Failure: Error, Equatable {
        /// The body breaks the format (no boundary, headers too long, cut off).
        case malformed
    }

    private enum State { case preamble, afterDelimiter, headers, content, done }

    private let delimiter: [UInt8]
    private var state = State.preamble
    // The body as if it began with a line break, so the first boundary looks like every other.
    private var pending: [UInt8] = [13, 10]
    private static let headerLimit = 16 * 1024

    /// A parser for the boundary of the request's `Content-Type`.
    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Whether the closing boundary was read.
    var isFinished: Bool { state == .done }

    /// The boundary named by a `Content-Type` header of `multipart/form-data`, else `nil`.
    static func boundary(ofContentType contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingBlanks() }
        guard let kind = parts.first, kind.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return (1...70).contains(value.count) ? value : nil
        }
        return nil
    }

    /// Reads the next chunk of the body.
    mutating func feed(_ bytes: some Sequence<UInt8>) throws(Failure) -> [Event] {
        guard state != .done else { return [] }  // the epilogue is ignored
        pending.append(contentsOf: bytes)
        var events: [Event] = []
        while try step(into: &events) {}
        return events
    }

    /// Says that the body ended; a body cut off before its closing boundary is malformed.
    func finish() throws(Failure) {
        guard state == .done else { throw .malformed }
    }

    /// One step of the state machine; `false` when it needs more bytes.
    private mutating func step(into events: inout [Event]) throws(Failure) -> Bool {
        switch state {
        case .preamble:
            guard let found = find(delimiter) else {
                pending.removeFirst(max(0, pending.count - delimiter.count))
                return false
            }
            pending.removeFirst(found + delimiter.count)
            state = .afterDelimiter
        case .afterDelimiter:
            guard pending.count >= 2 else { return false }
            let next = Array(pending.prefix(2))
            pending.removeFirst(2)
            if next == [45, 45] { state = .done; pending = []; return false }  // "--": the last boundary
            guard next == [13, 10] else { throw .malformed }
            state = .headers
        case .headers:
            guard let end = find([13, 10, 13, 10]) else {
                if pending.count > Self.headerLimit { throw .malformed }
                return false
            }
            guard end <= Self.headerLimit else { throw .malformed }
            let block = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeFirst(end + 4)
            events.append(.partBegins(Self.headers(block)))
            state = .content
        case .content:
            if let found = find(delimiter) {
                if found > 0 { events.append(.content(Array(pending[..<found]))) }
                events.append(.partEnds)
                pending.removeFirst(found + delimiter.count)
                state = .afterDelimiter
            } else {
                // Everything but a tail that could be the start of the boundary.
                let safe = pending.count - (delimiter.count - 1)
                if safe > 0 {
                    events.append(.content(Array(pending[..<safe])))
                    pending.removeFirst(safe)
                }
                return false
            }
        case .done:
            return false
        }
        return true
    }

    /// The first index of `needle` in the pending bytes.
    private func find(_ needle: [UInt8]) -> Int? {
        guard pending.count >= needle.count, let first = needle.first else { return nil }
        var index = 0
        let last = pending.count - needle.count
        while index <= last {
            if pending[index] == first {
                var matched = 1
                while matched < needle.count && pending[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// Header lines as a dictionary, names in lower case.
    private static func headers(_ block: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in block.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].trimmingBlanks().lowercased()] =
                line[line.index(after: colon)...].trimmingBlanks()
        }
        return headers
    }

    /// The parameters of a `Content-Disposition` header (`form-data; name="file"; filename="a.csv"`),
    /// names in lower case, quoted values unquoted.
    static func dispositionParameters(_ header: String) -> [String: String] {
        var parameters: [String: String] = [:]
        var rest = Substring(header)
        // Skip the disposition type.
        guard let firstSemicolon = rest.firstIndex(of: ";") else { return [:] }
        rest = rest[rest.index(after: firstSemicolon)...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == ";" }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingBlanks().lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let character = rest.first, character != "\"" {
                    if character == "\\", rest.count > 1 { rest = rest.dropFirst() }
                    value.append(rest.first!)
                    rest = rest.dropFirst()
                }
                rest = rest.dropFirst()
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = rest[..<end].trimmingBlanks()
                rest = rest[end...]
            }
            parameters[name] = value
        }
        return parameters
    }
}

extension StringProtocol {
    /// The text without spaces and tabs at either end.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
