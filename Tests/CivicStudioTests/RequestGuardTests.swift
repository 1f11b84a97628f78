import CivicStudio
import Foundation
import Testing

@Suite("civic-studio refuses requests that are not from its own pages", .serialized)
struct RequestGuardTests {
    /// A refusal is a small HTML page in German and English: a language, a title, a
    /// heading per language, the safety headers, and nothing else.
    func expectRefusalPage(_ response: RawHTTPClient.Response, title: String, german: String, english: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let text = response.text
        #expect(response.headers["content-type"] == "text/html; charset=utf-8", sourceLocation: sourceLocation)
        #expect(response.headers["content-security-policy"]?.contains("default-src 'none'") == true, sourceLocation: sourceLocation)
        #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"de\">"), sourceLocation: sourceLocation)
        #expect(text.contains("<title>\(htmlEscaped(title)) – civic-studio</title>"), sourceLocation: sourceLocation)
        let (germanTitle, englishTitle) = (title.components(separatedBy: " / ")[0], title.components(separatedBy: " / ")[1])
        #expect(text.contains("<h1>\(htmlEscaped(germanTitle))</h1>\n<p>\(htmlEscaped(german))</p>"), sourceLocation: sourceLocation)
        #expect(text.contains("<section lang=\"en\" aria-labelledby=\"english\">\n<h2 id=\"english\">\(htmlEscaped(englishTitle))</h2>\n"
                              + "<p>\(htmlEscaped(english))</p>"), sourceLocation: sourceLocation)
        #expect(!text.contains("<script") && !text.contains("<form") && !text.contains("<a "), sourceLocation: sourceLocation)
    }

    @Test("a request without the token, or with another, is refused with 403; the token opens the start page")
    func token() async throws {
        let studio = try await RunningStudio.start()
        for path in ["/", "/s/", "/s/\(SessionToken().value)/", "/files/x", "/s/\(studio.server.configuration.token.value.dropLast())/"] {
            let response = try await studio.client.get(path)
            #expect(response.status == 403, "\(path)")
            #expect(!response.text.contains(studio.server.configuration.token.value))
            expectRefusalPage(response, title: "Zugriff verweigert / Access denied",
                              german: "Öffnen Sie den Link, den civic-studio beim Start ausgegeben hat.",
                              english: "Open the link civic-studio printed when it started.")
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
            expectRefusalPage(response, title: "Falsche Adresse / Wrong address",
                              german: "Dieser Server antwortet nur unter 127.0.0.1 oder localhost.",
                              english: "This server answers only as 127.0.0.1 or localhost.")
            #expect(!response.text.contains("evil"), "the page repeats nothing of the request")
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
            expectRefusalPage(response, title: "Abgelehnt / Refused",
                              german: "Die Anfrage kommt nicht von einer Seite von civic-studio.",
                              english: "The request does not come from a page of civic-studio.")
        }
        #expect(try studio.uploadFolders().isEmpty)
        // The same upload from the studio's own page is taken.
        let own = try await studio.upload("cases.csv", example.bytes)
        #expect(own.status == 303)
        #expect(try studio.uploadFolders().count == 1)
        await studio.stop()
    }
}
