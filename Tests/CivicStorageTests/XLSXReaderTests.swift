import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

@Suite struct XLSXReaderTests {
    private let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    /// Writes `book` and reads it back.
    private func read(_ book: XLSXFixture, name: String = "book.xlsx",
                      options: XLSXReader.Options = .init()) throws -> XLSXReader.Result {
        let url = folder.file(name)
        try? FileManager.default.removeItem(at: url)
        try book.write(to: url)
        return try XLSXReader.read(url, options: options)
    }

    private func table(_ rows: [KeyValuePairs<String, XLSXFixture.Cell>], merges: [String] = [],
                       date1904: Bool = false) throws -> Table {
        var book = XLSXFixture(date1904: date1904)
        book.addSheet("Daten", rows, merges: merges)
        return try read(book).table
    }

    private func values(_ table: Table, _ name: String) -> [Value] {
        (0..<table.rowCount).map { table[$0, name] }
    }

    private func date(_ year: Int, _ month: Int, _ day: Int) -> Value {
        .date(CivicDate(year: year, month: month, day: day)!)
    }

    // MARK: Cell types

    @Test("shared, inline and rich-text strings become text; phonetic guides are left out")
    func strings() throws {
        let table = try table([
            ["A1": .shared("name"), "B1": .shared("ort")],
            ["A2": .shared("Anna"), "B2": .inline("Köln & Bonn")],
            ["A3": .rich(["Ber", "nd"]), "B3": .inline("  mit Leerzeichen ")],
            ["A4": .shared("Zeile_x000D_\nzwei"), "B4": .formula("\"x\"&\"y\"", result: "x_x005F_y_x000D_", type: "str")],
        ])
        #expect(table.schema.fields.map(\.type) == [.string, .string])
        #expect(values(table, "name") == [.text("Anna"), .text("Bernd"), .text("Zeile\r\nzwei")])
        #expect(values(table, "ort") == [.text("Köln & Bonn"), .text("  mit Leerzeichen "), .text("x_y\r")])
    }

    @Test("numbers, booleans and formula results are typed as the CSV reader types them")
    func numbersBooleansFormulas() throws {
        let table = try table([
            ["A1": .shared("n"), "B1": .shared("betrag"), "C1": .shared("ok"), "D1": .shared("summe"), "E1": .shared("plz")],
            ["A2": .number("1"), "B2": .number("12.5"), "C2": .boolean(true), "D2": .formula("A2+A3", result: "3", type: nil),
             "E2": .shared("01067")],
            ["A3": .number("2"), "B3": .number("0.30000000000000004"), "C3": .boolean(false),
             "D3": .formula("A3>1", result: "1", type: "b"), "E3": .shared("10115")],
            ["A4": .number("-3"), "B4": .number("1.0E-3"), "C4": .formula("TRUE()", result: "1", type: "b"),
             "D4": .formula("1/0", result: nil, type: nil), "E4": .number("12043")],
        ])
        #expect(table.schema.fields.map(\.type) == [.integer, .number, .boolean, .string, .string])
        #expect(values(table, "n") == [.integer(1), .integer(2), .integer(-3)])
        #expect(values(table, "betrag") == [.number(12.5), .number(0.30000000000000004), .number(0.001)])
        #expect(values(table, "ok") == [.boolean(true), .boolean(false), .boolean(true)])
        // A number and a boolean in one column make it text, as in CSV; the formula
        // without a cached result is missing.
        #expect(values(table, "summe") == [.text("3"), .text("true"), .missing])
        #expect(values(table, "plz") == [.text("01067"), .text("10115"), .text("12043")])
    }

    @Test("whole numbers written with a fraction become integers, as a CSV export writes them")
    func wholeNumbersWithFraction() throws {
        let table = try table([["A1": .shared("n")], ["A2": .number("3.0")], ["A3": .number("1.5E+2")]])
        #expect(values(table, "n") == [.integer(3), .integer(150)])
    }

    @Test("error cells and absent cells are missing; rows without cells are skipped")
    func errorsAndSparseCells() throws {
        let table = try table([
            ["A1": .shared("a"), "B1": .shared("b"), "C1": .shared("c"), "D1": .shared("d")],
            ["A2": .number("1"), "D2": .number("4")],
            ["B4": .error("#DIV/0!"), "C4": .shared("x"), "D4": .blank],
            ["A5": .blank, "C5": .blank],
            ["A6": .error("#N/A"), "C6": .shared("y"), "D6": .number("6")],
        ])
        #expect(table.rowCount == 3)
        #expect(table.row(0) == [.integer(1), .missing, .missing, .integer(4)])
        #expect(table.row(1) == [.missing, .missing, .text("x"), .missing])
        #expect(table.row(2) == [.missing, .missing, .text("y"), .integer(6)])
        #expect(table.schema.fields.map(\.type) == [.integer, .string, .string, .integer])
    }

    @Test("a table may start right of column A and below row 1; every column with a value is kept")
    func tableOffset() throws {
        let table = try table([
            ["C3": .shared("id"), "D3": .shared("wert")],
            ["C4": .number("1"), "D4": .number("10")],
            ["C5": .number("2"), "D5": .number("20")],
        ])
        #expect(table.schema.fieldNames == ["id", "wert"])
        #expect(values(table, "wert") == [.integer(10), .integer(20)])
    }

    // MARK: Dates

    @Test("dates in the 1900 system: 45292 is 2024-01-01, and Excel's 29 February 1900 is kept apart")
    func dates1900() throws {
        let table = try table([
            ["A1": .shared("datum"), "B1": .shared("früh"), "C1": .shared("zeit")],
            ["A2": .styled("45292", .shortDate), "B2": .styled("59", .shortDate), "C2": .styled("0.5", .time)],
            ["A3": .styled("45292.75", .shortDate), "B3": .styled("61", .shortDate), "C3": .styled("0.25", .time)],
            ["A4": .styled("1", .shortDate), "B4": .styled("60", .shortDate), "C4": .styled("0.75", .time)],
        ])
        #expect(values(table, "datum") == [date(2024, 1, 1), date(2024, 1, 1), date(1900, 1, 1)])
        #expect(table.schema.field(named: "datum")?.type == .date)
        // 59 is 28 February 1900, 61 is 1 March; 60 is the day that never was, so the
        // column stays text.
        #expect(values(table, "früh") == [.text("1900-02-28"), .text("1900-03-01"), .text("1900-02-29")])
        // A time format shows no date: the number stays.
        #expect(values(table, "zeit") == [.number(0.5), .number(0.25), .number(0.75)])
    }

    @Test("dates in the 1904 system are 1462 days below the 1900 system's serials")
    func dates1904() throws {
        let table = try table([
            ["A1": .shared("datum")],
            ["A2": .styled("43830", .shortDate)],
            ["A3": .styled("0", .shortDate)],
        ], date1904: true)
        #expect(values(table, "datum") == [date(2024, 1, 1), date(1904, 1, 1)])
    }

    @Test("custom date formats are dates; a currency format with quoted 'day' is not")
    func customDateFormats() throws {
        let table = try table([
            ["A1": .shared("geburt"), "B1": .shared("lang"), "C1": .shared("betrag")],
            ["A2": .styled("32874", .germanDate), "B2": .styled("45443", .longDate), "C2": .styled("12.5", .currency)],
        ])
        #expect(table.row(0) == [date(1990, 1, 1), date(2024, 5, 31), .number(12.5)])
        #expect(table.schema.fields.map(\.type) == [.date, .date, .number])
    }

    // MARK: Sheets

    @Test("the first sheet by default, another by name; sheetNames lists them in order")
    func sheetSelection() throws {
        var book = XLSXFixture()
        book.addSheet("Personen", [["A1": .shared("name")], ["A2": .shared("Anna")]])
        book.addSheet("Spenden 2024", [["A1": .shared("betrag")], ["A2": .number("50")], ["A3": .number("20.5")]])
        let url = folder.file("sheets.xlsx")
        try book.write(to: url)
        let first = try XLSXReader.read(url)
        #expect(first.sheet == "Personen")
        #expect(first.table.schema.fieldNames == ["name"])
        let second = try XLSXReader.read(url, options: .init(sheet: "Spenden 2024"))
        #expect(second.sheet == "Spenden 2024")
        #expect(values(second.table, "betrag") == [.number(50), .number(20.5)])
        #expect(try XLSXReader.sheetNames(in: url) == ["Personen", "Spenden 2024"])
    }

    @Test("an unknown sheet name is an error listing the sheets")
    func unknownSheet() throws {
        var book = XLSXFixture()
        book.addSheet("Personen", [["A1": .shared("name")]])
        book.addSheet("Spenden", [["A1": .shared("betrag")]])
        let url = folder.file("sheets.xlsx")
        try book.write(to: url)
        let expected = XLSXError(.unknownSheet("Kasse", available: ["Personen", "Spenden"]), file: url.path)
        #expect(throws: expected) { try XLSXReader.read(url, options: .init(sheet: "Kasse")) }
        #expect(expected.message(in: .german).hasSuffix("Die Mappe hat kein Blatt „Kasse“, nur „Personen“, „Spenden“."))
    }

    // MARK: Header

    @Test("a merged header cell names every column it covers, with suffixes; data cells are not filled")
    func mergedHeader() throws {
        let table = try table([
            ["A1": .shared("id"), "B1": .shared("Kontakt"), "C1": .blank, "E1": .shared("Kontakt_2")],
            ["A2": .number("1"), "B2": .shared("Anna"), "C2": .shared("a@example.org"), "D2": .shared("x"), "E2": .number("5")],
            ["A3": .number("2"), "B3": .shared("Bernd")],
        ], merges: ["B1:D1", "B3:D3"])
        #expect(table.schema.fieldNames == ["id", "Kontakt", "Kontakt_3", "Kontakt_4", "Kontakt_2"])
        #expect(table.row(1) == [.integer(2), .text("Bernd"), .missing, .missing, .missing])
    }

    @Test("a header row below a title can be chosen; rows above it are ignored")
    func chosenHeaderRow() throws {
        var book = XLSXFixture()
        book.addSheet("Daten", [
            ["A1": .shared("Mitgliederliste 2024")],
            ["A3": .shared("id"), "B3": .shared("name")],
            ["A4": .number("1"), "B4": .shared("Anna")],
        ])
        let result = try read(book, options: .init(headerRow: 3))
        #expect(result.headerRow == 3)
        #expect(result.table.schema.fieldNames == ["id", "name"])
        #expect(result.table.rowCount == 1)
        let url = folder.file("book.xlsx")
        #expect(throws: XLSXError(.emptyColumnName, file: url.path, sheet: "Daten", row: 1, column: 2)) {
            try XLSXReader.read(url)
        }
        #expect(throws: XLSXError(.emptyHeaderRow, file: url.path, sheet: "Daten", row: 2)) {
            try XLSXReader.read(url, options: .init(headerRow: 2))
        }
    }

    @Test("a header naming a column twice is an error, as in CSV")
    func duplicateHeader() throws {
        var book = XLSXFixture()
        book.addSheet("Daten", [["A1": .shared("name"), "B1": .shared("name")], ["A2": .number("1")]])
        #expect(throws: XLSXError(.duplicateColumn("name"), file: folder.file("book.xlsx").path, sheet: "Daten",
                                  row: 1, column: 2)) {
            try read(book)
        }
    }

    @Test("German umlauts and ß survive in names and values, shared or inline")
    func umlauts() throws {
        let table = try table([
            ["A1": .shared("Straße"), "B1": .inline("Größe")],
            ["A2": .shared("Königsallee"), "B2": .inline("Übergröße")],
            ["A3": .inline("Äußere Füße"), "B3": .shared("ÄÖÜäöüß")],
        ])
        #expect(table.schema.fieldNames == ["Straße", "Größe"])
        #expect(table.row(0) == [.text("Königsallee"), .text("Übergröße")])
        #expect(table.row(1) == [.text("Äußere Füße"), .text("ÄÖÜäöüß")])
    }

    @Test("elements with a namespace prefix (x:c) are read like plain ones")
    func prefixedElements() throws {
        var book = XLSXFixture()
        book.elementPrefix = "x:"
        book.addSheet("Daten", [["A1": .shared("n")], ["A2": .number("7")]])
        #expect(values(try read(book).table, "n") == [.integer(7)])
    }

    @Test("cells and rows without references follow the ones before them")
    func implicitReferences() throws {
        var book = XLSXFixture()
        book.addSheet("Daten", rawXML: """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>\
            <row><c><v>1</v></c><c><v>2</v></c></row>\
            <row r="5"><c r="B5"><v>4</v></c></row>\
            <row><c><v>5</v></c></row></sheetData></worksheet>
            """)
        let table = try read(book).table
        #expect(table.rowCount == 3)
        #expect(values(table, "a") == [.integer(1), .missing, .integer(5)])
        #expect(values(table, "b") == [.integer(2), .integer(4), .missing])
    }

    @Test("a sheet of many chunks is read whole; an error early in it stops the read")
    func largeSheet() throws {
        let rows = 20_000
        var cells: [[(String, XLSXFixture.Cell)]] = [[("A1", .shared("id")), ("B1", .shared("name")), ("C1", .shared("betrag"))]]
        for row in 2...(rows + 1) {
            cells.append([("A\(row)", .number("\(row - 1)")), ("B\(row)", .shared("Person \(row % 500)")),
                          ("C\(row)", .number("\(Double(row) / 4)"))])
        }
        var book = XLSXFixture()
        book.addSheet("Daten", rows: cells)
        let table = try read(book).table
        #expect(table.rowCount == rows)
        #expect(table.schema.fields.map(\.type) == [.integer, .string, .number])
        #expect(table.row(rows - 1) == [.integer(Int64(rows)), .text("Person \((rows + 1) % 500)"), .number(Double(rows + 1) / 4)])
        cells[3] = [("B4", .number("1")), ("A4", .number("2"))]
        var broken = XLSXFixture()
        broken.addSheet("Daten", rows: cells)
        #expect(throws: XLSXError(.cellOutOfOrder, file: folder.file("book.xlsx").path, sheet: "Daten", row: 4, column: 1)) {
            try read(broken)
        }
    }

    // MARK: Same as CSV

    @Test("an XLSX sheet and a CSV file of the same cells give equal tables")
    func sameAsCSV() throws {
        let rows: [[String]] = [
            ["id", "plz", "alter", "einkommen", "start", "geburt", "zustimmung", "notiz"],
            ["1", "01067", "34", "1200.5", "2024-01-03", "03.01.1990", "true", "hallo"],
            ["2", "10115", "", "800", "2023-05-09", "17.11.1985", "false", ""],
            ["3", "12043", "-5", "1000", "2022-12-01", "29.02.2000", "TRUE", "Grüße, „zitiert“"],
        ]
        let csv = rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n")
        let fromCSV = try CSVTableReader.read(bytes: Array(csv.utf8), name: "t.csv").table
        // Text cells as texts, number cells as numbers, dates as date-formatted serials,
        // booleans as booleans: what Excel holds after opening that CSV.
        var book = XLSXFixture()
        let cells = rows.enumerated().map { rowIndex, row in
            row.enumerated().compactMap { column, text -> (String, XLSXFixture.Cell)? in
                text.isEmpty ? nil : ("\(["A", "B", "C", "D", "E", "F", "G", "H"][column])\(rowIndex + 1)",
                                      Self.excelCell(text, row: rowIndex, column: column))
            }
        }
        book.addSheet("Daten", rows: cells)
        let fromXLSX = try read(book).table
        #expect(fromXLSX.schema.fields.map(\.type) == [.integer, .string, .integer, .number, .date, .date, .boolean, .string])
        #expect(fromXLSX == fromCSV)
    }

    /// How Excel holds the CSV text in column `column` (see `sameAsCSV`).
    private static func excelCell(_ text: String, row: Int, column: Int) -> XLSXFixture.Cell {
        guard row > 0 else { return .shared(text) }
        switch column {
        case 0, 2, 3: return .number(text)
        case 4:
            let serials = ["2024-01-03": "45294", "2023-05-09": "45055", "2022-12-01": "44896"]
            return .styled(serials[text]!, .shortDate)
        case 6 where text != "TRUE": return .boolean(text == "true")
        case 6: return .inline(text)
        default: return .shared(text)
        }
    }

    // MARK: Errors

    @Test("a file that is not a ZIP archive is an error naming the file; an .xls is told apart")
    func notAnArchive() throws {
        let text = try folder.write("daten.xlsx", text: "id,name\n1,Anna\n")
        #expect(throws: XLSXError(.notAnArchive, file: text.path)) { try XLSXReader.read(text) }
        let message = XLSXError(.notAnArchive, file: text.path).message(in: .english)
        #expect(message.hasPrefix(text.path + ": "))
        #expect(!message.contains("Anna"))
        let legacy = try folder.write("alt.xls", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504))
        #expect(throws: XLSXError(.legacyOrEncryptedWorkbook, file: legacy.path)) { try XLSXReader.read(legacy) }
        let missing = folder.file("fehlt.xlsx")
        let error = #expect(throws: XLSXError.self) { try XLSXReader.read(missing) }
        #expect(error?.file == missing.path)
        guard case .io = error?.kind else {
            Issue.record("a missing file is an input/output error")
            return
        }
    }

    @Test("a ZIP archive without a workbook is an error naming the missing part")
    func zipWithoutWorkbook() throws {
        let url = folder.file("andere.zip")
        try XLSXFixture.zip([("readme.txt", "Hallo")], to: url)
        #expect(throws: XLSXError(.missingPart("xl/workbook.xml"), file: url.path)) { try XLSXReader.read(url) }
    }

    @Test("cells out of order are an error naming sheet and cell, never the value")
    func cellsOutOfOrder() throws {
        var book = XLSXFixture()
        book.addSheet("Daten", [["A1": .shared("a"), "B1": .shared("b")], ["B2": .shared("Geheim"), "A2": .shared("x")]])
        let url = folder.file("book.xlsx")
        let expected = XLSXError(.cellOutOfOrder, file: url.path, sheet: "Daten", row: 2, column: 1)
        #expect(throws: expected) { try read(book) }
        #expect(expected.message(in: .english) == url.path + ", sheet 'Daten', cell A2: the cell is out of ascending order; the file is damaged.")
        var rows = XLSXFixture()
        rows.addSheet("Daten", [["A3": .shared("a")], ["A2": .shared("b")]])
        #expect(throws: XLSXError(.cellOutOfOrder, file: url.path, sheet: "Daten", row: 2)) { try read(rows) }
    }

    @Test("a reference to a shared string that does not exist names the cell")
    func invalidSharedString() throws {
        var book = XLSXFixture()
        book.addSheet("Daten", rawXML: """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>\
            <row r="2"><c r="A2" t="s"><v>7</v></c></row></sheetData></worksheet>
            """)
        #expect(throws: XLSXError(.invalidSharedString, file: folder.file("book.xlsx").path, sheet: "Daten", row: 2, column: 1)) {
            try read(book)
        }
    }

    @Test("malformed XML is an error naming the part and its line")
    func malformedXML() throws {
        var book = XLSXFixture()
        book.addSheet("Daten", rawXML: """
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>
            <row r="2"><c r="A2"><v>1</v></row>
            </sheetData></worksheet>
            """)
        #expect(throws: XLSXError(.malformedXML, file: folder.file("book.xlsx").path, sheet: "Daten",
                                  part: "xl/worksheets/sheet1.xml", line: 4)) {
            try read(book)
        }
    }

    @Test("an empty sheet is an error")
    func emptySheet() throws {
        var book = XLSXFixture()
        book.addSheet("Leer", [])
        #expect(throws: XLSXError(.emptySheet, file: folder.file("book.xlsx").path, sheet: "Leer")) { try read(book) }
    }

    @Test("messages exist in German and English and name the place")
    func messages() {
        let error = XLSXError(.emptyColumnName, file: "mappe.xlsx", sheet: "Daten", row: 3, column: 28)
        #expect(error.cellReference == "AB3")
        #expect(error.message(in: .german) == "mappe.xlsx, Blatt „Daten“, Zelle AB3: Eine Spalte der Kopfzeile hat keinen Namen.")
        #expect(error.message(in: .english) == "mappe.xlsx, sheet 'Daten', cell AB3: a header column has no name.")
        let xml = XLSXError(.malformedXML, file: "mappe.xlsx", part: "xl/styles.xml", line: 2)
        #expect(xml.message(in: .german) == "mappe.xlsx, Teil xl/styles.xml, XML-Zeile 2: Das XML ist fehlerhaft; die Datei ist beschädigt.")
    }
}
