import CivicModels

extension PublicationPreview {
    /// The preview as sentences for people, in `l`: the settings, what each
    /// quasi-identifier becomes, what is left out (in cases and people), which
    /// columns are removed, pseudonymised or redacted, and the highest risk after.
    /// Only column names, level names and counts; never a value of the data.
    public func sentences(in l: Language) -> [String] {
        var lines = [settingsSentence(in: l)]
        for generalisation in generalisations {
            let total = max(generalisation.levels.reduce(0) { $0 + $1.rows }, 1)
            let parts = generalisation.levels.reversed().map { level in
                generalisation.levels.count == 1 ? level.step.name(in: l)
                    : l.pick(de: "\(level.step.name(in: l)) für \(l.integer(level.rows)) Fälle (\(l.percent(Double(level.rows) / Double(total), digits: 0)))",
                             en: "\(level.step.name(in: l)) for \(l.integer(level.rows)) cases (\(l.percent(Double(level.rows) / Double(total), digits: 0)))")
            }
            lines.append("\(generalisation.column): " + parts.joined(separator: ", "))
        }
        lines.append(leftOutSentence(in: l))
        for (columns, de, en) in [(removed, "Entfernt", "Removed"), (pseudonymised, "Pseudonymisiert", "Pseudonymised"),
                                  (redacted, "Geschwärzt", "Redacted")] where !columns.isEmpty {
            lines.append(l.pick(de: de, en: en) + ": " + columns.joined(separator: ", "))
        }
        lines.append(l.pick(de: "Höchstes Risiko danach: \(l.percent(highestRisk))",
                            en: "Highest risk afterwards: \(l.percent(highestRisk))"))
        return lines
    }

    /// "With k = 10, counted in people (column client_id), and l = 2 for service:".
    private func settingsSentence(in l: Language) -> String {
        let unit = privacyUnit.map { l.pick(de: "gezählt in Personen (Spalte \($0))", en: "counted in people (column \($0))") }
            ?? l.pick(de: "jede Zeile als eigene Person gezählt", en: "every row counted as a person")
        let k = self.k.map { "k = \(l.integer($0))" } ?? "k –"
        let diversity = lDiversity.map { l.pick(de: " und l = \(l.number($0.l)) für \($0.column)", en: " and l = \(l.number($0.l)) for \($0.column)") }
            ?? l.pick(de: " (keine sensible Spalte, daher kein l)", en: " (no sensitive column, so no l)")
        return l.pick(de: "Mit \(k), \(unit),\(diversity):", en: "With \(k), \(unit),\(diversity):")
    }

    /// "4 of 3,000 cases are left out, of 4 people (3 of them entirely)."
    private func leftOutSentence(in l: Language) -> String {
        guard leftOutRows > 0 else {
            return l.pick(de: "Kein Fall wird weggelassen (\(l.integer(inputRows)) Fälle).",
                          en: "No case is left out (\(l.integer(inputRows)) cases).")
        }
        let cases = l.pick(de: "\(l.integer(leftOutRows)) von \(l.integer(inputRows)) Fällen werden weggelassen",
                           en: "\(l.integer(leftOutRows)) of \(l.integer(inputRows)) cases are left out")
        guard let inputPersons, let publishedPersons, let personsWithCasesLeftOut else { return cases + "." }
        let entirely = inputPersons - publishedPersons
        return cases + l.pick(
            de: ", von \(l.integer(personsWithCasesLeftOut)) Personen (\(l.integer(entirely)) davon ganz).",
            en: ", of \(l.integer(personsWithCasesLeftOut)) people (\(l.integer(entirely)) of them entirely).")
    }
}
