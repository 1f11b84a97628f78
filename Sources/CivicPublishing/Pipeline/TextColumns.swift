import CivicModels
import CivicPrivacy

extension Table {
    /// This table with the named column's values replaced (a string column): each
    /// record's value becomes its value's replacement (`replacements[n]` for the text
    /// numbered `n` in `labels`), a record `labels` does not count becomes missing.
    ///
    /// The column is built from the numbering: each replacement is looked up in the
    /// new column's dictionary once, not each row's text. Its dictionary holds every
    /// replacement once, so that counting by the column (the persons of a privacy
    /// unit) works on its codes: on the million cases, the pseudonymised client
    /// numbers were otherwise hashed as strings, 0.7 s each time they were counted.
    func replacingColumn(_ name: String, with labels: NumberedLabels, replacements: [String], description: String) throws -> Table {
        var dictionary = TextDictionary()
        let codeOfNumber = replacements.map { dictionary.code(for: $0) }
        return try replacingColumn(name, with: labels, codes: codeOfNumber, in: dictionary, description: description)
    }

    /// As ``replacingColumn(_:with:replacements:description:)``, with each distinct
    /// value's replacement already numbered: `dictionary[codes[number]]` replaces the
    /// value `labels.texts[number]`.
    func replacingColumn(_ name: String, with labels: NumberedLabels, codes codeOfNumber: [UInt32],
                         in dictionary: TextDictionary, description: String) throws -> Table {
        var missing = MissingMask(count: rowCount)
        let codes = labels.numbers.enumerated().map { row, number -> UInt32 in
            guard number >= 0 else {
                missing.set(row, missing: true)
                return 0
            }
            return codeOfNumber[Int(number)]
        }
        guard schema.index(of: name) != nil else { throw PrivacyError.unknownColumn(name) }
        return try replacing(name, with: ColumnData(storage: .text(codes: codes, dictionary: dictionary), missing: missing)) {
            $0.type = .string
            $0.format = nil
            $0.constraints = FieldConstraints()
            $0.description = description
        }
    }

    /// This table with each named text column holding every distinct text once
    /// (see ``ColumnData/deduplicatingTexts()``), the columns on all cores. Names the
    /// table lacks are left out.
    func deduplicatingTexts(of names: [String]) throws -> Table {
        let named = names.compactMap { name in column(named: name).map { (name: name, data: $0) } }
        let deduplicated = concurrentMap(named.count) { named[$0].data.deduplicatingTexts() }
        var table = self
        for (column, data) in zip(named, deduplicated) { table = try table.replacing(column.name, with: data) }
        return table
    }

    /// This table with the named columns, data and fields, taken from `other`, a
    /// table of the same rows (a column made from this table's on another thread).
    func takingColumns(_ names: [String], from other: Table) throws -> Table {
        try names.reduce(self) { table, name in
            guard let data = other.column(named: name), let field = other.schema.field(named: name) else {
                throw PrivacyError.unknownColumn(name)
            }
            return try table.replacing(name, with: data) { $0 = field }
        }
    }

    /// The named column's values as text, `nil` where missing (empty if there is no such column).
    func texts(of name: String) -> [String?] {
        column(named: name)?.texts ?? []
    }

    /// The named column's distinct values, each numbered once (none if there is no
    /// such column).
    func distinctTexts(of name: String) -> NumberedLabels {
        column(named: name).map(NumberedLabels.init) ?? NumberedLabels(texts: [], numbers: [])
    }

    /// The rows whose text in `column` holds secrets of `scan`, with the secrets;
    /// the scan sees each distinct text once.
    func rows(in column: String, containing scan: IdentifierLeakScan) -> [(row: Int, secrets: Set<String>)] {
        guard let data = self.column(named: column) else { return [] }
        guard case .text = data.storage else {
            return texts(of: column).enumerated().compactMap { row, text in
                guard let text else { return nil }
                let found = scan.secrets(in: text)
                return found.isEmpty ? nil : (row, found)
            }
        }
        // The distinct texts, each scanned once, on all cores: a million cases hold
        // hundreds of thousands of distinct notes.
        let distinct = NumberedLabels(data)
        let found = concurrentMap(distinct.texts) { scan.secrets(in: $0) }
        return distinct.numbers.enumerated().compactMap { row, number in
            guard number >= 0, !found[Int(number)].isEmpty else { return nil }
            return (row, found[Int(number)])
        }
    }

    /// The first row whose text in `column` satisfies `predicate`, which sees each
    /// distinct text once (a column of a million rows often holds a few hundred).
    func firstRow(in column: String, where predicate: (String) -> Bool) -> Int? {
        guard let data = self.column(named: column) else { return nil }
        guard case .text(let codes, let dictionary) = data.storage else {
            return texts(of: column).firstIndex { $0.map(predicate) ?? false }
        }
        var seen = [Bool](repeating: false, count: dictionary.count)
        for row in 0..<rowCount where !data.missing.isMissing(row) {
            let code = codes[row]
            guard !seen[Int(code)] else { continue }
            seen[Int(code)] = true
            if predicate(dictionary[code]) { return row }
        }
        return nil
    }
}

/// How many findings of each kind the redaction replaced, per free-text column.
public struct RedactionSummary: Sendable {
    /// Findings by column, then kind.
    public var findings: [String: [PIIKind: Int]] = [:]
    /// All findings.
    public var total: Int { findings.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
}

/// Redacts the free-text columns. The names in the identifier columns join the
/// name lexicon, and every part of them becomes a deny list (``DenyListRecognizer``):
/// a note that mentions its client, even by a surname that is also a word, loses it.
func redactFreeText(_ table: Table, columns: [String], identifiers: [String], language: Language) throws
    -> (table: Table, summary: RedactionSummary, detector: PIIDetector) {
    // Each name once (a person's name recurs with every case), in order of appearance.
    var seen = Set<String>()
    let names = identifiers.flatMap { table.distinctTexts(of: $0).texts }.filter { seen.insert($0).inserted }
    let detector = PIIDetector(recognizers: PIIDetector.standardRecognizers(additionalNames: names)
                                             + [DenyListRecognizer(names: names)])
    let redactor = Redactor(detector: detector, language: language)
    var result = table
    var summary = RedactionSummary()
    for name in columns {
        let distinct = table.distinctTexts(of: name)
        let (redacted, counts) = redactEachDistinctText(distinct, with: redactor)
        summary.findings[name] = counts
        result = try result.replacingColumn(name, with: distinct, replacements: redacted, description: language.pick(
            de: "Freitext; Namen, Kontaktdaten, Kontonummern und andere persönliche Angaben sind durch Platzhalter ersetzt.",
            en: "Free text; names, contact details, account numbers and other personal details are replaced by placeholders."))
    }
    return (result, summary, detector)
}

/// Each distinct text redacted, with the findings counted per row, as if each row had
/// been redacted on its own; but each distinct text is redacted once (a note copied
/// into many cases is read once), and the distinct texts are shared out over all
/// cores. A redaction depends on its text alone, so the result is the same.
private func redactEachDistinctText(_ distinct: NumberedLabels, with redactor: Redactor) -> (texts: [String], findings: [PIIKind: Int]) {
    let redactions = concurrentMap(distinct.texts) { redactor.redact($0) }
    let rowCounts = distinct.recordCounts
    var findings: [PIIKind: Int] = [:]
    for (index, redaction) in redactions.enumerated() {
        for finding in redaction.findings { findings[finding.kind, default: 0] += rowCounts[index] }
    }
    return (redactions.map(\.text), findings)
}

/// Replaces the columns that must stay linkable by keyed pseudonyms, long enough
/// that two values share one with probability below one in a million, and checked:
/// a clash (which would merge two people) stops the run.
func pseudonymize(_ table: Table, columns: [String], key: PseudonymKey, language: Language) throws -> Table {
    var result = table
    for name in columns {
        let values = table.distinctTexts(of: name)
        let pseudonymizer = try Pseudonymizer(key: key, length: Pseudonymizer.length(forDistinctValues: values.texts.count))
        // Each distinct value's token once, on all cores (a person's number recurs
        // with every case), then every token checked against every other.
        let tokenList = concurrentMap(values.texts) { pseudonymizer.token(for: $0) }
        // The register numbers the tokens as it checks them; the column is built from
        // that numbering.
        var register = PseudonymRegister()
        let codes = try zip(values.texts, tokenList).map { value, token in try register.record(token, for: value) }
        result = try result.replacingColumn(name, with: values, codes: codes, in: register.tokens, description: language.pick(
            de: "Pseudonym (HMAC-SHA256 mit geheimem Schlüssel): gleiche Werte haben gleiche Pseudonyme, der Originalwert ist nicht enthalten.",
            en: "Pseudonym (HMAC-SHA256 under a secret key): equal values share a pseudonym; the original value is not included."))
    }
    return result
}
