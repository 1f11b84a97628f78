import CivicAnalysis
import CivicModels

extension StudioPage {
    /// Step 1: what the studio does with a file, and the upload form.
    static func start(paths: StudioPaths, language l: Language, uploadLimit: Int, idleMinutes: Int) -> StudioPage {
        let content = """
        <p>\(escapeMarkup(l.pick(
            de: "civic-studio macht aus einem Export (CSV oder Excel) ein anonymisiertes Datenpaket, das Sie veröffentlichen können. "
                + "Zuerst prüft es die Datei und schlägt für jede Spalte eine Rolle vor; Sie ändern, was nicht stimmt, und veröffentlichen.",
            en: "civic-studio turns an export (CSV or Excel) into an anonymised data package you can publish. "
                + "First it checks the file and proposes a role for each column; you change what is wrong, then publish.")))</p>
        <p>\(escapeMarkup(l.pick(
            de: "Die Datei verlässt diesen Computer nicht. Sie liegt in einem privaten Ordner, der gelöscht wird, wenn Sie sie löschen, "
                + "nach \(idleMinutes) Minuten ohne Nutzung oder wenn civic-studio beendet wird.",
            en: "The file does not leave this computer. It is kept in a private folder that is deleted when you delete it, "
                + "after \(idleMinutes) minutes without use, or when civic-studio stops.")))</p>
        <form method="post" action="\(escapeMarkup(paths.upload(l)))" enctype="multipart/form-data">
        <div class="field">
        <label for="file">\(escapeMarkup(l.pick(de: "Datei", en: "File")))</label>
        <p class="hint" id="file-hint">\(escapeMarkup(l.pick(
            de: "CSV (.csv, .tsv, .txt) oder Excel (.xlsx), höchstens \(l.integer(uploadLimit / 1_000_000)) MB.",
            en: "CSV (.csv, .tsv, .txt) or Excel (.xlsx), at most \(l.integer(uploadLimit / 1_000_000)) MB.")))</p>
        <input type="file" id="file" name="file" accept=".csv,.tsv,.txt,.xlsx" required aria-describedby="file-hint">
        </div>
        <button type="submit">\(escapeMarkup(l.pick(de: "Hochladen und prüfen", en: "Upload and check")))</button>
        </form>
        """
        return StudioPage(title: Step.upload.name(in: l), language: l, step: .upload,
                          otherLanguagePath: paths.start(l.other), content: content)
    }

    /// A page that says what went wrong, with the way back to the start.
    static func problem(_ message: String, paths: StudioPaths, language l: Language, otherLanguagePath: String? = nil) -> StudioPage {
        let content = """
        <p class="problem" role="alert">\(escapeMarkup(message))</p>
        <p><a href="\(escapeMarkup(paths.start(l)))">\(escapeMarkup(l.pick(de: "Zurück zum Anfang", en: "Back to the start")))</a></p>
        """
        return StudioPage(title: l.pick(de: "Das ging nicht", en: "That did not work"), language: l, step: nil,
                          otherLanguagePath: otherLanguagePath ?? paths.start(l.other), content: content)
    }
}

extension Language {
    /// German for English, English for German.
    var other: Language { self == .german ? .english : .german }
}
