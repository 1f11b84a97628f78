import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// `FileCheck` of a KoboToolbox export with its XLSForm: the form's types and labels
/// say what `q7` holds, and a select_multiple is judged as one question.
@Suite("the check of a Kobo export with its survey form")
struct FileCheckFormTests {
    let export: Table
    let form: XLSForm

    init() throws {
        export = try CSVTableReader.read(bytes: Array(KoboFixture.exportCSV(rows: 200).utf8)).table
        let folder = try TemporaryDirectory()
        try KoboFixture.writeForm(to: folder.file("f.xlsx"))
        form = try XLSForm.read(folder.file("f.xlsx"))
    }

    func check(withForm: Bool) -> (FileCheck, Table) {
        let typed = withForm ? form.applyingTypes(to: export, language: .german) : export
        let (table, questions) = SelectMultiple.joined(typed, form: withForm ? form : nil)
        return (FileCheck(table, fileName: "antworten.csv", form: withForm ? form : nil, selectMultiple: questions), table)
    }

    @Test("the form's labels and types classify columns whose names say nothing")
    func formClassifies() throws {
        let (check, _) = check(withForm: true)
        func guess(_ column: String) throws -> ColumnGuess { try #require(check.guesses.first { $0.column == column }) }
        // A text question labelled "Name der Klientin" is a direct identifier under the name q7.
        #expect(try guess("person/q7").meaning == .personName && guess("person/q7").role == .identifier)
        #expect(try guess("person/q7").reasons.first?.german.contains("„Name der Klientin“ (text)") == true)
        // A date labelled Geburtsdatum is a birth date, not any date.
        #expect(try guess("person/q8").meaning == .birthDate && guess("person/q8").confidence == .high)
        // A geopoint is a GPS position: published as it is, it points to a home.
        #expect(try guess("lage/q12").meaning == .coordinates && guess("lage/q12").confidence == .high)
        #expect(try guess("lage/q12").role != .insensitive)
        #expect(try guess("person/q9").meaning == .gender && guess("person/q9").role == .quasiIdentifier)
        #expect(try guess("person/q10").meaning == .household)
        #expect(try guess("lage/q11").meaning == .place)
        // The select_multiple is one question, about health: sensitive.
        #expect(try guess("lage/q13").meaning == .sensitiveTopic && guess("lage/q13").role == .sensitive)
        #expect(!check.guesses.contains { $0.column.hasPrefix("lage/q13/") })
        #expect(try guess("start").meaning == .eventDate && guess("_uuid").role == .pseudonym)
        if case .directIdentifiers(let columns) = check.verdict {
            #expect(columns == ["person/q7", "lage/q12"])
        } else {
            Issue.record("verdict \(check.verdict)")
        }
    }

    @Test("without the form the same columns are judged by names and values alone")
    func withoutForm() throws {
        let (check, _) = check(withForm: false)
        func guess(_ column: String) throws -> ColumnGuess { try #require(check.guesses.first { $0.column == column }) }
        #expect(try guess("person/q8").meaning == .eventDate)     // a date, but whose?
        #expect(try guess("lage/q11").role == .insensitive)       // codes 1, 2, 3
        #expect(try guess("person/q9").meaning == nil)
        // The select_multiple is still found by its headers and judged once.
        #expect(check.selectMultiple.map(\.column) == ["lage/q13"])
        #expect(check.guesses.filter { $0.column.hasPrefix("lage/q13") }.count == 1)
    }

    @Test("the proposal lists the export's own columns, the split ones with their question's role, and publishes")
    func proposalForTheExport() throws {
        let (check, table) = check(withForm: true)
        let yaml = check.configurationYAML(for: table, in: .german)
        let settings = try PublicationSettings(yaml: yaml)
        #expect(Set(settings.attributes.keys) == Set(export.schema.fieldNames))
        for split in KoboFixture.conditions.map({ "lage/q13/\($0)" }) {
            #expect(settings.attributes[split]?.role == .sensitive, "\(split)")
        }
        #expect(yaml.contains("eine Auswahl der Mehrfachauswahl lage/q13"))
        let result = try Publication(settings: settings, language: .german).run(export, inputName: "antworten.csv")
        #expect(!result.published.schema.fields.contains { $0.name == "person/q7" || $0.name == "lage/q12" })
    }

    @Test("the same export as an Excel workbook is read and judged as the CSV file")
    func excelExport() throws {
        let folder = try TemporaryDirectory()
        var book = XLSXFixture()
        book.addSheet("Antworten", rows: KoboFixture.cells(KoboFixture.exportRows(rows: 200)))
        try book.write(to: folder.file("antworten.xlsx"))
        let workbook = try TableFile.read(folder.file("antworten.xlsx"), sheet: "Antworten")
        #expect(workbook.schema.fieldNames == export.schema.fieldNames && workbook.rowCount == export.rowCount)
        let (table, questions) = SelectMultiple.joined(form.applyingTypes(to: workbook, language: .english), form: form)
        let fromExcel = FileCheck(table, fileName: "antworten.xlsx", form: form, selectMultiple: questions)
        let (fromCSV, _) = check(withForm: true)
        #expect(fromExcel.guesses.map(\.role) == fromCSV.guesses.map(\.role))
        #expect(fromExcel.guesses.map(\.meaning) == fromCSV.guesses.map(\.meaning))
        #expect(fromExcel.verdict == fromCSV.verdict)
    }
}
