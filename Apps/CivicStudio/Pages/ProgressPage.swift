import CivicAnalysis
import CivicModels

extension StudioPage {
    /// Step 3 while the publication runs: the step it has reached among all of them.
    /// The server sends it with `Refresh: 1`, so the browser reloads it every second
    /// until it leads on to the result; a link reloads it by hand.
    static func progress(_ file: StudioFile, _ job: PublicationJob, paths: StudioPaths, language l: Language) -> StudioPage {
        let current = job.step, steps = PublicationJob.Step.steps
        let position = current.position
        var content = "<p class=\"status\" role=\"status\">" + escapeMarkup(l.pick(
            de: "Schritt \(position + 1) von \(steps.count): \(current.text(in: l))",
            en: "Step \(position + 1) of \(steps.count): \(current.text(in: l))")) + "</p>\n"
        content += "<ol class=\"progress\">\n"
        for (index, step) in steps.enumerated() {
            if index < position {
                content += "<li class=\"done\">\(escapeMarkup(step.text(in: l))) – \(escapeMarkup(l.pick(de: "erledigt", en: "done")))</li>\n"
            } else if index == position {
                content += "<li aria-current=\"step\">\(escapeMarkup(current.text(in: l)))</li>\n"
            } else {
                content += "<li>\(escapeMarkup(step.text(in: l)))</li>\n"
            }
        }
        content += "</ol>\n<p class=\"hint\">" + escapeMarkup(l.pick(
            de: "Diese Seite lädt sich jede Sekunde neu und zeigt das Ergebnis, sobald das Paket fertig ist.",
            en: "This page reloads itself every second and shows the result as soon as the package is ready.")) + "</p>\n"
        content += "<p><a href=\"\(escapeMarkup(paths.progress(file.id, l)))\">"
            + escapeMarkup(l.pick(de: "Jetzt neu laden", en: "Reload now")) + "</a></p>\n"
        content += """
        <form method="post" action="\(escapeMarkup(paths.delete(file.id, l)))">
        <h2>\(escapeMarkup(l.pick(de: "Abbrechen?", en: "Stop?")))</h2>
        <p class="hint">\(escapeMarkup(l.pick(
            de: "Bricht die Veröffentlichung ab und löscht die hochgeladene Datei und alles, was daraus gemacht wurde, von diesem Computer.",
            en: "Stops the publication and deletes the uploaded file and everything made from it from this computer.")))</p>
        <button type="submit">\(escapeMarkup(l.pick(de: "Abbrechen und löschen", en: "Stop and delete")))</button>
        </form>

        """
        return StudioPage(title: l.pick(de: "\(file.fileName) wird veröffentlicht", en: "Publishing \(file.fileName)"),
                          language: l, step: .publish, otherLanguagePath: paths.progress(file.id, l.other), content: content)
    }

    /// The refusal of a second publication of a file while `running` runs: each file
    /// publishes once at a time. Links to the running one's progress.
    static func busy(_ running: PublicationJob, paths: StudioPaths, language l: Language, otherLanguagePath: String) -> StudioPage {
        let content = """
        <p class="problem" role="alert">\(escapeMarkup(l.pick(
            de: "Gerade läuft schon eine Veröffentlichung dieser Datei. "
                + "Bitte warten Sie, bis sie fertig ist, und versuchen Sie es dann noch einmal.",
            en: "A publication is already running for this file. "
                + "Please wait until it is done, then try again.")))</p>
        <p><a href="\(escapeMarkup(paths.progress(running.id, l)))">\(escapeMarkup(l.pick(
            de: "Zur laufenden Veröffentlichung", en: "To the running publication")))</a></p>
        """
        return StudioPage(title: l.pick(de: "Bitte warten", en: "Please wait"), language: l, step: nil,
                          otherLanguagePath: otherLanguagePath, content: content)
    }
}
