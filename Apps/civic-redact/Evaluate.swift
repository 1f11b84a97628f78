import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import Foundation

/// `civic-redact evaluate`: precision and recall per kind on a labelled corpus.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: appLanguage.pick(de: "Gibt Genauigkeit (precision) und Trefferquote (recall) je Art auf einem markierten Korpus aus.",
                                   en: "Prints precision and recall per kind on a labelled corpus."),
        discussion: appLanguage.pick(
            de: """
                Eine Korpuszeile ist ein Sprachcode, ein Tabulator und eine Notiz, in der jeder personenbezogene \
                Wert als [[art:wert]] markiert ist; siehe LabelledCorpus. Markieren Sie eine Stichprobe Ihrer \
                eigenen Notizen genauso, um die Erkenner an Ihren Daten zu messen.
                """,
            en: """
                A corpus line is a language code, a tab, and a note with every personal value marked \
                [[kind:value]]; see LabelledCorpus. Label a sample of your own notes the same way to \
                measure the recognisers on your data.
                """))

    @Option(help: .localized(de: "Der markierte Korpus.", en: "The labelled corpus."))
    var corpus = "Examples/pii-corpus.txt"

    @Option(help: namesHelp)
    var names: String?

    @Option(help: .localized(de: "Funde unter dieser Sicherheit (0-1) werden verworfen.",
                             en: "Findings below this confidence (0-1) are dropped."))
    var minConfidence = 0.5

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let language = languageOption.language
        do {
            guard let content = try? String(contentsOfFile: corpus, encoding: .utf8) else {
                throw RedactionError.invalidOptions(language.pick(
                    de: "Der Korpus \(corpus) fehlt oder ist kein UTF-8.", en: "The corpus \(corpus) is missing or not UTF-8."))
            }
            let labelled: LabelledCorpus
            do { labelled = try LabelledCorpus(parsing: content, source: corpus) } catch {
                throw RedactionError.invalidOptions(error.description)
            }
            let detector = PIIDetector(recognizers: PIIDetector.standardRecognizers(additionalNames: try readList(names)),
                                       minimumConfidence: minConfidence)
            let evaluation = RedactionEvaluation(corpus: labelled, detector: detector)
            print(language.pick(de: "\(labelled.notes.count) Notizen aus \(corpus)", en: "\(labelled.notes.count) notes from \(corpus)"))
            print(evaluation.table)
        } catch {
            throw failure(reporting: error, in: language)
        }
    }
}
