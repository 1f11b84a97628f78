import Foundation
import CivicModels

/// Why a CSV file could not be read or written, with where it happened.
///
/// The message names the file, the line (counted from 1, as an editor shows it),
/// the column (the field number, from 1) and the field name when the header gave
/// one. It never contains the cell's content: a CSV of case records holds personal
/// data, and error messages end up in logs and support e-mails.
public struct CSVError: Error, Equatable, Sendable {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The file holds no bytes, or only a byte-order mark or blank lines.
        case emptyFile
        /// A quoted field is still open at the end of the file.
        case unterminatedQuote
        /// Something other than a separator or line end follows a closing quote.
        case textAfterClosingQuote
        /// A record has more fields than the header.
        case tooManyFields(expected: Int, found: Int)
        /// A record has fewer fields than the header.
        case tooFewFields(expected: Int, found: Int)
        /// Bytes that are not valid UTF-8.
        case invalidUTF8
        /// A NUL byte (0x00), which text never holds: the file is UTF-16, binary or
        /// damaged.
        case nulByte
        /// A value that does not have the type the schema gives its column.
        case typeMismatch(expected: FieldType)
        /// A value that does not have the type the first rows suggested (in batched
        /// reading, where earlier rows cannot be changed any more).
        case inferredTypeMismatch(expected: FieldType, inferenceRows: Int)
        /// The header lacks a column the schema requires.
        case missingColumn(String)
        /// The header has a column the schema does not know.
        case unexpectedColumn(String)
        /// The header names a column twice.
        case duplicateColumn(String)
        /// A header cell is empty.
        case emptyColumnName
        /// A text cannot be written in the target encoding (a character Windows-1252 lacks).
        case unencodableCharacter
        /// A record is longer than the reader's limit, in bytes (usually a quote
        /// that is never closed, or a file that is not CSV).
        case recordTooLong(limit: Int)
        /// The file could not be opened, read or written.
        case io(String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The file's name or path, if the data came from a file.
    public var file: String?
    /// The line where the record starts, from 1.
    public var line: Int?
    /// The field number, from 1.
    public var column: Int?
    /// The field's name from the header.
    public var field: String?

    /// Creates an error.
    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }
}

extension CSVError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        let de = language == .german
        var place: [String] = []
        if let file { place.append(file) }
        if let line { place.append(de ? "Zeile \(line)" : "line \(line)") }
        if let column { place.append(de ? "Spalte \(column)" : "column \(column)") }
        if let field { place.append(de ? "Feld „\(field)“" : "field '\(field)'") }
        let prefix = place.isEmpty ? "" : place.joined(separator: ", ") + ": "
        return prefix + reason(in: language)
    }

    private func reason(in language: Language) -> String {
        switch kind {
        case .emptyFile:
            return language.pick(de: "Die Datei ist leer.", en: "the file is empty.")
        case .unterminatedQuote:
            return language.pick(de: "Ein Anführungszeichen wird bis zum Dateiende nicht geschlossen.",
                                 en: "a quoted field is not closed before the end of the file.")
        case .textAfterClosingQuote:
            return language.pick(de: "Nach dem schließenden Anführungszeichen folgt weiterer Text (innere Anführungszeichen müssen verdoppelt werden).",
                                 en: "text follows a closing quote (quotes inside a field must be doubled).")
        case let .tooManyFields(expected, found):
            return language.pick(de: "\(found) Felder statt \(expected); vielleicht ein Trennzeichen ohne Anführungszeichen.",
                                 en: "\(found) fields instead of \(expected); perhaps a separator inside an unquoted field.")
        case let .tooFewFields(expected, found):
            return language.pick(de: "\(found) Felder statt \(expected).", en: "\(found) fields instead of \(expected).")
        case .invalidUTF8:
            return language.pick(
                de: "Ungültige UTF-8-Bytes; die Datei wurde als UTF-8 gelesen, weil sie sonst gültiges UTF-8 enthält. "
                    + "Die Stelle ist beschädigt, oder die Datei ist windows-1252 (aus Excel): dann diese Kodierung angeben.",
                en: "bytes that are not valid UTF-8; the file was read as UTF-8 because the rest of it is. "
                    + "The place is damaged, or the file is windows-1252 (from Excel): then give that encoding.")
        case .nulByte:
            return language.pick(
                de: "Ein NUL-Byte (0x00); Textdateien enthalten keine. Vielleicht ist die Datei UTF-16 (dann als UTF-8 speichern) oder beschädigt.",
                en: "a NUL byte (0x00), which text files never hold. The file may be UTF-16 (save it as UTF-8) or damaged.")
        case let .typeMismatch(expected):
            return language.pick(de: "Der Wert ist nicht vom Typ \(expected.rawValue), den das Schema verlangt.",
                                 en: "the value is not of type \(expected.rawValue), as the schema requires.")
        case let .inferredTypeMismatch(expected, rows):
            return language.pick(
                de: "Die ersten \(rows) Zeilen ließen Typ \(expected.rawValue) erwarten, dieser Wert passt nicht. Ein Schema angeben oder mehr Zeilen zur Typerkennung verwenden.",
                en: "the first \(rows) rows suggested type \(expected.rawValue), but this value does not fit. Give a schema or infer types from more rows.")
        case let .missingColumn(name):
            return language.pick(de: "Die Spalte „\(name)“ fehlt in der Kopfzeile.",
                                 en: "the header lacks the column '\(name)'.")
        case let .unexpectedColumn(name):
            return language.pick(de: "Die Spalte „\(name)“ steht nicht im Schema.",
                                 en: "the column '\(name)' is not in the schema.")
        case let .duplicateColumn(name):
            return language.pick(de: "Die Spalte „\(name)“ kommt in der Kopfzeile doppelt vor.",
                                 en: "the header names the column '\(name)' twice.")
        case .emptyColumnName:
            return language.pick(de: "Eine Spalte der Kopfzeile hat keinen Namen.",
                                 en: "a header column has no name.")
        case .unencodableCharacter:
            return language.pick(de: "Ein Zeichen lässt sich in windows-1252 nicht schreiben; UTF-8 wählen.",
                                 en: "a character cannot be written in windows-1252; choose UTF-8.")
        case let .recordTooLong(limit):
            let mebibytes = limit >> 20
            return language.pick(
                de: "Ein Datensatz ist länger als \(mebibytes) MiB, die Grenze des Lesers; meist ein nicht geschlossenes Anführungszeichen. Die Grenze lässt sich mit maximumRecordBytes anheben.",
                en: "a record is longer than \(mebibytes) MiB, the reader's limit; usually a quote that is never closed. Raise the limit with maximumRecordBytes.")
        case let .io(detail):
            return language.pick(de: "Ein-/Ausgabefehler: \(detail)", en: "input/output error: \(detail)")
        }
    }
}
