/// Finds identifiers of the input in published text: whether one, two or three
/// consecutive words of a text form one of the secrets (identifiers such as
/// "K-0000042", names such as "Emre Yıldız").
///
/// Words are runs of characters that are neither white space nor punctuation (a
/// hyphen belongs to the word). The check runs over every text cell of the
/// publication, a few million on a large export, so it splits on Unicode scalars
/// with a table for ASCII, and builds a phrase only after a word that can begin one.
public struct IdentifierLeakScan: Sendable {
    private let secrets: Set<String>
    /// The first words of the secrets that have more than one word.
    private let phraseStarts: Set<Substring>

    /// A scan for these identifier values.
    public init(_ secrets: Set<String>) {
        self.secrets = secrets
        var starts = Set<Substring>()
        for secret in secrets {
            let words = Self.words(of: secret)
            if words.count > 1 { starts.insert(words[0]) }
        }
        phraseStarts = starts
    }

    /// Whether `text` contains a secret as a whole word or phrase.
    public func matches(_ text: String) -> Bool {
        guard !secrets.isEmpty else { return false }
        if secrets.contains(text) { return true }
        let words = Self.words(of: text)
        for (start, word) in words.enumerated() {
            if secrets.contains(String(word)) { return true }
            guard phraseStarts.contains(word) else { continue }
            var phrase = String(word)
            for next in words[(start + 1)..<min(start + 3, words.count)] {
                phrase += " " + next
                if secrets.contains(phrase) { return true }
            }
        }
        return false
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
