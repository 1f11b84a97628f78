import CivicAnalysis
import CivicModels

/// One page of the studio: the frame every page shares (language, skip link, the
/// language switch, the steps of the journey) around its own content.
///
/// Pages are plain HTML and CSS that work without scripts; every form control has a
/// label, every page one `h1` and headings in order.
struct StudioPage {
    /// The journey's steps; the page's, if it is one of them.
    enum Step: Int, CaseIterable {
        case upload = 1, check, publish

        func name(in l: Language) -> String {
            switch self {
            case .upload: l.pick(de: "Datei hochladen", en: "Upload a file")
            case .check: l.pick(de: "Prüfen und einstellen", en: "Check and set up")
            case .publish: l.pick(de: "Veröffentlichen und herunterladen", en: "Publish and download")
            }
        }
    }

    /// The page's title (also its `h1`).
    var title: String
    /// The page's language.
    var language: Language
    /// The step of the journey the page belongs to.
    var step: Step?
    /// The same page in the other language.
    var otherLanguagePath: String
    /// The content after the `h1`, as HTML.
    var content: String

    /// The whole page.
    func html() -> String {
        let l = language, other: Language = l == .german ? .english : .german
        let steps = step.map { current in
            "<nav aria-label=\"\(l.pick(de: "Schritte", en: "Steps"))\"><ol class=\"steps\">"
                + Step.allCases.map { item in
                    let mark = item == current ? " aria-current=\"step\"" : ""
                    return "<li\(mark)>\(escapeMarkup(item.name(in: l)))</li>"
                }.joined()
                + "</ol></nav>\n"
        } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="\(l.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="same-origin">
        <title>\(escapeMarkup(title)) – civic-studio</title>
        <style>\(Self.styleSheet)</style>
        </head>
        <body>
        <a class="skip" href="#main">\(l.pick(de: "Zum Inhalt springen", en: "Skip to content"))</a>
        <header>
        <p class="brand">civic-studio</p>
        <p class="language"><a href="\(escapeMarkup(otherLanguagePath))" hreflang="\(other.rawValue)" lang="\(other.rawValue)">\(other == .german ? "Deutsch" : "English")</a></p>
        </header>
        \(steps)<main id="main">
        <h1>\(escapeMarkup(title))</h1>
        \(content)
        </main>
        </body>
        </html>

        """
    }

    /// Readable on phone and desktop, with a visible focus and enough contrast.
    static let styleSheet = """
    body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 0 auto; padding: 0 1rem 3rem; color: #1a1a1a; line-height: 1.5; }
    header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #ccc; }
    .brand { font-weight: bold; }
    .skip { position: absolute; left: -999rem; }
    .skip:focus { position: static; }
    a { color: #0050a0; }
    :focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
    .steps { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding: 0; list-style-position: inside; color: #444; }
    .steps [aria-current] { font-weight: bold; color: #1a1a1a; }
    fieldset { border: 1px solid #999; margin: 1.5rem 0; padding: 0.5rem 1rem 1rem; min-width: 0; }
    legend { font-weight: bold; padding: 0 0.3rem; }
    .field { margin: 0.9rem 0; }
    .field label { display: block; font-weight: bold; }
    .hint { margin: 0.1rem 0 0; color: #444; font-size: 0.95rem; }
    select, input, button { font: inherit; max-width: 100%; }
    button { padding: 0.4rem 1rem; }
    .buttons { display: flex; flex-wrap: wrap; gap: 0.75rem; }
    #consequences { border-left: 4px solid #0050a0; background: #eef4fb; padding: 0.1rem 1rem 0.5rem; margin: 1.5rem 0; }
    .verdict { border-left: 4px solid #8A6D00; background: #fff8e8; padding: 0.5rem 1rem; }
    .problem { border-left: 4px solid #b00020; background: #fdecee; padding: 0.5rem 1rem; }
    dl.facts div { display: flex; flex-wrap: wrap; gap: 0 0.5rem; }
    dl.facts dt { font-weight: bold; }
    dl.facts dt::after { content: ":"; }
    dl.facts dd { margin: 0; }
    iframe.report { width: 100%; height: 70vh; border: 1px solid #999; }
    .download { font-size: 1.15rem; font-weight: bold; }
    .status { font-size: 1.15rem; font-weight: bold; }
    ol.progress li { margin: 0.2rem 0; }
    ol.progress .done { color: #444; }
    ol.progress [aria-current] { font-weight: bold; }
    """
}
