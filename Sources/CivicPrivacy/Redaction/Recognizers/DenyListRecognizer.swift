import CivicModels

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
    /// Each listed word once, in lower case (compared as Swift compares strings, so
    /// the spelling of an accent does not matter).
    private let words: Set<String>
    /// The words of ``words`` that are ASCII, by their bytes: a word of a note that is
    /// ASCII is looked up here, lowercased byte by byte, without making a string. On
    /// the million generated cases the set alone took 0.78 s of processor time,
    /// most of it making, lowercasing and hashing a string for every word of every
    /// note (perf).
    private let asciiWords: TextDictionary

    /// A recogniser for every part (two letters or more) of `names`.
    public init(names: [String]) {
        var words = Set<String>()
        var asciiWords = TextDictionary()
        for name in names {
            var bytes = Array(name.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                let view = TextView(UnsafeBufferPointer(buffer))
                for word in Word.scan(view) where word.range.count >= 2 {
                    let key = view.string(word.range).lowercased()
                    if words.insert(key).inserted && key.utf8.allSatisfy({ $0 < 0x80 }) { _ = asciiWords.code(for: key) }
                }
            }
        }
        self.words = words
        self.asciiWords = asciiWords
    }

    /// How many distinct words the list holds.
    public var count: Int { words.count }

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        guard !words.isEmpty else { return }
        for word in Word.scan(text) where word.range.count >= 2 && contains(word.range, in: text) {
            findings.append(PIIFinding(kind: .name, range: word.range, confidence: 0.9))
        }
    }

    /// Whether the word at `range` is listed, in any case.
    private func contains(_ range: Range<Int>, in text: TextView) -> Bool {
        let word = UnsafeBufferPointer(rebasing: text.bytes[range])
        guard UTF8Validation.isASCII(word) else { return words.contains(text.string(range).lowercased()) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { key in
            for (index, byte) in word.enumerated() { key[index] = ByteClass.lowercased(byte) }
            return asciiWords.existingCode(forUTF8: UnsafeBufferPointer(key)) != nil
        }
    }
}
