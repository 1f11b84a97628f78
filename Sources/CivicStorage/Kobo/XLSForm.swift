import CivicModels
import Foundation

/// A KoboToolbox or ODK survey form (XLSForm, xlsform.org): its questions with their
/// group paths, types and labels in each language, and its choice lists, read from
/// the `survey` and `choices` sheets of the form's workbook.
///
/// An export of the answers names its columns after the questions (`q7`,
/// `haushalt/mitglieder`), which say little; the form says what each one is: a
/// `text` question labelled "Name der Klientin", a `geopoint`, a `select_one`
/// whose codes `1`, `2` are categories and not numbers. ``question(forColumn:)``
/// finds a column's question, ``applyingTypes(to:language:)`` gives the columns
/// the form's types and labels.
///
/// ```swift
/// let form = try XLSForm.read(URL(fileURLWithPath: "formular.xlsx"))
/// let export = try TableFile.read(URL(fileURLWithPath: "antworten.xlsx"))
/// let typed = form.applyingTypes(to: export, language: .german)
/// print(form.question(forColumn: "q7")?.label(in: .german) ?? "")   // "Name der Klientin"
/// ```
///
/// Labels come from `label::German (de)`, `label::English (en)` (any
/// `label::LANGUAGE`) and a plain `label` column. Groups (`begin_group` /
/// `end_group`, also written `begin group`) and repeats (`begin_repeat` /
/// `end_repeat`) make the question's path (`haushalt/person/alter`), as Kobo writes
/// it in the export's headers. Errors (``XLSFormError``) name file, sheet, row and
/// column.
///
/// ## Topics
///
/// ### Reading
/// - ``read(_:)``
/// - ``init(survey:choices:file:)``
///
/// ### Questions and columns
/// - ``Question``
/// - ``QuestionType``
/// - ``Choice``
/// - ``question(forColumn:)``
/// - ``splitChoice(forColumn:)``
/// - ``applyingTypes(to:language:)``
public struct XLSForm: Sendable, Hashable {
    /// One question of the form (groups are not questions; they give the path).
    public struct Question: Sendable, Hashable {
        /// The question's name (`alter`).
        public var name: String
        /// The names of the groups and repeats around it, outermost first.
        public var groups: [String]
        /// The question's type.
        public var type: QuestionType
        /// The labels by language as the form's header names it (`German (de)`,
        /// `English (en)`), the plain `label` under `""`.
        public var labels: [String: String]
        /// Whether the question is inside a repeat (its answers are in rows of their own).
        public var inRepeat: Bool
        /// The row of the `survey` sheet, from 1.
        public var row: Int

        /// The path as Kobo writes it in headers: `haushalt/person/alter`.
        public var path: String { (groups + [name]).joined(separator: "/") }

        /// The label in `language`: the column whose language is it (`label::German
        /// (de)`, `label::Deutsch`), else the plain `label`, else any label.
        public func label(in language: Language) -> String? {
            if let match = labels.first(where: { XLSForm.language(ofLabelColumn: $0.key) == language }) { return match.value }
            return labels[""] ?? labels.sorted { $0.key < $1.key }.first?.value
        }
    }

    /// A question's type, from the `type` column (`select_one ja_nein`, `integer`).
    public enum QuestionType: Sendable, Hashable {
        /// `integer`.
        case integer
        /// `decimal` or `range`.
        case decimal
        /// `date`.
        case date
        /// `datetime` or `time`.
        case dateTime
        /// `text`.
        case text
        /// `select_one LIST`: one code of the list.
        case selectOne(list: String)
        /// `select_multiple LIST`: several codes, space-separated or split into 0/1 columns.
        case selectMultiple(list: String)
        /// `geopoint`, `geotrace`, `geoshape`, `start-geopoint`: GPS positions.
        case geo
        /// `calculate` and `hidden`: a value the form computes.
        case calculate
        /// `note`: text shown to the interviewer, no answer.
        case note
        /// Metadata the device records (`start`, `end`, `today`, `deviceid`,
        /// `subscriberid`, `simserial`, `phonenumber`, `username`, `email`, `audit`),
        /// with its type word.
        case metadata(String)
        /// Any other type (`image`, `barcode`, `acknowledge`, `rank` ...), with its type word.
        case other(String)

        /// The type a column of answers to it has, if the form settles it: codes of a
        /// select are text, an `integer` is a whole number.
        public var fieldType: FieldType? {
            switch self {
            case .integer: .integer
            case .decimal: .number
            case .date: .date
            case .text, .selectOne, .selectMultiple, .geo: .string
            case .dateTime, .calculate, .note, .metadata, .other: nil
            }
        }

        /// The type as the form writes it (`select_one ja_nein`).
        public var name: String {
            switch self {
            case .integer: "integer"
            case .decimal: "decimal"
            case .date: "date"
            case .dateTime: "datetime"
            case .text: "text"
            case .selectOne(let list): "select_one \(list)"
            case .selectMultiple(let list): "select_multiple \(list)"
            case .geo: "geopoint"
            case .calculate: "calculate"
            case .note: "note"
            case .metadata(let word), .other(let word): word
            }
        }
    }

    /// One choice of a list: its code (`name`) and labels by language.
    public struct Choice: Sendable, Hashable {
        /// The code the export holds (`diabetes`, `1`).
        public var name: String
        /// The labels by language, as ``Question/labels``.
        public var labels: [String: String]
    }

    /// The questions in the form's order.
    public let questions: [Question]
    /// The choice lists by name, each in the form's order.
    public let choices: [String: [Choice]]

    /// A form from its parts.
    public init(questions: [Question], choices: [String: [Choice]]) {
        self.questions = questions
        self.choices = choices
    }

    /// Reads the form in the workbook at `url` (its `survey` and `choices` sheets).
    ///
    /// - Throws: ``XLSFormError`` naming file, sheet, row and column: no `survey`
    ///   sheet, a header without `type` or `name`, a question without a name, a
    ///   select list missing from `choices`, groups that do not balance.
    public static func read(_ url: URL) throws(XLSFormError) -> XLSForm {
        let file = url.lastPathComponent
        let sheets: [String]
        do { sheets = try XLSXReader.sheetNames(in: url) } catch { throw XLSFormError(.workbook(error)) }
        func sheet(_ name: String) throws(XLSFormError) -> XLSXReader.Result? {
            guard let actual = sheets.first(where: { $0.lowercased() == name }) else { return nil }
            do { return try XLSXReader.read(url, options: .init(sheet: actual)) } catch {
                throw XLSFormError(.workbook(error))
            }
        }
        guard let survey = try sheet("survey") else { throw XLSFormError(.missingSheet("survey"), file: file) }
        return try XLSForm(survey: survey, choices: try sheet("choices"), file: file)
    }

    /// The form of a `survey` sheet and a `choices` sheet read with ``XLSXReader``
    /// (their row numbers make the errors' places); `file` names the form in errors.
    public init(survey: XLSXReader.Result, choices: XLSXReader.Result?, file: String) throws(XLSFormError) {
        let lists = try choices.map { sheet throws(XLSFormError) in try Self.choiceLists(sheet, file: file) } ?? [:]
        let questions = try Self.questions(survey, file: file)
        for question in questions {
            switch question.type {
            case .selectOne(let list), .selectMultiple(let list):
                guard choices != nil else { throw XLSFormError(.missingSheet("choices"), file: file) }
                guard lists[list] != nil else {
                    let column = survey.table.schema.index(of: Self.header("type", in: survey.table) ?? "") ?? 0
                    throw XLSFormError(.unknownChoiceList(list), file: file, sheet: survey.sheet, row: question.row,
                                       column: survey.firstColumn + column)
                }
            default: break
            }
        }
        self.init(questions: questions, choices: lists)
    }

    /// The language of a label column's language part (`German (de)`, `Deutsch`, `en`).
    static func language(ofLabelColumn name: String) -> Language? {
        let folded = name.lowercased()
        if folded.contains("(de)") || folded.hasPrefix("german") || folded.hasPrefix("deutsch") || folded == "de" { return .german }
        if folded.contains("(en)") || folded.hasPrefix("english") || folded.hasPrefix("englisch") || folded == "en" { return .english }
        return nil
    }

    /// The header of `table` that is `name` in any case, with spaces for underscores.
    static func header(_ name: String, in table: Table) -> String? {
        table.schema.fieldNames.first { $0.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_") == name }
    }

    /// The label columns of a sheet: header name and language part (`""` for `label`).
    static func labelColumns(in table: Table) -> [(header: String, language: String)] {
        table.schema.fieldNames.compactMap { header in
            let folded = header.trimmingCharacters(in: .whitespaces)
            if folded.lowercased() == "label" { return (header, "") }
            guard folded.lowercased().hasPrefix("label:") else { return nil }
            return (header, String(folded.drop { $0 != ":" }.drop { $0 == ":" }).trimmingCharacters(in: .whitespaces))
        }
    }
}
