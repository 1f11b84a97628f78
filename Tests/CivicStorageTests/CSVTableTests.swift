import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

@Suite struct CSVTableReaderTests {
    private func read(_ text: String, options: CSVTableReader.Options = .init()) throws -> Table {
        try CSVTableReader.read(bytes: Array(text.utf8), name: "t.csv", options: options).table
    }

    @Test func typesAreInferred() throws {
        let table = try read("""
            id,zip,age,income,start,geburt,consent,note
            1,01067,34,1200.5,2024-01-03,03.01.1990,true,hallo
            2,10115,,800,2023-05-09,17.11.1985,false,
            3,12043,-5,1e3,2022-12-01,29.02.2000,TRUE,x
            """)
        #expect(table.schema.fields.map(\.type) == [.integer, .string, .integer, .number, .date, .date, .boolean, .string])
        #expect(table.schema.field(named: "geburt")?.format == Field.germanDateFormat)
        #expect(table[0, "zip"] == .text("01067"))
        #expect(table[1, "age"] == .missing)
        #expect(table[2, "income"] == .number(1000))
        #expect(table[2, "geburt"] == .date(CivicDate(year: 2000, month: 2, day: 29)!))
        #expect(table[1, "note"] == .missing)
    }

    @Test func nonCanonicalIntegersStayText() throws {
        let table = try read("a,b,c\n007,+5,1 000\n1,2,3\n")
        #expect(table.schema.fields.map(\.type) == [.string, .string, .string])
        #expect(table[0, "a"] == .text("007"))
    }

    @Test func decimalCommaNumbers() throws {
        let table = try read("betrag;anzahl\n12,50;3\n-0,75;4\n")
        #expect(table.schema.fields.map(\.type) == [.number, .integer])
        #expect(table[0, "betrag"] == .number(12.5))
        #expect(table[1, "betrag"] == .number(-0.75))
    }

    @Test func aColumnBecomesTextWhenALaterValueDoesNotFit() throws {
        var options = CSVTableReader.Options()
        options.inferenceRows = 2
        let table = try read("n,d\n1,2024-01-01\n2,2024-01-02\nk.A.,unbekannt\n4,2024-01-04\n", options: options)
        #expect(table.schema.fields.map(\.type) == [.string, .string])
        #expect((0..<4).map { table[$0, "n"] } == [.text("1"), .text("2"), .text("k.A."), .text("4")])
        #expect(table[0, "d"] == .text("2024-01-01"))
    }

    @Test func aGivenSchemaIsEnforcedWithLineColumnAndField() {
        let schema = Schema(fields: [Field("id", type: .integer), Field("age", type: .integer)])
        #expect(throws: CSVError(.typeMismatch(expected: .integer), file: "t.csv", line: 3, column: 2, field: "age")) {
            try read("id,age\n1,30\n2,zwei\n", options: .init(schema: schema))
        }
        #expect(throws: CSVError(.missingColumn("age"), file: "t.csv", line: 1)) {
            try read("id\n1\n", options: .init(schema: schema))
        }
        #expect(throws: CSVError(.unexpectedColumn("name"), file: "t.csv", line: 1, column: 3)) {
            try read("id,age,name\n1,2,x\n", options: .init(schema: schema))
        }
    }

    @Test func columnsMayComeInAnyOrderWithASchema() throws {
        let schema = Schema(fields: [Field("id", type: .integer), Field("name", type: .string)])
        let table = try read("name,id\nAnna,1\n", options: .init(schema: schema))
        #expect(table.schema.fieldNames == ["id", "name"])
        #expect(table.row(0) == [.integer(1), .text("Anna")])
    }

    @Test func badHeaders() {
        #expect(throws: CSVError(.duplicateColumn("a"), file: "t.csv", line: 1, column: 2)) { try read("a,a\n1,2\n") }
        #expect(throws: CSVError(.emptyColumnName, file: "t.csv", line: 1, column: 2)) { try read("a,\n1,2\n") }
    }

    @Test func headerOnlyGivesAnEmptyTable() throws {
        let table = try read("a,b\n")
        #expect(table.rowCount == 0)
        #expect(table.schema.fieldNames == ["a", "b"])
    }

    @Test func lenientModeWritesRejectsAndKeepsGoodRows() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("in.csv", text: "id,age\n1,30\n2,31,x\n3,drei\n4,33\n")
        let schema = Schema(fields: [Field("id", type: .integer), Field("age", type: .integer)])
        let rejects = folder.file("rejects.csv")
        let result = try CSVTableReader.read(input, options: .init(schema: schema, rejectsURL: rejects))
        #expect(result.table.rowCount == 2)
        #expect(result.rejectedRows == 2)
        let rejected = try CSVReader(url: rejects).readAllRecords()
        #expect(rejected.map { $0[0] } == ["3", "4"])
        #expect(rejected.map { $0[2] } == ["2,31,x", "3,drei"])
    }
}

@Suite struct CSVRoundTripTests {
    static let schema = Schema(fields: [
        Field("id", type: .integer), Field("name", type: .string), Field("betrag", type: .number),
        Field("tag", type: .date), Field("ok", type: .boolean), Field("geburt", type: .date, format: Field.germanDateFormat),
    ])

    static func table() throws -> Table {
        try Table(schema: schema, rows: [
            [.integer(1), .text("Müller, Anna"), .number(12.5), .date(CivicDate(year: 2024, month: 1, day: 2)!), .boolean(true),
             .date(CivicDate(year: 1990, month: 5, day: 17)!)],
            [.integer(-2), .text("sagt \"ja\"\nund geht"), .missing, .missing, .boolean(false), .missing],
            [.integer(3), .missing, .number(0.1), .date(CivicDate(year: 1999, month: 12, day: 31)!), .missing,
             .date(CivicDate(year: 2000, month: 2, day: 29)!)],
        ])
    }

    @Test(arguments: [CSVDialect.standard, CSVDialect.germanExcel, CSVDialect.tabSeparated])
    func tableToCSVToTable(dialect: CSVDialect) throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("out.csv")
        let original = try Self.table()
        try CSVTableWriter.write(original, to: url, dialect: dialect)
        let back = try CSVTableReader.read(url, options: .init(dialect: dialect, schema: Self.schema)).table
        #expect(back == original)
        #expect(try folder.fileNames() == ["out.csv"], "no temporary file left behind")
    }

    @Test func inferredSchemaRoundTripsToo() throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("out.csv")
        try CSVTableWriter.write(try Self.table(), to: url)
        let back = try CSVTableReader.read(url).table
        #expect(back.schema.fields.map(\.type) == Self.schema.fields.map(\.type))
        #expect(back.columns == (try Self.table()).columns)
    }

    @Test func canonicalCSVRoundTripsByteForByte() throws {
        let text = "id,name,tag\n1,\"Müller, Anna\",2024-01-02\n2,,2024-02-29\n3,\"a \"\"b\"\"\",\n"
        let folder = try TemporaryDirectory()
        let input = try folder.write("in.csv", text: text)
        let table = try CSVTableReader.read(input).table
        #expect(try CSVTableWriter.string(table) == text)
        try CSVTableWriter.write(table, to: folder.file("out.csv"))
        #expect(try String(contentsOf: folder.file("out.csv"), encoding: .utf8) == text)
    }

    @Test func windows1252RoundTripAndUnencodableCharacters() throws {
        let folder = try TemporaryDirectory()
        let url = folder.file("excel.csv")
        let table = try Table(schema: Schema(fields: [Field("ort", type: .string)]), rows: [[.text("Köln – 5 €")]])
        try CSVTableWriter.write(table, to: url, dialect: .germanExcel)
        let bytes = Array(try Data(contentsOf: url))
        #expect(bytes.contains(0x80) && bytes.contains(0xF6), "euro sign and ö as single Windows-1252 bytes")
        #expect(try CSVTableReader.read(url).table == table)

        let polish = try Table(schema: Schema(fields: [Field("name", type: .string)]), rows: [[.text("Łukasz")]])
        #expect(throws: CSVError(.unencodableCharacter, file: folder.file("pl.csv").path, line: 2, column: 1)) {
            try CSVTableWriter.write(polish, to: folder.file("pl.csv"), dialect: .germanExcel)
        }
        #expect(try folder.fileNames() == ["excel.csv"], "a failed write leaves no file")
    }

    /// Large tables are rendered on all cores in runs of rows: the file must hold the
    /// records in order, and an error must name its own line, in a later run too.
    @Test func tablesOfSeveralRunsAreWrittenInOrder() throws {
        let rows = CSVTableWriter.rowsPerRun * 3 + 17
        let schema = Schema(fields: [Field("n", type: .integer), Field("ort", type: .string)])
        let places = ["Köln", "Leipzig, Ost", "Görlitz"]
        let table = try Table(schema: schema, rows: (0..<rows).map { [.integer(Int64($0)), .text(places[$0 % 3])] })
        let folder = try TemporaryDirectory()
        try CSVTableWriter.write(table, to: folder.file("big.csv"), dialect: .germanExcel)
        let back = try CSVTableReader.read(folder.file("big.csv"), options: .init(dialect: .germanExcel, schema: schema)).table
        #expect(back.rowCount == rows)
        let firstWrong = (0..<min(rows, back.rowCount)).first {
            back[$0, "n"] != .integer(Int64($0)) || back[$0, "ort"] != .text(places[$0 % 3])
        }
        #expect(firstWrong == nil, "the records are out of order from this row on")

        // Row 2 × rowsPerRun + 5 (a third run) holds a character Windows-1252 lacks.
        let bad = CSVTableWriter.rowsPerRun * 2 + 5
        let broken = try Table(schema: schema, rows: (0..<rows).map {
            [.integer(Int64($0)), .text($0 == bad || $0 == bad + 1 ? "Łódź" : places[$0 % 3])]
        })
        #expect(throws: CSVError(.unencodableCharacter, file: folder.file("bad.csv").path, line: bad + 2, column: 2)) {
            try CSVTableWriter.write(broken, to: folder.file("bad.csv"), dialect: .germanExcel)
        }
        #expect(try folder.fileNames() == ["big.csv"], "a failed write leaves no file")
    }
}

@Suite("CSV formula defusing")
struct CSVFormulaTests {
    @Test("text a spreadsheet would run gets a leading quote; numbers and ordinary text stay as they are")
    func defusesFormulas() throws {
        let texts = ["=HYPERLINK(\"http://x\",\"klick\")", "+cmd|' /C calc'!A0", "@SUM(1)", "\tTab", "-3", "+4", "-2.5",
                     "-", "- Stichpunkt", "Frau Meier", "3-4"]
        let table = try Table(schema: Schema(fields: [Field("t", type: .string)]), rows: texts.map { [.text($0)] })
        let written = try CSVTableWriter.string(table)
        let back = try CSVTableReader.read(bytes: Array(written.utf8),
                                           options: .init(schema: Schema(fields: [Field("t", type: .string)]))).table
        let values = (0..<back.rowCount).map { back[$0, "t"].description }
        #expect(values == ["'=HYPERLINK(\"http://x\",\"klick\")", "'+cmd|' /C calc'!A0", "'@SUM(1)", "'\tTab", "-3", "+4", "-2.5",
                           "'-", "'- Stichpunkt", "Frau Meier", "3-4"])
        // Machine pipelines can ask for the exact text.
        var exact = CSVDialect.standard
        exact.neutralizesFormulas = false
        #expect(try CSVTableWriter.string(table, dialect: exact).contains("\n\"=HYPERLINK"))
    }
}
