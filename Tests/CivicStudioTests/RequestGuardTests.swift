import CivicStudio
import Foundation
import Testing

@Suite("civic-studio refuses requests that are not from its own pages", .serialized)
struct RequestGuardTests {
    @Test("a request without the token, or with another, is refused with 403; the token opens the start page")
    func token() async throws {
        let studio = try await RunningStudio.start()
        for path in ["/", "/s/", "/s/\(SessionToken().value)/", "/files/x", "/s/\(studio.server.configuration.token.value.dropLast())/"] {
            let response = try await studio.client.get(path)
            #expect(response.status == 403, "\(path)")
            #expect(!response.text.contains(studio.server.configuration.token.value))
        }
        let start = try await studio.client.get("\(studio.base)/")
        #expect(start.status == 200)
        #expect(start.text.contains("<form method=\"post\""))
        #expect(start.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        // No referrer to other sites; but not `no-referrer`, under which browsers send
        // `Origin: null` with the studio's own forms, and the Origin check refuses them.
        #expect(start.headers["referrer-policy"] == "same-origin")
        #expect(start.text.contains("<meta name=\"referrer\" content=\"same-origin\">"))
        await studio.stop()
    }

    @Test("a Host header other than 127.0.0.1 or localhost with the port is refused (DNS rebinding)")
    func host() async throws {
        let studio = try await RunningStudio.start()
        for host in ["evil.example:\(studio.port)", "evil.example", "127.0.0.1:\(studio.port + 1)", "127.0.0.2:\(studio.port)",
                     "localhost.evil.example:\(studio.port)"] {
            let response = try await studio.client.get("\(studio.base)/", headers: [("Host", host)])
            #expect(response.status == 421, "\(host)")
        }
        #expect(try await studio.client.get("\(studio.base)/", headers: [("Host", "localhost:\(studio.port)")]).status == 200)
        #expect(try await studio.client.get("\(studio.base)/", headers: [("Host", "127.0.0.1:\(studio.port)")]).status == 200)
        await studio.stop()
    }

    @Test("a POST from a foreign Origin or another site is refused, and nothing is stored")
    func origin() async throws {
        let studio = try await RunningStudio.start()
        let example = try exampleExport()
        let upload = "\(studio.base)/upload"
        for headers in [[("Origin", "http://evil.example")], [("Origin", "http://127.0.0.1:\(studio.port + 1)")],
                        [("Origin", "null")], [("Sec-Fetch-Site", "cross-site")]] {
            let response = try await studio.client.upload(upload, fileName: "cases.csv", contents: example.bytes, headers: headers)
            #expect(response.status == 403, "\(headers)")
        }
        #expect(try studio.uploadFolders().isEmpty)
        // The same upload from the studio's own page is taken.
        let own = try await studio.upload("cases.csv", example.bytes)
        #expect(own.status == 303)
        #expect(try studio.uploadFolders().count == 1)
        await studio.stop()
    }
}
