import Foundation

/// The language of messages meant for people: German or English.
///
/// The first users are German NGOs, so every message an app shows exists in both.
/// Apps choose with a `--lang` flag, else from the `LANG` environment variable
/// (`de_DE.UTF-8` gives German), else English.
///
/// ```swift
/// let language = Language.resolve(flag: "de")
/// language.pick(de: "Fertig.", en: "Done.")   // "Fertig."
/// ```
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Deutsch.
    case german = "de"
    /// English.
    case english = "en"

    /// The language named by a flag (`de`, `en`, `de_DE`, `german` ...), else by the
    /// `LANG` / `LC_ALL` / `LC_MESSAGES` environment variables, else English.
    public static func resolve(flag: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let flag, let language = Language(code: flag) { return language }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return Language(code: value) ?? .english
            }
        }
        return .english
    }

    /// The language a code such as `de`, `de_DE.UTF-8`, `en-GB` or `deutsch` names.
    public init?(code: String) {
        let lower = code.lowercased()
        if lower.hasPrefix("de") || lower == "german" { self = .german }
        else if lower.hasPrefix("en") || lower == "c" || lower == "posix" || lower == "english" { self = .english }
        else { return nil }
    }

    /// The German or the English text, whichever is this language.
    public func pick(de german: String, en english: String) -> String {
        self == .german ? german : english
    }

    /// The language of this process, from its environment.
    public static var processDefault: Language { resolve() }
}

/// An error whose message exists in German and English.
///
/// Messages are written for people who are not programmers and never contain the
/// personal value that caused the error: they name file, line, column and field.
public protocol LocalizedMessageError: LocalizedError {
    /// The message in `language`.
    func message(in language: Language) -> String
}

extension LocalizedMessageError {
    /// The message in the process's language (see ``Language/processDefault``).
    public var errorDescription: String? { message(in: .processDefault) }
}
