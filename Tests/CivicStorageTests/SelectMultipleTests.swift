import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// A select_multiple question as one column again: with the form, by the headers,
/// from the whole column or the split 0/1 columns.
@Suite struct SelectMultipleTests {
    let export: Table
    let form: XLSForm

    init() throws {
        export = try CSVTableReader.read(bytes: Array(KoboFixture.exportCSV(rows: 120).utf8)).table
        let folder = try TemporaryDirectory()
        try KoboFixture.writeForm(to: folder.file("f.xlsx"))
        form = try XLSForm.read(folder.file("f.xlsx"))
    }

    /// The export without some columns.
    func without(_ names: Set<String>) throws -> Table {
        try export.selecting(export.schema.fieldNames.filter { !names.contains($0) })
    }

    @Test("whole and split columns: the whole one is kept, the four split ones go", arguments: [true, false])
    func wholeAndSplit(withForm: Bool) throws {
        let (table, questions) = SelectMultiple.joined(export, form: withForm ? form : nil)
        #expect(questions == [SelectMultiple(column: "lage/q13", hasWholeColumn: true,
                                             splitColumns: KoboFixture.conditions.map { "lage/q13/\($0)" },
                                             choices: KoboFixture.conditions)])
        #expect(table.columnCount == export.columnCount - 4)
        #expect(table.column(named: "lage/q13") == export.column(named: "lage/q13"))
    }

    @Test("split columns alone are joined into the whole column, in its place", arguments: [true, false])
    func splitOnly(withForm: Bool) throws {
        let split = try without(["lage/q13"])
        let (table, questions) = SelectMultiple.joined(split, form: withForm ? form : nil)
        #expect(questions.map(\.column) == ["lage/q13"] && questions.first?.hasWholeColumn == false)
        #expect(table.schema.fieldNames == export.schema.fieldNames.filter { !$0.hasPrefix("lage/q13/") })
        // Equal to the whole column Kobo wrote, row by row.
        let joined = try #require(table.column(named: "lage/q13")), whole = try #require(export.column(named: "lage/q13"))
        for row in 0..<export.rowCount { #expect(joined.value(at: row) == whole.value(at: row), "row \(row)") }
    }

    @Test("without a form, 0/1 columns that are not a select_multiple stay as they are")
    func noFalseJoins() throws {
        var rows: [[Value]] = []
        for i in 0..<30 {
            let codes = ["a b", "c", "a"][i % 3]
            let row: [Value] = [.integer(Int64(i % 2)), .integer(Int64(i % 5)), .integer(Int64(i % 7)),
                                .integer(Int64((i / 2) % 2)), .text(codes), .integer(Int64(i % 2))]
            rows.append(row)
        }
        let table = try Table(schema: Schema(fields: [
            Field("haushalt/tv", type: .integer), Field("haushalt/kinder", type: .integer), Field("haushalt/alter", type: .integer),
            Field("person/ja", type: .integer), Field("farben", type: .string), Field("farben/x", type: .integer),
        ]), rows: rows)
        // One 0/1 column in a group of counts; a whole column whose codes are not the split ones.
        #expect(SelectMultiple.find(in: table).isEmpty)
        #expect(SelectMultiple.joined(table).table == table)
    }
}
