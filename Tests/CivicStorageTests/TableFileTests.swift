import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// Every tool reads CSV and Excel alike through `TableFile`.
@Suite("a table from a CSV file or an Excel workbook")
struct TableFileTests {
    @Test("a workbook is read by its sheet, a CSV file by its dialect, and a sheet named for a CSV file is refused")
    func readsBoth() throws {
        let folder = try TemporaryDirectory()
        let csv = folder.file("faelle.csv")
        try Data("alter;bezirk\n34;Mitte\n51;Pankow\n".utf8).write(to: csv)
        var book = XLSXFixture()
        book.addSheet("Deckblatt", rows: [[("A1", .inline("Beratungsstelle Nord"))]])
        book.addSheet("Fälle", rows: [[("A1", .shared("alter")), ("B1", .shared("bezirk"))],
                                      [("A2", .number("34")), ("B2", .shared("Mitte"))],
                                      [("A3", .number("51")), ("B3", .shared("Pankow"))]])
        let workbook = folder.file("Faelle.XLSX")
        try book.write(to: workbook)

        #expect(TableFile.isWorkbook(workbook) && !TableFile.isWorkbook(csv))
        let fromCSV = try TableFile.read(csv)
        let fromSheet = try TableFile.read(workbook, sheet: "Fälle")
        #expect(fromSheet == fromCSV)
        #expect(fromSheet.schema.fields.map(\.type) == [.integer, .string])
        // The first sheet is the default: here a cover sheet, not the cases.
        #expect(try TableFile.read(workbook).schema.fields.map(\.name) == ["Beratungsstelle Nord"])
        #expect(throws: XLSXError.self) { try TableFile.read(csv, sheet: "Fälle") }
        #expect(throws: XLSXError.self) { try TableFile.read(workbook, sheet: "2025") }
    }

    @Test("an HXL hashtag row is taken out, kept as the columns' hashtags, and the types are inferred without it")
    func hxlHashtags() throws {
        let folder = try TemporaryDirectory()
        let tagged = folder.file("3w.csv")
        try Data("""
            Name,Bezirk,Alter,Sektor,Anmerkung
            #affected+name,#adm2 +name,#affected+age,#sector,
            Anna Beispiel,Mitte,34,Bildung,
            Ben Muster,Pankow,51,Gesundheit,rief an

            """.utf8).write(to: tagged)
        let (table, hashtags) = try TableFile.readWithHashtags(tagged)
        #expect(table.rowCount == 2)
        #expect(table.schema.field(named: "Alter")?.type == .integer)
        #expect(hashtags?.hashtag(of: "Name") == "#affected+name")
        #expect(hashtags?.hashtag(of: "Bezirk") == "#adm2+name")
        #expect(hashtags?.hashtag(of: "Anmerkung") == nil)
        #expect(try TableFile.read(tagged) == table)
        // A first row of data is data, even with a value that starts with #.
        let plain = folder.file("plain.csv")
        try Data("Name,Nummer\n#affected,12\nBen,13\n".utf8).write(to: plain)
        #expect(try TableFile.readWithHashtags(plain).hashtags == nil)
        #expect(try TableFile.read(plain).rowCount == 2)
        #expect(HXLHashtags.isHashtag("#adm1+code") && !HXLHashtags.isHashtag("#1") && !HXLHashtags.isHashtag("Mitte"))
    }
}
