import ArgumentParser
import CivicModels
import Foundation

/// The `--lang` option every app shares: German or English messages.
public struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"),
            help: .localized(de: "Sprache der Hilfe und Meldungen: de oder en (Vorgabe: aus LANG).",
                             en: "Language of help and messages: de or en (default: from LANG)."))
    public var code: String?

    public init() {}

    /// The chosen language: the flag, else `LANG`, else English (the same as
    /// ``appLanguage``, which is known before parsing).
    public var language: Language { Language.resolve(flag: code) }

    public mutating func validate() throws {
        if let code, Language(code: code) == nil {
            throw ValidationError(de: "--lang: 'de' oder 'en', nicht '\(code)'", en: "--lang: 'de' or 'en', not '\(code)'")
        }
    }
}

/// Prints a failure the way every app does: the localised message on standard
/// error, then a non-zero exit.
///
/// Messages come from the libraries' errors, which never contain personal values.
public func failure(reporting error: any Error, in language: Language) -> ExitCode {
    let message: String
    if let localized = error as? any LocalizedMessageError {
        message = localized.message(in: language)
    } else {
        message = error.localizedDescription
    }
    printError(language.pick(de: "Fehler: ", en: "Error: ") + message)
    return ExitCode.failure
}

/// Writes a line to standard error.
public func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Seconds elapsed while `body` runs, and its result.
public func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
    let clock = ContinuousClock()
    var result: T?
    let duration = try clock.measure { result = try body() }
    return (result!, duration.seconds)
}

/// Seconds elapsed while the asynchronous `body` runs, and its result.
public func timed<T>(_ body: () async throws -> T) async rethrows -> (result: T, seconds: Double) {
    let started = ContinuousClock.now
    let result = try await body()
    return (result, (ContinuousClock.now - started).seconds)
}

extension Duration {
    /// The duration in seconds, as a number for printing.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The peak resident memory of this process so far, in megabytes.
public func peakMemoryMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
}
