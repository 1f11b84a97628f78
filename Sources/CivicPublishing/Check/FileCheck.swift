import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// The answer to the first question of anyone holding an export: is this file safe
/// to share, and if not, why? It guesses what each column is (from its name in
/// German or English and from its values), measures the re-identification risk of
/// the file as it is, counted in people when a person column is found, and gives a
/// verdict in plain words with the next step.
///
/// ```swift
/// let table = try CSVTableReader.read(URL(fileURLWithPath: "export.csv")).table
/// let check = FileCheck(table, fileName: "export.csv", language: .german)
/// print(check.verdict.headline(in: .german))   // "Nicht anonym: …"
/// try check.configurationYAML().write(toFile: "publish.yaml", atomically: true, encoding: .utf8)
/// ```
///
/// The check never says a file is safe: it says what it found, and what software
/// cannot know (what readers already know, what free text describes).
public struct FileCheck: Sendable {
    /// What the check concludes.
    public enum Verdict: Sendable, Equatable {
        /// Columns hold direct identifiers: names, contact details, numbers of documents or accounts.
        case directIdentifiers(columns: [String])
        /// People are unique on the quasi-identifiers.
        case uniquePeople(unique: Int, total: Int, quasiIdentifiers: [String])
        /// No one is unique, but groups are small: the average risk is above the threshold.
        case riskAboveThreshold(average: Double)
        /// Nothing obvious: no direct identifier found, no one unique, average risk below the threshold.
        case noObviousProblem

        /// The verdict in one line.
        public func headline(in l: Language) -> String {
            switch self {
            case .directIdentifiers(let columns) where columns.count == 1:
                l.pick(de: "Nicht anonym: die Spalte \(columns[0]) enthält direkte Identifikatoren.",
                       en: "Not anonymous: the column \(columns[0]) holds direct identifiers.")
            case .directIdentifiers(let columns):
                l.pick(de: "Nicht anonym: die Spalten \(columns.joined(separator: ", ")) enthalten direkte Identifikatoren.",
                       en: "Not anonymous: the columns \(columns.joined(separator: ", ")) hold direct identifiers.")
            case let .uniquePeople(unique, total, quasiIdentifiers):
                l.pick(de: "Nicht anonym: \(l.integer(unique)) von \(l.integer(total)) Personen sind einmalig in "
                        + "\(quasiIdentifiers.joined(separator: ", ")).",
                       en: "Not anonymous: \(l.integer(unique)) of \(l.integer(total)) people are unique on "
                        + "\(quasiIdentifiers.joined(separator: ", ")).")
            case .riskAboveThreshold(let average):
                l.pick(de: "Nicht ausreichend geschützt: das durchschnittliche Risiko beträgt \(l.percent(average)), "
                        + "mehr als \(l.percent(FileCheck.riskThreshold, digits: 0)).",
                       en: "Not protected enough: the average risk is \(l.percent(average)), above "
                        + "\(l.percent(FileCheck.riskThreshold, digits: 0)).")
            case .noObviousProblem:
                l.pick(de: "Keine offensichtlichen Probleme gefunden; lesen Sie trotzdem, was Software nicht prüfen kann.",
                       en: "No obvious problems found; still read what software cannot check.")
            }
        }
    }

    /// The average risk above which a file counts as not protected enough: 3 %,
    /// the threshold the Centre for Humanitarian Data applies to the global
    /// re-identification risk of datasets shared on HDX.
    public static let riskThreshold = 0.03

    /// The file's name, for the report.
    public let fileName: String
    /// Rows of the file.
    public let rowCount: Int
    /// One guess per column, in column order.
    public let guesses: [ColumnGuess]
    /// The column that identifies persons, if one was found.
    public let personColumn: String?
    /// The quasi-identifiers the risk is measured on.
    public let quasiIdentifiers: [String]
    /// Prosecutor risk of the file as it is, per person when a person column was
    /// found (`nil` without quasi-identifiers).
    public let risk: ProsecutorRisk?
    /// The people in the file: distinct values of the person column, else rows.
    public let people: Int
    /// The people alone in their group in at least one of their rows.
    public let uniquePeople: Int
    /// The verdict.
    public let verdict: Verdict
    /// The column of sampling weights the risk was also measured with: the one
    /// given, else one whose name says so (`weight`, `Gewicht`) and that holds a
    /// positive number in every row; `nil` for none.
    public let weightColumn: String?
    /// The individual risk with the sampling weights (Benedetti–Franconi, as
    /// sdcMicro's `measure_risk`), when the file is a weighted sample; `nil` otherwise.
    ///
    /// With a person column, each group counts its distinct people (as ``risk``
    /// does), and a person weighs the smallest weight of their rows in the group: a
    /// smaller weight means fewer look-alikes in the population, so this is the
    /// cautious choice when a person's rows carry different weights. Its
    /// `IndividualRisk.global` is then the mean over people-in-groups, and equals
    /// sdcMicro's global risk when every person has one row.
    public let weightedRisk: IndividualRisk?

    /// The survey form the export was checked with, if one was given.
    public let form: XLSForm?
    /// The `select_multiple` questions whose split 0/1 columns were judged as one
    /// column (see `SelectMultiple` in CivicStorage); the proposal lists their original columns.
    public let selectMultiple: [SelectMultiple]

    /// Checks `table`; `sampleSize` distinct values per column are shown to the
    /// recognisers of personal data; `hashtags` are the columns' HXL hashtags, if
    /// the file had a hashtag row (`TableFile.readWithHashtags(_:sheet:)` in CivicStorage);
    /// `form` is the survey's XLSForm, whose question types and labels say what a
    /// column holds where its name (`q7`) does not; `selectMultiple` are the
    /// questions whose split columns `table` holds joined (`SelectMultiple.joined(_:form:)`).
    ///
    /// ```swift
    /// let form = try XLSForm.read(URL(fileURLWithPath: "formular.xlsx"))
    /// let (joined, questions) = SelectMultiple.joined(form.applyingTypes(to: export, language: .german), form: form)
    /// let check = FileCheck(joined, fileName: "antworten.csv", form: form, selectMultiple: questions)
    /// ```
    public init(_ table: Table, fileName: String, hashtags: HXLHashtags? = nil, form: XLSForm? = nil,
                selectMultiple: [SelectMultiple] = [], weightColumn: String? = nil, detector: PIIDetector = PIIDetector(),
                sampleSize: Int = 500) {
        self.fileName = fileName
        self.form = form
        self.selectMultiple = selectMultiple.filter { !$0.splitColumns.isEmpty }
        rowCount = table.rowCount
        var guesses: [ColumnGuess] = []
        for field in table.schema.fields {
            guard let column = table.column(named: field.name) else { continue }
            let evidence = ColumnEvidence(column, detector: detector, sampleSize: sampleSize)
            guesses.append(Self.guess(field.name, type: column.type, evidence: evidence,
                                      hashtag: hashtags?.hashtag(of: field.name),
                                      question: form?.question(forColumn: field.name)))
        }
        // The person column: a key named after persons whose values repeat or not.
        let person = guesses.first { $0.meaning == .personKey }?.column
        self.guesses = guesses
        personColumn = person
        let quasiIdentifiers = guesses.filter { $0.role == .quasiIdentifier }.map(\.column)
        self.quasiIdentifiers = quasiIdentifiers
        let measured = Self.risk(of: table, quasiIdentifiers: quasiIdentifiers, person: person)
        risk = measured?.risk
        people = measured?.people ?? table.rowCount
        uniquePeople = measured?.unique ?? 0

        let weights = weightColumn ?? guesses.first { guess in
            guess.meaning == .samplingWeight && table.column(named: guess.column).flatMap(Self.samplingWeights) != nil
        }?.column
        self.weightColumn = weights
        weightedRisk = weights.flatMap { Self.weightedRisk(of: table, quasiIdentifiers: quasiIdentifiers, person: person, weights: $0) }

        let direct = guesses.filter { $0.role == .identifier }.map(\.column)
        // A weighted sample's average risk is the model's global risk, as HDX measures it.
        let average = weightedRisk?.global ?? risk?.average
        if !direct.isEmpty {
            verdict = .directIdentifiers(columns: direct)
        } else if uniquePeople > 0 {
            verdict = .uniquePeople(unique: uniquePeople, total: people, quasiIdentifiers: quasiIdentifiers)
        } else if let average, average > Self.riskThreshold {
            verdict = .riskAboveThreshold(average: average)
        } else {
            verdict = .noObviousProblem
        }
    }

    /// What a column's name alone says it holds (German or English names:
    /// `Klientennummer`, `date_of_birth`, `E-Mail`), or `nil`.
    public static func meaning(ofColumnNamed name: String) -> ColumnMeaning? { ColumnMeaning.fromName(name) }

    /// The risk on `quasiIdentifiers`: 1 / the persons (or rows) of each group; the
    /// people, and those alone in a group.
    static func risk(of table: Table, quasiIdentifiers: [String], person: String?)
        -> (risk: ProsecutorRisk, people: Int, unique: Int)? {
        guard !quasiIdentifiers.isEmpty, let classes = try? EquivalenceClasses(table, quasiIdentifiers: quasiIdentifiers) else {
            return nil
        }
        guard let person, let column = table.column(named: person) else {
            let risk = ProsecutorRisk(classes)
            return (risk, table.rowCount, risk.sampleUniques)
        }
        let personOfRow = (0..<table.rowCount).map { column.value(at: $0).description }
        let persons = classes.persons(personOfRow)
        let unique = Set(persons.filter { $0.count == 1 }.flatMap { $0 })
        return (ProsecutorRisk(classSizes: persons.map(\.count)), Set(personOfRow).count, unique.count)
    }

    /// The weights of `column` when every row holds a number above 0, else `nil`.
    public static func samplingWeights(_ column: ColumnData) -> [Double]? {
        guard column.isNumeric else { return nil }
        var weights: [Double] = []
        weights.reserveCapacity(column.count)
        for row in 0..<column.count {
            guard let weight = column.doubleValue(at: row), weight > 0, weight.isFinite else { return nil }
            weights.append(weight)
        }
        return weights
    }

    /// The individual risk on `quasiIdentifiers` with the weights of column `weights`,
    /// counted in people when `person` is a column (see ``weightedRisk``).
    static func weightedRisk(of table: Table, quasiIdentifiers: [String], person: String?, weights name: String) -> IndividualRisk? {
        guard !quasiIdentifiers.isEmpty, let column = table.column(named: name), let weights = samplingWeights(column),
              let classes = try? EquivalenceClasses(table, quasiIdentifiers: quasiIdentifiers) else { return nil }
        guard let person, let personColumn = table.column(named: person) else { return IndividualRisk(classes, weights: weights) }
        var weightOfPerson = [[String: Double]](repeating: [:], count: classes.count)
        for row in 0..<table.rowCount {
            let group = classes.classOfRow[row], key = personColumn.value(at: row).description
            weightOfPerson[group][key] = min(weightOfPerson[group][key] ?? .infinity, weights[row])
        }
        return IndividualRisk(sampleFrequencies: weightOfPerson.map(\.count),
                              populationEstimates: weightOfPerson.map { $0.values.reduce(0, +) })
    }

    /// The guess for one column from its name and its values.
    static func guess(_ name: String, type: FieldType, evidence: ColumnEvidence, hashtag: String? = nil,
                      question: XLSForm.Question? = nil) -> ColumnGuess {
        // An HXL hashtag says what the column holds as plainly as a name would, and
        // the survey form's question (its type and labels) more plainly than `q7`.
        let fromHashtag = hashtag.flatMap(ColumnMeaning.fromHashtag)
        let fromForm = fromHashtag == nil ? question.flatMap(ColumnMeaning.fromQuestion) : nil
        let fromName = fromHashtag ?? fromForm ?? ColumnMeaning.fromName(name)
        var reasons: [BilingualText] = []
        if let hashtag, let fromHashtag {
            reasons.append(BilingualText(de: "das HXL-Hashtag \(hashtag) deutet auf \(fromHashtag.description(in: .german))",
                                         en: "the HXL hashtag \(hashtag) points to \(fromHashtag.description(in: .english))"))
        } else if let question, let fromForm {
            reasons.append(formReason(question, fromForm))
        } else if let fromName {
            reasons.append(BilingualText(de: "der Name „\(name)“ deutet auf \(fromName.description(in: .german))",
                                         en: "the name '\(name)' points to \(fromName.description(in: .english))"))
        }
        func guessed(_ meaning: ColumnMeaning?, _ role: AttributeRole, _ confidence: ColumnGuess.Confidence) -> ColumnGuess {
            ColumnGuess(column: name, role: role, meaning: meaning, confidence: confidence, reasons: reasons)
        }
        // 0. A GPS question of the form: its numbers are a position, whatever they look like.
        if fromForm == .coordinates, let question, case .geo = question.type { return guessed(.coordinates, .identifier, .high) }
        // 1. Values that are contact details or account numbers leave no doubt, and
        //    long texts are free text whatever the name says.
        if let (kind, share) = evidence.dominantKind, share >= 0.3,
           [.email, .phone, .iban, .creditCard, .taxID, .socialInsuranceNumber, .ipAddress].contains(kind) {
            reasons.append(BilingualText(de: "\(Language.german.percent(share, digits: 0)) der Werte sehen aus wie \(kind.placeholder(in: .german))",
                                         en: "\(Language.english.percent(share, digits: 0)) of the values look like \(kind.placeholder(in: .english))"))
            if evidence.meanWords > 6 { return guessed(.freeText, .freeText, .high) }
            let meaning: ColumnMeaning = [.email, .phone].contains(kind) ? .contact
                : [.iban, .creditCard, .taxID].contains(kind) ? .accountNumber : .identityDocument
            return guessed(meaning, .identifier, .high)
        }
        if type == .string && evidence.meanWords > 6 {
            let found = evidence.findings.values.reduce(0, +) > 0
            reasons.append(BilingualText(de: "die Werte sind Sätze (im Mittel \(Language.german.number(evidence.meanWords)) Wörter)"
                                            + (found ? " mit persönlichen Angaben darin" : ""),
                                         en: "the values are sentences (\(Language.english.number(evidence.meanWords)) words on average)"
                                            + (found ? " with personal details in them" : "")))
            return guessed(.freeText, .freeText, found || fromName == .freeText ? .high : .medium)
        }
        let namesInValues = type == .string && evidence.share(.name) >= 0.3
        let addressesInValues = type == .string && evidence.share(.address) >= 0.3
        if namesInValues {
            reasons.append(BilingualText(de: "\(Language.german.percent(evidence.share(.name), digits: 0)) der Werte enthalten Namen",
                                         en: "\(Language.english.percent(evidence.share(.name), digits: 0)) of the values hold names"))
        }
        if addressesInValues {
            reasons.append(BilingualText(de: "\(Language.german.percent(evidence.share(.address), digits: 0)) der Werte sind Adressen",
                                         en: "\(Language.english.percent(evidence.share(.address), digits: 0)) of the values are addresses"))
        }
        // 2. The name, confirmed or not by the values.
        if let fromName {
            let agrees = (fromName == .personName && namesInValues) || (fromName == .address && addressesInValues)
                || (fromName.role == .pseudonym && evidence.distinctShare > 0.3)
                || (fromName == .birthDate && type == .date) || (fromName == .eventDate && type == .date)
                || (fromName == .age && (type == .integer || type == .number))
            return guessed(fromName, fromName.role, agrees ? .high : .medium)
        }
        if let question, case .note = question.type {
            reasons.append(BilingualText(de: "im Formular ein Hinweis ohne Antwort", en: "a note without answers in the form"))
            return guessed(nil, .insensitive, .medium)
        }
        // 3. The values alone.
        if namesInValues { return guessed(.personName, .identifier, .medium) }
        if addressesInValues { return guessed(.address, .identifier, .medium) }
        if type == .date {
            reasons.append(BilingualText(de: "die Werte sind Daten", en: "the values are dates"))
            return guessed(.eventDate, .quasiIdentifier, .medium)
        }
        if type == .string && evidence.filled >= 20 && evidence.distinctShare >= 0.95 {
            reasons.append(BilingualText(de: "fast jeder Wert kommt nur einmal vor: eine Kennung",
                                         en: "almost every value occurs once: an identifier"))
            return guessed(.recordKey, .pseudonym, .medium)
        }
        reasons.append(BilingualText(de: "weder Name noch Werte deuten auf eine Person; bitte prüfen",
                                     en: "neither the name nor the values point to a person; please check"))
        return guessed(nil, .insensitive, .low)
    }

    /// Why the form points to `meaning`: the question's label and type.
    static func formReason(_ question: XLSForm.Question, _ meaning: ColumnMeaning) -> BilingualText {
        let de = question.label(in: .german).map { "„\($0)“ " } ?? ""
        let en = question.label(in: .english).map { "'\($0)' " } ?? ""
        return BilingualText(
            de: "im Formular die Frage \(de)(\(question.type.name)); sie deutet auf \(meaning.description(in: .german))",
            en: "in the form the question \(en)(\(question.type.name)); it points to \(meaning.description(in: .english))")
    }
}
