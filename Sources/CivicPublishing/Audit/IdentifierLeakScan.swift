/// Finds identifiers of the input in published text, as whole words in any case:
/// an identifier value as a whole or as one, two or three consecutive words
/// ("K-0000042", "Emre Yıldız"), and every part of two letters or more of a name
/// ("koch" of "Anna Koch", even where it is also a German word).
///
/// Words are runs of characters that are neither white space nor punctuation (a
/// hyphen belongs to the word). A value counts as a name when all its words are
/// letters; numbers, e-mail addresses and case numbers count only whole. The check
/// runs over every text cell of a publication, so it splits on Unicode scalars with
/// a table for ASCII and builds a phrase only after a word that can begin one.
public struct IdentifierLeakScan: Sendable {
    /// Whole values, their name parts and multi-word values, lowercased.
    private let secrets: Set<String>
    /// The first words of the secrets that have more than one word.
    private let phraseStarts: Set<String>

    /// A scan for these identifier values.
    public init<Values: Sequence<String>>(_ values: Values) {
        var secrets = Set<String>(), starts = Set<String>()
        // Sized up front where the count is known: a million case numbers would
        // otherwise be hashed again each time the set grows.
        secrets.reserveCapacity(values.underestimatedCount)
        for value in values {
            // A column holds each person's name once per case: each value is split
            // once. A value whose lowercase form is a secret already was split
            // before (the parts of a name are single words, so only a value equal
            // in lowercase has that form), and the set of secrets tells, without a
            // second set of the values seen (which took 0.3 s of processor time for
            // the 1.5 million identifiers of the million generated cases).
            let lowered = value.lowercased()
            guard !lowered.isEmpty, secrets.insert(lowered).inserted else { continue }
            let contribution = Self.contribution(ofLowered: lowered)
            for secret in contribution.secrets.dropFirst() { secrets.insert(secret) }
            if let start = contribution.phraseStart { starts.insert(start) }
        }
        self.secrets = secrets
        phraseStarts = starts
    }

    /// What a value contributes to the scan: itself, lowercased, and for a name
    /// every word of two letters or more.
    static func secrets(of value: String) -> [String] {
        let lowered = value.lowercased()
        return lowered.isEmpty ? [] : contribution(ofLowered: lowered).secrets
    }

    /// The secrets of a value already lowercased (`lowered`, not empty): `lowered`
    /// first, then for a name its parts; and the value's first word when it has more
    /// than one (its name parts are single words).
    ///
    /// Split once, and only when the value may be a name or a phrase: the input's
    /// case and client numbers, a million on the million-case benchmark, are
    /// neither, and splitting each of them twice made building the scan take 2.9 s.
    private static func contribution(ofLowered lowered: String) -> (secrets: [String], phraseStart: String?) {
        var mayBeName = true, hasSeparator = false
        for scalar in lowered.unicodeScalars {
            if separates(scalar) {
                hasSeparator = true
            } else if scalar != "-" && !isLetter(scalar) {
                mayBeName = false
            }
        }
        guard mayBeName || hasSeparator else { return ([lowered], nil) }
        let words = Self.words(of: lowered)
        let phraseStart = words.count > 1 ? String(words[0]) : nil
        guard mayBeName && !words.isEmpty else { return ([lowered], phraseStart) }
        let parts = words.flatMap { word in [word] + (word.contains("-") ? word.split(separator: "-") : []) }
        return ([lowered] + parts.filter { $0.count >= 2 }.map(String.init), phraseStart)
    }

    /// Whether `scalar` is a letter (alphabetic), with a shortcut for ASCII.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return scalar.properties.isAlphabetic }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// Whether `text` contains a secret as a whole word or phrase.
    public func matches(_ text: String) -> Bool {
        !secrets(in: text).isEmpty
    }

    /// The secrets (lowercased) that `text` contains as whole words or phrases.
    public func secrets(in text: String) -> Set<String> {
        guard !secrets.isEmpty else { return [] }
        let lowered = text.lowercased()
        var found = Set<String>()
        if secrets.contains(lowered) { found.insert(lowered) }
        let words = Self.words(of: lowered)
        for (start, word) in words.enumerated() {
            let single = String(word)
            if secrets.contains(single) { found.insert(single) }
            guard phraseStarts.contains(single) else { continue }
            var phrase = single
            for next in words[(start + 1)..<min(start + 3, words.count)] {
                phrase += " " + next
                if secrets.contains(phrase) { found.insert(phrase) }
            }
        }
        return found
    }

    /// The words of `text`.
    static func words(of text: String) -> [Substring] {
        var words: [Substring] = []
        let scalars = text.unicodeScalars
        var wordStart: String.Index?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            if separates(scalars[index]) {
                if let start = wordStart { words.append(text[start..<index]) }
                wordStart = nil
            } else if wordStart == nil {
                wordStart = index
            }
            scalars.formIndex(after: &index)
        }
        if let start = wordStart { words.append(text[start...]) }
        return words
    }

    /// White space and punctuation, but not the hyphen.
    private static func separates(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? asciiSeparators[Int(scalar.value)] : isSpaceOrPunctuation(scalar)
    }

    /// `separates` for each ASCII code, computed once.
    private static let asciiSeparators: [Bool] = (0..<128).map { code in
        let scalar = Unicode.Scalar(UInt8(code))
        return scalar != "-" && isSpaceOrPunctuation(scalar)
    }

    private static func isSpaceOrPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return scalar.properties.isWhitespace
        }
    }
}
