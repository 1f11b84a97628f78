/// Texts with their personal data marked, to measure how well a detector finds it.
///
/// The format is plain text, one note per line, so that an organisation can label
/// a sample of its own notes in any editor:
///
///     de	Rückruf erbeten unter [[phone:0151 23456789]].
///     en	[[name:Mr Smith]] moved to [[address:10115 Berlin]].
///
/// A line is a language code, a tab, and the note; each personal value is written
/// `[[kind:value]]` with a ``PIIKind`` raw value. Empty lines and lines starting
/// with `#` are skipped.
public struct LabelledCorpus: Sendable {
    /// One note: its plain text and the marked spans (UTF-8 byte ranges).
    public struct Note: Sendable {
        /// The language code of the note.
        public var language: String
        /// The note without marks.
        public var text: String
        /// The marked personal values.
        public var labels: [PIIFinding]
    }

    /// The notes, in file order.
    public var notes: [Note]

    /// Reads the corpus format.
    ///
    /// - Throws: ``LabelledCorpusError`` naming the line of a malformed note or an
    ///   unknown kind.
    public init(parsing content: String, source: String = "corpus") throws(LabelledCorpusError) {
        notes = []
        for (offset, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let tab = line.firstIndex(of: "\t") else {
                throw LabelledCorpusError(source: source, line: lineNumber, reason: "no tab after the language code")
            }
            var text: [UInt8] = []
            var labels: [PIIFinding] = []
            var rest = line[line.index(after: tab)...]
            while let open = rest.firstRange(of: "[[") {
                text.append(contentsOf: rest[..<open.lowerBound].utf8)
                guard let close = rest[open.upperBound...].firstRange(of: "]]"),
                      let colon = rest[open.upperBound..<close.lowerBound].firstIndex(of: ":") else {
                    throw LabelledCorpusError(source: source, line: lineNumber, reason: "a [[ without kind: and ]]")
                }
                let kindName = String(rest[open.upperBound..<colon])
                guard let kind = PIIKind(rawValue: kindName) else {
                    throw LabelledCorpusError(source: source, line: lineNumber, reason: "unknown kind '\(kindName)'")
                }
                let value = rest[rest.index(after: colon)..<close.lowerBound].utf8
                labels.append(PIIFinding(kind: kind, range: text.count..<text.count + value.count, confidence: 1))
                text.append(contentsOf: value)
                rest = rest[close.upperBound...]
            }
            text.append(contentsOf: rest.utf8)
            notes.append(Note(language: String(line[..<tab]), text: String(decoding: text, as: UTF8.self), labels: labels))
        }
    }
}

/// A malformed line in a labelled corpus.
public struct LabelledCorpusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file or name of the corpus.
    public var source: String
    /// The line, from 1.
    public var line: Int
    /// What is wrong.
    public var reason: String

    /// An error at `line` of `source`.
    public init(source: String, line: Int, reason: String) {
        self.source = source
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(source), line \(line): \(reason)" }
}
