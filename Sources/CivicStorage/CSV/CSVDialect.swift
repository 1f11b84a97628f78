/// How a CSV file is written: separator, quoting, decimal mark, encoding, header.
///
/// German Excel writes `;`-separated files with a decimal comma in Windows-1252;
/// most other tools write `,`-separated UTF-8. ``CSVSniffer`` guesses the dialect
/// of a file; pass one explicitly when the guess is wrong.
///
/// ```swift
/// var dialect = CSVDialect.germanExcel
/// dialect.encoding = .utf8
/// ```
public struct CSVDialect: Hashable, Sendable {
    /// The byte between fields: `,`, `;` or tab.
    public var separator: UInt8
    /// The byte that encloses fields holding separators, quotes or line breaks.
    public var quote: UInt8
    /// The decimal mark of numbers: `.` or `,`.
    public var decimalSeparator: UInt8
    /// The character encoding of the file.
    public var encoding: TextEncoding
    /// Whether the first record names the columns.
    public var hasHeader: Bool
    /// The line ending the writer uses (the reader accepts LF, CRLF and CR).
    public var lineEnding: LineEnding
    /// Whether the writer starts the file with a UTF-8 byte-order mark (Excel needs it
    /// to recognise UTF-8). The reader skips a BOM in any case.
    public var writesByteOrderMark: Bool
    /// Whether the writer defuses text that a spreadsheet would run as a formula
    /// (a field starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
    /// leading `'`, as OWASP recommends against CSV injection); numbers such as `-3`
    /// stay as they are. On by default, since people open these files; turn it off
    /// for machine pipelines that need the exact text.
    public var neutralizesFormulas: Bool = true

    /// Creates a dialect; the defaults are RFC 4180 with LF line ends.
    public init(separator: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""),
                decimalSeparator: UInt8 = UInt8(ascii: "."), encoding: TextEncoding = .utf8,
                hasHeader: Bool = true, lineEnding: LineEnding = .lf, writesByteOrderMark: Bool = false) {
        self.separator = separator
        self.quote = quote
        self.decimalSeparator = decimalSeparator
        self.encoding = encoding
        self.hasHeader = hasHeader
        self.lineEnding = lineEnding
        self.writesByteOrderMark = writesByteOrderMark
    }

    /// `,`-separated UTF-8 with `.` decimals (RFC 4180).
    public static let standard = CSVDialect()
    /// What German Excel writes: `;`, decimal comma, Windows-1252, CRLF.
    public static let germanExcel = CSVDialect(separator: UInt8(ascii: ";"), decimalSeparator: UInt8(ascii: ","),
                                               encoding: .windows1252, lineEnding: .crlf)
    /// Tab-separated UTF-8.
    public static let tabSeparated = CSVDialect(separator: UInt8(ascii: "\t"))

    /// The separators the sniffer considers.
    public static let candidateSeparators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    /// A readable name of the separator (`,`, `;`, `tab`).
    public var separatorName: String {
        separator == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(separator))
    }

    /// The separator named by a flag: `,` `;` `tab` `comma` `semicolon`; `nil` for
    /// anything else.
    public static func separator(named name: String) -> UInt8? {
        switch name.lowercased() {
        case ",", "comma": return UInt8(ascii: ",")
        case ";", "semicolon": return UInt8(ascii: ";")
        case "\t", "tab", "\\t": return UInt8(ascii: "\t")
        default: return nil
        }
    }
}

/// The character encodings CSVDataKit reads and writes.
public enum TextEncoding: String, Hashable, Sendable, Codable, CaseIterable {
    /// UTF-8, with or without byte-order mark.
    case utf8 = "utf-8"
    /// Windows-1252 (the "ANSI" code page of German Windows and Excel).
    case windows1252 = "windows-1252"
}

/// A line ending for writing.
public enum LineEnding: String, Hashable, Sendable {
    /// `\n` (Unix, macOS).
    case lf
    /// `\r\n` (Windows, RFC 4180).
    case crlf

    var bytes: [UInt8] { self == .lf ? [10] : [13, 10] }
}
