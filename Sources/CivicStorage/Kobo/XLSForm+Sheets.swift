import CivicModels
import Foundation

extension XLSForm {
    /// The questions of the `survey` sheet, with group paths from the begin and end rows.
    static func questions(_ survey: XLSXReader.Result, file: String) throws(XLSFormError) -> [Question] {
        let table = survey.table
        func place(_ kind: XLSFormError.Kind, row: Int?, header: String?) -> XLSFormError {
            let column = header.flatMap { table.schema.index(of: $0) }.map { survey.firstColumn + $0 }
            return XLSFormError(kind, file: file, sheet: survey.sheet, row: row.map { survey.rowNumbers[$0] }, column: column)
        }
        guard let typeHeader = header("type", in: table) else { throw place(.missingColumn("type"), row: nil, header: nil) }
        guard let nameHeader = header("name", in: table) else { throw place(.missingColumn("name"), row: nil, header: nil) }
        let labels = labelColumns(in: table)
        var questions: [Question] = []
        var open: [(name: String, isRepeat: Bool, row: Int)] = []
        for row in 0..<table.rowCount {
            let typeWords = text(table[row, typeHeader]).split(whereSeparator: \.isWhitespace).map(String.init)
            guard let first = typeWords.first?.lowercased() else { continue }
            let name = text(table[row, nameHeader])
            // `begin group`, `begin_group`, `end repeat` ...: two words or one.
            let word = typeWords.count > 1 && ["begin", "end"].contains(first) ? first + "_" + typeWords[1].lowercased() : first
            switch word {
            case "begin_group", "begin_repeat":
                guard !name.isEmpty else { throw place(.missingName, row: row, header: nameHeader) }
                open.append((name, word == "begin_repeat", row))
            case "end_group", "end_repeat":
                guard let last = open.last, last.isRepeat == (word == "end_repeat") else {
                    throw place(.unexpectedEnd(word), row: row, header: typeHeader)
                }
                open.removeLast()
            default:
                guard !name.isEmpty else { throw place(.missingName, row: row, header: nameHeader) }
                var labelTexts: [String: String] = [:]
                for (header, language) in labels where !text(table[row, header]).isEmpty {
                    labelTexts[language] = text(table[row, header])
                }
                guard let type = questionType(word, words: typeWords) else {
                    throw place(.missingChoiceList, row: row, header: typeHeader)
                }
                questions.append(Question(name: name, groups: open.map(\.name), type: type, labels: labelTexts,
                                          inRepeat: open.contains { $0.isRepeat }, row: survey.rowNumbers[row]))
            }
        }
        if let unclosed = open.last { throw place(.unclosedGroup(unclosed.name), row: unclosed.row, header: typeHeader) }
        return questions
    }

    /// The type of a question whose type column starts with `word`; `nil` for a
    /// select without its list.
    static func questionType(_ word: String, words: [String]) -> QuestionType? {
        switch word {
        case "integer", "int": return .integer
        case "decimal", "range": return .decimal
        case "date": return .date
        case "datetime", "time", "datetime-local": return .dateTime
        case "text", "string": return .text
        case "select_one", "select1", "select_multiple", "select_one_from_file", "select_multiple_from_file":
            guard words.count > 1 else { return nil }
            return word.hasPrefix("select_multiple") ? .selectMultiple(list: words[1]) : .selectOne(list: words[1])
        case "geopoint", "geotrace", "geoshape", "start-geopoint": return .geo
        case "calculate", "hidden": return .calculate
        case "note": return .note
        case "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email",
             "audit", "imei":
            return .metadata(word)
        default: return .other(word)
        }
    }

    /// The choice lists of the `choices` sheet.
    static func choiceLists(_ sheet: XLSXReader.Result, file: String) throws(XLSFormError) -> [String: [Choice]] {
        let table = sheet.table
        for needed in ["list_name", "name"] where header(needed, in: table) == nil {
            throw XLSFormError(.missingColumn(needed), file: file, sheet: sheet.sheet)
        }
        let listHeader = header("list_name", in: table)!, nameHeader = header("name", in: table)!
        let labels = labelColumns(in: table)
        var lists: [String: [Choice]] = [:]
        for row in 0..<table.rowCount {
            let list = text(table[row, listHeader])
            guard !list.isEmpty else { continue }
            let name = text(table[row, nameHeader])
            guard !name.isEmpty else {
                throw XLSFormError(.missingName, file: file, sheet: sheet.sheet, row: sheet.rowNumbers[row],
                                   column: sheet.firstColumn + table.schema.index(of: nameHeader)!)
            }
            var labelTexts: [String: String] = [:]
            for (header, language) in labels where !text(table[row, header]).isEmpty {
                labelTexts[language] = text(table[row, header])
            }
            lists[list, default: []].append(Choice(name: name, labels: labelTexts))
        }
        return lists
    }

    /// A cell as trimmed text (a number as its shortest text, missing as "").
    static func text(_ value: Value) -> String {
        value.description.trimmingCharacters(in: .whitespaces)
    }
}
