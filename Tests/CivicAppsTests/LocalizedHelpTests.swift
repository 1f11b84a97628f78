import CivicTestSupport
import Foundation
import Testing

/// Help screens and argument errors speak the language asked for: German with
/// `--lang de` or `LANG=de_DE.UTF-8`, English with `--lang en` or by default, including
/// ArgumentParser's own texts ("USAGE:", "Unknown option", "(default: ...)").
@Suite("localized help and argument errors")
struct LocalizedHelpTests {
    /// Every command of every app but civic-bench (a developer tool, English only).
    static let commands: [[String]] = [
        ["civic-publish"], ["civic-anonymize"], ["civic-report"],
        ["civic-stats"], ["civic-stats", "describe"], ["civic-stats", "crosstab"], ["civic-stats", "ttest"],
        ["civic-stats", "mannwhitney"], ["civic-stats", "anova"], ["civic-stats", "kruskal"],
        ["civic-stats", "correlate"], ["civic-stats", "regress"], ["civic-stats", "logit"],
        ["civic-dp"], ["civic-dp", "sample"], ["civic-dp", "count"], ["civic-dp", "histogram"],
        ["civic-dp", "quantile"], ["civic-dp", "sum"], ["civic-dp", "mean"],
        ["civic-redact"], ["civic-redact", "keygen"], ["civic-redact", "text"], ["civic-redact", "csv"],
        ["civic-redact", "evaluate"],
        ["civic-casebook"], ["civic-casebook", "import"], ["civic-casebook", "subject-access"],
        ["civic-generate"], ["civic-generate", "cases"], ["civic-generate", "pii-corpus"],
    ]

    /// Words that give English away in a German text (matched as whole words, any case).
    static let englishWords = [
        "the", "and", "of", "to", "for", "from", "with", "without", "is", "are", "or", "not", "each", "every", "see",
        "file", "files", "rows", "column", "default", "write", "output", "show help", "usage", "options",
        "subcommands", "arguments", "overview", "information", "unknown", "missing", "invalid", "value",
    ]

    /// Words that give German away in an English text.
    static let germanWords = [
        "der", "die", "das", "und", "oder", "nicht", "mit", "ohne", "für", "von", "ein", "eine", "ist", "wird",
        "Datei", "Spalte", "Spalten", "Fall", "Fälle", "Zeilen", "Vorgabe", "Ausgabe", "Schutz", "Datenschutz",
        "Hilfe", "Aufruf", "Optionen", "Unterbefehle", "Übersicht", "Fehler", "Wert", "Meldungen", "Daten",
    ]

    /// The environment for a run: no locale from the machine running the tests, then `language`.
    static func environment(lang: String = "C") -> [String: String] {
        ["LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""]
    }

    /// `text` without what may be English or German in either language: option names,
    /// `<placeholders>`, quoted values, paths, file names and identifiers such as
    /// `client_id`, `civic-output` or `cell-key`.
    static func prose(_ text: String) -> String {
        var prose = text
        for pattern in [#"'[^'\n]*'"#, #"`[^`\n]*`"#, #"<[^>\s]*>"#, #"\.?/?\w+(?:[-/._]\w+)+/?"#, #"--?\w[\w-]*"#] {
            prose = prose.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return prose
    }

    /// The words of `list` that occur in the prose of `text`.
    static func words(_ list: [String], in text: String) -> [String] {
        let prose = prose(text)
        return list.filter { word in
            let pattern = #"(?<!\w)"# + word.replacingOccurrences(of: " ", with: #"\s+"#) + #"(?!\w)"#
            return prose.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
        }
    }

    @Test("the word checks find English in ArgumentParser's English help and German in German help")
    func checksCanFail() {
        let english = """
            OVERVIEW: Counts cases.

            USAGE: civic-stats crosstab <file> --rows <rows> [--output <output>]

            OPTIONS:
              --min-frequency <min-frequency>
                                      The smallest count published. (default: 5)
              -h, --help              Show help information.
            """
        #expect(Self.words(Self.englishWords, in: english).count >= 5)
        #expect(Self.words(Self.germanWords, in: english).isEmpty)
        let german = "ÜBERSICHT: Zählt die Fälle.\n\nOPTIONEN:\n  --output <output>   Die Datei. (Vorgabe: civic-output)"
        #expect(Self.words(Self.germanWords, in: german).count >= 4)
        #expect(Self.words(Self.englishWords, in: german).isEmpty, "option names, placeholders and paths are not prose")
        // The help before this change: English with a German abstract.
        #expect(Self.words(Self.germanWords, in: "--lang <lang>  Sprache der Meldungen / message language") == ["der", "Meldungen"])
    }

    @Test("--help is German with --lang de and with LANG=de_DE.UTF-8", arguments: commands)
    func germanHelp(command: [String]) throws {
        let runs: [(arguments: [String], environment: [String: String])] = [
            (["--help", "--lang", "de"], Self.environment()),
            (["--help"], Self.environment(lang: "de_DE.UTF-8")),
        ]
        for run in runs {
            let result = try runProduct(command[0], Array(command.dropFirst()) + run.arguments, environment: run.environment)
            #expect(result.status == 0, "\(command) \(run.arguments): \(result.error)")
            #expect(result.output.contains("AUFRUF:") && result.output.contains("OPTIONEN:")
                        && result.output.contains("Hilfe anzeigen."), "\(command) \(run.arguments)")
            let english = Self.words(Self.englishWords, in: result.output)
            #expect(english.isEmpty, "\(command) \(run.arguments): English \(english) in\n\(result.output)")
        }
    }

    @Test("--help is English with --lang en (even under LANG=de_DE) and by default", arguments: commands)
    func englishHelp(command: [String]) throws {
        let runs: [(arguments: [String], environment: [String: String])] = [
            (["--help", "--lang", "en"], Self.environment(lang: "de_DE.UTF-8")),
            (["--help"], Self.environment()),
        ]
        for run in runs {
            let result = try runProduct(command[0], Array(command.dropFirst()) + run.arguments, environment: run.environment)
            #expect(result.status == 0, "\(command) \(run.arguments): \(result.error)")
            #expect(result.output.contains("USAGE:") && result.output.contains("Show help information."))
            let german = Self.words(Self.germanWords, in: result.output)
            #expect(german.isEmpty, "\(command) \(run.arguments): German \(german) in\n\(result.output)")
            #expect(result.output.rangeOfCharacter(from: CharacterSet(charactersIn: "äöüÄÖÜß")) == nil,
                    "\(command) \(run.arguments): umlauts in\n\(result.output)")
        }
    }

    @Test("the help subcommand speaks German too (it takes no --lang, so LANG decides)")
    func helpSubcommand() throws {
        let result = try runProduct("civic-stats", ["help", "crosstab"], environment: Self.environment(lang: "de_DE.UTF-8"))
        #expect(result.status == 0)
        #expect(result.output.contains("AUFRUF: civic-stats crosstab") && result.output.contains("(Vorgabe: 5)"))
        #expect(Self.words(Self.englishWords, in: result.output).isEmpty, "\(result.output)")
    }

    /// Argument errors: the arguments, then a fragment of the German and of the English message.
    static let argumentErrors: [([String], String, String)] = [
        (["civic-publish", "--outptu", "x"], "Unbekannte Option '--outptu'. Meinten Sie '--output'?",
         "Unknown option '--outptu'. Did you mean '--output'?"),
        (["civic-anonymize", "--config", "c.yaml", "--input", "i.csv", "--output", "o.csv", "--frobnicate"],
         "Unbekannte Option '--frobnicate'", "Unknown option '--frobnicate'"),
        (["civic-report", "--input", "i.csv", "--output", "o.html", "--frobnicate"],
         "Unbekannte Option '--frobnicate'", "Unknown option '--frobnicate'"),
        (["civic-stats", "crosstab", "i.csv", "--rows", "a", "--columns", "b", "--frobnicate"],
         "Unbekannte Option '--frobnicate'", "Unknown option '--frobnicate'"),
        (["civic-dp", "sample", "--scale", "1", "--frobnicate"], "Unbekannte Option '--frobnicate'", "Unknown option '--frobnicate'"),
        (["civic-redact", "text", "--input", "a", "--output", "b", "--frobnicate"],
         "Unbekannte Option '--frobnicate'", "Unknown option '--frobnicate'"),
        (["civic-casebook", "import", "--frobnicate"], "Unbekannte Option '--frobnicate'", "Unknown option '--frobnicate'"),
        (["civic-generate", "--output", "x.csv", "--frobnicate"], "Unbekannte Option '--frobnicate'", "Unknown option '--frobnicate'"),

        (["civic-publish", "--quiet=yes"], "Die Option '--quiet' nimmt keinen Wert an",
         "The option '--quiet' does not take any value"),
        (["civic-anonymize", "--config"], "Es fehlt der Wert für '--config <config>'", "Missing value for '--config <config>'"),
        (["civic-report", "--input", "i.csv"], "Es fehlt das Argument '--output <output>'",
         "Missing expected argument '--output <output>'"),
        (["civic-stats", "crosstab", "i.csv", "--rows", "a", "--columns", "b", "--min-frequency", "many"],
         "Der Wert 'many' ist ungültig für '--min-frequency <min-frequency>'",
         "The value 'many' is invalid for '--min-frequency <min-frequency>'"),
        (["civic-stats", "crosstab", "i.csv", "--rows", "a", "--columns", "b", "--method", "bogus"],
         "Bitte einen dieser Werte angeben: 'suppress', 'round' oder 'cell-key'.",
         "Please provide one of 'suppress', 'round' or 'cell-key'."),
        (["civic-stats", "crosstab", "i.csv", "--rows", "a", "--columns", "b", "--base", "2"],
         "gehen nur mit --protect", "need --protect"),
        (["civic-dp", "sample", "--scale", "1", "--count", "lots"], "Der Wert 'lots' ist ungültig für '--count <count>'",
         "The value 'lots' is invalid for '--count <count>'"),
        (["civic-dp", "count", "i.csv", "--by", "g", "--categories", "a", "--epsilon", "zero", "--privacy-unit", "row"],
         "--epsilon: eine positive Dezimalzahl", "--epsilon: a positive decimal"),
        (["civic-redact", "text", "--input", "a", "--output", "b", "--keep", "x"], "Der Wert 'x' ist ungültig für '--keep <keep>'",
         "The value 'x' is invalid for '--keep <keep>'"),
        (["civic-redact", "csv", "--input", "a", "--output", "b"], "Nennen Sie mindestens eine Spalte",
         "name at least one column"),
        (["civic-casebook", "erase", "K-1", "--yes=yes"], "Die Option '--yes' nimmt keinen Wert an",
         "The option '--yes' does not take any value"),
        (["civic-generate", "--rows", "many", "--output", "x.csv"], "Der Wert 'many' ist ungültig für '--rows <rows>'",
         "The value 'many' is invalid for '--rows <rows>'"),
        (["civic-generate", "--rows=-3", "--output", "x.csv"], "--rows darf nicht negativ sein", "--rows must not be negative"),
    ]

    @Test("an unknown option or a bad value: German with --lang de, English by default, non-zero exit",
          arguments: argumentErrors)
    func argumentError(arguments: [String], german: String, english: String) throws {
        let folder = try TemporaryDirectory()  // nothing may be written; if it were, not here
        let tool = arguments[0], rest = Array(arguments.dropFirst())

        let inGerman = try runProduct(tool, rest + ["--lang", "de"], in: folder.url, environment: Self.environment())
        #expect(inGerman.status == 64, "\(arguments): exit \(inGerman.status)")
        #expect(inGerman.error.hasPrefix("Fehler: ") && inGerman.error.contains(german), "\(arguments): \(inGerman.error)")
        #expect(inGerman.error.contains("Aufruf: \(tool)") && inGerman.error.contains("Mehr dazu: '"), "\(inGerman.error)")
        let englishLeft = Self.words(Self.englishWords, in: inGerman.error)
        #expect(englishLeft.isEmpty, "\(arguments): English \(englishLeft) in\n\(inGerman.error)")
        #expect(inGerman.output.isEmpty)

        let byDefault = try runProduct(tool, rest, in: folder.url, environment: Self.environment())
        #expect(byDefault.status == 64, "\(arguments): exit \(byDefault.status)")
        #expect(byDefault.error.hasPrefix("Error: ") && byDefault.error.contains(english), "\(arguments): \(byDefault.error)")
        #expect(byDefault.error.contains("Usage: \(tool)") && byDefault.error.contains("for more information"))
        #expect(Self.words(Self.germanWords, in: byDefault.error).isEmpty, "\(arguments): \(byDefault.error)")
        #expect(try folder.fileNames().isEmpty, "\(arguments) wrote files")
    }

    @Test("LANG=de_DE.UTF-8 and --lang=de choose German for argument errors as well")
    func germanFromEnvironment() throws {
        let fromEnvironment = try runProduct("civic-generate", ["--rows", "many", "--output", "x.csv"],
                                             environment: Self.environment(lang: "de_DE.UTF-8"))
        #expect(fromEnvironment.status == 64 && fromEnvironment.error.hasPrefix("Fehler: Der Wert 'many' ist ungültig"))
        let withEquals = try runProduct("civic-stats", ["crosstab", "--lang=de", "--frobnicate"], environment: Self.environment())
        #expect(withEquals.status == 64 && withEquals.error.hasPrefix("Fehler: "), "\(withEquals.error)")
        let overridden = try runProduct("civic-generate", ["--rows", "many", "--output", "x.csv", "--lang", "en"],
                                        environment: Self.environment(lang: "de_DE.UTF-8"))
        #expect(overridden.error.hasPrefix("Error: The value 'many' is invalid"))
    }

    @Test("numbers in German messages have a decimal comma")
    func germanNumbers() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("values.csv", text: "v\n1\n2\n").path
        let german = try runProduct("civic-stats", ["describe", file, "--column", "v", "--lang", "de"], environment: Self.environment())
        #expect(german.status == 0 && german.output.contains("1,5") && !german.output.contains("1.5"), "\(german.output)")
        let english = try runProduct("civic-stats", ["describe", file, "--column", "v"], environment: Self.environment())
        #expect(english.status == 0 && english.output.contains("1.5") && !english.output.contains("1,5"), "\(english.output)")
    }
}
