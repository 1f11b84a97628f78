/// The words of a deny list, wherever they stand as whole words, in any case: an
/// export's own client names, so that "Person Koch bringt die Unterlagen" loses
/// "Koch" even though *koch* is also a word and no title precedes it (the deny-list
/// recogniser of Microsoft Presidio, filled automatically from the identifier
/// columns).
///
/// Every part of every listed name counts on its own (`Anna Koch` lists `anna` and
/// `koch`), parts of one letter excepted. Over-redaction is the price: a client
/// called *Lange* also removes *lange* (long) from the notes, which is the safe
/// direction.
///
/// ```swift
/// let recognizer = DenyListRecognizer(names: ["Anna Koch"])
/// // "Person Koch bringt Unterlagen" -> "Person [NAME] bringt Unterlagen"
/// ```
public struct DenyListRecognizer: PIIRecognizer {
    private let words: Set<String>

    /// A recogniser for every part (two letters or more) of `names`.
    public init(names: [String]) {
        var words = Set<String>()
        for name in names {
            var bytes = Array(name.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                let view = TextView(UnsafeBufferPointer(buffer))
                for word in Word.scan(view) where word.range.count >= 2 {
                    words.insert(view.string(word.range).lowercased())
                }
            }
        }
        self.words = words
    }

    /// How many distinct words the list holds.
    public var count: Int { words.count }

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        guard !words.isEmpty else { return }
        for word in Word.scan(text) where word.range.count >= 2 && words.contains(text.string(word.range).lowercased()) {
            findings.append(PIIFinding(kind: .name, range: word.range, confidence: 0.9))
        }
    }
}
