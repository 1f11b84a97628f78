import CivicAnalysis
import CivicModels
import CivicPublishing

extension StudioPage {
    /// Step 3: the publication's figures, the download, and the report in the page.
    static func result(_ file: StudioFile, _ outcome: StudioFile.Outcome, paths: StudioPaths, language l: Language) -> StudioPage {
        let suppressed = outcome.inputRows - outcome.publishedRows
        let facts = [
            (l.pick(de: "Veröffentlichte Zeilen", en: "Rows published"), l.pick(
                de: "\(l.integer(outcome.publishedRows)) von \(l.integer(outcome.inputRows)) (\(l.integer(suppressed)) weggelassen)",
                en: "\(l.integer(outcome.publishedRows)) of \(l.integer(outcome.inputRows)) (\(l.integer(suppressed)) left out)")),
            (l.pick(de: "Höchstes Risiko", en: "Highest risk"), l.pick(
                de: "vorher \(l.percent(outcome.riskBefore)), nachher \(l.percent(outcome.riskAfter))",
                en: "before \(l.percent(outcome.riskBefore)), after \(l.percent(outcome.riskAfter))")),
        ]
        var content = "<dl class=\"facts\">\n"
            + facts.map { "<div><dt>\(escapeMarkup($0.0))</dt><dd>\(escapeMarkup($0.1))</dd></div>\n" }.joined() + "</dl>\n"
            + "<p>\(escapeMarkup(outcome.result.privacyUnitSentence(in: l)))</p>\n"
        content += "<p><a class=\"download\" href=\"\(escapeMarkup(paths.package(file.id)))\" download=\"\(escapeMarkup(outcome.name)).zip\">"
            + escapeMarkup(l.pick(de: "Paket herunterladen (ZIP)", en: "Download the package (ZIP)")) + "</a></p>\n"
        content += "<p class=\"hint\">" + escapeMarkup(l.pick(
            de: "Das Paket enthält die anonymisierten Daten, Tabellen, datapackage.json (Frictionless) und den Bericht. "
                + "Lesen Sie den Bericht, bevor Sie veröffentlichen.",
            en: "The package holds the anonymised data, tables, datapackage.json (Frictionless) and the report. "
                + "Read the report before you publish.")) + "</p>\n"
        content += "<h2>\(escapeMarkup(l.pick(de: "Bericht", en: "Report")))</h2>\n"
        if outcome.language != l {
            content += "<p class=\"hint\">" + escapeMarkup(l.pick(
                de: "Der Bericht im Paket (report.html) bleibt auf Englisch, der Sprache beim Veröffentlichen; hier steht er auf Deutsch.",
                en: "The report in the package (report.html) stays in German, the language it was published in; here it is in English."))
                + "</p>\n"
        }
        content += "<iframe class=\"report\" src=\"\(escapeMarkup(paths.report(file.id, l)))\" title=\""
            + escapeMarkup(l.pick(de: "Bericht zur Veröffentlichung", en: "Report on the publication")) + "\"></iframe>\n"
        content += "<p><a href=\"\(escapeMarkup(paths.report(file.id, l)))\">"
            + escapeMarkup(l.pick(de: "Bericht allein öffnen", en: "Open the report on its own")) + "</a></p>\n"
        content += "<p><a href=\"\(escapeMarkup(paths.check(file.id, l)))\">"
            + escapeMarkup(l.pick(de: "Einstellungen ändern und erneut veröffentlichen", en: "Change the settings and publish again"))
            + "</a> · <a href=\"\(escapeMarkup(paths.start(l)))\">"
            + escapeMarkup(l.pick(de: "Eine andere Datei hochladen", en: "Upload another file")) + "</a></p>\n"
        content += deleteForm(file.id, paths: paths, language: l)
        return StudioPage(title: l.pick(de: "Das Paket ist fertig", en: "The package is ready"), language: l, step: .publish,
                          otherLanguagePath: paths.result(file.id, l.other), content: content)
    }
}
