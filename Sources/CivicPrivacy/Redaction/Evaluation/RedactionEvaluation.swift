/// Precision and recall of a detector on a labelled corpus, per kind.
///
/// Both are measured on the characters that matter, ignoring spaces:
/// - a labelled value counts as **found** when every one of its characters is
///   covered by findings of the same kind (partly found is not found: the rest
///   would still be readable);
/// - a finding counts as **correct** when every one of its characters lies inside
///   labelled values of the same kind (a name that swallows the next word is wrong).
///
/// ```swift
/// let evaluation = RedactionEvaluation(corpus: corpus, detector: PIIDetector())
/// print(evaluation.scores[.phone]?.recall ?? 0)
/// ```
public struct RedactionEvaluation: Sendable {
    /// The counts behind one kind's precision and recall.
    public struct Score: Sendable, Equatable {
        /// Labelled values of this kind.
        public var labelled = 0
        /// Labelled values found completely by findings of this kind.
        public var found = 0
        /// Labelled values completely covered by findings of any kind (removed,
        /// even if under another name).
        public var removed = 0
        /// Findings of this kind.
        public var findings = 0
        /// Findings of this kind that lie within labels of this kind.
        public var correct = 0

        /// A score from its counts.
        public init(labelled: Int = 0, found: Int = 0, removed: Int = 0, findings: Int = 0, correct: Int = 0) {
            self.labelled = labelled
            self.found = found
            self.removed = removed
            self.findings = findings
            self.correct = correct
        }

        /// found / labelled (1 when nothing was labelled).
        public var recall: Double { labelled == 0 ? 1 : Double(found) / Double(labelled) }
        /// correct / findings (1 when nothing was found).
        public var precision: Double { findings == 0 ? 1 : Double(correct) / Double(findings) }

        static func + (lhs: Score, rhs: Score) -> Score {
            Score(labelled: lhs.labelled + rhs.labelled, found: lhs.found + rhs.found, removed: lhs.removed + rhs.removed,
                  findings: lhs.findings + rhs.findings, correct: lhs.correct + rhs.correct)
        }
    }

    /// Scores per kind.
    public private(set) var scores: [PIIKind: Score] = [:]
    /// All kinds together.
    public var overall: Score { scores.values.reduce(Score(), +) }

    /// Runs `detector` on every note of `corpus` and scores the findings.
    public init(corpus: LabelledCorpus, detector: PIIDetector) {
        for note in corpus.notes {
            let bytes = Array(note.text.utf8)
            let findings = detector.findings(in: note.text)
            var labelKind = [PIIKind?](repeating: nil, count: bytes.count)
            var foundKind = [PIIKind?](repeating: nil, count: bytes.count)
            for label in note.labels { for offset in label.range { labelKind[offset] = label.kind } }
            for finding in findings { for offset in finding.range { foundKind[offset] = finding.kind } }
            let matters = { (offset: Int) in bytes[offset] != UInt8(ascii: " ") }

            for label in note.labels {
                let relevant = label.range.filter(matters)
                scores[label.kind, default: Score()].labelled += 1
                if relevant.allSatisfy({ foundKind[$0] == label.kind }) { scores[label.kind, default: Score()].found += 1 }
                if relevant.allSatisfy({ foundKind[$0] != nil }) { scores[label.kind, default: Score()].removed += 1 }
            }
            for finding in findings {
                scores[finding.kind, default: Score()].findings += 1
                if finding.range.filter(matters).allSatisfy({ labelKind[$0] == finding.kind }) {
                    scores[finding.kind, default: Score()].correct += 1
                }
            }
        }
    }

    /// The scores as a table: kind, labelled, found, recall, findings, precision.
    public var table: String {
        func row(_ name: String, _ score: Score) -> String {
            name.rightPadded(to: 25)
                + [String(score.labelled), String(score.found), format(score.recall), String(score.findings),
                   format(score.precision)].map { $0.leftPadded(to: 10) }.joined()
        }
        var lines = ["kind".rightPadded(to: 25)
                     + ["labelled", "found", "recall", "findings", "precision"].map { $0.leftPadded(to: 10) }.joined()]
        for kind in PIIKind.allCases { if let score = scores[kind] { lines.append(row(kind.rawValue, score)) } }
        lines.append(row("all", overall))
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        return "\(thousandths / 1000).\(String(thousandths % 1000).leftPadded(to: 3, with: "0"))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }

    fileprivate func rightPadded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
