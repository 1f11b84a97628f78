import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing
import Yams

/// Renders every case of every error with a bilingual message (`LocalizedMessageError`)
/// in German and in English and reads each message for words of the other language.
///
/// The samples carry realistic values (German column names, file paths with umlauts).
/// Reasons that the throw sites write in both languages (`BilingualText`) come from the
/// throw sites themselves: the samples call the API with parameters it refuses, so the
/// check reads the texts users get. The values, and technical tokens such as
/// `--input`, YAML keys in quotes and identifiers in backticks, are removed before a
/// message is read: they are the reader's own words, not the message's.
@Suite("Error messages in German and English")
struct ErrorMessageLanguageTests {
    @Test("TableError reads as German in German and as English in English")
    func tableError() throws { try MessageCheck.verify(MessageSamples.table()) }

    @Test("SQLiteStorageError reads as German in German and as English in English")
    func sqliteStorageError() throws { try MessageCheck.verify(MessageSamples.sqliteStorage()) }

    @Test("OutputFolderError reads as German in German and as English in English")
    func outputFolderError() throws { try MessageCheck.verify(MessageSamples.outputFolder()) }

    @Test("LockedFileError reads as German in German and as English in English")
    func lockedFileError() throws { try MessageCheck.verify(MessageSamples.lockedFile()) }

    @Test("DataPackageError reads as German in German and as English in English")
    func dataPackageError() throws { try MessageCheck.verify(MessageSamples.dataPackage()) }

    @Test("CSVError reads as German in German and as English in English")
    func csvError() throws { try MessageCheck.verify(MessageSamples.csv()) }

    @Test("RedactionError reads as German in German and as English in English")
    func redactionError() throws { try MessageCheck.verify(MessageSamples.redaction()) }

    @Test("TableDisclosureError reads as German in German and as English in English")
    func tableDisclosureError() throws { try MessageCheck.verify(MessageSamples.tableDisclosure()) }

    @Test("PseudonymKeyError reads as German in German and as English in English")
    func pseudonymKeyError() throws { try MessageCheck.verify(MessageSamples.pseudonymKey()) }

    @Test("ConfigurationError reads as German in German and as English in English")
    func configurationError() throws { try MessageCheck.verify(MessageSamples.configuration()) }

    @Test("PrivacyError reads as German in German and as English in English")
    func privacyError() throws { try MessageCheck.verify(MessageSamples.privacy()) }

    @Test("HierarchyError reads as German in German and as English in English")
    func hierarchyError() throws { try MessageCheck.verify(MessageSamples.hierarchy()) }

    @Test("BudgetError reads as German in German and as English in English")
    func budgetError() throws { try MessageCheck.verify(MessageSamples.budget()) }

    @Test("PublicationError reads as German in German and as English in English")
    func publicationError() throws { try MessageCheck.verify(MessageSamples.publication()) }

    @Test("FederationError reads as German in German and as English in English")
    func federationError() throws { try MessageCheck.verify(MessageSamples.federation()) }

    @Test("CasebookError reads as German in German and as English in English")
    func casebookError() throws { try MessageCheck.verify(MessageSamples.casebook()) }

    @Test("AnalysisError reads as German in German and as English in English")
    func analysisError() throws { try MessageCheck.verify(MessageSamples.analysis()) }

    @Test("XLSFormError reads as German in German and as English in English")
    func xlsFormError() throws { try MessageCheck.verify(MessageSamples.xlsForm()) }

    @Test("every case of every bilingual error type has at least one sample")
    func everyCaseHasASample() throws {
        // The number of cases per type. A new case breaks the build in `CaseName`
        // below; give it a sample in `MessageSamples` and raise its number here.
        let caseCounts = [
            "TableError": 8, "SQLiteStorageError": 5, "OutputFolderError": 4, "LockedFileError": 3,
            "DataPackageError": 2, "CSVError": 16, "RedactionError": 4, "TableDisclosureError": 1,
            "PseudonymKeyError": 7, "ConfigurationError": 5, "PrivacyError": 5, "HierarchyError": 7,
            "BudgetError": 6, "PublicationError": 10, "AnalysisError": 16, "XLSFormError": 8,
        ]
        let samples = try MessageSamples.all()
        let covered = Dictionary(grouping: samples, by: \.typeName).mapValues { Set($0.map(\.caseName)).count }
        #expect(covered == caseCounts)
    }

    @Test("the check finds English in a German message and German in an English one")
    func checkCanFail() throws {
        let findings = try MessageCheck.findings(
            german: "Die Spalte „Alter“ is missing; mindestens 2.5 Zeilen.",
            english: "Die column 'Alter' fehlt in Größe 2,5.",
            values: ["Alter"])
        #expect(findings.contains { $0.contains("English words [\"is\", \"missing\"]") })
        #expect(findings.contains { $0.contains("decimal point") })
        #expect(findings.contains { $0.contains("German words [\"die\", \"fehlt\"]") })
        #expect(findings.contains { $0.contains("umlaut") })
        #expect(findings.contains { $0.contains("decimal comma") })
        // A sample value or a technical token in the other language is no finding.
        let clean = try MessageCheck.findings(
            german: "Einstellung „privacy.k“: Wert fehlt in kontakte und Daten.csv (--output, `file`, {mode: optimal}).",
            english: "Setting 'privacy.k': value missing in kontakte und Daten.csv (--output, `Datei`).",
            values: ["kontakte und Daten.csv"])
        #expect(clean.isEmpty, "\(clean)")
    }
}

/// An error to render, where its values came from, and which case it is.
struct MessageSample: Sendable {
    /// The error's type, as in the coverage table.
    let typeName: String
    /// The enum case (or `Kind` case) the error is.
    let caseName: String
    /// The error.
    let error: any LocalizedMessageError
    /// The values the sample put into the error (names, paths, reasons made
    /// elsewhere); they stay as they are in either language.
    let values: [String]

    init<E: LocalizedMessageError>(_ error: E, _ caseName: String, _ values: [String] = []) {
        self.typeName = String(describing: E.self)
        self.caseName = caseName
        self.error = error
        self.values = values
    }

    var label: String { "\(typeName).\(caseName)" }
}

/// Reads the two messages of an error for the other language.
enum MessageCheck {
    /// English words that have no place in a German message (compared in lower case).
    static let englishWords: Set<String> = [
        "the", "and", "or", "but", "of", "to", "with", "from", "for", "by", "at", "into", "without",
        "not", "no", "none", "is", "are", "was", "were", "be", "been", "has", "have", "does", "did",
        "must", "should", "could", "would", "can", "cannot", "need", "needs", "needed",
        "file", "files", "row", "rows", "column", "columns", "value", "values", "line", "lines",
        "field", "fields", "table", "tables", "data", "key", "header", "folder", "type", "number", "numbers",
        "setting", "settings", "unknown", "missing", "expected", "found", "invalid", "error",
        "between", "only", "than", "there", "this", "that", "which", "where", "when", "if", "then",
        "instead", "please", "empty", "already", "each", "every", "all", "more", "less", "too",
        "it", "its", "they", "their", "total", "totals", "given",
    ]
    /// English phrases whose words alone may be German too.
    static let englishPhrases = ["at least", "at most", "instead of", "did you mean"]
    /// German words that have no place in an English message (compared in lower case).
    static let germanWords: Set<String> = [
        "der", "die", "das", "dem", "den", "des", "und", "oder", "aber", "nicht", "kein", "keine", "keinen",
        "ein", "eine", "einen", "einer", "ist", "sind", "wird", "werden", "wurde", "hat", "haben", "gibt",
        "mit", "von", "vom", "für", "auf", "bei", "nach", "zum", "zur", "im", "sich", "auch", "nur", "schon",
        "statt", "zwischen", "über", "bitte", "leer", "doppelt", "fehlt", "fehlen", "mindestens", "höchstens",
        "spalte", "spalten", "zeile", "zeilen", "datei", "dateien", "wert", "werte", "feld", "felder",
        "fehler", "ordner", "tabelle", "tabellen", "einstellung", "einstellungen", "schlüssel", "typ",
        "modus", "summe", "gruppe", "hierarchie", "budgetbuch", "ungültig", "ungültige", "ungültiger",
    ]

    /// Records an issue for each finding in each sample.
    static func verify(_ samples: [MessageSample], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!samples.isEmpty, sourceLocation: sourceLocation)
        for sample in samples {
            let german = sample.error.message(in: .german)
            let english = sample.error.message(in: .english)
            for finding in try findings(german: german, english: english, values: sample.values) {
                Issue.record("\(sample.label): \(finding)", sourceLocation: sourceLocation)
            }
        }
    }

    /// What is wrong with a German and an English message that carry `values`.
    static func findings(german: String, english: String, values: [String]) throws -> [String] {
        var found: [String] = []
        let germanProse = try prose(german, removing: values)
        let englishProse = try prose(english, removing: values)

        if german.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { found.append("the German message is empty") }
        if english.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { found.append("the English message is empty") }
        if german == english, germanProse.contains(where: \.isLetter) {
            found.append("both languages give the same message: \(german)")
        }

        let englishWordsFound = words(in: germanProse, from: englishWords, phrases: englishPhrases)
        if !englishWordsFound.isEmpty {
            found.append("English words \(englishWordsFound) in the German message: \(german)")
        }
        if germanProse.firstMatch(of: try Regex(#"\d\.\d{1,2}(?!\d)"#)) != nil {
            found.append("a decimal point in the German message: \(german)")
        }

        let germanWordsFound = words(in: englishProse, from: germanWords, phrases: [])
        if !germanWordsFound.isEmpty {
            found.append("German words \(germanWordsFound) in the English message: \(english)")
        }
        if englishProse.contains(where: { "äöüÄÖÜß„“".contains($0) }) {
            found.append("an umlaut or German quote in the English message: \(english)")
        }
        if englishProse.firstMatch(of: try Regex(#"\d,\d{1,2}(?!\d)"#)) != nil {
            found.append("a decimal comma in the English message: \(english)")
        }
        return found
    }

    /// `message` without the sample values and technical tokens: what is left is
    /// the message's own language.
    static func prose(_ message: String, removing values: [String]) throws -> String {
        var text = message
        for value in values.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: value, with: " ")
        }
        let technical = [
            #"`[^`]*`"#,                     // identifiers and commands in backticks
            #"--[A-Za-z][A-Za-z0-9-]*"#,     // command-line options
            #"\{[^{}]*\}"#,                  // YAML written inline
            #"„[^“]*“"#,                     // names and keys in German quotes
            #"'[^'\s]*'"#,                   // names and keys in English quotes
            #"\b[a-z]+(?:-[a-z0-9]+)+\b"#,   // lower-case hyphenated keys and commands (free-text, max-nodes)
        ]
        for pattern in technical {
            text = text.replacing(try Regex(pattern), with: " ")
        }
        return text
    }

    /// The words of `list` (and the phrases) that `text` contains, as whole words,
    /// ignoring case.
    static func words(in text: String, from list: Set<String>, phrases: [String]) -> [String] {
        let tokens = text.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
        var found = tokens.filter { list.contains($0) }
        let joined = " " + tokens.joined(separator: " ") + " "
        found += phrases.filter { joined.contains(" \($0) ") }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }
}

/// Each error type with every case, in realistic dress.
enum MessageSamples {
    static let casesFile = "/home/beratung/daten/fälle-2024.csv"
    static let ledgerFile = "/srv/verein/dp/budget-ämter.json"
    static let keyFile = "/home/beratung/.civic/pseudonym-schlüssel.key"

    static func all() throws -> [MessageSample] {
        table() + sqliteStorage() + (try outputFolder()) + lockedFile() + dataPackage() + csv() + redaction()
            + tableDisclosure() + pseudonymKey() + (try configuration()) + (try privacy()) + hierarchy() + budget()
            + (try publication()) + analysis() + xlsForm()
    }

    static func xlsForm() -> [MessageSample] {
        func sample(_ kind: XLSFormError.Kind, _ values: String...) -> MessageSample {
            MessageSample(XLSFormError(kind, file: "formular.xlsx", sheet: "survey", row: 7, column: 2), CaseName.of(kind),
                          ["formular.xlsx", "survey"] + values)
        }
        return [
            sample(.workbook(XLSXError(.noSheets, file: "formular.xlsx"))),
            sample(.missingSheet("choices"), "choices"),
            sample(.missingColumn("list_name"), "list_name"),
            sample(.missingName),
            sample(.unknownChoiceList("bezirke"), "bezirke", "choices"),
            sample(.missingChoiceList, "select_one ja_nein", "select_one yes_no"),
            sample(.unexpectedEnd("end_repeat"), "end_repeat", "begin_repeat"),
            sample(.unclosedGroup("haushalt"), "haushalt", "end_group", "end_repeat"),
        ]
    }

    static func table() -> [MessageSample] {
        func sample(_ error: TableError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        return [
            sample(.columnCountMismatch(fields: 7, columns: 6)),
            sample(.columnTypeMismatch(field: "Geburtsjahr", expected: .integer, found: .string),
                   "Geburtsjahr", "integer", "string"),
            sample(.columnLengthMismatch(field: "Postleitzahl", expected: 1_204, found: 1_203), "Postleitzahl"),
            sample(.duplicateField("Straße"), "Straße"),
            sample(.rowLengthMismatch(row: 41, expected: 7, found: 6)),
            sample(.valueTypeMismatch(row: 12, expected: .date), "date"),
            sample(.unknownField("Beratungsstelle"), "Beratungsstelle"),
            sample(.schemaMismatch),
        ]
    }

    static func sqliteStorage() -> [MessageSample] {
        func sample(_ error: SQLiteStorageError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        return [
            sample(.tableExists("faelle_2024"), "faelle_2024"),
            sample(.noSuchTable("kontakte"), "kontakte"),
            sample(.rowRejected(table: "faelle_2024", row: 318, reason: "NOT NULL constraint failed: faelle_2024.alter"),
                   "faelle_2024", "NOT NULL constraint failed: faelle_2024.alter"),
            sample(.unreadableValue(table: "faelle_2024", column: "Erstkontakt", row: 17), "faelle_2024", "Erstkontakt"),
            sample(.invalidName("")),
        ]
    }

    /// Made through `AtomicFolder`, the only maker of these errors.
    static func outputFolder() throws -> [MessageSample] {
        let directory = try TemporaryDirectory()
        let folder = directory.file("Veröffentlichung Mai")
        var samples: [MessageSample] = []
        func capture(_ body: () throws -> Void) {
            do {
                try body()
                Issue.record("AtomicFolder.replace accepted \(folder.path)")
            } catch let error as OutputFolderError {
                samples.append(MessageSample(error, CaseName.of(error.kind), [folder.path]))
            } catch {
                Issue.record("not an OutputFolderError: \(error)")
            }
        }
        try directory.write("Veröffentlichung Mai", text: "Bericht\n")
        capture { try AtomicFolder.replace(folder) { _ in } }                                  // a file
        try FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        capture { try AtomicFolder.replace(folder) { _ in } }                                  // no marker
        let input = folder.appendingPathComponent("fälle.csv")
        capture { try AtomicFolder.replace(folder, protecting: [input]) { _ in } }             // holds the input
        try FileManager.default.removeItem(at: folder)
        capture {                                                                              // marker not writable
            try AtomicFolder.replace(folder, marker: ".civic-package") { temporary in
                try FileManager.default.createDirectory(at: temporary.appendingPathComponent(".civic-package"),
                                                        withIntermediateDirectories: false)
            }
        }
        return samples
    }

    static func lockedFile() -> [MessageSample] {
        func sample(_ kind: LockedFileError.Kind, _ values: String...) -> MessageSample {
            MessageSample(LockedFileError(path: ledgerFile, kind: kind), CaseName.of(kind), [ledgerFile] + values)
        }
        return [
            sample(.system("Permission denied"), "Permission denied"),
            sample(.symbolicLink),
            sample(.severalNames(2)),
        ]
    }

    static func dataPackage() -> [MessageSample] {
        let file = "/home/beratung/veröffentlichung/datapackage.json"
        let unreadable = "The file “datapackage.json” couldn’t be opened because there is no such file."
        let invalid = "field 'Alter' has the unsupported type 'geopoint'"
        func sample(_ error: DataPackageError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error.reason), values)
        }
        return [
            sample(DataPackageError(file: file, reason: .unreadable(unreadable)), file, unreadable),
            sample(DataPackageError(file: file, reason: .invalid(invalid)), file, invalid),
            sample(DataPackageError(file: nil, reason: .invalid(invalid)), invalid),
        ]
    }

    static func csv() -> [MessageSample] {
        func sample(_ kind: CSVError.Kind, file: String? = casesFile, line: Int? = nil, column: Int? = nil,
                    field: String? = nil, _ values: String...) -> MessageSample {
            let error = CSVError(kind, file: file, line: line, column: column, field: field)
            return MessageSample(error, CaseName.of(kind), [file, field].compactMap { $0 } + values)
        }
        return [
            sample(.emptyFile),
            sample(.emptyFile, file: nil),
            sample(.unterminatedQuote, line: 1_187),
            sample(.textAfterClosingQuote, line: 52, column: 9, field: "Anmerkung"),
            sample(.tooManyFields(expected: 9, found: 10), line: 214),
            sample(.tooFewFields(expected: 9, found: 7), line: 215),
            sample(.invalidUTF8, line: 88, column: 4, field: "Straße"),
            sample(.nulByte, line: 3),
            sample(.typeMismatch(expected: .number), line: 77, column: 6, field: "Einkommen", "number"),
            sample(.inferredTypeMismatch(expected: .integer, inferenceRows: 1_000), line: 4_512, column: 3,
                   field: "Alter", "integer"),
            sample(.missingColumn("Postleitzahl"), "Postleitzahl"),
            sample(.unexpectedColumn("Bemerkung intern"), "Bemerkung intern"),
            sample(.duplicateColumn("Bezirk"), line: 1, column: 5, "Bezirk"),
            sample(.emptyColumnName, line: 1, column: 3),
            sample(.unencodableCharacter, file: "export-für-excel.csv", line: 19, column: 2, field: "Name"),
            sample(.recordTooLong(limit: 64 << 20), line: 1_031),
            sample(.io("Permission denied"), "Permission denied"),
            sample(.io("not a regular file"), file: nil, "not a regular file"),
        ]
    }

    static func redaction() -> [MessageSample] {
        func sample(_ error: RedactionError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        return [
            sample(.invalidUTF8(source: "beratungsnotizen.txt", line: 88, column: 17), "beratungsnotizen.txt"),
            sample(.unknownColumn(source: "kontakte.csv", column: "Telefon", available: ["Name", "E-Mail", "Stadtteil"]),
                   "kontakte.csv", "Telefon", "Name", "E-Mail", "Stadtteil"),
            sample(.notADate(source: "kontakte.csv", line: 12, column: "Erstkontakt"), "kontakte.csv", "Erstkontakt"),
            sample(.invalidOptions("kontakte.csv braucht eine Kopfzeile."), "kontakte.csv braucht eine Kopfzeile."),
        ]
    }

    static func tableDisclosure() -> [MessageSample] {
        let cells = [CellPosition(row: 0, column: 2), CellPosition(row: 3, column: nil), CellPosition.grandTotal]
        let error = TableDisclosureError(recomputableCells: cells)
        return [MessageSample(error, "recomputableCells")]
    }

    static func pseudonymKey() -> [MessageSample] {
        func sample(_ error: PseudonymKeyError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        return [
            sample(.tooShort(bytes: 16)),
            sample(.tooWeak),
            sample(.unreadable(path: keyFile), keyFile),
            sample(.malformed(path: keyFile), keyFile),
            sample(.readableByOthers(path: keyFile, mode: "644"), keyFile, "644"),
            sample(.fileExists(path: keyFile), keyFile),
            sample(.unwritable(path: keyFile, reason: "No space left on device"), keyFile, "No space left on device"),
        ]
    }

    static func configuration() throws -> [MessageSample] {
        func sample(_ error: ConfigurationError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        var samples = [
            sample(.unknownColumn("Wohnort"), "Wohnort"),
            sample(.missingHierarchy("Geburtsjahr"), "Geburtsjahr"),
            sample(.noPrivacyModel),
            sample(.noQuasiIdentifier),
        ]
        samples += try configurationSettings()
        // As civic-anonymize reports a configuration file it cannot read: the decoder's
        // reason in both languages.
        let file = "/home/beratung/anonymisierung für 2024.yaml"
        for yaml in ["attributes: {}\nprivacy: {k: zwei}\n", "privacy: {kk: 2}\n"] {
            do {
                _ = try YAMLDecoder().decode(AnonymizationConfiguration.self, from: yaml)
                Issue.record("the configuration was read: \(yaml)")
            } catch let error as DecodingError {
                samples.append(sample(.invalidSetting(key: file, reason: error.bilingualSummary), file))
            }
        }
        return samples
    }

    /// `ConfigurationError.invalidSetting` as `AnonymizationConfiguration` makes it,
    /// for each setting it refuses.
    static func configurationSettings() throws -> [MessageSample] {
        let cases = try counselling()
        var samples: [MessageSample] = []
        func refused(_ values: [String] = [], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
            guard let error = thrown(ConfigurationError.self, sourceLocation: sourceLocation, body) else { return }
            #expect(CaseName.of(error) == "invalidSetting", "\(error)", sourceLocation: sourceLocation)
            samples.append(MessageSample(error, CaseName.of(error), values))
        }
        typealias Attributes = [String: AnonymizationConfiguration.Attribute]
        func plan(_ attributes: Attributes, _ privacy: AnonymizationConfiguration.Privacy) throws {
            _ = try AnonymizationConfiguration(attributes: attributes, privacy: privacy).plan(for: cases) { _ in [] }
        }
        func district(_ hierarchy: AnonymizationConfiguration.HierarchySpecification) -> Attributes {
            ["Bezirk": .init(role: .quasiIdentifier, hierarchy: hierarchy)]
        }
        let k2 = AnonymizationConfiguration.Privacy(k: 2)
        refused { try plan(["Alter": .init(role: .quasiIdentifier, hierarchy: .intervals([10]), weight: 0)], k2) }
        func diversity(_ variant: AnonymizationConfiguration.LDiversity.Variant, l: Double, c: Double? = nil) throws {
            try plan(district(.levels(1)), .init(k: 2, lDiversity: .init(variant: variant, l: l, c: c, attribute: "Leistung")))
        }
        refused { try diversity(.distinct, l: 0) }
        refused { try diversity(.recursive, l: 2, c: 0) }
        refused { try diversity(.distinct, l: 2.5) }
        refused { try diversity(.recursive, l: 2) }
        refused { try plan(district(.levels(1)), .init(k: 2, tCloseness: .init(variant: .hierarchical, t: 0.2, attribute: "Leistung"))) }
        refused { try plan(["Alter": .init(role: .quasiIdentifier, hierarchy: .intervals(Array(repeating: 1, count: 33)))], k2) }
        refused { try plan(district(.levels(2)), k2) }
        refused { try plan(district(.mask(0)), k2) }
        refused { try plan(district(.intervals([10])), k2) }
        refused { try plan(district(.dates([.year])), k2) }
        refused { try plan(district(.groups([["Mitte": "Innenstadt"]])), k2) }
        refused { _ = try AnonymizationConfiguration.SearchSettings(mode: .optimal, maxNodes: 2_000).strategy() }
        refused { _ = try AnonymizationConfiguration.SearchSettings(mode: .heuristic, maxNodes: 0).strategy() }
        return samples
    }

    static func privacy() throws -> [MessageSample] {
        func sample(_ error: PrivacyError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        return [
            sample(.unknownColumn("Nationalität"), "Nationalität"),
            sample(.noSolution),
            sample(.missingPrivacyUnit(column: "klient_id", row: 57), "klient_id"),
            sample(.noSolutionWithinBudget(5_000)),
        ] + (try privacyParameters())
    }

    /// `PrivacyError.invalidParameter` as the throw sites make it: the criteria, the
    /// anonymiser, table protection, pseudonyms and the noisy releases, each called
    /// with a parameter it refuses.
    static func privacyParameters() throws -> [MessageSample] {
        let cases = try counselling()
        var samples: [MessageSample] = []
        func refused(_ values: [String] = [], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
            guard let error = thrown(PrivacyError.self, sourceLocation: sourceLocation, body) else { return }
            #expect(CaseName.of(error) == "invalidParameter", "\(error)", sourceLocation: sourceLocation)
            samples.append(MessageSample(error, CaseName.of(error), values))
        }
        // The criteria.
        refused { _ = try KAnonymity(k: 0) }
        refused { _ = try DistinctLDiversity(l: 0, attribute: "Leistung") }
        refused { _ = try EntropyLDiversity(l: 0.5, attribute: "Leistung") }
        refused { _ = try RecursiveCLDiversity(c: 0, l: 3, attribute: "Leistung") }
        refused { _ = try RecursiveCLDiversity(c: 2.5, l: 1, attribute: "Leistung") }
        refused { _ = try TCloseness(t: 1.5, attribute: "Leistung") }

        // The anonymiser.
        let hierarchy = try GeneralizationHierarchy.suppressOnly(values: ["Mitte", "Pankow", "Spandau"])
        let district = QuasiIdentifier("Bezirk", hierarchy: hierarchy)
        let k2 = try KAnonymity(k: 2)
        refused { _ = try Anonymizer(quasiIdentifiers: [], criteria: [k2]) }
        refused { _ = try Anonymizer(quasiIdentifiers: [district], criteria: []) }
        refused { _ = try Anonymizer(quasiIdentifiers: [district, district], criteria: [k2]) }
        refused(["Bezirk"]) {
            _ = try Anonymizer(quasiIdentifiers: [QuasiIdentifier("Bezirk", hierarchy: hierarchy, weight: 0)], criteria: [k2])
        }
        refused { _ = try Anonymizer(quasiIdentifiers: [district], criteria: [k2], search: .heuristic(maxNodes: 0)) }
        refused { _ = try Anonymizer(quasiIdentifiers: [district], criteria: [k2], suppressionLimit: 2) }
        refused { _ = try Anonymizer(quasiIdentifiers: [district], criteria: [k2], suppressionLimit: 1.5) }
        refused(["Alter", "Leistung"]) {
            _ = try Anonymizer(quasiIdentifiers: [district], criteria: [DistinctLDiversity(l: 2, attribute: "Leistung"),
                                                                        TCloseness(t: 0.3, attribute: "Alter")])
        }
        refused(["Bezirk"]) {
            _ = try Anonymizer(quasiIdentifiers: [district], criteria: [DistinctLDiversity(l: 2, attribute: "Bezirk")])
        }
        refused(["Bezirk"]) { _ = try Anonymizer(quasiIdentifiers: [district], criteria: [k2], privacyUnit: "Bezirk") }
        refused(["Leistung"]) {
            _ = try Anonymizer(quasiIdentifiers: [district], criteria: [k2, DistinctLDiversity(l: 3, attribute: "Leistung")])
                .anonymize(cases)
        }

        // Table protection.
        var random = SecureRandom(seed: 2024)
        refused { _ = try RandomRounding(base: 1) }
        refused {
            let donations = StatisticalTable(rowLabels: ["Mitte"], columnLabels: ["2024"], contributions: [[[120, 80]]])
            _ = try RandomRounding(base: 3).protect(donations, using: &random)
        }
        refused { _ = try CellKeyMethod().protect(StatisticalTable(rowLabels: ["Mitte"], columnLabels: ["2024"], counts: [[7]])) }
        refused { _ = try PerturbationTable(name: "leer", rows: []) }
        refused { _ = try PerturbationTable(name: "zu wenig", rows: [[.init(noise: 0, perMille: 900)]]) }
        refused {
            _ = try PerturbationTable(name: "negativ", rows: [[.init(noise: 0, perMille: 1_000)], [.init(noise: -3, perMille: 1_000)]])
        }
        refused { _ = try MinimumFrequencyRule(threshold: 0) }
        refused { _ = try DominanceRule(n: 0, k: 85) }
        refused { _ = try DominanceRule(n: 1, k: 150.5) }

        // Pseudonyms.
        let key = PseudonymKey.generate()
        refused { _ = try Pseudonymizer(key: key, length: 3) }
        refused { _ = try DateShifter(pseudonymizer: Pseudonymizer(key: key), maximumDays: 5_000) }
        refused(["P-3F2A"]) {
            var register = PseudonymRegister()
            try register.record("P-3F2A", for: "erster Wert")
            try register.record("P-3F2A", for: "zweiter Wert")
        }

        // Noisy releases (differential privacy).
        let half = Rational(1, 2)
        func quantile(column: String = "Alter", q: Rational = half, lower: Double = 0, upper: Double = 100,
                      epsilon: Rational = half, bound: ContributionBound = .row) throws {
            _ = try NoisyQuantile(cases, column: column, q: q, lower: lower, upper: upper, epsilon: epsilon, bound: bound,
                                  using: &random)
        }
        func sum(lower: Double = 0, upper: Double = 100, epsilon: Rational = half) throws {
            _ = try NoisySum(cases, column: "Alter", lower: lower, upper: upper, epsilon: epsilon, mean: false, bound: .row,
                             using: &random)
        }
        refused(["Bezirk"]) { try quantile(column: "Bezirk") }
        refused { try quantile(q: Rational(1, 100_000)) }
        refused { try quantile(lower: 100, upper: 0) }
        refused { try quantile(upper: 100_000_000) }
        refused { try quantile(q: Rational(1, 10_000), epsilon: Rational(1, 1_000_000_000_000_000)) }
        refused {
            try quantile(q: Rational(1, 10_000), epsilon: Rational(1, 1_000_000_000_000),
                         bound: ContributionBound(privacyUnit: "klient_id", maxRowsPerPerson: 1_000))
        }
        func counts(categories: [String] = ["Mitte"], epsilon: Rational = half, maxRowsPerPerson: Int = 1) throws {
            _ = try NoisyCounts(labels: ["Mitte"], categories: categories, epsilon: epsilon, maxRowsPerPerson: maxRowsPerPerson,
                                using: &random)
        }
        refused { try counts(categories: []) }
        refused { try counts(maxRowsPerPerson: 0) }
        refused { try counts(epsilon: Rational(1, 1 << 41)) }
        refused { _ = try NoisyCounts(cases, column: "Alter", edges: [30], epsilon: half, bound: .row, using: &random) }
        refused {
            _ = try NoisyContingencyTable(cases, rows: "Bezirk", rowCategories: ["Mitte"], columns: "Leistung",
                                          columnCategories: [], epsilon: half, bound: .row, using: &random)
        }
        refused { try sum(lower: 100, upper: 0) }
        refused { try sum(upper: 1e14) }
        refused { try sum(upper: 1e9, epsilon: Rational(1, 100)) }
        refused { _ = try ContributionBound(privacyUnit: "klient_id", maxRowsPerPerson: 0) }
        return samples
    }

    static func hierarchy() -> [MessageSample] {
        func sample(_ error: HierarchyError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        return [
            sample(.empty),
            sample(.unevenDepth(line: 14, expected: 4, found: 3)),
            sample(.duplicateValue(line: 22)),
            sample(.inconsistentLevels(line: 9, level: 2)),
            sample(.valueNotCovered(column: "Postleitzahl", row: 311), "Postleitzahl"),
            sample(.unreadable(file: "hierarchien/plz-bezirke.csv", reason: "No such file or directory"),
                   "hierarchien/plz-bezirke.csv", "No such file or directory"),
        ] + hierarchyParameters()
    }

    /// `HierarchyError.invalidParameters` as the hierarchy builders make it.
    static func hierarchyParameters() -> [MessageSample] {
        var samples: [MessageSample] = []
        func refused(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
            guard let error = thrown(HierarchyError.self, sourceLocation: sourceLocation, body) else { return }
            #expect(CaseName.of(error) == "invalidParameters", "\(error)", sourceLocation: sourceLocation)
            samples.append(MessageSample(error, CaseName.of(error)))
        }
        refused { _ = try GeneralizationHierarchy.intervals(values: [34, 41, 58], widths: [0]) }
        refused { _ = try GeneralizationHierarchy.intervals(values: [34, 41, 58], widths: [10, 15]) }
        refused { _ = try GeneralizationHierarchy.intervals(values: [34, 41, 58], widths: [1_000, 1_500]) }
        refused { _ = try GeneralizationHierarchy.prefixMasking(values: ["10115", "1011"]) }
        refused { _ = try GeneralizationHierarchy.prefixMasking(values: ["10115", "13597"], maskedCharacters: 5) }
        refused {
            let date = CivicDate(year: 2024, month: 3, day: 5)!
            _ = try GeneralizationHierarchy.dates(values: [date], units: [.year, .month])
        }
        refused {
            _ = try GeneralizationHierarchy.categories(values: ["syrisch", "eritreisch", "polnisch"],
                                                       levels: [["syrisch": "Naher Osten"]])
        }
        return samples
    }

    static func budget() -> [MessageSample] {
        func sample(_ error: BudgetError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        let quarter = Decimal(25) / 100, half = Decimal(5) / 10
        return [
            sample(.exceeded(requested: half, remaining: quarter)),
            sample(.exceeded(requested: 1, remaining: 0)),
            sample(.noLedger(path: ledgerFile), ledgerFile),
            sample(.budgetMismatch(ledger: Decimal(25) / 10, given: 3)),
            sample(.unreadable(path: ledgerFile, reason: "Permission denied"), ledgerFile, "Permission denied"),
            sample(.invalidEpsilon("-0.1"), "-0.1"),
            sample(.tampered(path: ledgerFile, entry: 0), ledgerFile),
            sample(.tampered(path: ledgerFile, entry: 4), ledgerFile),
        ]
    }

    static func publication() throws -> [MessageSample] {
        func sample(_ error: PublicationError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        let unknownKey = BilingualText(de: "„titel“ ist hier unbekannt (gemeint: „title“?)",
                                       en: "unknown setting 'titel' (did you mean 'title'?)")
        var samples = [
            sample(.invalidSettings(file: "publish.yaml", reason: unknownKey), "publish.yaml", unknownKey.german, unknownKey.english),
            sample(.missingInput(casesFile), casesFile),
            sample(.unclassifiedColumns(["Hobby", "Lieblingsfarbe"]), "Hobby", "Lieblingsfarbe"),
            sample(.unknownColumn("klient"), "klient"),
            sample(.nothingToPublish),
            sample(.identifyingColumns(["Notiz", "Kontakt"]), "Notiz", "Kontakt"),
            sample(.wholePersonsExceedSuppression(rows: 84, allowed: 60)),
            sample(.derivationBroken(file: casesFile, column: "Bezirk", source: "PLZ", rows: 12), casesFile, "Bezirk", "PLZ"),
        ]
        // Setting errors as the settings make them, with their own reasons; the
        // licence identifiers are names, not numbers.
        do {
            _ = try PublicationSettings(licence: "CC0").dataLicence()
            Issue.record("the licence CC0 was accepted")
        } catch {
            samples.append(sample(error, "CC0", "CC-BY-4.0", "ODbL-1.0", "dl-de-by-2.0"))
        }
        do {
            _ = try PublicationSettings(name: "Fälle 2024").packageName(inputName: "faelle.csv")
            Issue.record("the package name „Fälle 2024“ was accepted")
        } catch {
            samples.append(sample(error, "Fälle 2024"))
        }
        return samples + (try auditChecks())
    }

    /// `PublicationError.checkFailed` as `PublicationAudit` makes it, for each check a
    /// publication can fail (the recount of the written files is the package's own and
    /// cannot be called from outside).
    static func auditChecks() throws -> [MessageSample] {
        let schema = Schema(fields: [Field("klient_id", type: .string), Field("Bezirk", type: .string),
                                     Field("Leistung", type: .string), Field("Notiz", type: .string)])
        let input = try Table(schema: schema, rows: [
            [.text("K-0042"), .text("Mitte"), .text("Beratung"), .text("Termin mit K-0042 am Montag")],
            [.text("K-0042"), .text("Pankow"), .text("Begleitung"), .text("Unterlagen fehlen")],
            [.text("K-0043"), .text("Mitte"), .text("Begleitung"), .text("Rückruf erbeten")],
            [.text("K-0044"), .text("Pankow"), .text("Beratung"), .text("Rückruf an anna.koch@example.org")],
        ])
        let persons = ["K-0042", "K-0042", "K-0043", "K-0044"]
        let published = try input.selecting(["Bezirk", "Leistung", "Notiz"])
        let k2 = try KAnonymity(k: 2), distinct = try DistinctLDiversity(l: 2, attribute: "Leistung")
        var samples: [MessageSample] = []
        func refused(_ values: [String] = [], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
            guard let error = thrown(PublicationError.self, sourceLocation: sourceLocation, body) else { return }
            #expect(CaseName.of(error) == "checkFailed", "\(error)", sourceLocation: sourceLocation)
            samples.append(MessageSample(error, CaseName.of(error), values))
        }
        func audit(_ criteria: [any PrivacyCriterion], privacyUnit: String? = nil, wholePersonK: Int? = nil,
                   quasiIdentifiers: [String] = ["Bezirk"]) -> PublicationAudit {
            PublicationAudit(quasiIdentifiers: quasiIdentifiers, criteria: criteria, input: input, privacyUnit: privacyUnit,
                             wholePersonK: wholePersonK, identifierColumns: ["klient_id"])
        }
        refused(["Wohnort"]) { try audit([k2], quasiIdentifiers: ["Wohnort"]).checkCriteria(published) }
        refused { try audit([try KAnonymity(k: 3)]).checkCriteria(published) }
        refused(["Leistung"]) { try audit([try EntropyLDiversity(l: 2.5, attribute: "Leistung")]).checkCriteria(published) }
        refused { try audit([try KAnonymity(k: 3)], privacyUnit: "klient_id").checkCriteria(published, persons: persons) }
        refused { try audit([k2], privacyUnit: "klient_id").checkCriteria(published) }
        refused { try audit([k2], privacyUnit: "klient_id", wholePersonK: 2).checkCriteria(published, persons: persons) }
        refused(["Leistung"]) { try audit([k2, distinct]).checkCriteria(try published.selecting(["Bezirk", "Notiz"])) }
        refused(["Leistung"]) {
            let tampered = try Table(schema: Schema(fields: [Field("Bezirk", type: .string), Field("Leistung", type: .string)]),
                                     rows: [[.text("Mitte"), .text("Schuldnerberatung")], [.text("Mitte"), .text("Beratung")]])
            try audit([k2, distinct]).checkCriteria(tampered)
        }
        refused(["Notiz"]) {
            try PublicationAudit(quasiIdentifiers: ["Bezirk"], criteria: [k2], input: input, freeTextColumns: ["Notiz"],
                                 detector: PIIDetector()).checkText(published.gathering(rows: [3]))
        }
        refused(["Notiz"]) {
            try PublicationAudit(quasiIdentifiers: ["Bezirk"], criteria: [k2], input: input, freeTextColumns: ["Notiz"],
                                 identifierColumns: ["klient_id"]).checkText(published)
        }
        return samples
    }

    static func analysis() -> [MessageSample] {
        func sample(_ error: AnalysisError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        return [
            sample(.unknownColumn("Alter"), "Alter"),
            sample(.notNumeric("Beratungsart"), "Beratungsart"),
            sample(.notDates("Erstkontakt"), "Erstkontakt"),
            sample(.unknownPeriod("Woche"), "Woche"),
            sample(.noGroupingColumns),
            sample(.tooFewValues(column: "Einkommen", group: "Pankow", needed: 2, found: 1), "Einkommen", "Pankow"),
            sample(.tooFewValues(column: "Einkommen", group: nil, needed: 3, found: 0), "Einkommen"),
            sample(.constantValues(column: "Wartezeit", group: "Neukölln"), "Wartezeit", "Neukölln"),
            sample(.constantValues(column: "Wartezeit", group: nil), "Wartezeit"),
            sample(.unknownGroup(column: "Bezirk", group: "Spandau"), "Bezirk", "Spandau"),
            sample(.wrongNumberOfGroups(column: "Geschlecht", expected: 2, found: 3), "Geschlecht"),
            sample(.invalidWeights(column: "Gewicht"), "Gewicht"),
            sample(.singularDesign(column: "Alter in Monaten"), "Alter in Monaten"),
            sample(.perfectFit(response: "Gesamtkosten"), "Gesamtkosten"),
            sample(.perfectSeparation),
            sample(.notConverged(iterations: 25)),
            sample(.valuesTooLarge(column: "Umsatz", limit: largestAnalysableMagnitude), "Umsatz"),
            sample(.tableTooSmall(rows: 1, columns: 3)),
        ]
    }
}

extension MessageSamples {
    static func casebook() -> [MessageSample] {
        let file = "/home/beratung/fallbuch/fälle-2025.sqlite"
        func sample(_ error: CasebookError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        var samples = [
            sample(.missingFile(file), file), sample(.fileExists(file), file), sample(.cannotCreate(file), file),
            sample(.notACasebook(file), file), sample(.newerVersion(file), file),
            sample(.noSuchRecord(.person), "person"), sample(.duplicate(.case, field: "case_number"), "case", "case_number"),
            sample(.missingColumns(file: file, columns: ["client_id", "start_date"]), file, "client_id", "start_date"),
            sample(.unknownColumns(file: file, columns: ["Bemerkung"]), file, "Bemerkung"),
            sample(.unreadableValue(file: file, line: 17, column: "start_date"), file, "17", "start_date"),
            sample(.alreadyWithdrawn), sample(.notPermitted(.person), "person"),
            sample(.noResidue(.withdrawnConsents), "withdrawn-consents"),
            sample(.invalidRetentionPeriod(.cases), "cases"),
        ]
        for rule in [CasebookError.Rule.required, .check, .unique, .reference, .other] {
            samples.append(sample(.rejected(table: "persons", field: "zip", rule: rule), "persons.zip"))
        }
        return samples
    }

    static func federation() -> [MessageSample] {
        let file = "/home/dachverband/eingang/schuldnerberatung-süd.json"
        func sample(_ error: FederationError, _ values: String...) -> MessageSample {
            MessageSample(error, CaseName.of(error), values)
        }
        let year = ReportingPeriod(year: 2025), half = ReportingPeriod(from: "2025-01", to: "2025-06")!
        return [
            sample(.invalidThreshold(1), "1"),
            sample(.casesOutsidePeriod),
            sample(.keyFileExists(file), file),
            sample(.invalidKeyFile(file), file),
            sample(.malformedReport(file: file), file),
            sample(.badSignature(file: file), file),
            sample(.unknownMember(file: file, member: "sb-süd"), file, "sb-süd"),
            sample(.wrongMember(file: file, expected: "sb-süd", found: "sb-nord"), file, "sb-süd", "sb-nord"),
            sample(.wrongMember(file: "", expected: "sb-süd", found: "sb-nord"), "sb-süd", "sb-nord"),
            sample(.wrongPeriod(file: file, expected: year, found: half), file, year.description, half.description),
            sample(.thresholdTooLow(file: file, threshold: 3, minimum: 5), file, "3", "5"),
            sample(.conflictingReport(file: file, member: "sb-süd"), file, "sb-süd"),
            sample(.notAFederationFolder(file), file),
            sample(.packageMismatch(file: file, line: 12), file, "12"),
        ]
    }

    /// The error `body` throws, as an `E`; an issue where it throws nothing or something else.
    static func thrown<E: Error>(_ type: E.Type, sourceLocation: SourceLocation = #_sourceLocation,
                                 _ body: () throws -> Void) -> E? {
        do {
            try body()
            Issue.record("nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as E {
            return error
        } catch {
            Issue.record("not a \(E.self): \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// Six counselling cases of four clients, for the throw sites that need data.
    static func counselling() throws -> Table {
        let schema = Schema(fields: [Field("klient_id", type: .string), Field("Alter", type: .integer),
                                     Field("Bezirk", type: .string), Field("Leistung", type: .string),
                                     Field("Erstkontakt", type: .date)])
        let rows: [[Value]] = (0..<6).map { (i: Int) -> [Value] in
            [.text("K-\(100 + i * 2 / 3)"), .integer(Int64(25 + 7 * i)), .text(["Mitte", "Pankow", "Spandau"][i % 3]),
             .text(i % 2 == 0 ? "Beratung" : "Begleitung"), .date(CivicDate(year: 2024, month: 1 + i, day: 15)!)]
        }
        return try Table(schema: schema, rows: rows)
    }
}

/// The name of each case, by a switch without `default`: a case added to an error
/// type breaks the build here until it is named (and given a sample above).
enum CaseName {
    static func of(_ error: CasebookError) -> String {
        switch error {
        case .missingFile: "missingFile"
        case .fileExists: "fileExists"
        case .cannotCreate: "cannotCreate"
        case .notACasebook: "notACasebook"
        case .newerVersion: "newerVersion"
        case .noSuchRecord: "noSuchRecord"
        case .duplicate: "duplicate"
        case .rejected(_, _, let rule): "rejected.\(rule.rawValue)"
        case .missingColumns: "missingColumns"
        case .unknownColumns: "unknownColumns"
        case .unreadableValue: "unreadableValue"
        case .alreadyWithdrawn: "alreadyWithdrawn"
        case .notPermitted: "notPermitted"
        case .noResidue: "noResidue"
        case .invalidRetentionPeriod: "invalidRetentionPeriod"
        }
    }

    static func of(_ error: FederationError) -> String {
        switch error {
        case .invalidThreshold: "invalidThreshold"
        case .casesOutsidePeriod: "casesOutsidePeriod"
        case .keyFileExists: "keyFileExists"
        case .invalidKeyFile: "invalidKeyFile"
        case .malformedReport: "malformedReport"
        case .badSignature: "badSignature"
        case .unknownMember: "unknownMember"
        case .wrongMember: "wrongMember"
        case .wrongPeriod: "wrongPeriod"
        case .thresholdTooLow: "thresholdTooLow"
        case .conflictingReport: "conflictingReport"
        case .notAFederationFolder: "notAFederationFolder"
        case .packageMismatch: "packageMismatch"
        }
    }

    static func of(_ error: TableError) -> String {
        switch error {
        case .columnCountMismatch: "columnCountMismatch"
        case .columnTypeMismatch: "columnTypeMismatch"
        case .columnLengthMismatch: "columnLengthMismatch"
        case .duplicateField: "duplicateField"
        case .rowLengthMismatch: "rowLengthMismatch"
        case .valueTypeMismatch: "valueTypeMismatch"
        case .unknownField: "unknownField"
        case .schemaMismatch: "schemaMismatch"
        }
    }

    static func of(_ error: SQLiteStorageError) -> String {
        switch error {
        case .tableExists: "tableExists"
        case .noSuchTable: "noSuchTable"
        case .rowRejected: "rowRejected"
        case .unreadableValue: "unreadableValue"
        case .invalidName: "invalidName"
        }
    }

    static func of(_ kind: OutputFolderError.Kind) -> String {
        switch kind {
        case .notAFolder: "notAFolder"
        case .notWrittenBefore: "notWrittenBefore"
        case .containsProtectedPath: "containsProtectedPath"
        case .notWritable: "notWritable"
        }
    }

    static func of(_ kind: LockedFileError.Kind) -> String {
        switch kind {
        case .system: "system"
        case .symbolicLink: "symbolicLink"
        case .severalNames: "severalNames"
        }
    }

    static func of(_ reason: DataPackageError.Reason) -> String {
        switch reason {
        case .unreadable: "unreadable"
        case .invalid: "invalid"
        }
    }

    static func of(_ kind: XLSFormError.Kind) -> String {
        switch kind {
        case .workbook: "workbook"
        case .missingSheet: "missingSheet"
        case .missingColumn: "missingColumn"
        case .missingName: "missingName"
        case .unknownChoiceList: "unknownChoiceList"
        case .missingChoiceList: "missingChoiceList"
        case .unexpectedEnd: "unexpectedEnd"
        case .unclosedGroup: "unclosedGroup"
        }
    }

    static func of(_ kind: CSVError.Kind) -> String {
        switch kind {
        case .emptyFile: "emptyFile"
        case .unterminatedQuote: "unterminatedQuote"
        case .textAfterClosingQuote: "textAfterClosingQuote"
        case .tooManyFields: "tooManyFields"
        case .tooFewFields: "tooFewFields"
        case .invalidUTF8: "invalidUTF8"
        case .nulByte: "nulByte"
        case .typeMismatch: "typeMismatch"
        case .inferredTypeMismatch: "inferredTypeMismatch"
        case .missingColumn: "missingColumn"
        case .unexpectedColumn: "unexpectedColumn"
        case .duplicateColumn: "duplicateColumn"
        case .emptyColumnName: "emptyColumnName"
        case .unencodableCharacter: "unencodableCharacter"
        case .recordTooLong: "recordTooLong"
        case .io: "io"
        }
    }

    static func of(_ error: RedactionError) -> String {
        switch error {
        case .invalidUTF8: "invalidUTF8"
        case .unknownColumn: "unknownColumn"
        case .notADate: "notADate"
        case .invalidOptions: "invalidOptions"
        }
    }

    static func of(_ error: PseudonymKeyError) -> String {
        switch error {
        case .tooShort: "tooShort"
        case .tooWeak: "tooWeak"
        case .unreadable: "unreadable"
        case .malformed: "malformed"
        case .readableByOthers: "readableByOthers"
        case .fileExists: "fileExists"
        case .unwritable: "unwritable"
        }
    }

    static func of(_ error: ConfigurationError) -> String {
        switch error {
        case .unknownColumn: "unknownColumn"
        case .missingHierarchy: "missingHierarchy"
        case .invalidSetting: "invalidSetting"
        case .noPrivacyModel: "noPrivacyModel"
        case .noQuasiIdentifier: "noQuasiIdentifier"
        }
    }

    static func of(_ error: PrivacyError) -> String {
        switch error {
        case .unknownColumn: "unknownColumn"
        case .invalidParameter: "invalidParameter"
        case .noSolution: "noSolution"
        case .missingPrivacyUnit: "missingPrivacyUnit"
        case .noSolutionWithinBudget: "noSolutionWithinBudget"
        }
    }

    static func of(_ error: HierarchyError) -> String {
        switch error {
        case .empty: "empty"
        case .unevenDepth: "unevenDepth"
        case .duplicateValue: "duplicateValue"
        case .inconsistentLevels: "inconsistentLevels"
        case .valueNotCovered: "valueNotCovered"
        case .invalidParameters: "invalidParameters"
        case .unreadable: "unreadable"
        }
    }

    static func of(_ error: BudgetError) -> String {
        switch error {
        case .exceeded: "exceeded"
        case .noLedger: "noLedger"
        case .budgetMismatch: "budgetMismatch"
        case .unreadable: "unreadable"
        case .invalidEpsilon: "invalidEpsilon"
        case .tampered: "tampered"
        }
    }

    static func of(_ error: PublicationError) -> String {
        switch error {
        case .invalidSettings: "invalidSettings"
        case .invalidSetting: "invalidSetting"
        case .missingInput: "missingInput"
        case .unclassifiedColumns: "unclassifiedColumns"
        case .unknownColumn: "unknownColumn"
        case .checkFailed: "checkFailed"
        case .nothingToPublish: "nothingToPublish"
        case .identifyingColumns: "identifyingColumns"
        case .wholePersonsExceedSuppression: "wholePersonsExceedSuppression"
        case .derivationBroken: "derivationBroken"
        }
    }

    static func of(_ error: AnalysisError) -> String {
        switch error {
        case .unknownColumn: "unknownColumn"
        case .notNumeric: "notNumeric"
        case .notDates: "notDates"
        case .unknownPeriod: "unknownPeriod"
        case .noGroupingColumns: "noGroupingColumns"
        case .tooFewValues: "tooFewValues"
        case .constantValues: "constantValues"
        case .unknownGroup: "unknownGroup"
        case .wrongNumberOfGroups: "wrongNumberOfGroups"
        case .invalidWeights: "invalidWeights"
        case .singularDesign: "singularDesign"
        case .perfectFit: "perfectFit"
        case .perfectSeparation: "perfectSeparation"
        case .notConverged: "notConverged"
        case .valuesTooLarge: "valuesTooLarge"
        case .tableTooSmall: "tableTooSmall"
        }
    }
}
