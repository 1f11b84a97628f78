import ArgumentParser
import CivicAppSupport
import CivicExampleData
import CivicPrivacy
import Foundation

/// `civic-bench redact`: how many megabytes of case notes the PII detector and
/// redactor get through per second on one core.
///
/// The text is the labelled corpus generator's notes without their marks (German
/// and English, about a third of the characters personal data or look-alikes),
/// repeated with fresh seeds until it reaches `--megabytes`.
struct RedactBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "PII redaction throughput on one core (MB of text per second).")

    @Option(help: "Megabytes of notes to redact.")
    var megabytes = 20

    @Option(help: "Runs; the best is reported.")
    var runs = 3

    func run() throws {
        var notes: [String] = []
        var bytes = 0
        let generator = PIICorpusGenerator(seed: 11)
        var index = 0
        while bytes < megabytes * 1_000_000 {
            let line = generator.line(at: index)
            let text = try LabelledCorpus(parsing: line).notes[0].text
            notes.append(text)
            bytes += text.utf8.count + 1
            index += 1
        }
        let whole = notes.joined(separator: "\n")
        let redactor = Redactor()
        var perNote = Double.infinity, wholeText = Double.infinity
        var findings = 0
        for _ in 0..<runs {
            let (count, seconds) = timed { notes.reduce(0) { $0 + redactor.redact($1).findings.count } }
            perNote = min(perNote, seconds)
            findings = count
            wholeText = min(wholeText, timed { redactor.redact(whole).findings.count }.seconds)
        }
        let megabytesRead = Double(bytes) / 1_000_000
        try Report(benchmark: "redact", rows: notes.count,
                   seconds: ["per_note": perNote, "whole_text": wholeText,
                             "mb_per_second_per_note": megabytesRead / perNote,
                             "mb_per_second_whole_text": megabytesRead / wholeText,
                             "megabytes": megabytesRead, "findings": Double(findings)],
                   peakMemoryMB: peakMemoryMegabytes(), digest: nil).print()
    }
}
