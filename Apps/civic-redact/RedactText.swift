import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// `civic-redact text`: redacts a whole text file.
struct RedactText: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: appLanguage.pick(de: "Schwärzt eine Textdatei (UTF-8).", en: "Redacts a UTF-8 text file."))

    @Option(help: .localized(de: "Die Textdatei, die geschwärzt wird (UTF-8).", en: "The text file to redact (UTF-8)."))
    var input: String

    @Option(help: .localized(de: "Wohin der geschwärzte Text geschrieben wird.", en: "Where to write the redacted text."))
    var output: String

    @Option(help: .localized(de: "Wohin der Bericht (JSON) geschrieben wird (Anzahlen je Art, keine Werte).",
                             en: "Where to write the JSON report (counts per kind, no values)."))
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
