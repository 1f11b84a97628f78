import CivicModels
import Foundation

/// A `select_multiple` question of a KoboToolbox or ODK export ("Which of these
/// conditions do you have?"), which the export writes as one column of
/// space-separated codes (`gesundheit` = `diabetes asthma`), as one 0/1 column per
/// choice (`gesundheit/diabetes`, `gesundheit/asthma`), or both.
///
/// Judged column by column, one question would look like a dozen harmless yes/no
/// columns; ``joined(_:form:)`` makes it one column again, so that a check or a
/// publication sees one question:
///
/// ```swift
/// let export = try TableFile.read(URL(fileURLWithPath: "antworten.csv"))
/// let (table, questions) = SelectMultiple.joined(export, form: form)   // form: nil to go by the headers
/// print(questions.map(\.column))   // ["gesundheit"]; its split columns are gone
/// ```
///
/// With a form (``XLSForm``) the questions and their choices come from it. Without
/// one, split columns are found by their headers: two or more columns `P/code` of
/// only 0 and 1 (or true/false), or one or more beside a column `P` whose values are
/// made of those codes.
///
/// ## Topics
///
/// - ``find(in:form:)``
/// - ``joined(_:form:)``
/// - ``joined(_:questions:)``
/// - ``column``
/// - ``hasWholeColumn``
/// - ``splitColumns``
/// - ``choices``
public struct SelectMultiple: Sendable, Hashable {
    /// The question's column: the whole column's name, or the split columns' common
    /// prefix (`gruppe/gesundheit`).
    public var column: String
    /// Whether the export has the whole, space-separated column.
    public var hasWholeColumn: Bool
    /// The split 0/1 columns, in the export's order.
    public var splitColumns: [String]
    /// The choice code of each split column, in the same order (`diabetes`).
    public var choices: [String]

    /// A question of an export.
    public init(column: String, hasWholeColumn: Bool, splitColumns: [String], choices: [String]) {
        self.column = column
        self.hasWholeColumn = hasWholeColumn
        self.splitColumns = splitColumns
        self.choices = choices
    }

    /// The export's columns that belong to the question: the whole one, then the split ones.
    public var allColumns: [String] { (hasWholeColumn ? [column] : []) + splitColumns }

    /// The `select_multiple` questions in `table`, in the order of their first column:
    /// from `form` when given, else from the headers and values.
    public static func find(in table: Table, form: XLSForm? = nil) -> [SelectMultiple] {
        let names = table.schema.fieldNames
        let present = Set(names)
        var order: [String] = []
        var splits: [String: [(column: String, choice: String)]] = [:]
        var wholes = Set<String>()
        for name in names {
            if let form {
                if let question = form.question(forColumn: name), case .selectMultiple = question.type {
                    wholes.insert(name)
                    if !order.contains(name) { order.append(name) }
                } else if let split = form.splitChoice(forColumn: name) {
                    let prefix = String(name[..<name.lastIndex(of: "/")!])
                    splits[prefix, default: []].append((name, split.choice.name))
                    if !order.contains(prefix) { order.append(prefix) }
                }
            } else if let slash = name.lastIndex(of: "/"), isZeroOne(table.column(named: name)) {
                let prefix = String(name[..<slash])
                splits[prefix, default: []].append((name, String(name[name.index(after: slash)...])))
                if !order.contains(prefix) { order.append(prefix) }
            }
        }
        return order.compactMap { prefix in
            let split = splits[prefix] ?? []
            let whole = form != nil ? (wholes.contains(prefix) || present.contains(prefix))
                : present.contains(prefix) && codesMatch(table.column(named: prefix), split.map(\.choice))
            guard form != nil || split.count >= 2 || whole, whole || !split.isEmpty else { return nil }
            return SelectMultiple(column: prefix, hasWholeColumn: whole, splitColumns: split.map(\.column),
                                  choices: split.map(\.choice))
        }
    }

    /// `table` with each `select_multiple` question as one column (see
    /// ``find(in:form:)``), and the questions found.
    public static func joined(_ table: Table, form: XLSForm? = nil) -> (table: Table, questions: [SelectMultiple]) {
        let questions = find(in: table, form: form)
        return (joined(table, questions: questions), questions)
    }

    /// `table` with `questions` each as one column of space-separated codes: where the
    /// whole column is there it is kept and the split columns go; else the split
    /// columns become one, in the place of the first, holding the codes of the
    /// columns with 1 in the export's order (missing when none is chosen).
    public static func joined(_ table: Table, questions: [SelectMultiple]) -> Table {
        var replacement: [String: (Field, ColumnData)] = [:]
        var dropped = Set<String>()
        for question in questions where !question.splitColumns.isEmpty {
            dropped.formUnion(question.splitColumns)
            guard !question.hasWholeColumn else { continue }
            var builder = ColumnBuilder(type: .string, capacity: table.rowCount)
            let columns = question.splitColumns.map { table.column(named: $0) }
            for row in 0..<table.rowCount {
                let chosen = zip(columns, question.choices).compactMap { column, code in
                    column.map { isChosen($0.value(at: row)) } == true ? code : nil
                }
                if chosen.isEmpty { builder.appendMissing() } else { builder.append(text: chosen.joined(separator: " ")) }
            }
            replacement[question.splitColumns[0]] = (Field(question.column, type: .string), builder.finish())
        }
        var fields: [Field] = [], columns: [ColumnData] = []
        for (field, column) in zip(table.schema.fields, table.columns) {
            if let joined = replacement[field.name] {
                fields.append(joined.0)
                columns.append(joined.1)
            } else if !dropped.contains(field.name) {
                fields.append(field)
                columns.append(column)
            }
        }
        var schema = table.schema
        schema.fields = fields
        return (try? Table(schema: schema, columns: columns)) ?? table
    }

    /// Whether a split column's value means "chosen": 1, true, `yes`.
    static func isChosen(_ value: Value) -> Bool {
        switch value {
        case .integer(let v): v == 1
        case .number(let v): v == 1
        case .boolean(let v): v
        case .text(let text): ["1", "true", "yes", "ja", "wahr"].contains(text.lowercased().trimmingCharacters(in: .whitespaces))
        case .missing, .date: false
        }
    }

    /// Whether every value of `column` is 0, 1, true or false (missing allowed), and one is there.
    static func isZeroOne(_ column: ColumnData?) -> Bool {
        guard let column else { return false }
        var any = false
        for row in 0..<column.count {
            switch column.value(at: row) {
            case .missing: continue
            case .integer(let v) where v == 0 || v == 1: any = true
            case .number(let v) where v == 0 || v == 1: any = true
            case .boolean: any = true
            default: return false
            }
        }
        return any
    }

    /// Whether every word of `column`'s values is one of `codes`.
    static func codesMatch(_ column: ColumnData?, _ codes: [String]) -> Bool {
        guard let column, !codes.isEmpty else { return false }
        let known = Set(codes)
        for row in 0..<column.count {
            let value = column.value(at: row)
            guard !value.isMissing else { continue }
            guard value.description.split(whereSeparator: \.isWhitespace).allSatisfy({ known.contains(String($0)) }) else {
                return false
            }
        }
        return true
    }
}
