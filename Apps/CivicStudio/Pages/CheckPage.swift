import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicPublishing

extension StudioPage {
    /// Step 2: civic-check's verdict and figures, then the form: each column's role
    /// (the guess preselected, with how sure and why), k, l and the privacy unit, and
    /// the consequences of those settings once previewed.
    /// `problem` is shown first when a publication with these choices failed.
    static func check(_ file: StudioFile, paths: StudioPaths, language l: Language, problem: String? = nil) -> StudioPage {
        let check = file.check
        var content = problem.map { "<p class=\"problem\" role=\"alert\">\(escapeMarkup($0))</p>\n" } ?? ""
        content += "<p class=\"verdict\"><strong>\(escapeMarkup(check.verdict.headline(in: l)))</strong></p>\n"
        var facts = [
            (l.pick(de: "Datei", en: "File"), l.pick(
                de: "\(file.fileName): \(l.integer(check.rowCount)) Zeilen, \(check.guesses.count) Spalten",
                en: "\(file.fileName): \(l.integer(check.rowCount)) rows, \(check.guesses.count) columns")),
            (l.pick(de: "Personen", en: "People"), check.personColumn.map {
                l.pick(de: "\(l.integer(check.people)) (Spalte \($0))", en: "\(l.integer(check.people)) (column \($0))")
            } ?? l.pick(de: "keine Personenspalte gefunden: jede Zeile zählt als Person",
                        en: "no person column found: every row counts as a person")),
        ]
        if let risk = check.risk {
            facts.append((l.pick(de: "Risiko jetzt", en: "Risk now"), l.pick(
                de: "höchstens \(l.percent(risk.highest)), im Mittel \(l.percent(risk.average)); "
                    + "\(l.integer(check.uniquePeople)) Personen einmalig",
                en: "highest \(l.percent(risk.highest)), average \(l.percent(risk.average)); "
                    + "\(l.integer(check.uniquePeople)) people unique")))
        }
        content += "<dl class=\"facts\">\n" + facts.map { "<div><dt>\(escapeMarkup($0.0))</dt><dd>\(escapeMarkup($0.1))</dd></div>\n" }.joined()
            + "</dl>\n"
        content += "<p><a href=\"\(escapeMarkup(paths.checkReport(file.id, l)))\">"
            + escapeMarkup(l.pick(de: "Ausführlicher Prüfbericht (civic-check)", en: "Full check report (civic-check)")) + "</a></p>\n"
        content += form(file, paths: paths, language: l)
        content += deleteForm(file.id, paths: paths, language: l)
        return StudioPage(title: l.pick(de: "Prüfung von \(file.fileName)", en: "Check of \(file.fileName)"), language: l,
                          step: .check, otherLanguagePath: paths.check(file.id, l.other), content: content)
    }

    /// The form of the check page; fields `role-N` (N the column's position), `k`, `l` and
    /// `unit`, the preview of their consequences, and two buttons: preview and publish.
    private static func form(_ file: StudioFile, paths: StudioPaths, language l: Language) -> String {
        var html = "<form method=\"post\" action=\"\(escapeMarkup(paths.publish(file.id, l)))\">\n"
        html += "<h2>\(escapeMarkup(l.pick(de: "Einstellungen", en: "Settings")))</h2>\n"
        html += "<fieldset>\n<legend>\(escapeMarkup(l.pick(de: "Rolle jeder Spalte", en: "Role of each column")))</legend>\n"
        html += "<p class=\"hint\">" + escapeMarkup(l.pick(
            de: "Identifikatoren werden entfernt, Kennnummern pseudonymisiert, Freitext geschwärzt, Quasi-Identifikatoren "
                + "vergröbert; sensible und unkritische Spalten bleiben, wie sie sind.",
            en: "Identifiers are removed, case or client numbers pseudonymised, free text redacted, quasi-identifiers "
                + "generalised; sensitive and insensitive columns stay as they are.")) + "</p>\n"
        let profileRoles = file.profile.map { file.check.roles(of: file.table, under: $0.profile) }
        if let profile = file.profile {
            html += "<p class=\"hint\" id=\"profile\">" + escapeMarkup(l.pick(
                de: "Die Spalten sind die eines bekannten Exports (\(profile.name.text(in: l))): Rollen, Vergröberungsstufen und "
                    + "Gewichte kommen aus seinem Profil, wie bei civic-publish ohne Einstellungen. Eine Spalte, aus der eine "
                    + "andere berechnet ist (das Alter aus dem Geburtsdatum), wird entfernt.",
                en: "The columns are those of a known export (\(profile.name.text(in: l))): roles, generalisation levels and "
                    + "weights come from its profile, as in civic-publish without settings. A column another one is computed "
                    + "from (the age from the birth date) is removed.")) + "</p>\n"
        }
        for (index, guess) in file.check.guesses.enumerated() {
            let chosen = file.choices.roles[guess.column] ?? guess.role
            var why = guess.confidence.name(in: l) + ": " + guess.reasons.map { $0.text(in: l) }.joined(separator: "; ")
            if let role = profileRoles?[guess.column], let name = file.profile?.name.text(in: l) {
                why = l.pick(de: "Profil \(name): \(role.displayName(in: l)); civic-check: \(guess.role.displayName(in: l)), ",
                             en: "profile for \(name): \(role.displayName(in: l)); civic-check: \(guess.role.displayName(in: l)), ") + why
            }
            let proposed = profileRoles?[guess.column] ?? guess.role
            html += "<div class=\"field\">\n<label for=\"role-\(index)\">\(escapeMarkup(guess.column))</label>\n"
            html += "<select id=\"role-\(index)\" name=\"role-\(index)\" aria-describedby=\"why-\(index)\">\n"
            for role in AttributeRole.allCases {
                html += "<option value=\"\(role.rawValue)\"\(role == chosen ? " selected" : "")>\(escapeMarkup(role.displayName(in: l)))</option>\n"
            }
            html += "</select>\n<p class=\"hint\" id=\"why-\(index)\">"
                + escapeMarkup(l.pick(de: "Vorschlag: ", en: "Proposed: ") + proposed.displayName(in: l) + " (" + why + ")")
                + "</p>\n</div>\n"
        }
        html += "</fieldset>\n"
        html += "<fieldset>\n<legend>\(escapeMarkup(l.pick(de: "Datenschutz", en: "Privacy")))</legend>\n"
        html += """
        <div class="field">
        <label for="k">\(escapeMarkup(l.pick(de: "Kleinste Gruppe (k)", en: "Smallest group (k)")))</label>
        <input type="number" id="k" name="k" min="2" max="1000" step="1" required value="\(file.choices.k)" aria-describedby="k-hint">
        <p class="hint" id="k-hint">\(escapeMarkup(l.pick(
            de: "Jede Kombination der Quasi-Identifikatoren teilen mindestens k Personen; größer schützt mehr und vergröbert mehr.",
            en: "Every combination of quasi-identifiers is shared by at least k people; larger protects more and generalises more.")))</p>
        </div>
        <div class="field">
        <label for="l">\(escapeMarkup(l.pick(de: "Verschiedene sensible Werte je Gruppe (l)", en: "Different sensitive values per group (l)")))</label>
        <input type="number" id="l" name="l" min="2" max="100" step="1" required value="\(file.choices.l)" aria-describedby="l-hint">
        <p class="hint" id="l-hint">\(escapeMarkup(lHint(file, language: l)))</p>
        </div>
        <div class="field">
        <label for="unit">\(escapeMarkup(l.pick(de: "Schutzeinheit", en: "Privacy unit")))</label>
        <select id="unit" name="unit" aria-describedby="unit-hint">

        """
        let units = [("row", l.pick(de: "die Zeile (jede Zeile ist eine andere Person)", en: "the row (every row is a different person)"))]
            + file.check.guesses.map { ($0.column, l.pick(de: "Spalte \($0.column)", en: "column \($0.column)")) }
        for (value, label) in units {
            html += "<option value=\"\(escapeMarkup(value))\"\(value == file.choices.privacyUnit ? " selected" : "")>\(escapeMarkup(label))</option>\n"
        }
        html += """
        </select>
        <p class="hint" id="unit-hint">\(escapeMarkup(l.pick(
            de: "Die Spalte, die eine Person kennzeichnet: dann wird nach Personen gezählt, nicht nach Zeilen.",
            en: "The column that identifies a person: then people are counted, not rows.")))</p>
        </div>
        </fieldset>

        """
        html += consequences(file, language: l)
        html += """
        <p class="buttons"><button type="submit" formaction="\(escapeMarkup(paths.preview(file.id, l)))">\(escapeMarkup(l.pick(
            de: "Folgen vorab zeigen", en: "Preview the consequences")))</button>
        <button type="submit">\(escapeMarkup(l.pick(de: "Veröffentlichen", en: "Publish")))</button></p>
        </form>

        """
        return html
    }

    /// Which column l protects, with the current roles.
    private static func lHint(_ file: StudioFile, language l: Language) -> String {
        let sensitive = file.check.guesses.first { (file.choices.roles[$0.column] ?? $0.role) == .sensitive }?.column
        return l.pick(
            de: "Jede Gruppe enthält mindestens l verschiedene Werte der ersten sensiblen Spalte, damit niemand den Wert einer Person "
                + "aus ihrer Gruppe erschließt. " + (sensitive.map { "Jetzt: \($0)." } ?? "Jetzt gibt es keine sensible Spalte."),
            en: "Every group holds at least l different values of the first sensitive column, so that no one can infer a person's "
                + "value from their group. " + (sensitive.map { "Now: \($0)." } ?? "There is no sensitive column now."))
    }

    /// The preview of the consequences of the current choices, if one was made for
    /// them: sentences of column names, level names and counts (never a value), or
    /// why a publication with them would fail.
    private static func consequences(_ file: StudioFile, language l: Language) -> String {
        let heading = "<section id=\"consequences\" aria-labelledby=\"consequences-heading\" tabindex=\"-1\">\n"
            + "<h2 id=\"consequences-heading\">\(escapeMarkup(l.pick(de: "Folgen dieser Einstellungen", en: "Consequences of these settings")))</h2>\n"
        guard let preview = file.preview, preview.choices == file.choices else {
            return heading + "<p class=\"hint\">" + escapeMarkup(l.pick(
                de: "„Folgen vorab zeigen“ rechnet die Veröffentlichung mit diesen Einstellungen durch, ohne etwas zu schreiben: "
                    + "wie grob jede Spalte wird und wie viele Fälle und Personen wegfallen.",
                en: "“Preview the consequences” runs the publication with these settings without writing anything: "
                    + "how coarse each column becomes and how many cases and people are left out.")) + "</p>\n</section>\n"
        }
        switch preview.result {
        case .success(let consequences):
            let lines = consequences.sentences(in: l)
            return heading + "<p>\(escapeMarkup(lines[0]))</p>\n<ul class=\"consequences\">\n"
                + lines.dropFirst().map { "<li>\(escapeMarkup($0))</li>\n" }.joined() + "</ul>\n</section>\n"
        case .failure(let error):
            return heading + "<p class=\"problem\">" + escapeMarkup(l.pick(de: "So ginge es nicht: ", en: "This would not work: ")
                + StudioServer.message(for: error, in: l)) + "</p>\n</section>\n"
        }
    }

    /// A button that deletes an upload and everything made from it.
    static func deleteForm(_ id: String, paths: StudioPaths, language l: Language) -> String {
        """
        <form method="post" action="\(escapeMarkup(paths.delete(id, l)))">
        <h2>\(escapeMarkup(l.pick(de: "Fertig?", en: "Done?")))</h2>
        <p class="hint">\(escapeMarkup(l.pick(
            de: "Löscht die hochgeladene Datei und alles, was daraus gemacht wurde, von diesem Computer.",
            en: "Deletes the uploaded file and everything made from it from this computer.")))</p>
        <button type="submit">\(escapeMarkup(l.pick(de: "Datei und Ergebnisse löschen", en: "Delete the file and the results")))</button>
        </form>

        """
    }
}
