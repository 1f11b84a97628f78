// civic-redact: removes personal data from case notes and replaces identifiers
// with keyed pseudonyms.
//
//   civic-redact keygen secret.key
//   civic-redact text --input notes.txt --output notes-redacted.txt --report report.json
//   civic-redact csv --input cases.csv --columns notes --output cases-redacted.csv \
//       --pseudonymize client_id --key secret.key --report report.json
//   civic-redact evaluate --corpus Examples/pii-corpus.txt
//
// Findings are replaced by typed placeholders ([EMAIL], [TELEFON], ...), masked,
// or pseudonymised. Output goes to a temporary file that is moved into place only
// when everything succeeded. Reports count findings; they never hold a found value.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

@main
struct CivicRedact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-redact",
        abstract: "Entfernt personenbezogene Daten aus Texten / removes personal data from free text.",
        subcommands: [Keygen.self, RedactText.self, RedactCSV.self, Evaluate.self])
}

// MARK: - keygen

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Creates a pseudonym key file (mode 0600); never overwrites one.")

    @Argument(help: "Where to write the key. Keep it apart from the data it pseudonymises.")
    var file: String

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let language = languageOption.language
        do {
            try PseudonymKey.generate().write(to: URL(fileURLWithPath: file))
        } catch {
            throw failure(reporting: error, in: language)
        }
        print(language.pick(
            de: "Schlüssel in \(file) geschrieben (nur für Sie lesbar). Getrennt von den Daten aufbewahren und sichern: ohne ihn lassen sich neue Daten nicht mehr mit alten verknüpfen.",
            en: "Wrote the key to \(file) (readable by you only). Keep it apart from the data and back it up: without it new data can no longer be linked to old."))
    }
}

// MARK: - Shared options

/// How findings are replaced and which names and words are special.
struct RedactionOptions: ParsableArguments {
    @Option(name: .customLong("operator"), help: "placeholder, mask or pseudonymize.")
    var operatorName = "placeholder"

    @Option(help: "With --operator mask: how many trailing characters stay visible.")
    var keep = 4

    @Option(help: "The pseudonym key file (from `civic-redact keygen`).")
    var key: String?

    @Option(help: "Hexadecimal digits per pseudonym (4-64).")
    var pseudonymLength = 8

    @Option(help: "A file of names to find besides the built-in lists, one per line.")
    var names: String?

    @Option(help: "A file of words never to redact, one per line.")
    var allow: String?

    @Option(help: "Findings below this confidence (0-1) are left in place.")
    var minConfidence = 0.5

    func validate() throws {
        guard ["placeholder", "mask", "pseudonymize"].contains(operatorName) else {
            throw ValidationError("--operator: placeholder, mask or pseudonymize")
        }
        guard keep >= 0 else { throw ValidationError("--keep must not be negative") }
        guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must lie in 0...1") }
        if operatorName == "pseudonymize" && key == nil {
            throw ValidationError("--operator pseudonymize needs --key (make one with `civic-redact keygen FILE`)")
        }
    }

    /// The pseudonymiser, if a key was given.
    func pseudonymizer() throws -> Pseudonymizer? {
        guard let key else { return nil }
        return try Pseudonymizer(key: PseudonymKey(contentsOf: URL(fileURLWithPath: key)), length: pseudonymLength)
    }

    /// The redactor these options describe.
    func redactor(language: Language, pseudonymizer: Pseudonymizer?) throws -> Redactor {
        let recognizers = PIIDetector.standardRecognizers(
            additionalNames: try readList(names), allowList: try readList(allow))
        let replacement: RedactionOperator = switch operatorName {
        case "mask": .mask(keepingLast: keep)
        case "pseudonymize": .pseudonymize(pseudonymizer!)
        default: .placeholder
        }
        return Redactor(detector: PIIDetector(recognizers: recognizers, minimumConfidence: minConfidence),
                        defaultOperator: replacement, language: language)
    }
}

/// The entries of a list file (names, allowed words): one per line, blank lines and
/// lines starting with `#` skipped; none without a file.
func readList(_ path: String?) throws -> [String] {
    guard let path else { return [] }
    return try String(contentsOfFile: path, encoding: .utf8)
        .split(whereSeparator: \.isNewline)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
}

/// "12 findings: 5 phone, 4 name, ..." in the chosen language.
func findingsSummary(of report: RedactionReport, language: Language) -> String {
    let total = report.totals.values.reduce(0, +)
    let parts = report.totals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }
    return language.pick(de: "\(total) Funde", en: "\(total) findings") + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
}

// MARK: - text

struct RedactText: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text", abstract: "Redacts a UTF-8 text file.")

    @Option(help: "The text file to redact (UTF-8).")
    var input: String

    @Option(help: "Where to write the redacted text.")
    var output: String

    @Option(help: "Where to write the JSON report (counts per kind, no values).")
    var report: String?

    @OptionGroup var options: RedactionOptions
    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let language = languageOption.language
        do {
            let redactor = try options.redactor(language: language, pseudonymizer: options.pseudonymizer())
            let bytes = try readBytes(input)
            let redaction = try redactor.redact(fileBytes: bytes, source: input)
            var counts = RedactionReport(input: input, rows: bytes.count(where: { $0 == 10 }),
                                         operatorName: options.operatorName, minimumConfidence: options.minConfidence)
            counts.count(redaction.findings, in: "text")
            let outputs = AtomicFileSet()
            try outputs.write(Array(redaction.text.utf8), to: URL(fileURLWithPath: output))
            if let report { try writeReport(counts, to: report, in: outputs) }
            try outputs.commit()
            print(findingsSummary(of: counts, language: language))
        } catch {
            throw failure(reporting: error, in: language)
        }
    }
}

/// Reads a whole file, with a clear error if it cannot.
func readBytes(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CSVError(.io("cannot read the file"), file: path)
    }
    return Array(data)
}
