/// Person names, found three ways:
///
/// - after a title: `Frau Yılmaz`, `Herrn Dr. Nowak`, `Mr Smith` (any capitalised
///   words, up to three, confidence 0.95);
/// - after a label: `Name: Olena Shevchenko`, `Klient:in Ayşe K.` (0.95 with a
///   colon, else 0.85);
/// - after a phrase that introduces a person: `Gespräch mit Wenzel`, `spoke with
///   Arvid` (0.8);
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
            let roles = roles(of: word, in: text)
            guard word.isCapitalised, !roles.contains(.allowed) else { index += 1; continue }

            // 1. After a title or label: "Frau Dr. Nowak", "Name: Olena Shevchenko", "Klient:in Ayşe K.".
            if roles.contains(.title) || roles.contains(.label), let first = nameStart(after: index, in: words, text: text) {
                let end = extendName(from: first, in: words, text: text, limit: 3, unknownWords: 3)
                if end > first {
                    let confidence = roles.contains(.title) || text[word.range.upperBound] == UInt8(ascii: ":") ? 0.95 : 0.85
                    append(words[first].range.lowerBound..<words[end - 1].range.upperBound, confidence, &findings)
                    index = end
                    continue
                }
            }

            // 2. After a phrase that introduces a person: "Gespräch mit Wenzel", "spoke with Arvid".
            if !roles.contains(.notAName), text.hasContext(Self.introductions, before: word.range.lowerBound, window: 16),
               Self.introductionEnds(before: word.range.lowerBound, in: text) {
                let end = extendName(from: index, in: words, text: text, limit: 3, unknownWords: 3)
                if end > index {
                    append(words[index].range.lowerBound..<words[end - 1].range.upperBound, 0.8, &findings)
                    index = end
                    continue
                }
            }

            // 3. From the lists: "Mehmet Öztürk", "Öztürk", a given name and one unknown word.
            guard !roles.intersection(.anyName).isEmpty || roles.contains(.ambiguous) else { index += 1; continue }
            let unknownAfterGivenName = roles.contains(.givenName) && !roles.contains(.ambiguous) ? 1 : 0
            let end = extendName(from: index, in: words, text: text, limit: 4, unknownWords: unknownAfterGivenName)
            let partRoles = words[index..<end].map { self.roles(of: $0, in: text) }
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

    /// Phrases after which a capitalised word is most likely a person.
    private static let introductions = ContextWords([
        "gespräch mit", "telefonat mit", "termin mit", "unterlagen von", "anruf von", "nachricht von",
        "spoke with", "talked to", "meeting with", "call from", "e-mail from", "email from", "message from",
    ])

    /// Whether the text just before `position` is such a phrase and a single space.
    private static func introductionEnds(before position: Int, in text: TextView) -> Bool {
        guard text[position - 1] == UInt8(ascii: " ") else { return false }
        let ending = ["mit", "von", "with", "to", "from"]
        return ending.contains { word in
            let bytes = Array(word.utf8)
            let start = position - 1 - bytes.count
            return start >= 0 && (0..<bytes.count).allSatisfy { ByteClass.lowercased(text[start + $0]) == bytes[$0] }
        }
    }

    /// The index of the first word of a name after the title or label at `index`:
    /// further titles are skipped ("Frau Dr."), and so are a colon and a gender suffix
    /// ("Klient:in", "Klient*in").
    private func nameStart(after index: Int, in words: [Word], text: TextView) -> Int? {
        var current = index
        var next = index + 1
        while next < words.count {
            let gap = text.string(words[current].range.upperBound..<words[next].range.lowerBound)
            let isGenderSuffix = [":", "*", "_", "/"].contains(gap) && text.string(words[next].range) == "in"
            if isGenderSuffix {
                current = next
                next += 1
                continue
            }
            guard [" ", ". ", ": "].contains(gap) else { return nil }
            guard roles(of: words[next], in: text).contains(.title) else { return next }
            current = next
            next += 1
        }
        return nil
    }

    private func roles(of word: Word, in text: TextView) -> NameLexicon.Roles {
        lexicon.roles(of: UnsafeBufferPointer(rebasing: text.bytes[word.range]))
    }

    /// The index past the name that starts at `start`: following words joined by one
    /// space that are capitalised names, or up to `unknownWords` capitalised words the
    /// lexicon does not know (but never one it knows as not a name), `limit` words in all.
    private func extendName(from start: Int, in words: [Word], text: TextView, limit: Int, unknownWords: Int) -> Int {
        var end = start
        var unknownLeft = unknownWords
        while end < words.count && end - start < limit {
            let word = words[end]
            guard word.isCapitalised, end == start || words[end - 1].isFollowed(by: word, in: text) else { break }
            let roles = roles(of: word, in: text)
            if roles.contains(.allowed) || roles.contains(.title) || roles.contains(.notAName) { break }
            let isName = !roles.intersection(.anyName).isEmpty || roles.contains(.ambiguous)
            if !isName {
                // A third unknown word is more often the next sentence than a middle name.
                guard unknownLeft > 0, end - start < 2 else { break }
                unknownLeft -= 1
            }
            end += 1
        }
        return end
    }

    private func append(_ range: Range<Int>, _ confidence: Double, _ findings: inout [PIIFinding]) {
        findings.append(PIIFinding(kind: .name, range: range, confidence: confidence))
    }
}

/// A word of a text: letters of any script, each with the combining marks that
/// follow it (an accent typed as its own character), with inner hyphens and
/// apostrophes (`Al-Hassan`, `O'Brien`).
struct Word {
    var range: Range<Int>
    var isCapitalised: Bool

    /// Whether `next` follows this word after exactly one space.
    func isFollowed(by next: Word, in text: TextView) -> Bool {
        next.range.lowerBound == range.upperBound + 1 && text[range.upperBound] == UInt8(ascii: " ")
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
                if let length = letterLength(text, at: position) ?? markLength(text, at: position) {
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

    /// The byte length of the combining mark at `position` (such as U+0301, the acute
    /// accent of an "e" typed as two characters), or `nil` if none starts there.
    private static func markLength(_ text: TextView, at position: Int) -> Int? {
        guard text[position] >= 0x80, let (scalar, length) = text.scalar(at: position) else { return nil }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return length
        default: return nil
        }
    }
}
