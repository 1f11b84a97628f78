import CivicModels

/// The addresses of the studio's pages, all under the secret prefix `/s/TOKEN`,
/// each with the page's language as `?lang=`.
struct StudioPaths: Sendable {
    /// `/s/TOKEN`.
    let base: String

    /// The paths of a server whose token is `token`.
    init(token: SessionToken) {
        base = "/s/\(token.value)"
    }

    /// The start page: the upload form.
    func start(_ l: Language) -> String { "\(base)/?lang=\(l.rawValue)" }
    /// Where the upload form sends the file.
    func upload(_ l: Language) -> String { "\(base)/upload?lang=\(l.rawValue)" }
    /// The check page of an upload: verdict, roles, privacy settings.
    func check(_ id: String, _ l: Language) -> String { "\(base)/files/\(id)?lang=\(l.rawValue)" }
    /// civic-check's own report of an upload.
    func checkReport(_ id: String, _ l: Language) -> String { "\(base)/files/\(id)/check-report?lang=\(l.rawValue)" }
    /// Where the check page's preview button sends the choices.
    func preview(_ id: String, _ l: Language) -> String { "\(base)/files/\(id)/preview?lang=\(l.rawValue)" }
    /// Where the check page's form sends the choices.
    func publish(_ id: String, _ l: Language) -> String { "\(base)/files/\(id)/publish?lang=\(l.rawValue)" }
    /// The progress page of a running publication.
    func progress(_ id: String, _ l: Language) -> String { "\(base)/files/\(id)/progress?lang=\(l.rawValue)" }
    /// The result page: figures, the report, the download.
    func result(_ id: String, _ l: Language) -> String { "\(base)/files/\(id)/result?lang=\(l.rawValue)" }
    /// The publication's report on its own, in the language `l`.
    func report(_ id: String, _ l: Language) -> String { "\(base)/files/\(id)/report?lang=\(l.rawValue)" }
    /// The package as a ZIP file.
    func package(_ id: String) -> String { "\(base)/files/\(id)/package.zip" }
    /// Where the delete button sends its request.
    func delete(_ id: String, _ l: Language) -> String { "\(base)/files/\(id)/delete?lang=\(l.rawValue)" }
}
