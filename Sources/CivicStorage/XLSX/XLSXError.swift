import CivicModels
import Foundation

/// Why an Excel workbook (`.xlsx`) could not be read, with where it happened.
///
/// The message names the file, the sheet, the workbook part and XML line for
/// damaged XML, and the cell in A1 style (`B7`) for problems in the sheet's data. It
/// never contains a cell's content: a workbook of case records holds personal data,
/// and error messages end up in logs and support e-mails. Sheet names and header
/// names are not cell data of people and may appear.
public struct XLSXError: Error, Equatable, Sendable {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The file is not a ZIP archive, so not an `.xlsx` workbook.
        case notAnArchive
        /// The file is an OLE compound file: an Excel 97–2003 `.xls` workbook, or an
        /// `.xlsx` saved with a password (Excel encrypts those into this container).
        case legacyOrEncryptedWorkbook
        /// The archive lacks a part every workbook has (such as `xl/workbook.xml`):
        /// it is some other ZIP file, or damaged.
        case missingPart(String)
        /// A part could not be decompressed or fails its checksum.
        case damagedPart
        /// A part is not well-formed XML (see ``XLSXError/part`` and ``XLSXError/line``).
        case malformedXML
        /// The workbook has no sheet of this name; the names it has follow.
        case unknownSheet(String, available: [String])
        /// The workbook has no sheets at all.
        case noSheets
        /// The sheet holds no cells at or below the header row.
        case emptySheet
        /// The given header row holds no cells.
        case emptyHeaderRow
        /// A cell or row comes before one it should follow (rows and the cells in a
        /// row must appear in ascending order, each once).
        case cellOutOfOrder
        /// A cell or row reference is not an A1 reference inside Excel's grid
        /// (columns A to XFD, rows 1 to 1,048,576), or names another row than the one
        /// it stands in.
        case invalidCellReference
        /// A cell points to a shared string the workbook does not have.
        case invalidSharedString
        /// A header cell is empty.
        case emptyColumnName
        /// The header names a column twice.
        case duplicateColumn(String)
        /// The file could not be opened or read.
        case io(String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The workbook's path.
    public var file: String?
    /// The sheet's name.
    public var sheet: String?
    /// The part of the workbook (a path inside the archive) for damaged parts and XML.
    public var part: String?
    /// The line in the part's XML, from 1.
    public var line: Int?
    /// The sheet row, from 1, as Excel numbers it.
    public var row: Int?
    /// The sheet column, from 1 (A = 1).
    public var column: Int?

    /// Creates an error.
    public init(_ kind: Kind, file: String? = nil, sheet: String? = nil, part: String? = nil,
                line: Int? = nil, row: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.file = file
        self.sheet = sheet
        self.part = part
        self.line = line
        self.row = row
        self.column = column
    }

    /// The place in A1 style: `B7` for a cell, `7` for a row, `B` for a column.
    public var cellReference: String? {
        switch (row, column) {
        case let (row?, column?): return XLSXCellReference.columnName(column) + String(row)
        case let (row?, nil): return String(row)
        case let (nil, column?): return XLSXCellReference.columnName(column)
        case (nil, nil): return nil
        }
    }
}

extension XLSXError: LocalizedMessageError {
    /// The message in `language`: the place (file, sheet, part and XML line, cell),
    /// then what went wrong.
    public func message(in language: Language) -> String {
        let de = language == .german
        var place: [String] = []
        if let file { place.append(file) }
        if let sheet { place.append(de ? "Blatt „\(sheet)“" : "sheet '\(sheet)'") }
        if let part { place.append(de ? "Teil \(part)" : "part \(part)") }
        if let line { place.append(de ? "XML-Zeile \(line)" : "XML line \(line)") }
        if let reference = cellReference {
            switch (row, column) {
            case (_?, _?): place.append(de ? "Zelle \(reference)" : "cell \(reference)")
            case (_?, nil): place.append(de ? "Zeile \(reference)" : "row \(reference)")
            default: place.append(de ? "Spalte \(reference)" : "column \(reference)")
            }
        }
        let prefix = place.isEmpty ? "" : place.joined(separator: ", ") + ": "
        return prefix + reason(in: language)
    }

    private func reason(in language: Language) -> String {
        switch kind {
        case .notAnArchive:
            return language.pick(de: "Die Datei ist keine Excel-Arbeitsmappe (.xlsx): sie ist kein ZIP-Archiv.",
                                 en: "the file is not an Excel workbook (.xlsx): it is not a ZIP archive.")
        case .legacyOrEncryptedWorkbook:
            return language.pick(
                de: "Die Datei ist eine alte Excel-Mappe (.xls) oder mit Passwort geschützt. In Excel ohne Passwort als .xlsx speichern.",
                en: "the file is an old Excel workbook (.xls) or protected by a password. Save it in Excel as .xlsx without a password.")
        case let .missingPart(name):
            return language.pick(de: "Der Teil \(name) fehlt; die Datei ist keine Excel-Arbeitsmappe oder beschädigt.",
                                 en: "the part \(name) is missing; the file is not an Excel workbook, or it is damaged.")
        case .damagedPart:
            return language.pick(de: "Der Teil lässt sich nicht entpacken oder seine Prüfsumme stimmt nicht; die Datei ist beschädigt.",
                                 en: "the part cannot be decompressed or fails its checksum; the file is damaged.")
        case .malformedXML:
            return language.pick(de: "Das XML ist fehlerhaft; die Datei ist beschädigt.",
                                 en: "the XML is malformed; the file is damaged.")
        case let .unknownSheet(name, available):
            let list = available.map { language == .german ? "„\($0)“" : "'\($0)'" }.joined(separator: ", ")
            return language.pick(de: "Die Mappe hat kein Blatt „\(name)“, nur \(list).",
                                 en: "the workbook has no sheet '\(name)', only \(list).")
        case .noSheets:
            return language.pick(de: "Die Mappe hat keine Blätter.", en: "the workbook has no sheets.")
        case .emptySheet:
            return language.pick(de: "Das Blatt enthält keine Zellen.", en: "the sheet holds no cells.")
        case .emptyHeaderRow:
            return language.pick(de: "Die angegebene Kopfzeile ist leer.", en: "the given header row is empty.")
        case .cellOutOfOrder:
            return language.pick(de: "Die Zelle steht nicht in aufsteigender Reihenfolge; die Datei ist beschädigt.",
                                 en: "the cell is out of ascending order; the file is damaged.")
        case .invalidCellReference:
            return language.pick(de: "Ungültiger Zellbezug; die Datei ist beschädigt.",
                                 en: "invalid cell reference; the file is damaged.")
        case .invalidSharedString:
            return language.pick(de: "Die Zelle verweist auf einen Text, den die Mappe nicht enthält; die Datei ist beschädigt.",
                                 en: "the cell refers to a text the workbook does not hold; the file is damaged.")
        case .emptyColumnName:
            return language.pick(de: "Eine Spalte der Kopfzeile hat keinen Namen.", en: "a header column has no name.")
        case let .duplicateColumn(name):
            return language.pick(de: "Die Spalte „\(name)“ kommt in der Kopfzeile doppelt vor.",
                                 en: "the header names the column '\(name)' twice.")
        case let .io(detail):
            return language.pick(de: "Ein-/Ausgabefehler: \(detail)", en: "input/output error: \(detail)")
        }
    }
}
