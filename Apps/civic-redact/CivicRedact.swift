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
struct CivicRedact: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-redact",
        abstract: appLanguage.pick(de: "Entfernt personenbezogene Daten aus Freitexten und pseudonymisiert Kennungen.",
                                   en: "Removes personal data from free text and pseudonymises identifiers."),
        subcommands: [Keygen.self, RedactText.self, RedactCSV.self, Evaluate.self])
}

// MARK: - keygen

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: appLanguage.pick(de: "Legt eine Schlüsseldatei für Pseudonyme an (Modus 0600); überschreibt nie eine vorhandene.",
                                   en: "Creates a pseudonym key file (mode 0600); never overwrites one."))

    @Argument(help: .localized(de: "Wohin der Schlüssel geschrieben wird. Getrennt von den Daten aufbewahren, die er pseudonymisiert.",
                               en: "Where to write the key. Keep it apart from the data it pseudonymises."))
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
    @Option(name: .customLong("operator"),
            help: .localized(de: "placeholder (Platzhalter), mask (maskieren) oder pseudonymize (pseudonymisieren).",
                             en: "placeholder, mask or pseudonymize."))
    var operatorName = "placeholder"

    @Option(help: .localized(de: "Mit --operator mask: wie viele Zeichen am Ende sichtbar bleiben.",
                             en: "With --operator mask: how many trailing characters stay visible."))
    var keep = 4

    @Option(help: .localized(de: "Die Schlüsseldatei für Pseudonyme (von `civic-redact keygen`).",
                             en: "The pseudonym key file (from `civic-redact keygen`)."))
    var key: String?

    @Option(help: .localized(de: "Hexadezimalziffern je Pseudonym (4-64). Mit 12 teilen sich unter 10.000 Personen "
                                 + "mit einer Wahrscheinlichkeit von etwa 1 zu 5 Millionen zwei ein Pseudonym.",
                             en: "Hexadecimal digits per pseudonym (4-64). With 12, two of 10,000 people share a pseudonym "
                                 + "with a chance of about 1 in 5 million."))
    var pseudonymLength = Pseudonymizer.defaultLength

    @Option(help: namesHelp)
    var names: String?

    @Option(help: .localized(de: "Eine Datei mit Wörtern, die nie geschwärzt werden, eines je Zeile.",
                             en: "A file of words never to redact, one per line."))
    var allow: String?

    @Option(help: .localized(de: "Funde unter dieser Sicherheit (0-1) bleiben stehen.",
                             en: "Findings below this confidence (0-1) are left in place."))
    var minConfidence = 0.5

    func validate() throws {
        guard ["placeholder", "mask", "pseudonymize"].contains(operatorName) else {
            throw ValidationError(de: "--operator: placeholder, mask oder pseudonymize", en: "--operator: placeholder, mask or pseudonymize")
        }
        guard keep >= 0 else { throw ValidationError(de: "--keep darf nicht negativ sein", en: "--keep must not be negative") }
        guard (0...1).contains(minConfidence) else {
            throw ValidationError(de: "--min-confidence muss in 0...1 liegen", en: "--min-confidence must lie in 0...1")
        }
        if operatorName == "pseudonymize" && key == nil {
            throw ValidationError(de: "--operator pseudonymize braucht --key (anlegen mit `civic-redact keygen DATEI`)",
                                  en: "--operator pseudonymize needs --key (make one with `civic-redact keygen FILE`)")
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

/// The help of `--names`, which `csv`, `text` and `evaluate` share.
let namesHelp = ArgumentHelp.localized(de: "Eine Datei mit Namen, die zusätzlich zu den eingebauten Listen gefunden werden, einer je Zeile.",
                                       en: "A file of names to find besides the built-in lists, one per line.")

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
