import Foundation

/// A text in German and English, for messages made where the reader's language is
/// not known yet (a configuration decoder), and shown where it is.
///
/// ```swift
/// let reason = BilingualText(de: "kein YAML", en: "not YAML")
/// print(reason.text(in: .german))   // "kein YAML"
/// ```
public struct BilingualText: Sendable, Hashable, CustomStringConvertible {
    /// The German text.
    public var german: String
    /// The English text.
    public var english: String

    /// A text in both languages.
    public init(de german: String, en english: String) {
        self.german = german
        self.english = english
    }

    /// The text in `language`.
    public func text(in language: Language) -> String { language.pick(de: german, en: english) }

    /// The English text.
    public var description: String { english }
}

extension DecodingError {
    /// Separates the English and the German reason in a `debugDescription` made by
    /// ``reason(de:en:)`` (the ASCII record separator, which no message contains).
    private static let languageSeparator = "\u{1E}"

    /// A `debugDescription` for a `DecodingError` thrown by a configuration type,
    /// carrying the reason in both languages: ``summary(in:)`` shows the reader's.
    ///
    /// ```swift
    /// throw DecodingError.dataCorruptedError(forKey: .k, in: container,
    ///     debugDescription: DecodingError.reason(de: "mindestens 1", en: "at least 1"))
    /// ```
    public static func reason(de german: String, en english: String) -> String {
        english + languageSeparator + german
    }

    /// Where in a JSON or YAML document decoding failed, in one line for people, in
    /// `language` (`missing 'privacy'`, `wrong kind of value at 'privacy.k'`).
    public func summary(in language: Language) -> String {
        func path(_ context: Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        func reason(_ context: Context) -> String {
            let parts = context.debugDescription.components(separatedBy: Self.languageSeparator)
            return parts.count == 2 ? language.pick(de: parts[1], en: parts[0]) : context.debugDescription
        }
        switch self {
        case .keyNotFound(let key, let context):
            let place = context.codingPath.isEmpty ? "" : language.pick(de: " in „\(path(context))“", en: " in '\(path(context))'")
            return language.pick(de: "„\(key.stringValue)“ fehlt", en: "missing '\(key.stringValue)'") + place
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return language.pick(de: "die Datei ist keine Folge von Einstellungen (Name: Wert)",
                                 en: "the file is not a set of settings (name: value)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return language.pick(de: "falsche Art von Wert bei „\(path(context))“ (etwa Text, wo eine Zahl hingehört)",
                                 en: "wrong kind of value at '\(path(context))'")
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? language.pick(de: "nicht lesbar (\(reason(context)))", en: "not readable (\(reason(context)))")
                : language.pick(de: "„\(path(context))“: \(reason(context))", en: "'\(path(context))': \(reason(context))")
        @unknown default:
            return "\(self)"
        }
    }

    /// ``summary(in:)`` in English.
    public var summary: String { summary(in: .english) }

    /// ``summary(in:)`` in both languages, for an error that is shown later.
    public var bilingualSummary: BilingualText { BilingualText(de: summary(in: .german), en: summary(in: .english)) }
}
