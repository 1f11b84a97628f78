import Foundation

/// A small KoboToolbox survey made up for the tests: its XLSForm (a `survey` sheet
/// with groups, German and English labels, select_one, select_multiple, geopoint,
/// date and a note; a `choices` sheet) and an export of generated answers as Kobo
/// writes it (group paths in the headers, a select_multiple as one column of codes
/// and as 0/1 columns, metadata columns), from a seeded generator.
///
/// ```swift
/// try KoboFixture.writeForm(to: folder.file("formular.xlsx"))
/// try KoboFixture.exportCSV(rows: 200).write(to: folder.file("antworten.csv"), atomically: true, encoding: .utf8)
/// ```
public enum KoboFixture {
    /// The `survey` sheet, header first.
    public static let survey: [[String]] = [
        ["type", "name", "label::German (de)", "label::English (en)", "required"],
        ["start", "start", "", "", ""],
        ["begin_group", "person", "Angaben zur Person", "About the person", ""],
        ["text", "q7", "Name der Klientin", "Name of the client", "yes"],
        ["date", "q8", "Geburtsdatum", "Date of birth", ""],
        ["select_one geschlecht", "q9", "Geschlecht", "Gender", ""],
        ["integer", "q10", "Wie viele Personen leben im Haushalt?", "How many people live in the household?", ""],
        ["end_group", "", "", "", ""],
        ["begin group", "lage", "Lage", "Situation", ""],
        ["select_one bezirk", "q11", "Bezirk", "District", ""],
        ["geopoint", "q12", "Standort", "Location", ""],
        ["select_multiple gesundheit", "q13", "Welche Erkrankungen haben Sie?", "Which conditions do you have?", ""],
        ["end group", "", "", "", ""],
        ["note", "danke", "Vielen Dank!", "Thank you!", ""],
    ]

    /// The `choices` sheet, header first.
    public static let choices: [[String]] = [
        ["list_name", "name", "label::German (de)", "label::English (en)"],
        ["geschlecht", "w", "weiblich", "female"], ["geschlecht", "m", "männlich", "male"],
        ["geschlecht", "d", "divers", "diverse"],
        ["bezirk", "1", "Mitte", "Mitte"], ["bezirk", "2", "Pankow", "Pankow"], ["bezirk", "3", "Spandau", "Spandau"],
        ["gesundheit", "diabetes", "Diabetes", "diabetes"], ["gesundheit", "asthma", "Asthma", "asthma"],
        ["gesundheit", "herz", "Herzkrankheit", "heart disease"], ["gesundheit", "keine", "keine", "none"],
    ]

    /// The codes of the select_multiple question, in the form's order.
    public static let conditions = ["diabetes", "asthma", "herz", "keine"]

    /// The export's header (Kobo's default: group paths, the select_multiple whole and split).
    public static let header = ["start", "person/q7", "person/q8", "person/q9", "person/q10", "lage/q11", "lage/q12",
                                "lage/q13"] + conditions.map { "lage/q13/\($0)" } + ["_uuid", "_index"]

    /// Writes the form as a workbook; `survey` and `choices` replace the sheets (for broken forms).
    public static func writeForm(to url: URL, survey: [[String]] = survey, choices: [[String]]? = choices) throws {
        var book = XLSXFixture()
        book.addSheet("survey", rows: cells(survey))
        if let choices { book.addSheet("choices", rows: cells(choices)) }
        try book.write(to: url)
    }

    /// Rows of texts as cells: shared strings, an empty text no cell at all.
    public static func cells(_ rows: [[String]]) -> [[(String, XLSXFixture.Cell)]] {
        rows.enumerated().map { index, row in
            row.enumerated().compactMap { column, text in
                text.isEmpty ? nil : (XLSXFixture.columnName(column + 1) + String(index + 1), .shared(text))
            }
        }
    }

    /// The export's rows (header first) for `rows` made-up respondents.
    public static func exportRows(rows: Int, seed: UInt64 = 18) -> [[String]] {
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        let first = ["Zora", "Quenby", "Ilvy", "Ondine", "Maelle", "Yuna", "Sefa", "Talia"]
        let last = ["Vandersloot", "Okonkwo", "Przybylski", "Ngata", "Lindqvist", "Haddad"]
        var result = [header]
        for index in 0..<rows {
            let chosen = conditions.map { _ in next(3) == 0 }
            let codes = zip(conditions, chosen).filter(\.1).map(\.0)
            var row = ["2025-03-\(String(format: "%02d", 1 + next(28)))T09:\(10 + next(50)):00",
                       "\(first[next(first.count)]) \(last[next(last.count)])",
                       "\(1940 + next(60))-\(String(format: "%02d", 1 + next(12)))-\(String(format: "%02d", 1 + next(28)))",
                       ["w", "m", "d"][next(3)], "\(1 + next(6))", "\(1 + next(3))",
                       "52.\(next(99_999)) 13.\(next(99_999)) 0 5", codes.joined(separator: " ")]
            row += chosen.map { $0 ? "1" : "0" }
            row += ["uuid-\(index)-\(next(1_000_000))", "\(index + 1)"]
            result.append(row)
        }
        return result
    }

    /// The export as CSV text.
    public static func exportCSV(rows: Int, seed: UInt64 = 18) -> String {
        exportRows(rows: rows, seed: seed).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
