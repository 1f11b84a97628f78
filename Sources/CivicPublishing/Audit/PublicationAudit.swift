import CivicModels
import CivicPrivacy

/// The checks a publication must pass before anything is published, made on the
/// rows themselves and independent of how the anonymiser chose them. If any
/// fails, nothing is published (fail closed).
///
/// - **Every criterion** (k-anonymity, each l-diversity variant, t-closeness) holds
///   in every equivalence class of the published rows, the classes recounted from
///   the rows and counted in people when there is a privacy unit (distinct persons
///   per class; a person once per distinct sensitive value), the sensitive
///   distribution taken from the input;
/// - when the person key is published, every person's set of published rows is
///   shared by at least k persons (``wholePersonK``);
/// - no free-text column still holds something the detector finds personal;
/// - no value of an identifier or pseudonymised column of the input, nor any part
///   of a name in one, appears as a word or phrase (in any case) in published text
///   where it reveals someone (see ``checkText(_:inputRows:)``).
///
/// ```swift
/// let audit = PublicationAudit(quasiIdentifiers: ["age", "zip"], criteria: [try KAnonymity(k: 5)], input: raw)
/// try audit.checkCriteria(published)    // throws PublicationError.checkFailed if a class breaks k
/// ```
public struct PublicationAudit: Sendable {
    /// The generalised columns whose values form the equivalence classes.
    public let quasiIdentifiers: [String]
    /// What every published class must satisfy.
    public let criteria: [any PrivacyCriterion]
    /// The free-text columns to scan again.
    public let freeTextColumns: [String]
    /// The column of the input that identifies persons (`nil`: rows are persons).
    public let privacyUnit: String?
    /// With a published person key: how many persons must share each person's set
    /// of published rows (`nil`: the key is not published).
    public let wholePersonK: Int?
    private let sensitive: SensitiveReference?
    private let detector: PIIDetector?
    /// Built on another thread while the criteria are checked: for the 1.5 million
    /// identifiers of the million generated cases it took 0.55 s on one core, while
    /// the other stood idle (perf).
    private let leakScan: BackgroundWork<IdentifierLeakScan>
    /// The input's identifier and pseudonymised columns.
    private let identifierColumns: [String]
    /// Columns published as they are on the user's explicit say (`allow-identifiers`).
    private let allowedColumns: [String]
    private let input: Table

    /// An audit against `input`, the table the publication was made from (it gives
    /// the sensitive attribute's distribution for t-closeness).
    ///
    /// - Parameters:
    ///   - quasiIdentifiers: the generalised columns.
    ///   - criteria: the privacy criteria every class must satisfy.
    ///   - input: the table the publication was made from.
    ///   - privacyUnit: the column of `input` that identifies persons.
    ///   - wholePersonK: with a published person key, the k whole persons must meet.
    ///   - freeTextColumns: the columns to scan with `detector`.
    ///   - detector: finds personal details in free text (`nil`: no free-text scan).
    ///   - identifierColumns: the input's identifier and pseudonymised columns,
    ///     whose values must not reappear in the publication.
    ///   - allowedColumns: columns the user explicitly allowed to be published with
    ///     the identifiers they hold; the identifier scan passes over them.
    public init(quasiIdentifiers: [String], criteria: [any PrivacyCriterion], input: Table, privacyUnit: String? = nil,
                wholePersonK: Int? = nil, freeTextColumns: [String] = [], detector: PIIDetector? = nil,
                identifierColumns: [String] = [], allowedColumns: [String] = []) {
        self.quasiIdentifiers = quasiIdentifiers
        self.criteria = criteria
        self.privacyUnit = privacyUnit
        self.wholePersonK = wholePersonK
        self.freeTextColumns = freeTextColumns
        self.detector = detector
        self.identifierColumns = identifierColumns
        self.allowedColumns = allowedColumns
        self.input = input
        let identifiers = identifierColumns.flatMap { input.distinctTexts(of: $0).texts }
        self.leakScan = BackgroundWork { IdentifierLeakScan(identifiers) }
        // The input's persons as the anonymiser numbers them (a missing cell, which
        // the anonymiser refuses, reads as the person "").
        let persons = privacyUnit.map { unit in
            (try? PrivacyUnits(input, column: unit)) ?? PrivacyUnits(input.texts(of: unit).map { $0 ?? "" })
        }
        sensitive = criteria.lazy.compactMap(\.sensitiveAttribute).first.map { attribute in
            SensitiveReference(attribute: attribute, input: input, persons: persons,
                               order: criteria.lazy.compactMap(\.sensitiveValueOrder).first)
        }
    }

    /// Runs every check on the rows to publish; `persons` names each row's person
    /// when there is a privacy unit (the published rows need not carry the column),
    /// `inputRows` the input row each published row comes from.
    public func check(_ published: Table, persons: [String]? = nil, inputRows: [Int]? = nil) throws(PublicationError) {
        try check(published, units: persons.map(PrivacyUnits.init), inputRows: inputRows)
    }

    /// As ``check(_:persons:inputRows:)``, with each row's person already numbered.
    public func check(_ published: Table, units: PrivacyUnits?, inputRows: [Int]? = nil) throws(PublicationError) {
        try checkCriteria(published, units: units)
        try checkText(published, inputRows: inputRows)
    }

    /// Recounts the equivalence classes of `published` and checks every criterion in
    /// each, in persons when the audit has a privacy unit (`persons`: each row's).
    public func checkCriteria(_ published: Table, persons: [String]? = nil) throws(PublicationError) {
        try checkCriteria(published, units: persons.map(PrivacyUnits.init))
    }

    /// As ``checkCriteria(_:persons:)``, with each row's person already numbered.
    public func checkCriteria(_ published: Table, units: PrivacyUnits?) throws(PublicationError) {
        guard published.rowCount > 0 else { throw .nothingToPublish }
        let classes: EquivalenceClasses
        do {
            classes = try EquivalenceClasses(published, quasiIdentifiers: quasiIdentifiers)
        } catch {
            let column = error.columnName ?? ""
            throw .checkFailed(BilingualText(
                de: "den veröffentlichten Daten fehlt die Quasi-Identifikator-Spalte „\(column)“",
                en: "the published data lacks the quasi-identifier column \(column)"))
        }
        let persons = try publishedPersons(units, rows: published.rowCount)
        var codes: [Int] = []
        if let sensitive { codes = try sensitive.codes(of: published) }
        let valueCount = sensitive?.distribution.count ?? 0
        // Each class's rows come person by person: a person counts once, and once for
        // each distinct value among their rows (a set per class cost a second on a
        // million rows). Without a privacy unit every row is a person of its own.
        let units = persons ?? PrivacyUnits(eachRowOf: published.rowCount)
        let personOf: (Int) -> Int32 = { row in units.personOfRow[row] }
        let (order, start) = units.rowsByClassAndPerson(classOfRow: classes.classOfRow, classCount: classes.count)
        var counts = [Int](repeating: 0, count: valueCount)
        for (c, rows) in classes.sizes.enumerated() {
            var people = 0
            for index in 0..<valueCount { counts[index] = 0 }
            var first = start[c]
            while first < start[c + 1] {
                let person = personOf(order[first])
                var end = first + 1
                while end < start[c + 1] && personOf(order[end]) == person { end += 1 }
                people += 1
                if valueCount > 0 {
                    // A person has few rows: each value is compared with the ones before.
                    for index in first..<end {
                        let value = codes[order[index]]
                        if !(first..<index).contains(where: { codes[order[$0]] == value }) { counts[value] += 1 }
                    }
                }
                first = end
            }
            let summary = EquivalenceClassSummary(size: people, sensitiveCounts: counts[...],
                                                  tableDistribution: sensitive?.distribution ?? [])
            if let broken = criteria.first(where: { !$0.isSatisfied(by: summary) }) {
                let unit = persons == nil ? "rows" : "persons in \(rows) rows"
                let germanUnit = persons == nil ? "Zeilen" : "Personen in \(Language.german.integer(rows)) Zeilen"
                throw .checkFailed(BilingualText(
                    de: "eine Äquivalenzklasse aus \(Language.german.integer(people)) \(germanUnit) erfüllt "
                        + "\(broken.summary(in: .german)) nicht",
                    en: "an equivalence class of \(people) \(unit) does not satisfy \(broken.summary)"))
            }
        }
        if let wholePersonK, let persons {
            try checkWholePersons(classes: classes, personOfRow: persons.personOfRow, k: wholePersonK)
        }
    }

    /// Scans free text with the detector, and every text column for identifiers of
    /// the input and parts of names in them; `inputRows` gives the input row of each
    /// published row (`nil`: the same row numbers).
    ///
    /// In free text every such word is a leak. In other columns a word is a leak
    /// where it tells something about a person: it is an identifier (not a number) of
    /// the row's own record, or it is distinctive, a word the input's column never
    /// holds except where it is that row's own identifier. A number that is also
    /// a legitimate value of the column (case number 10115 and postcode 10115 in
    /// another row) is a coincidence, and numbers in generalised columns are the
    /// hierarchy's, so neither blocks a publication.
    public func checkText(_ published: Table, inputRows: [Int]? = nil) throws(PublicationError) {
        if let detector {
            for column in freeTextColumns {
                if let row = published.firstRow(in: column, where: { !detector.findings(in: $0).isEmpty }) {
                    throw .checkFailed(BilingualText(
                        de: "in Spalte „\(column)“, veröffentlichte Zeile \(Language.german.integer(row + 1)), "
                            + "stehen noch persönliche Angaben",
                        en: "personal details are left in column \(column), published row \(row + 1)"))
                }
            }
        }
        for field in published.schema.fields where field.type == .string && !allowedColumns.contains(field.name) {
            let isFreeText = freeTextColumns.contains(field.name)
            let isGeneralised = quasiIdentifiers.contains(field.name)
            var legitimate: Set<String>?
            for (row, found) in published.rows(in: field.name, containing: leakScan.value) {
                let inputRow = inputRows?[row] ?? row
                for secret in found {
                    if isFreeText { throw leak(in: field.name, row: row) }
                    let isNumber = secret.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
                    if isNumber && isGeneralised { continue }
                    if !isNumber && ownSecrets(ofInputRow: inputRow).contains(secret) { throw leak(in: field.name, row: row) }
                    if legitimate == nil { legitimate = legitimateSecrets(inInputColumn: field.name) }
                    if !legitimate!.contains(secret) { throw leak(in: field.name, row: row) }
                }
            }
        }
    }

    private func leak(in column: String, row: Int) -> PublicationError {
        .checkFailed(BilingualText(
            de: "eine Kennung aus der Eingabe steht in Spalte „\(column)“, "
                + "veröffentlichte Zeile \(Language.german.integer(row + 1))",
            en: "an identifier of the input appears in column \(column), published row \(row + 1)"))
    }

    /// The secrets an input row's own identifiers contribute.
    private func ownSecrets(ofInputRow row: Int) -> Set<String> {
        guard row >= 0, row < input.rowCount else { return [] }
        var own = Set<String>()
        for column in identifierColumns {
            guard let data = input.column(named: column), !data.missing.isMissing(row) else { continue }
            own.formUnion(IdentifierLeakScan.secrets(of: data.value(at: row).description))
        }
        return own
    }

    /// The secrets that `column` of the input holds in some row where they are not
    /// that row's own identifiers: values the column has for its own reasons.
    private func legitimateSecrets(inInputColumn column: String) -> Set<String> {
        guard input.column(named: column) != nil else { return [] }
        var legitimate = Set<String>()
        for (row, found) in input.rows(in: column, containing: leakScan.value) {
            legitimate.formUnion(found.subtracting(ownSecrets(ofInputRow: row)))
        }
        return legitimate
    }

    /// The published rows' persons (`nil` without a privacy unit), refused when
    /// they are not known for every row.
    private func publishedPersons(_ units: PrivacyUnits?, rows: Int) throws(PublicationError) -> PrivacyUnits? {
        guard privacyUnit != nil else { return nil }
        guard let units, units.personOfRow.count == rows else {
            throw .checkFailed(BilingualText(
                de: "die Personen der veröffentlichten Zeilen sind unbekannt, also lassen sich keine Personen zählen",
                en: "the persons of the published rows are not known, so persons cannot be counted"))
        }
        return units
    }

    /// Every person's set of classes is shared by at least `k` persons.
    private func checkWholePersons(classes: EquivalenceClasses, personOfRow: [Int32], k: Int) throws(PublicationError) {
        var classesOfPerson: [Int32: Set<Int>] = [:]
        for (row, person) in personOfRow.enumerated() { classesOfPerson[person, default: []].insert(classes.classOfRow[row]) }
        var personsWithProfile: [[Int]: Int] = [:]
        for profile in classesOfPerson.values { personsWithProfile[profile.sorted(), default: 0] += 1 }
        if let smallest = personsWithProfile.values.min(), smallest < k {
            throw .checkFailed(BilingualText(
                de: "mit veröffentlichter Personenkennung haben \(Language.german.integer(smallest)) Personen dieselbe "
                    + "Kombination veröffentlichter Zeilen, weniger als k = \(Language.german.integer(k))",
                en: "with the person key published, \(smallest) persons share their set of published rows, fewer than k = \(k)"))
        }
    }
}

/// The sensitive attribute as the criteria see it: its values numbered (by the
/// hierarchy's order where a criterion needs one) and their shares in the input,
/// each person counting once per distinct value when persons are given.
private struct SensitiveReference: Sendable {
    let attribute: String
    let codeOfValue: [String: Int]
    let distribution: [Double]

    init(attribute: String, input: Table, persons: PrivacyUnits?, order: GeneralizationHierarchy?) {
        self.attribute = attribute
        var codeOfValue: [String: Int] = [:]
        for (index, value) in (order?.values ?? []).enumerated() { codeOfValue[value] = index }
        // Each distinct text looked up once (a missing cell reads ""), the values
        // numbered in order of appearance after the hierarchy's.
        let labels = input.column(named: attribute).map(NumberedLabels.init)
            ?? NumberedLabels(texts: [], numbers: [Int32](repeating: -1, count: input.rowCount))
        var codeOfLabel = [Int32](repeating: -1, count: labels.texts.count + 1)  // the last: a missing cell
        var valueCount = codeOfValue.count
        let codes = labels.numbers.map { label -> Int32 in
            let slot = label < 0 ? labels.texts.count : Int(label)
            if codeOfLabel[slot] < 0 {
                let value = label < 0 ? "" : labels.texts[slot]
                if codeOfValue[value] == nil {
                    codeOfValue[value] = valueCount
                    valueCount += 1
                }
                codeOfLabel[slot] = Int32(codeOfValue[value]!)
            }
            return codeOfLabel[slot]
        }
        self.codeOfValue = codeOfValue
        // A person's value counts once.
        let units = persons ?? PrivacyUnits(eachRowOf: input.rowCount)
        distribution = units.distribution(of: codes, valueCount: valueCount)
    }

    /// The code of each published row's value.
    func codes(of published: Table) throws(PublicationError) -> [Int] {
        guard let column = published.column(named: attribute) else {
            throw .checkFailed(BilingualText(de: "den veröffentlichten Daten fehlt die sensible Spalte „\(attribute)“",
                                             en: "the published data lacks the sensitive column \(attribute)"))
        }
        // Each distinct published value is looked up once.
        let labels = NumberedLabels(column)
        let codeOfLabel = labels.texts.map { codeOfValue[$0] }
        var codes: [Int] = []
        codes.reserveCapacity(published.rowCount)
        for (row, label) in labels.numbers.enumerated() {
            guard let code = label < 0 ? codeOfValue[""] : codeOfLabel[Int(label)] else {
                throw .checkFailed(BilingualText(
                    de: "die veröffentlichte Zeile \(Language.german.integer(row + 1)) enthält einen Wert "
                        + "von „\(attribute)“, den die Eingabe nicht enthält",
                    en: "published row \(row + 1) holds a value of \(attribute) that the input does not"))
            }
            codes.append(code)
        }
        return codes
    }
}

extension PrivacyError {
    /// The column an ``unknownColumn(_:)`` error names.
    var columnName: String? {
        if case .unknownColumn(let name) = self { name } else { nil }
    }
}
