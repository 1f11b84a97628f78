/// Strict reading of configuration files: an unknown key is an error, and so is a
/// word outside a setting's choices.
///
/// A misspelt key that is silently ignored is the most dangerous kind of
/// configuration error in privacy work: `t-closness: 0.15` would publish data
/// without t-closeness and report success. Every configuration type of CivicDataKit
/// therefore calls ``Swift/Decoder/rejectUnknownKeys(_:)`` before it reads its keys.
///
/// ```swift
/// init(from decoder: any Decoder) throws {
///     try decoder.rejectUnknownKeys(CodingKeys.self)
///     let container = try decoder.container(keyedBy: CodingKeys.self)
///     ...
/// }
/// ```
extension Decoder {
    /// Throws a `DecodingError.dataCorrupted` naming the first key of the mapping
    /// being decoded that `Keys` does not list, with the nearest known key as a hint.
    public func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let known = Keys.allCases.map(\.stringValue)
        let present = try container(keyedBy: AnyCodingKey.self).allKeys
        for key in present.sorted(by: { $0.stringValue < $1.stringValue }) where !known.contains(key.stringValue) {
            var english = "unknown setting '\(key.stringValue)'", german = "unbekannte Einstellung „\(key.stringValue)“"
            if let nearest = nearestWord(to: key.stringValue, in: known) {
                english += " (did you mean '\(nearest)'?)"
                german += " (gemeint: „\(nearest)“?)"
            }
            english += "; known here: " + known.joined(separator: ", ")
            german += "; hier bekannt: " + known.joined(separator: ", ")
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key],
                                                    debugDescription: DecodingError.reason(de: german, en: english)))
        }
    }
}

/// A setting whose value is one word out of a fixed list (`variant: distinct`),
/// read from its raw value with an error that lists the choices.
///
/// ```swift
/// public enum Mode: String, ConfigurationChoice { case automatic, optimal, heuristic }
/// ```
public protocol ConfigurationChoice: RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension ConfigurationChoice {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let word = try container.decode(String.self)
        guard let choice = Self(rawValue: word) else {
            let choices = Self.allCases.map(\.rawValue)
            var english = "'\(word)' is not one of " + choices.joined(separator: ", ")
            var german = "„\(word)“ ist keiner der Werte " + choices.joined(separator: ", ")
            if let nearest = nearestWord(to: word, in: choices) {
                english += " (did you mean '\(nearest)'?)"
                german += " (gemeint: „\(nearest)“?)"
            }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: DecodingError.reason(de: german, en: english))
        }
        self = choice
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A coding key for any string, to list the keys a mapping really holds.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// The word of `candidates` closest to `word` by edit distance, if it is close
/// enough to be a likely misspelling (at most a third of its letters, at least 2).
func nearestWord(to word: String, in candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
    return best.0
}

/// The Levenshtein distance: insertions, deletions and substitutions that turn `a` into `b`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
