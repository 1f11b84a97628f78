import CivicExampleData
import CivicPrivacy
import CivicTestSupport
import Foundation
import Testing

@Suite("Labelled corpus and evaluation")
struct EvaluationTests {
    @Test func parsesMarksIntoTextAndByteRanges() throws {
        let corpus = try LabelledCorpus(parsing: "# comment\n\nde\tFrau [[name:Öztürk]] unter [[phone:0151 2345678]].\n")
        #expect(corpus.notes.count == 1)
        let note = corpus.notes[0]
        #expect(note.text == "Frau Öztürk unter 0151 2345678.")
        #expect(note.labels.map(\.kind) == [.name, .phone])
        let bytes = Array(note.text.utf8)
        #expect(String(decoding: bytes[note.labels[0].range], as: UTF8.self) == "Öztürk")
        #expect(String(decoding: bytes[note.labels[1].range], as: UTF8.self) == "0151 2345678")
    }

    @Test func malformedLinesNameTheLine() {
        #expect(throws: LabelledCorpusError(source: "c", line: 2, reason: "unknown kind 'pet'")) {
            try LabelledCorpus(parsing: "de\tok\nde\t[[pet:Bello]]", source: "c")
        }
        #expect(throws: LabelledCorpusError.self) { try LabelledCorpus(parsing: "no tab here") }
        #expect(throws: LabelledCorpusError.self) { try LabelledCorpus(parsing: "de\t[[name:open") }
    }

    @Test func scoresCountWholeValuesOnly() throws {
        // Found: the phone. Missed: the unknown name (no context). Wrong: none.
        // The date is found but not labelled: a finding that is not correct.
        let corpus = try LabelledCorpus(parsing: """
            de\tRückruf unter [[phone:0151 23456789]] am 12.03.2024.
            de\t[[name:Wenzel Wexford]] hat angerufen.
            """)
        let evaluation = RedactionEvaluation(corpus: corpus, detector: PIIDetector())
        #expect(evaluation.scores[.phone] == .init(labelled: 1, found: 1, removed: 1, findings: 1, correct: 1))
        #expect(evaluation.scores[.name] == .init(labelled: 1, found: 0, removed: 0, findings: 0, correct: 0))
        #expect(evaluation.scores[.date] == .init(labelled: 0, found: 0, removed: 0, findings: 1, correct: 0))
        #expect(evaluation.overall.recall == 0.5)
        #expect(abs(evaluation.overall.precision - 0.5) < 1e-12)
        #expect(evaluation.table.contains("phone"))
    }

    @Test func theBundledCorpusIsTheGeneratorsOutput() throws {
        let file = try String(contentsOf: packageRoot().appendingPathComponent("Examples/pii-corpus.txt"), encoding: .utf8)
        let notes = file.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        #expect(notes == PIICorpusGenerator(seed: 7).lines(count: notes.count))
        #expect(notes.count == 1_000)
    }

    @Test func heldOutNamesAreNotInTheRecognisersLists() {
        let detector = PIIDetector()
        for name in PIICorpusGenerator.unlistedFemale + PIICorpusGenerator.unlistedMale + PIICorpusGenerator.unlistedFamily {
            #expect(detector.findings(in: "Heute kam \(name) wieder.").isEmpty, "\(name) is in a list")
        }
    }

    /// The targets of issue 6 on the bundled corpus: recall >= 0.99 for e-mail, phone,
    /// IBAN, card, tax ID and dates; >= 0.9 for names and addresses; precision >= 0.95.
    @Test func theBundledCorpusMeetsTheTargets() throws {
        let file = try String(contentsOf: packageRoot().appendingPathComponent("Examples/pii-corpus.txt"), encoding: .utf8)
        let evaluation = RedactionEvaluation(corpus: try LabelledCorpus(parsing: file), detector: PIIDetector())
        for kind in [PIIKind.email, .phone, .iban, .creditCard, .taxID, .date] {
            #expect((evaluation.scores[kind]?.recall ?? 0) >= 0.99, "\(kind)")
        }
        for kind in [PIIKind.name, .address] {
            #expect((evaluation.scores[kind]?.recall ?? 0) >= 0.9, "\(kind)")
        }
        #expect(evaluation.overall.precision >= 0.95)
    }
}
