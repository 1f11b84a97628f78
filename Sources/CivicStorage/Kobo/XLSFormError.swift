import CivicModels
import Foundation

/// Why an XLSForm (the `survey` and `choices` sheets of a KoboToolbox or ODK form)
/// could not be read, with where it happened.
///
/// The message names the file, the sheet, and the cell (`B7`) or the column of the
/// sheet, then what is wrong in plain German or English. It names the form's own
/// words where they help to find the mistake (a column heading such as `type`, a
/// group's or a choice list's name) but never an answer of a respondent: a form
/// holds none, and the error never reads the export.
///
/// ```swift
/// do { _ = try XLSForm.read(URL(fileURLWithPath: "formular.xlsx")) }
/// catch { print(error.message(in: .german)) }
/// // formular.xlsx, Blatt „survey“, Zelle A9: „end_group“ ohne passendes „begin_group“ davor.
/// ```
public struct XLSFormError: Error, Equatable, Sendable {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The workbook could not be read at all (see the wrapped ``XLSXError``).
        case workbook(XLSXError)
        /// The workbook has no sheet of this name (`survey`, or `choices` when a
        /// question uses a choice list).
        case missingSheet(String)
        /// The sheet's header lacks a column every form needs (`type`, `name`, `list_name`).
        case missingColumn(String)
        /// A question or group has a type but no name.
        case missingName
        /// A `select_one`/`select_multiple` question names a list the `choices` sheet lacks.
        case unknownChoiceList(String)
        /// A `select_one`/`select_multiple` question names no list.
        case missingChoiceList
        /// An `end_group` or `end_repeat` without a matching begin above it.
        case unexpectedEnd(String)
        /// A `begin_group` or `begin_repeat` that no end closes.
        case unclosedGroup(String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The form's file name or path.
    public var file: String?
    /// The sheet (`survey` or `choices`).
    public var sheet: String?
    /// The sheet row, from 1, as Excel numbers it.
    public var row: Int?
    /// The sheet column, from 1 (A = 1).
    public var column: Int?

    /// Creates an error.
    public init(_ kind: Kind, file: String? = nil, sheet: String? = nil, row: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
    }
}

extension XLSFormError: LocalizedMessageError {
    /// The message in `language`: the place (file, sheet, cell or column), then what
    /// went wrong.
    public func message(in language: Language) -> String {
        if case .workbook(let error) = kind { return error.message(in: language) }
        let de = language == .german
        var place: [String] = []
        if let file { place.append(file) }
        if let sheet { place.append(de ? "Blatt „\(sheet)“" : "sheet '\(sheet)'") }
        switch (row, column) {
        case let (row?, column?):
            place.append((de ? "Zelle " : "cell ") + XLSXCellReference.columnName(column) + String(row))
        case let (row?, nil): place.append((de ? "Zeile " : "row ") + String(row))
        case let (nil, column?): place.append((de ? "Spalte " : "column ") + XLSXCellReference.columnName(column))
        case (nil, nil): break
        }
        let prefix = place.isEmpty ? "" : place.joined(separator: ", ") + ": "
        return prefix + reason(in: language)
    }

    private func reason(in l: Language) -> String {
        switch kind {
        case .workbook(let error):
            return error.message(in: l)
        case .missingSheet(let name):
            return l.pick(de: "Das Formular hat kein Blatt „\(name)“; ein XLSForm braucht die Blätter „survey“ und, für "
                            + "Auswahlfragen, „choices“.",
                          en: "the form has no sheet '\(name)'; an XLSForm needs the sheets 'survey' and, for select "
                            + "questions, 'choices'.")
        case .missingColumn(let name):
            return l.pick(de: "Die Kopfzeile hat keine Spalte „\(name)“, die jedes XLSForm braucht.",
                          en: "the header has no column '\(name)', which every XLSForm needs.")
        case .missingName:
            return l.pick(de: "Die Zeile hat einen Typ, aber keinen Namen.", en: "the row has a type but no name.")
        case .unknownChoiceList(let list):
            return l.pick(de: "Die Auswahlliste „\(list)“ fehlt im Blatt „choices“.",
                          en: "the choice list '\(list)' is not in the sheet 'choices'.")
        case .missingChoiceList:
            return l.pick(de: "Die Auswahlfrage nennt keine Auswahlliste (etwa „select_one ja_nein“).",
                          en: "the select question names no choice list (such as 'select_one yes_no').")
        case .unexpectedEnd(let type):
            let begin = type.contains("repeat") ? "begin_repeat" : "begin_group"
            return l.pick(de: "„\(type)“ ohne passendes „\(begin)“ davor.", en: "'\(type)' without a matching '\(begin)' above it.")
        case .unclosedGroup(let name):
            return l.pick(de: "Die Gruppe „\(name)“ wird nie geschlossen (es fehlt „end_group“ oder „end_repeat“).",
                          en: "the group '\(name)' is never closed ('end_group' or 'end_repeat' is missing).")
        }
    }
}
