import ArgumentParser
import CivicModels
import Foundation

/// A root command whose help screens and argument errors speak the language of the
/// process (``appLanguage``), German or English.
///
/// The command's own texts choose their language with ``appLanguage``; ArgumentParser's
/// texts ("USAGE:", "Unknown option '--x'", "(default: 5)") are English, so `main()`
/// here parses and runs like `ParsableCommand.main()`, and when the language is German
/// translates what ArgumentParser would print before printing it (see
/// ``GermanParserText``). Help goes to standard output, errors to standard error; the
/// exit code is ArgumentParser's.
///
/// ```swift
/// @main
/// struct CivicReport: LocalizedCommand { ... }
/// ```
///
/// Subcommands stay plain `ParsableCommand`s: only the root's `main()` runs.
public protocol LocalizedCommand: ParsableCommand {}

extension LocalizedCommand {
    /// Parses the command line, runs the chosen command, and on any error prints the
    /// message ArgumentParser would print, in the language of the process.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exitReporting(error)
        }
    }

}

/// ``LocalizedCommand`` for a root command whose `run()` is asynchronous (a server,
/// a benchmark against a database).
///
/// ```swift
/// @main
/// struct CivicStudioApp: AsyncLocalizedCommand { ... func run() async throws { ... } }
/// ```
public protocol AsyncLocalizedCommand: AsyncParsableCommand {}

extension AsyncLocalizedCommand {
    /// Parses the command line, runs the chosen command (awaiting an asynchronous
    /// one), and on any error prints the message ArgumentParser would print, in the
    /// language of the process.
    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exitReporting(error)
        }
    }
}

extension ParsableCommand {
    /// Prints ArgumentParser's text for `error` (a help screen, a usage error, or
    /// nothing for an `ExitCode`), translated to the process's language, and exits
    /// with ArgumentParser's code for it.
    fileprivate static func exitReporting(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        var text = fullMessage(for: error)
        if appLanguage == .german { text = GermanParserText.translate(text) }
        if !text.isEmpty {
            if code.isSuccess { print(text) } else { printError(text) }
        }
        Foundation.exit(code.rawValue)
    }
}
