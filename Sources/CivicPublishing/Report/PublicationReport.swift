import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

extension PublicationResult {
    /// The report of this publication in another language, from the figures of the
    /// same run: nothing is anonymised or counted again, only the words change (and
    /// the title, when it is the profile's default). The package keeps the report it
    /// was written with; this one is for showing, say, a German report to a reader
    /// who asks for it after an English publication.
    ///
    /// ```swift
    /// let result = try Publication(language: .english).run(table, inputName: "export.csv")
    /// try result.write(to: folder)                       // report.html in English
    /// let german = result.report(in: .german).html()     // the same report in German
    /// ```
    public func report(in language: Language) -> Report {
        guard language != self.language else { return report }
        var translated = self
        translated.language = language
        if settings.title == nil { translated.title = profile.defaultTitle(in: language) }
        return translated.report
    }

    /// The report for people (`report.html`): what went in, what was done to each
    /// column, the risk before and after, the utility, the protected statistics
    /// with charts, and what the organisation still has to check itself.
    public var report: Report {
        let l = language
        var report = Report(title: title, language: language)
        let result = anonymization
        let levels = result.best.transformation.levels

        report.add(.keyFacts(keyFacts))
        report.add(.paragraph(privacyUnitExplanation))
        let allowed = settings.allowIdentifiers.filter { roles.columns.map(\.name).contains($0) }
        if !allowed.isEmpty {
            report.add(.note(l.pick(
                de: "Achtung: die Spalten \(allowed.joined(separator: ", ")) werden unverändert veröffentlicht, obwohl ihre Werte "
                    + "wie Namen, Kontaktdaten oder Kennnummern aussehen (allow-identifiers). Prüfen Sie das vor der Veröffentlichung.",
                en: "Warning: the columns \(allowed.joined(separator: ", ")) are published unchanged although their values look "
                    + "like names, contact details or identification numbers (allow-identifiers). Check this before publishing.")))
        }
        report.add(.paragraph(l.pick(
            de: "Dieser Bericht beschreibt, wie aus \(inputName) ein veröffentlichbares Datenpaket wurde (Lizenz \(licence.name)). "
                + "Alle Zahlen stammen aus dem Lauf, der das Paket geschrieben hat.",
            en: "This report describes how \(inputName) became a publishable data package (licence \(licence.name)). "
                + "Every figure comes from the run that wrote the package.")))

        // What went in, and what was done to each column.
        report.add(.heading(l.pick(de: "Eingang und Behandlung der Spalten", en: "Input and treatment of the columns"), level: 2))
        report.add(.paragraph(l.pick(
            de: "\(l.integer(inputRows)) Zeilen, \(roles.columns.count) Spalten.",
            en: "\(l.integer(inputRows)) rows, \(roles.columns.count) columns.")))
        // The name for people first, the column's own name after it.
        let rows = roles.columns.map { column -> [String] in
            let name = label(of: column.name) == column.name ? column.name : "\(label(of: column.name)) (\(column.name))"
            return [name, column.role.displayName(in: l), treatment(column.name, column.role, self, levels: levels, l)]
        }
        report.add(.table(ReportTable(header: [l.pick(de: "Spalte", en: "Column"), l.pick(de: "Rolle", en: "Role"),
                                               l.pick(de: "Behandlung", en: "Treatment")], rows: rows)))

        // Privacy model and risk.
        report.add(.heading(l.pick(de: "Re-Identifikationsrisiko", en: "Re-identification risk"), level: 2))
        report.add(.paragraph(l.pick(
            de: "Datenschutzmodell: \(anonymizer.criteria.map { $0.summary(in: l) }.joined(separator: ", ")); höchstens "
                + "\(l.percent(anonymizer.suppressionLimit)) der Zeilen dürfen unterdrückt werden. Das Risiko ist das "
                + "Staatsanwalts-Risiko: 1 / "
                + (personColumn == nil ? "Zeilen" : "Personen") + " der Gruppe mit gleichen Quasi-Identifikatoren.",
            en: "Privacy model: \(anonymizer.criteria.map(\.summary).joined(separator: ", ")); at most "
                + "\(l.percent(anonymizer.suppressionLimit)) of rows may be suppressed. Risk is prosecutor risk: "
                + "1 / the " + (personColumn == nil ? "rows" : "people") + " of the group sharing the quasi-identifier values.")))
        let before = result.riskBefore, after = riskAfter
        report.add(.table(ReportTable(
            header: [l.pick(de: "Kennzahl", en: "figure"), l.pick(de: "vorher", en: "before"), l.pick(de: "nachher", en: "after")],
            rows: [
                [l.pick(de: "höchstes Risiko", en: "highest risk"), l.percent(before.highest), l.percent(after.highest)],
                [l.pick(de: "durchschnittliches Risiko", en: "average risk"), l.percent(before.average), l.percent(after.average)],
                [personColumn == nil ? l.pick(de: "Zeilen mit Risiko über 20 %", en: "rows with risk above 20 %")
                    : l.pick(de: "Personen mit Risiko über 20 %", en: "people with risk above 20 %"),
                 l.percent(before.shareOfRows(above: 0.2)), l.percent(after.shareOfRows(above: 0.2))],
                [l.pick(de: "Unikate in der Stichprobe", en: "sample uniques"), l.integer(before.sampleUniques),
                 l.integer(after.sampleUniques)],
            ],
            caption: l.pick(de: "Risiko vor der Anonymisierung und im veröffentlichten Paket",
                            en: "Risk before anonymisation and in the published package"),
            numericColumns: [1, 2])))

        // Utility.
        report.add(.heading(l.pick(de: "Nutzen", en: "Utility"), level: 2))
        let utility = result.best.utility
        report.add(.table(ReportTable(
            header: [l.pick(de: "Kennzahl", en: "Figure"), l.pick(de: "Wert", en: "Value")],
            rows: [
                [l.pick(de: "Informationsverlust (0 = keiner, 1 = alles)", en: "Loss (0 = none, 1 = everything)"),
                 l.decimal(utility.loss, digits: 4)],
                [l.pick(de: "unterdrückte und weggelassene Zeilen", en: "suppressed rows, left out"), l.integer(suppressedRows)],
                [l.pick(de: "veröffentlichte Zeilen", en: "published rows"), l.integer(published.rowCount)],
                [l.pick(de: "Gruppen (Äquivalenzklassen)", en: "groups (equivalence classes)"), l.integer(result.best.publishedClasses)],
                [personColumn == nil ? l.pick(de: "kleinste Klasse (Zeilen)", en: "smallest class (rows)")
                    : l.pick(de: "kleinste Klasse (Personen)", en: "smallest class (people)"), l.integer(result.best.smallestClassSize)],
                [l.pick(de: "mittlere Klassengröße", en: "average class size"), l.decimal(utility.averageClassSize, digits: 1)],
            ],
            numericColumns: [1])))
        report.add(.paragraph(l.pick(
            de: "Suche: \(l.integer(result.nodesChecked)) Kombinationen von Vergröberungsstufen geprüft (\(l.integer(result.latticeSize)) "
                + "möglich); " + (result.isOptimal ? "die beste gewählt." : "die beste gefundene, ohne Garantie, dass keine bessere existiert."),
            en: "Search: \(l.integer(result.nodesChecked)) combinations of generalisation levels checked (\(l.integer(result.latticeSize)) "
                + "possible); " + (result.isOptimal ? "the best chosen." : "the best found, with no guarantee that none is better."))))

        // Statistics.
        report.add(.heading(l.pick(de: "Tabellen", en: "Tables"), level: 2))
        report.add(.paragraph(l.pick(
            de: "Tabellen und Daten dieses Pakets sind eine Veröffentlichung. Die Tabellen sind deshalb aus der "
                + "veröffentlichten Datendatei gezählt und zählen Fälle, wie sie: Jede Zahl lässt sich dort nachzählen, "
                + "sie verraten nichts, was die Daten nicht zeigen, und kein Feld muss geheim gehalten werden. "
                + "Vor dem Schreiben wurde jede Tabelle aus der geschriebenen Datei nachgezählt.",
            en: "The tables and the data of this package are one release. So the tables are counted from the "
                + "published data file and count cases, as it does: every number can be counted there, they reveal "
                + "nothing the data does not, and no cell needs withholding. Every table was recounted from the "
                + "written file before the package was written.")))
        for statistic in statistics {
            report.add(.heading(statistic.title(in: l, label: label(of:)), level: 3))
            report.add(.table(statistic.reportTable(in: l, label: label(of:))))
            if statistic.columns == nil {
                report.add(.chart(BarChart(title: statistic.title(in: l, label: label(of:)), categories: statistic.table.rowLabels,
                                           values: statistic.table.cells.map { $0[0].publishedValue },
                                           valueLabel: l.pick(de: "Fälle", en: "cases"), categoryLabel: label(of: statistic.rows),
                                           language: l)))
            }
        }

        // The questions readers ask, answered from the published and the raw data.
        if !workload.isEmpty {
            report.add(.heading(l.pick(de: "Was die Daten noch beantworten", en: "What the data still answers"), level: 2))
            report.add(.paragraph(l.pick(
                de: "Die ersten Fragen von Geldgebern, einmal aus den veröffentlichten und einmal aus den Rohdaten gezählt. "
                    + "Ein vergröberter Wert (eine Altersspanne, ein Jahr) wird gleichmäßig auf die Werte verteilt, für die er steht. "
                    + "Falsch zugeordnet: der Anteil der Fälle, die in den veröffentlichten Daten in einem anderen Feld landen "
                    + "(weggelassene Zeilen eingeschlossen).",
                en: "A funder's first questions, counted once from the published and once from the raw data. A generalised "
                    + "value (an age band, a year) is spread evenly over the values it stands for. Misplaced: the share of cases "
                    + "that land in another cell in the published data (left-out rows included).")))
            report.add(.table(ReportTable(
                header: [l.pick(de: "Frage", en: "question"), l.pick(de: "Felder", en: "cells"),
                         l.pick(de: "mittlerer relativer Fehler", en: "mean relative error"),
                         l.pick(de: "falsch zugeordnet", en: "misplaced")],
                rows: workload.map { [$0.query.title(in: l), l.integer($0.cells), l.percent($0.meanRelativeError), l.percent($0.misplacedShare)] },
                numericColumns: [1, 2, 3])))
        }

        // What is left to the organisation.
        report.add(.heading(l.pick(de: "Was Sie selbst noch prüfen müssen", en: "What you still have to check"), level: 2))
        report.add(.list([
            l.pick(de: "Freitext: die Schwärzung erkennt Namen, Kontaktdaten, Kontonummern und Adressen, aber nicht jede Umschreibung "
                    + "(„die Nachbarin aus dem dritten Stock“). Lesen Sie eine Stichprobe der Spalten mit Freitext.",
                   en: "Free text: redaction finds names, contact details, account numbers and addresses, but not every description "
                    + "(\"the neighbour on the third floor\"). Read a sample of the free-text columns."),
            l.pick(de: "Externe Daten: das Risiko ist gegen die veröffentlichten Quasi-Identifikatoren gemessen. Wenn Dritte weitere "
                    + "Merkmale kennen (etwa Termine oder die Art der Beratung), ist das Risiko höher.",
                   en: "External data: risk is measured against the published quasi-identifiers. If others know further attributes "
                    + "(such as appointment dates or the kind of service), the risk is higher."),
            publishesPersonColumn
                ? l.pick(de: "Mehrere Fälle einer Person sind über das Pseudonym verbunden; eine Person mit vielen Fällen ist leichter zu erkennen.",
                         en: "Several cases of one person are linked by the pseudonym; a person with many cases is easier to recognise.")
                : l.pick(de: "Fälle einer Person lassen sich manchmal über andere Spalten verbinden (gleiche Merkmale, aufeinanderfolgende "
                            + "Daten); wer weiß, dass eine Person viele Fälle hat, erkennt sie leichter.",
                         en: "Cases of one person can sometimes be linked through other columns (the same characteristics, "
                            + "consecutive dates); someone who knows that a person has many cases recognises them more easily."),
            l.pick(de: "Rechtsgrundlage und Einwilligung: die Software ersetzt keine Prüfung durch Ihre Datenschutzbeauftragte.",
                   en: "Legal basis and consent: the software does not replace a review by your data protection officer."),
        ]))
        report.add(.heading(Glossary.heading(in: l), level: 2))
        report.add(.glossary(Glossary.entries(glossaryTerms, in: l)))
        return report
    }
}

extension PublicationResult {
    /// The summary at the top of the report, for a board member with two minutes:
    /// what was published and left out, what the protection means, what was
    /// removed, who published it, under which licence, when and with what.
    public var keyFacts: [ReportDefinition] {
        let l = language
        let k = anonymizer.criteria.map(\.minimumClassSize).max() ?? 1
        let people = personColumn == nil ? l.pick(de: "Zeilen", en: "rows") : l.pick(de: "Personen", en: "people")
        var publishedText = l.pick(de: "\(l.integer(published.rowCount)) von \(l.integer(inputRows)) Fällen",
                                   en: "\(l.integer(published.rowCount)) of \(l.integer(inputRows)) cases")
        if let inputPersons, let publishedPersonCount {
            publishedText += l.pick(de: " (\(l.integer(publishedPersonCount)) von \(l.integer(inputPersons)) Personen)",
                                    en: " (\(l.integer(publishedPersonCount)) of \(l.integer(inputPersons)) people)")
        }
        let left = suppressedRows
        let leftText = left == 0 ? l.pick(de: "keine Fälle", en: "no cases")
            : l.pick(de: "\(l.integer(left)) \(left == 1 ? "Fall" : "Fälle") mit zu seltenen Merkmalen",
                     en: "\(l.integer(left)) \(left == 1 ? "case" : "cases") with characteristics too rare to publish")
        let characteristics = quasiIdentifiers.map(label(of:)).joined(separator: ", ")
        let highest = l.percent(riskAfter.highest)
        let protection = l.pick(
            de: "Jede Gruppe mit gleichen Merkmalen (\(characteristics)) umfasst mindestens \(k) \(people). Wer eine Person und "
                + "diese Merkmale kennt, findet mindestens \(k) Kandidaten; das höchste Risiko einer richtigen Zuordnung ist "
                + "\(highest).",
            en: "Every group sharing the same characteristics (\(characteristics)) holds at least \(k) \(people). Someone who "
                + "knows a person and these characteristics finds at least \(k) candidates; the highest chance of a correct "
                + "match is \(highest).")
        var removed: [String] = []
        let identifiers = roles.names(.identifier).map(label(of:))
        if !identifiers.isEmpty {
            removed.append(l.pick(de: "entfernt: \(identifiers.joined(separator: ", "))", en: "removed: \(identifiers.joined(separator: ", "))"))
        }
        let pseudonyms = roles.names(.pseudonym).filter { $0 != personColumn || publishesPersonColumn }.map(label(of:))
        if !pseudonyms.isEmpty {
            removed.append(l.pick(de: "pseudonymisiert: \(pseudonyms.joined(separator: ", "))",
                                  en: "pseudonymised: \(pseudonyms.joined(separator: ", "))"))
        }
        let freeText = roles.names(.freeText).map(label(of:))
        if !freeText.isEmpty {
            removed.append(l.pick(de: "geschwärzt: \(freeText.joined(separator: ", "))", en: "redacted: \(freeText.joined(separator: ", "))"))
        }
        var facts = [
            ReportDefinition(l.pick(de: "Veröffentlicht", en: "Published"), publishedText),
            ReportDefinition(l.pick(de: "Weggelassen", en: "Left out"), leftText),
            ReportDefinition(l.pick(de: "Schutz", en: "Protection"), protection),
        ]
        if !removed.isEmpty {
            facts.append(ReportDefinition(l.pick(de: "Kennungen", en: "Identifiers"), removed.joined(separator: "; ")))
        }
        if let publisher = settings.publisher {
            facts.append(ReportDefinition(l.pick(de: "Herausgeber", en: "Publisher"), publisher))
        }
        facts.append(ReportDefinition(l.pick(de: "Lizenz", en: "Licence"), licence.name))
        facts.append(ReportDefinition(
            l.pick(de: "Erstellt", en: "Made"),
            l.pick(de: "\(l.date(CivicDate(created))) aus \(inputName) mit CivicDataKit \(CivicDataKitVersion.current)",
                   en: "\(l.date(CivicDate(created))) from \(inputName) with CivicDataKit \(CivicDataKitVersion.current)")))
        return facts
    }

    /// The terms the report uses, for its glossary.
    var glossaryTerms: [Glossary.Term] {
        var terms: [Glossary.Term] = [.kAnonymity, .privacyUnit, .equivalenceClass, .prosecutorRisk]
        let criteria = anonymizer.criteria
        if criteria.contains(where: { $0 is DistinctLDiversity || $0 is EntropyLDiversity || $0 is RecursiveCLDiversity }) {
            terms.append(.lDiversity)
        }
        if criteria.contains(where: { $0 is TCloseness }) { terms.append(.tCloseness) }
        terms += [.generalisation, .suppression, .loss, .pseudonym, .redaction]
        if !topCodings.isEmpty { terms.append(.topCoding) }
        return terms
    }

    /// The report's first line: what went in, what came out, what the protection means.
    public var summaryLine: String {
        let l = language
        let k = anonymizer.criteria.map(\.minimumClassSize).max() ?? 1
        let cases = l.integer(inputRows), left = suppressedRows
        let leftOut = l.pick(de: left == 1 ? "1 Fall wurde weggelassen." : "\(l.integer(left)) Fälle wurden weggelassen.",
                             en: left == 1 ? "1 case was left out." : "\(l.integer(left)) cases were left out.")
        guard let inputPersons else {
            return l.pick(de: "\(cases) Fälle; jede veröffentlichte Gruppe umfasst mindestens \(k) Zeilen; ",
                          en: "\(cases) cases; every published group holds at least \(k) rows; ") + leftOut
        }
        return l.pick(
            de: "\(cases) Fälle von \(l.integer(inputPersons)) Personen; jede veröffentlichte Gruppe umfasst mindestens \(k) Personen; ",
            en: "\(cases) cases of \(l.integer(inputPersons)) people; every published group holds at least \(k) people; ") + leftOut
    }

    /// What the privacy unit means, in one paragraph for a social worker.
    public var privacyUnitExplanation: String {
        guard let personColumn else {
            return language.pick(
                de: "Geschützt wird jede Zeile, als wäre sie eine eigene Person. Hat eine Person mehrere Zeilen, können fünf "
                    + "Zeilen einer Gruppe weniger als fünf Menschen sein; nennen Sie dann die Personenspalte (privacy-unit).",
                en: "Every row is protected as if it were a different person. If one person can have several rows, five rows "
                    + "of a group may be fewer than five people; then name the person column (privacy-unit).")
        }
        if publishesPersonColumn {
            return language.pick(
                de: "Der Schutz zählt Menschen, nicht Zeilen (Personenspalte \(personColumn)). Die Personenkennung wird als Pseudonym "
                    + "veröffentlicht, also sind die Fälle einer Person verbunden; deshalb teilt jede Person ihre gesamte Menge "
                    + "veröffentlichter Zeilen mit mindestens so vielen anderen, wie jede Gruppe Personen haben muss.",
                en: "Protection counts people, not rows (person column \(personColumn)). The person key is published as a pseudonym, "
                    + "so the cases of one person are linked; therefore every person's whole set of published rows is shared by "
                    + "as many people as every group must hold.")
        }
        return language.pick(
            de: "Der Schutz zählt Menschen, nicht Zeilen: eine Klientin mit acht Fällen ist eine Person, und eine Gruppe aus fünf "
                + "Fällen von zwei Klienten zählt als zwei. Die Personenkennung (\(personColumn)) wird nicht veröffentlicht, "
                + "damit niemand sieht, welche Fälle zu derselben Person gehören.",
            en: "Protection counts people, not rows: a client with eight cases is one person, and a group of five cases from "
                + "two clients counts as two. The person key (\(personColumn)) is not published, so nobody can tell which cases "
                + "belong to the same person.")
    }
}


private func treatment(_ name: String, _ role: AttributeRole, _ facts: PublicationResult, levels: [Int],
                       _ l: Language) -> String {
    switch role {
    case .identifier:
        if let other = facts.roles.redundant[name].map(facts.label(of:)) {
            return l.pick(de: "entfernt: \(other) sagt dasselbe, gröber und sicherer", en: "removed: \(other) says the same, coarser and safer")
        }
        return l.pick(de: "entfernt", en: "removed")
    case .pseudonym where name == facts.personColumn && !facts.publishesPersonColumn:
        return l.pick(de: "entfernt (Schutzeinheit: kennzeichnet die Person; veröffentlicht würde es ihre Fälle verbinden)",
                      en: "removed (privacy unit: identifies the person; published, it would link their cases)")
    case .pseudonym: return l.pick(de: "durch Pseudonym ersetzt (Schlüssel nicht veröffentlicht)",
                                   en: "replaced by a pseudonym (key not published)")
    case .freeText:
        let counts = facts.redaction.findings[name] ?? [:]
        let parts = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.placeholder(in: l))" }
        return l.pick(de: "geschwärzt: ", en: "redacted: ") + (parts.isEmpty ? "–" : parts.joined(separator: ", "))
    case .quasiIdentifier:
        guard let q = facts.quasiIdentifiers.firstIndex(of: name) else { return "" }
        let height = facts.anonymizer.quasiIdentifiers[q].hierarchy.height - 1
        let loss = facts.anonymization.best.lossPerQuasiIdentifier[q]
        if facts.anonymization.levelCombinations.count > 1 {
            let shares = facts.anonymization.levelSharesText(of: q)
            return l.pick(de: "Zeile für Zeile vergröbert, Anteil der Zeilen je Stufe (von \(height)): \(shares) (Verlust \(l.decimal(loss, digits: 3)))",
                          en: "generalised row by row, share of rows per level (of \(height)): \(shares) (loss \(l.decimal(loss, digits: 3)))")
        }
        return l.pick(de: "vergröbert auf Stufe \(levels[q]) von \(height) (Verlust \(l.decimal(loss, digits: 3)))",
                      en: "generalised to level \(levels[q]) of \(height) (loss \(l.decimal(loss, digits: 3)))")
    case .sensitive, .insensitive:
        let codings = facts.topCodings.filter { $0.column == name }
        if !codings.isEmpty {
            return codings.map { coding in
                let bound = l.number(coding.threshold), rows = l.integer(coding.cappedRows)
                return coding.end == .top
                    ? l.pick(de: "Werte über \(bound) als \(bound) angegeben (Top-Coding, \(rows) Zeilen)",
                             en: "values above \(bound) shown as \(bound) (top-coded, \(rows) rows)")
                    : l.pick(de: "Werte unter \(bound) als \(bound) angegeben (Bottom-Coding, \(rows) Zeilen)",
                             en: "values below \(bound) shown as \(bound) (bottom-coded, \(rows) rows)")
            }.joined(separator: "; ")
        }
        if role == .sensitive, facts.anonymizer.sensitiveAttribute == name {
            let criteria = facts.anonymizer.criteria.filter { $0.sensitiveAttribute == name }.map { $0.summary(in: l) }.joined(separator: ", ")
            return l.pick(de: "unverändert, geschützt durch \(criteria)", en: "unchanged, protected by \(criteria)")
        }
        return l.pick(de: "unverändert", en: "unchanged")
    }
}
