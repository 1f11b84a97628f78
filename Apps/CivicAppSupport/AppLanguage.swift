import ArgumentParser
import CivicModels
import Foundation

/// The language of this process: its help screens, argument errors and messages.
///
/// Resolved once, on first use, from the command line (`--lang de` or `--lang=de`),
/// else from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. It is
/// known before ArgumentParser parses anything, so the texts ArgumentParser shows in a
/// help screen (a command's `static let configuration`, each property wrapper's
/// `help:`) can be written in both languages:
///
/// ```swift
/// static let configuration = CommandConfiguration(
///     abstract: appLanguage.pick(de: "Zählt Fälle.", en: "Counts cases."))
/// @Option(help: .localized(de: "Die CSV-Datei.", en: "The CSV file.")) var input: String
/// ```
///
/// After parsing, ``LanguageOption/language`` names the same language.
public let appLanguage: Language = Language.resolve(arguments: CommandLine.arguments)

extension Language {
    /// The language that `--lang` names among `arguments` (the program name first,
    /// as in `CommandLine.arguments`), else the one `environment` names, else English.
    ///
    /// As for ArgumentParser, the last `--lang` counts, and nothing after `--` is an option.
    public static func resolve(arguments: [String],
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        var flag: String?
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst(), argument != "--" {
            if argument == "--lang" {
                flag = rest.first
            } else if argument.hasPrefix("--lang=") {
                flag = String(argument.dropFirst("--lang=".count))
            }
        }
        return resolve(flag: flag, environment: environment)
    }
}

extension ArgumentHelp {
    /// The help text of an option, flag or argument in the language of this process.
    public static func localized(de german: String, en english: String) -> ArgumentHelp {
        ArgumentHelp(appLanguage.pick(de: german, en: english))
    }
}

extension ValidationError {
    /// A validation error whose message is in the language of this process.
    public init(de german: String, en english: String) {
        self.init(appLanguage.pick(de: german, en: english))
    }
}
