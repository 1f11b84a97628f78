/// Person names, found three ways:
///
/// - after a title: `Frau Yılmaz`, `Herrn Dr. Nowak`, `Mr Smith` (any capitalised
///   words, up to three, confidence 0.95);
/// - after a label: `Name: Olena Shevchenko`, `Klientin: Ayşe K.` (0.9);
/// - by the built-in lists of given and family names, or an organisation's own:
///   `Mehmet Öztürk` (0.9), `Öztürk` alone (0.75), a given name alone (0.7).
///
/// Names that are also ordinary words ("Koch", "Mai", "Will") count only next to
/// another name or after a title. The title or label itself is not part of the
/// finding, so `Herr Yılmaz` becomes `Herr [NAME]`.
public struct PersonNameRecognizer: PIIRecognizer {
    private let lexicon: NameLexicon

    /// A name recogniser with the built-in lists, plus `additionalNames` (an
    /// organisation's own, e.g. its clients' names) and an `allowList` of words never
    /// to redact (e.g. the organisation's name or a street it is named after).
    public init(additionalNames: [String] = [], allowList: [String] = []) {
        lexicon = NameLexicon(additionalNames: additionalNames, allowList: allowList)
    }

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        let words = Word.scan(text)
        var index = 0
        while index < words.count {
            let word = words[index]
            let roles = lexicon.roles(of: UnsafeBufferPointer(rebasing: text.bytes[word.range]))
            guard word.isCapitalised, !roles.contains(.allowed) else { index += 1; continue }

            if roles.contains(.title) || (roles.contains(.label) && text[word.range.upperBound] == UInt8(ascii: ":")) {
                var next = index + 1
                // "Frau Dr. Nowak": a second title joins the first.
                while next < words.count, words[next - 1].isFollowed(by: words[next], in: text, allowingPeriod: true),
                      lexicon.roles(of: UnsafeBufferPointer(rebasing: text.bytes[words[next].range])).contains(.title) {
                    next += 1
                }
                guard next < words.count,
                      words[next - 1].isFollowed(by: words[next], in: text, allowingPeriod: true, allowingColon: true)
                else { index += 1; continue }
                let end = extendName(from: next, in: words, text: text, limit: 3, acceptUnknown: true)
                if end > next {
                    let confidence = roles.contains(.title) ? 0.95 : 0.9
                    append(words[next].range.lowerBound..<words[end - 1].range.upperBound, confidence, &findings)
                    index = end
                    continue
                }
                index += 1
                continue
            }

            guard !roles.intersection(.anyName).isEmpty || roles.contains(.ambiguous) else { index += 1; continue }
            let end = extendName(from: index, in: words, text: text, limit: 4,
                                 acceptUnknown: roles.contains(.givenName) && !roles.contains(.ambiguous))
            let partRoles = words[index..<end].map { lexicon.roles(of: UnsafeBufferPointer(rebasing: text.bytes[$0.range])) }
            let confidence: Double
            if end - index > 1 {
                confidence = partRoles.contains { !$0.contains(.ambiguous) && !$0.intersection(.anyName).isEmpty } ? 0.9 : 0.6
            } else if roles.contains(.ambiguous) || roles.contains(.notAName) {
                confidence = 0.3
            } else {
                confidence = roles.contains(.familyName) ? 0.75 : 0.7
            }
            append(words[index].range.lowerBound..<words[end - 1].range.upperBound, confidence, &findings)
            index = end
        }
    }

    /// The index past the name that starts at `start`: following words joined by one
    /// space that are capitalised names (or, with `acceptUnknown`, one capitalised word
    /// the lexicon does not know), up to `limit` words.
    private func extendName(from start: Int, in words: [Word], text: TextView, limit: Int, acceptUnknown: Bool) -> Int {
        var end = start
        var acceptedUnknown = false
        while end < words.count && end - start < limit {
            let word = words[end]
            guard word.isCapitalised, end == start || words[end - 1].isFollowed(by: word, in: text) else { break }
            let roles = lexicon.roles(of: UnsafeBufferPointer(rebasing: text.bytes[word.range]))
            if roles.contains(.allowed) || roles.contains(.title) { break }
            let isName = !roles.intersection(.anyName).isEmpty || roles.contains(.ambiguous)
            if !isName {
                guard acceptUnknown, !acceptedUnknown, !roles.contains(.notAName) else { break }
                acceptedUnknown = true
            }
            end += 1
        }
        return end
    }

    private func append(_ range: Range<Int>, _ confidence: Double, _ findings: inout [PIIFinding]) {
        findings.append(PIIFinding(kind: .name, range: range, confidence: confidence))
    }
}

/// A word of a text: letters of any script, with inner hyphens and apostrophes
/// (`Al-Hassan`, `O'Brien`).
struct Word {
    var range: Range<Int>
    var isCapitalised: Bool

    /// Whether `next` follows this word after exactly one space (or `". "` when
    /// `allowingPeriod`, `": "` when `allowingColon`).
    func isFollowed(by next: Word, in text: TextView, allowingPeriod: Bool = false, allowingColon: Bool = false) -> Bool {
        let end = range.upperBound
        if next.range.lowerBound == end + 1 { return text[end] == UInt8(ascii: " ") }
        guard next.range.lowerBound == end + 2, text[end + 1] == UInt8(ascii: " ") else { return false }
        return (allowingPeriod && text[end] == UInt8(ascii: ".")) || (allowingColon && text[end] == UInt8(ascii: ":"))
    }

    /// Every word of `text`, in order.
    static func scan(_ text: TextView) -> [Word] {
        var words: [Word] = []
        var position = 0
        let count = text.count
        while position < count {
            let byte = text[position]
            // Fast path: skip ASCII that cannot start a word.
            if byte < 0x80 && !ByteClass.isLetter(byte) {
                position += 1
                continue
            }
            guard let first = letterLength(text, at: position) else { position += 1; continue }
            let start = position
            let isCapitalised = byte < 0x80 ? ByteClass.isUppercase(byte)
                : (text.scalar(at: position)?.scalar.properties.isUppercase ?? false)
            position += first
            while position < count {
                if let length = letterLength(text, at: position) {
                    position += length
                } else if (text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "'")),
                          letterLength(text, at: position + 1) != nil {
                    position += 1
                } else {
                    break
                }
            }
            words.append(Word(range: start..<position, isCapitalised: isCapitalised))
        }
        return words
    }

    /// The byte length of the letter at `position`, or `nil` if no letter starts there.
    private static func letterLength(_ text: TextView, at position: Int) -> Int? {
        let byte = text[position]
        if byte < 0x80 { return ByteClass.isLetter(byte) ? 1 : nil }
        guard let (scalar, length) = text.scalar(at: position), scalar.properties.isAlphabetic else { return nil }
        return length
    }
}
