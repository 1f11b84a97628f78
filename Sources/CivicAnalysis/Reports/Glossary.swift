import CivicModels

/// Plain-language explanations of the terms reports use, in German and English, so
/// a board member can read a report without a statistics course. A report adds the
/// entries for the terms it uses at its end.
///
/// ```swift
/// report.add(.heading(language.pick(de: "Begriffe", en: "Glossary"), level: 2))
/// report.add(.glossary(Glossary.entries([.chiSquare, .pValue], in: language)))
/// ```
public enum Glossary {
    /// A term a report can explain.
    public enum Term: String, Sendable, CaseIterable {
        case kAnonymity, privacyUnit, equivalenceClass, prosecutorRisk, lDiversity, tCloseness, generalisation
        case suppression, loss, pseudonym, redaction, topCoding, chiSquare, pValue, cramersV, movingAverage, smallCounts
    }

    /// The entries for `terms`, in the given order, in `language`.
    public static func entries(_ terms: [Term], in language: Language) -> [ReportDefinition] {
        terms.map { entry($0, in: language) }
    }

    /// The heading of a glossary section.
    public static func heading(in language: Language) -> String { language.pick(de: "Begriffe", en: "Glossary") }

    // The texts are written for people who have never heard the terms.
    static func entry(_ term: Term, in l: Language) -> ReportDefinition {
        switch term {
        case .kAnonymity:
            ReportDefinition(l.pick(de: "k-Anonymität", en: "k-anonymity"), l.pick(
                de: "Jede Gruppe von Datensätzen mit gleichen Merkmalen wie Alter, Geschlecht und Bezirk umfasst mindestens k Personen. "
                    + "Wer eine Person und diese Merkmale kennt, findet mindestens k Kandidaten.",
                en: "Every group of records sharing characteristics such as age, gender and district holds at least k people. "
                    + "Someone who knows a person and these characteristics finds at least k candidates."))
        case .privacyUnit:
            ReportDefinition(l.pick(de: "Schutzeinheit", en: "privacy unit"), l.pick(
                de: "Was gezählt wird, wenn es um Schutz geht: die Person, nicht die Zeile. Eine Klientin mit acht Fällen ist eine Person.",
                en: "What protection counts: the person, not the row. A client with eight cases is one person."))
        case .equivalenceClass:
            ReportDefinition(l.pick(de: "Gruppe (Äquivalenzklasse)", en: "group (equivalence class)"), l.pick(
                de: "Alle veröffentlichten Datensätze mit denselben Werten in den Quasi-Identifikatoren. Innerhalb einer Gruppe "
                    + "sind die Datensätze von außen nicht zu unterscheiden.",
                en: "All published records with the same values in the quasi-identifiers. Within a group, records cannot be "
                    + "told apart from outside."))
        case .prosecutorRisk:
            ReportDefinition(l.pick(de: "Risiko (Staatsanwalts-Risiko)", en: "risk (prosecutor risk)"), l.pick(
                de: "Die Wahrscheinlichkeit, eine bestimmte Person richtig zuzuordnen, wenn man weiß, dass sie in den Daten ist: "
                    + "1 geteilt durch die Zahl der Personen ihrer Gruppe. Bei 5 Personen sind das 20 %.",
                en: "The chance of picking out a given person correctly when one knows they are in the data: 1 divided by "
                    + "the people in their group. With 5 people that is 20 %."))
        case .lDiversity:
            ReportDefinition(l.pick(de: "l-Diversität", en: "l-diversity"), l.pick(
                de: "Jede Gruppe enthält mindestens l verschiedene Werte des sensiblen Merkmals (etwa der Beratungsart). "
                    + "Wer die Gruppe einer Person kennt, erfährt so nicht, welche Beratung sie bekam.",
                en: "Every group holds at least l different values of the sensitive attribute (such as the kind of counselling), "
                    + "so knowing a person's group does not tell which counselling they received."))
        case .tCloseness:
            ReportDefinition(l.pick(de: "t-Closeness", en: "t-closeness"), l.pick(
                de: "Die Verteilung des sensiblen Merkmals in jeder Gruppe weicht höchstens um t von der Verteilung in allen Daten ab.",
                en: "The distribution of the sensitive attribute in each group differs by at most t from its distribution in all the data."))
        case .generalisation:
            ReportDefinition(l.pick(de: "Vergröberung", en: "generalisation"), l.pick(
                de: "Ein genauer Wert wird durch einen gröberen ersetzt: ein Alter von 34 durch 30–39, ein Datum durch das Jahr, "
                    + "ein Wert durch „*“ (gar nicht mehr angegeben).",
                en: "An exact value is replaced by a coarser one: an age of 34 by 30–39, a date by its year, a value by '*' "
                    + "(no longer shown)."))
        case .suppression:
            ReportDefinition(l.pick(de: "Weglassen (Unterdrückung)", en: "leaving out (suppression)"), l.pick(
                de: "Datensätze mit zu seltenen Merkmalen werden nicht veröffentlicht, statt für sie alle Daten zu vergröbern.",
                en: "Records with characteristics that are too rare are not published, rather than coarsening all data for them."))
        case .loss:
            ReportDefinition(l.pick(de: "Informationsverlust", en: "loss"), l.pick(
                de: "Wie viel Genauigkeit die Vergröberung gekostet hat, von 0 (nichts) bis 1 (alles).",
                en: "How much detail generalisation cost, from 0 (none) to 1 (everything)."))
        case .pseudonym:
            ReportDefinition(l.pick(de: "Pseudonym", en: "pseudonym"), l.pick(
                de: "Eine Kennnummer wird durch eine andere ersetzt; nur wer den geheimen Schlüssel hat, kann zurückrechnen.",
                en: "A case or client number is replaced by another; only the holder of the secret key can map it back."))
        case .redaction:
            ReportDefinition(l.pick(de: "Schwärzung", en: "redaction"), l.pick(
                de: "Namen, Kontaktdaten, Kontonummern und Adressen im Freitext werden durch Platzhalter wie [NAME] ersetzt.",
                en: "Names, contact details, account numbers and addresses in free text are replaced by placeholders such as [NAME]."))
        case .topCoding:
            ReportDefinition(l.pick(de: "Top-Coding", en: "top-coding"), l.pick(
                de: "Sehr hohe Werte (etwa Einkommen) werden als eine runde Obergrenze angegeben, damit Ausreißer niemanden verraten.",
                en: "Very high values (such as incomes) are shown as a round upper bound, so outliers give no one away."))
        case .chiSquare:
            ReportDefinition(l.pick(de: "Chi-Quadrat-Test", en: "chi-square test"), l.pick(
                de: "Prüft, ob zwei Merkmale einer Kreuztabelle zusammenhängen, indem er die Zahlen mit denen vergleicht, "
                    + "die ohne Zusammenhang zu erwarten wären.",
                en: "Tests whether the two characteristics of a cross table are related, by comparing the counts with those "
                    + "expected if they were not."))
        case .pValue:
            ReportDefinition(l.pick(de: "p-Wert", en: "p-value"), l.pick(
                de: "Wie wahrscheinlich ein mindestens so deutliches Ergebnis wäre, wenn es keinen Zusammenhang gäbe. "
                    + "Unter 0,05 gilt ein Zusammenhang üblicherweise als gesichert; über die Stärke sagt er nichts.",
                en: "How likely a result at least this clear would be if there were no relation. Below 0.05 a relation is "
                    + "usually taken as established; it says nothing about its strength."))
        case .cramersV:
            ReportDefinition(l.pick(de: "Cramérs V", en: "Cramér's V"), l.pick(
                de: "Die Stärke des Zusammenhangs in einer Kreuztabelle, von 0 (keiner) bis 1 (vollständig); ab etwa 0,3 deutlich.",
                en: "The strength of the relation in a cross table, from 0 (none) to 1 (complete); clear from about 0.3."))
        case .movingAverage:
            ReportDefinition(l.pick(de: "gleitender Durchschnitt", en: "moving average"), l.pick(
                de: "Der Mittelwert eines Zeitraums und der beiden davor; er glättet Schwankungen, damit die Entwicklung sichtbar wird.",
                en: "The mean of a period and the two before it; it smooths out ups and downs so the trend shows."))
        case .smallCounts:
            ReportDefinition(l.pick(de: "kleine Zahlen (<5)", en: "small counts (<5)"), l.pick(
                de: "Zahlen unter der Mindestzahl werden nicht genannt, damit einzelne Menschen nicht herausstechen.",
                en: "Counts below the minimum are not shown, so individual people do not stand out."))
        }
    }
}
