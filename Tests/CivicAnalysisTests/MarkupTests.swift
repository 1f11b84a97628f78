import CivicAnalysis
import CivicModels
import Foundation
import Testing

/// The one escape every HTML and SVG builder uses: text never turns into markup.
@Suite struct MarkupTests {
    @Test func everyCharacterWithAMeaningInMarkupIsEscapedAndNothingElse() {
        #expect(escapeMarkup(#"<a href="x" title='y'>Müller & Söhne</a>"#)
                == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Müller &amp; Söhne&lt;/a&gt;")
        #expect(escapeMarkup("Schuldnerberatung 2025 – ÄÖÜ ß 👩🏽‍⚕️") == "Schuldnerberatung 2025 – ÄÖÜ ß 👩🏽‍⚕️")
        #expect(escapeMarkup("&amp;") == "&amp;amp;", "escaping twice shows the first escape, it does not undo it")
    }

    @Test func aTitleCannotBreakOutOfAReportPage() throws {
        let report = Report(title: "</title><script>alert(1)</script>", language: .english)
        let html = report.html()
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;/title&gt;&lt;script&gt;"))
    }
}
