import Foundation

/// ArgumentParser's own English texts (section headers, the built-in help flag,
/// "(default: ...)", its argument errors) in German.
///
/// ArgumentParser 1.8 has no hook for its texts, so ``translate(_:)`` rewrites the
/// finished text: each phrase below is a regular expression for one of its English
/// patterns with the German that replaces it. Anything not in the table (the apps' own
/// texts, which are German already, and messages this table does not know) stays as it
/// is. The phrases are anchored on ArgumentParser's wording, so they do not touch what
/// the apps wrote.
enum GermanParserText {
    /// English pattern (a regular expression) and its German replacement (`$1`: the
    /// first group), applied in this order.
    static let phrases: [(english: String, german: String)] = [
        // The help screen.
        (#"(?m)^OVERVIEW: "#, "ÜBERSICHT: "),
        (#"(?m)^USAGE: "#, "AUFRUF: "),
        (#"(?m)^ARGUMENTS:$"#, "ARGUMENTE:"),
        (#"(?m)^OPTIONS:$"#, "OPTIONEN:"),
        (#"(?m)^SUBCOMMANDS:$"#, "UNTERBEFEHLE:"),
        (#"Show subcommand help information\."#, "Hilfe zu einem Unterbefehl anzeigen."),
        (#"Show help information\."#, "Hilfe anzeigen."),
        (#"Show the version\."#, "Version anzeigen."),
        // Help lines are wrapped, so words may be separated by a line break and indent.
        (#"\(default(\s+)as(\s+)flag:"#, "(Vorgabe$1ohne$2Wert:"),
        (#"\(default:"#, "(Vorgabe:"),
        (#";(\s+)default:"#, ";$1Vorgabe:"),
        (#"\(values:"#, "(Werte:"),
        (#" \(default\)"#, " (Vorgabe)"),
        (#"See '(.+) help <subcommand>' for detailed help\."#, "Ausführliche Hilfe: '$1 help <Unterbefehl>'."),
        (#"<subcommand>"#, "<Unterbefehl>"),

        // Argument errors: "Error: ...", a "Help:" line, the usage.
        (#"(?m)^Error: "#, "Fehler: "),
        (#"(?m)^Help:  "#, "Hilfe:  "),
        (#"(?m)^Usage: "#, "Aufruf: "),
        (#"(?m)^  See '(.+)' for more information\.$"#, "  Mehr dazu: '$1'."),
        (#"Unknown option '"#, "Unbekannte Option '"),
        (#"\. Did you mean '(.*?)'\?"#, ". Meinten Sie '$1'?"),
        (#"(?m)^   or: Missing value for '(.*?)' in '"#, "   oder: Es fehlt der Wert für '$1' in '"),
        (#"Missing value for '"#, "Es fehlt der Wert für '"),
        (#"The value '(.*?)' is invalid for '(.*?)'"#, "Der Wert '$1' ist ungültig für '$2'"),
        (#"The value '(.*?)' is invalid\."#, "Der Wert '$1' ist ungültig."),
        (#"\. Please provide one of the following:"#, ". Bitte einen dieser Werte angeben:"),
        (#"\. Please provide one of ([^\n]*) (?:or|and) ('[^'\n]*')\."#, ". Bitte einen dieser Werte angeben: $1 oder $2."),
        (#"\. Please provide one of ('[^'\n]*')\."#, ". Bitte diesen Wert angeben: $1."),
        (#"Missing expected argument '"#, "Es fehlt das Argument '"),
        (#"Missing one of: "#, "Es fehlt eines von: "),
        (#"(\d+) unexpected arguments: "#, "$1 unerwartete Argumente: "),
        (#"Unexpected argument '"#, "Unerwartetes Argument '"),
        (#"The option '(.*?)' does not take any value, but '(.*)' was specified\."#,
         "Die Option '$1' nimmt keinen Wert an, angegeben war aber '$2'."),
        (#"Value to be set with flag (.*?) had already been set with flag (.*)"#,
         "Der Schalter $1 setzt einen Wert, den schon der Schalter $2 gesetzt hat"),
        (#"Missing required subcommand\."#, "Es fehlt ein Unterbefehl."),
        (#"Invalid option: "#, "Ungültige Option: "),
    ]

    /// `text` (a help screen or an error message of ArgumentParser) with every phrase of
    /// the table in German.
    static func translate(_ text: String) -> String {
        var german = text
        for phrase in phrases {
            german = german.replacingOccurrences(of: phrase.english, with: phrase.german, options: .regularExpression)
        }
        return indentingUsage(german)
    }

    /// The usage's continuation lines are indented to the width of "USAGE: "; the German
    /// "AUFRUF: " is one character wider, so they move one further.
    private static func indentingUsage(_ text: String) -> String {
        var inUsage = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("AUFRUF: ") || line.hasPrefix("Aufruf: ") {
                inUsage = true
            } else if inUsage && line.hasPrefix("       ") {
                return " " + line
            } else {
                inUsage = false
            }
            return String(line)
        }.joined(separator: "\n")
    }
}
