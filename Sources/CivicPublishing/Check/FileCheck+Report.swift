import CivicAnalysis
import CivicModels
import CivicPrivacy
import Foundation

extension AttributeRole {
    /// The role in a word or two for people ("Quasi-Identifikator", "free text").
    public func displayName(in l: Language) -> String {
        switch self {
        case .identifier: l.pick(de: "Identifikator", en: "identifier")
        case .pseudonym: l.pick(de: "Kennnummer", en: "case or client number")
        case .freeText: l.pick(de: "Freitext", en: "free text")
        case .quasiIdentifier: l.pick(de: "Quasi-Identifikator", en: "quasi-identifier")
        case .sensitive: l.pick(de: "sensibel", en: "sensitive")
        case .insensitive: l.pick(de: "unkritisch", en: "insensitive")
        }
    }
}

extension FileCheck {
    /// The risk with sampling weights in one line for people: global risk against
    /// the 3 % threshold, expected re-identifications, the highest individual risk.
    public func weightedRiskSummary(_ weighted: IndividualRisk, column: String, in l: Language) -> String {
        l.pick(de: "global \(l.percent(weighted.global)) (Schwelle \(l.percent(Self.riskThreshold, digits: 0))), "
                + "\(l.number(weighted.expectedReidentifications)) erwartete Wiedererkennungen, höchstens "
                + "\(l.percent(weighted.highest)) (Gewichte: \(column); Modell von Benedetti und Franconi wie in sdcMicro)",
               en: "global \(l.percent(weighted.global)) (threshold \(l.percent(Self.riskThreshold, digits: 0))), "
                + "\(l.number(weighted.expectedReidentifications)) expected re-identifications, highest "
                + "\(l.percent(weighted.highest)) (weights: \(column); Benedetti–Franconi model as in sdcMicro)")
    }

    /// What to do next, in order; `proposal` names the configuration already written.
    public func nextSteps(in l: Language, proposal: String? = nil) -> [String] {
        let config = proposal ?? "publish.yaml"
        var steps = proposal != nil ? [] : [
            l.pick(de: "Vorschlag schreiben: civic-check \(fileName) --write-config publish.yaml",
                   en: "Write the proposal: civic-check \(fileName) --write-config publish.yaml"),
        ]
        steps += [
            l.pick(de: "\(config) lesen und jede Rolle prüfen, besonders die als „unsicher“ markierten.",
                   en: "Read \(config) and check every role, above all those marked \"unsure\"."),
            l.pick(de: "Veröffentlichen: civic-publish --input \(fileName) --config \(config), dann den Bericht lesen.",
                   en: "Publish: civic-publish --input \(fileName) --config \(config), then read the report."),
        ]
        if case .noObviousProblem = verdict {
            steps.insert(l.pick(de: "Auch ohne offensichtliche Probleme: entfernen Sie, was Leser nicht brauchen.",
                                en: "Even without obvious problems: remove what readers do not need."), at: 0)
        }
        return steps
    }

    /// The check as a self-contained HTML-ready report, in `language`: the verdict
    /// and key figures first, then what to do, every column's guess with its
    /// reasons, the risk, and what software cannot check.
    public func report(in l: Language, created: Date = Date()) -> Report {
        var report = Report(title: l.pick(de: "Prüfung von \(fileName)", en: "Check of \(fileName)"), language: l)
        let direct = guesses.filter { $0.role == .identifier }.map(\.column)
        var facts = [
            ReportDefinition(l.pick(de: "Ergebnis", en: "Verdict"), verdict.headline(in: l)),
            ReportDefinition(l.pick(de: "Datei", en: "File"), l.pick(
                de: "\(fileName): \(l.integer(rowCount)) Zeilen, \(guesses.count) Spalten",
                en: "\(fileName): \(l.integer(rowCount)) rows, \(guesses.count) columns")),
            ReportDefinition(l.pick(de: "Personen", en: "People"), personColumn.map {
                l.pick(de: "\(l.integer(people)) (Spalte \($0))", en: "\(l.integer(people)) (column \($0))")
            } ?? l.pick(de: "keine Personenspalte gefunden: jede Zeile zählt als Person",
                        en: "no person column found: every row counts as a person")),
            ReportDefinition(l.pick(de: "Direkte Identifikatoren", en: "Direct identifiers"),
                             direct.isEmpty ? l.pick(de: "keine gefunden", en: "none found") : direct.joined(separator: ", ")),
            ReportDefinition(l.pick(de: "Quasi-Identifikatoren", en: "Quasi-identifiers"),
                             quasiIdentifiers.isEmpty ? l.pick(de: "keine gefunden", en: "none found") : quasiIdentifiers.joined(separator: ", ")),
        ]
        if let risk {
            facts.append(ReportDefinition(l.pick(de: "Risiko", en: "Risk"), l.pick(
                de: "höchstens \(l.percent(risk.highest)), im Mittel \(l.percent(risk.average)); \(l.integer(uniquePeople)) "
                    + "Personen einmalig",
                en: "highest \(l.percent(risk.highest)), average \(l.percent(risk.average)); \(l.integer(uniquePeople)) "
                    + "people unique")))
        }
        if let weighted = weightedRisk, let weightColumn {
            facts.append(ReportDefinition(l.pick(de: "Risiko mit Stichprobengewichten", en: "Risk with sampling weights"),
                                          weightedRiskSummary(weighted, column: weightColumn, in: l)))
        }
        facts.append(ReportDefinition(l.pick(de: "Erstellt", en: "Made"), l.pick(
            de: "\(l.date(CivicDate(created))) mit CivicDataKit \(CivicDataKitVersion.current)",
            en: "\(l.date(CivicDate(created))) with CivicDataKit \(CivicDataKitVersion.current)")))
        report.add(.keyFacts(facts))

        report.add(.heading(l.pick(de: "Was zu tun ist", en: "What to do"), level: 2))
        report.add(.list(nextSteps(in: l)))

        report.add(.heading(l.pick(de: "Die Spalten", en: "The columns"), level: 2))
        report.add(.paragraph(l.pick(
            de: "Jede Einstufung ist eine Vermutung aus dem Spaltennamen und einer Stichprobe der Werte; die Werte selbst "
                + "erscheinen hier nicht.",
            en: "Every role is a guess from the column's name and a sample of its values; the values themselves do not "
                + "appear here.")))
        report.add(.table(ReportTable(
            header: [l.pick(de: "Spalte", en: "column"), l.pick(de: "Vermutung", en: "guess"),
                     l.pick(de: "Sicherheit", en: "confidence"), l.pick(de: "Begründung", en: "why")],
            rows: guesses.map { guess in
                [guess.column, guess.role.displayName(in: l) + (guess.meaning.map { " (\($0.description(in: l)))" } ?? ""),
                 guess.confidence.name(in: l), guess.reasons.map { $0.text(in: l) }.joined(separator: "; ")]
            })))

        report.add(.heading(l.pick(de: "Risiko der Datei, wie sie ist", en: "Risk of the file as it is"), level: 2))
        if let risk {
            let unit = personColumn == nil ? l.pick(de: "Zeilen", en: "rows") : l.pick(de: "Personen", en: "people")
            report.add(.paragraph(l.pick(
                de: "Gemessen an den Quasi-Identifikatoren \(quasiIdentifiers.joined(separator: ", ")): wer eine Person und "
                    + "diese Merkmale kennt, findet sie in einer Gruppe; das Risiko ist 1 geteilt durch die \(unit) der Gruppe.",
                en: "Measured on the quasi-identifiers \(quasiIdentifiers.joined(separator: ", ")): someone who knows a person "
                    + "and these characteristics finds them in a group; the risk is 1 divided by the \(unit) of the group.")))
            report.add(.table(ReportTable(
                header: [l.pick(de: "Kennzahl", en: "figure"), l.pick(de: "Wert", en: "value")],
                rows: [
                    [l.pick(de: "höchstes Risiko", en: "highest risk"), l.percent(risk.highest)],
                    [l.pick(de: "durchschnittliches Risiko", en: "average risk"), l.percent(risk.average)],
                    [l.pick(de: "einmalige Personen", en: "unique people"), l.integer(uniquePeople)],
                    [l.pick(de: "Anteil mit Risiko über 20 %", en: "share with risk above 20 %"), l.percent(risk.shareOfRows(above: 0.2))],
                ], numericColumns: [1])))
            report.add(.paragraph(l.pick(
                de: "Das durchschnittliche Risiko ist die Zahl der Wiedererkennungen, die man im Mittel erwarten muss, je Person. "
                    + "Das Centre for Humanitarian Data teilt Datensätze auf HDX erst, wenn dieser Wert unter "
                    + "\(l.percent(Self.riskThreshold, digits: 0)) liegt; hier: \(l.percent(risk.average)).",
                en: "The average risk is the number of re-identifications to expect, per person. The Centre for Humanitarian "
                    + "Data shares datasets on HDX only when this figure is below \(l.percent(Self.riskThreshold, digits: 0)); "
                    + "here: \(l.percent(risk.average)).")))
            if let weighted = weightedRisk, let weightColumn {
                report.add(.paragraph(l.pick(
                    de: "Die Datei ist eine Stichprobe mit Gewichten (Spalte \(weightColumn)): wer in der Stichprobe einmalig ist, "
                        + "hat in der Bevölkerung vielleicht viele Doppelgänger, und die Gewichte sagen, wie viele. Das "
                        + "individuelle Risiko nach Benedetti und Franconi (1998), wie es sdcMicro berechnet, schätzt daraus je "
                        + "Zeile die Chance, die richtige Person zu treffen; das globale Risiko ist ihr Mittel. Mit einer "
                        + "Personenspalte zählt jede Person einmal je Gruppe, mit dem kleinsten Gewicht ihrer Zeilen (vorsichtig).",
                    en: "The file is a sample with weights (column \(weightColumn)): someone unique in the sample may have many "
                        + "look-alikes in the population, and the weights say how many. The individual risk of Benedetti and "
                        + "Franconi (1998), as sdcMicro computes it, estimates from them each row's chance of picking the right "
                        + "person; the global risk is its mean. With a person column each person counts once per group, with "
                        + "the smallest weight of their rows (the cautious choice).")))
                report.add(.table(ReportTable(
                    header: [l.pick(de: "Kennzahl (mit Gewichten)", en: "figure (with weights)"), l.pick(de: "Wert", en: "value")],
                    rows: [
                        [l.pick(de: "globales Risiko", en: "global risk"), l.percent(weighted.global)],
                        [l.pick(de: "erwartete Wiedererkennungen", en: "expected re-identifications"), l.number(weighted.expectedReidentifications)],
                        [l.pick(de: "höchstes individuelles Risiko", en: "highest individual risk"), l.percent(weighted.highest)],
                        [l.pick(de: "Anteil mit Risiko über 20 %", en: "share with risk above 20 %"), l.percent(weighted.shareOfRows(above: 0.2))],
                    ], numericColumns: [1])))
            }
        } else {
            report.add(.paragraph(l.pick(de: "Keine Quasi-Identifikatoren gefunden, also kein Risiko gemessen; prüfen Sie die Spalten.",
                                         en: "No quasi-identifiers found, so no risk was measured; check the columns.")))
        }

        report.add(.heading(l.pick(de: "Was Software nicht prüfen kann", en: "What software cannot check"), level: 2))
        report.add(.list([
            l.pick(de: "Was Ihre Leserinnen und Leser schon wissen: wer eine Person kennt, kennt oft mehr Merkmale als hier gezählt.",
                   en: "What your readers already know: someone who knows a person often knows more than is counted here."),
            l.pick(de: "Umschreibungen im Freitext („die Nachbarin aus dem dritten Stock“).",
                   en: "Descriptions in free text (\"the neighbour on the third floor\")."),
            l.pick(de: "Ob Sie die Daten überhaupt teilen dürfen: Rechtsgrundlage und Einwilligung.",
                   en: "Whether you may share the data at all: legal basis and consent."),
        ]))
        report.add(.heading(Glossary.heading(in: l), level: 2))
        report.add(.glossary(Glossary.entries([.prosecutorRisk, .privacyUnit, .equivalenceClass, .kAnonymity, .pseudonym,
                                               .redaction], in: l)))
        return report
    }
}
