import CivicModels
import Foundation

extension XLSForm {
    /// The question whose answers the export's column `column` holds: by the path as
    /// Kobo writes it (`haushalt/alter`; ODK's `haushalt-alter` and `haushalt.alter`
    /// too), else by the question's name alone when only one question has it, else by
    /// a label, for exports whose headers are the labels. `nil` for a column the form
    /// does not ask for (`_uuid`, a split select_multiple column).
    public func question(forColumn column: String) -> Question? {
        for separator in ["/", "-", "."] {
            if let question = questions.first(where: { ($0.groups + [$0.name]).joined(separator: separator) == column }) {
                return question
            }
        }
        let named = questions.filter { $0.name == column }
        if named.count == 1 { return named[0] }
        let folded = column.trimmingCharacters(in: .whitespaces).lowercased()
        let labelled = questions.filter { $0.labels.values.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == folded } }
        return labelled.count == 1 ? labelled[0] : nil
    }

    /// The `select_multiple` question and choice of a split 0/1 column
    /// (`gesundheit/diabetes`: was "diabetes" chosen in `gesundheit`?), or `nil`.
    public func splitChoice(forColumn column: String) -> (question: Question, choice: Choice)? {
        guard let slash = column.lastIndex(of: "/") else { return nil }
        let code = String(column[column.index(after: slash)...])
        guard let question = question(forColumn: String(column[..<slash])), case .selectMultiple(let list) = question.type,
              let choice = choices[list]?.first(where: { $0.name == code || $0.labels.values.contains(code) })
        else { return nil }
        return (question, choice)
    }

    /// `table` with the form's types and labels: the columns of `select_one`,
    /// `select_multiple`, `text` and `geopoint` questions become text (codes `1`, `2`
    /// are categories, `01067` a code), `integer` and `decimal` questions become
    /// numbers and `date` questions dates when every value is one (else they stay as
    /// read), and each field's title is its question's label in `language`.
    ///
    /// A value that was read as a number turns into its shortest text (`1`, `2.5`),
    /// as the XLSX reader writes numbers; columns the form does not ask for stay as
    /// they are.
    public func applyingTypes(to table: Table, language: Language) -> Table {
        var fields = table.schema.fields
        var columns = table.columns
        for index in fields.indices {
            guard let question = question(forColumn: fields[index].name) else { continue }
            if let label = question.label(in: language) { fields[index].title = label }
            guard let type = question.type.fieldType, columns[index].type != type,
                  let converted = Self.converted(columns[index], to: type) else { continue }
            columns[index] = converted
            fields[index].type = type
        }
        var schema = table.schema
        schema.fields = fields
        return (try? Table(schema: schema, columns: columns)) ?? table
    }

    /// `column` as `type`, or `nil` when a value cannot be one.
    static func converted(_ column: ColumnData, to type: FieldType) -> ColumnData? {
        var values: [Value] = []
        values.reserveCapacity(column.count)
        for row in 0..<column.count {
            let value = column.value(at: row)
            if value.isMissing { values.append(.missing); continue }
            guard let typed = typedValue(value, as: type) else { return nil }
            values.append(typed)
        }
        return try? ColumnData(type: type, values: values)
    }

    private static func typedValue(_ value: Value, as type: FieldType) -> Value? {
        let text = value.description.trimmingCharacters(in: .whitespaces)
        switch type {
        case .string:
            if case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 {
                return .text(String(Int64(number)))
            }
            return .text(value.description)
        case .integer:
            if let number = value.doubleValue, number == number.rounded(), abs(number) < 9e15 { return .integer(Int64(number)) }
            return Int64(text).map(Value.integer)
        case .number:
            if let number = value.doubleValue { return .number(number) }
            return Double(text.replacingOccurrences(of: ",", with: ".")).map(Value.number)
        case .date:
            return CivicDate(iso: text.prefix(10)).map(Value.date)
        case .boolean:
            return nil
        }
    }
}
