import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The XLSForm of a KoboToolbox / ODK survey: questions with group paths, types and
/// labels, choice lists, the export's columns matched to them, and clear errors.
@Suite struct XLSFormTests {
    private let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    private func form(survey: [[String]] = KoboFixture.survey, choices: [[String]]? = KoboFixture.choices,
                      name: String = "formular.xlsx") throws -> XLSForm {
        let url = folder.file(name)
        try? FileManager.default.removeItem(at: url)
        try KoboFixture.writeForm(to: url, survey: survey, choices: choices)
        return try XLSForm.read(url)
    }

    @Test("questions carry their group path, type, labels in German and English, and the sheet row")
    func questions() throws {
        let form = try form()
        #expect(form.questions.map(\.path) == ["start", "person/q7", "person/q8", "person/q9", "person/q10", "lage/q11",
                                               "lage/q12", "lage/q13", "danke"])
        let q7 = try #require(form.questions.first { $0.name == "q7" })
        #expect(q7.type == .text && q7.row == 4 && q7.groups == ["person"] && !q7.inRepeat)
        #expect(q7.label(in: .german) == "Name der Klientin" && q7.label(in: .english) == "Name of the client")
        #expect(form.questions.map(\.type.name) == ["start", "text", "date", "select_one geschlecht", "integer",
                                                    "select_one bezirk", "geopoint", "select_multiple gesundheit", "note"])
        #expect(form.choices["gesundheit"]?.map(\.name) == KoboFixture.conditions)
        #expect(form.choices["bezirk"]?.first?.labels["German (de)"] == "Mitte")
        #expect(form.choices["geschlecht"]?[1].labels["English (en)"] == "male")
    }

    @Test("repeats mark their questions, and a plain label serves every language")
    func repeatsAndPlainLabels() throws {
        let form = try form(survey: [["type", "name", "label"], ["begin_repeat", "mitglied", "Mitglied"],
                                     ["integer", "alter", "Alter"], ["end_repeat"], ["text", "ort", "Wohnort"]], choices: nil)
        #expect(form.questions.map(\.path) == ["mitglied/alter", "ort"])
        #expect(form.questions.map(\.inRepeat) == [true, false])
        #expect(form.questions[0].label(in: .english) == "Alter")
    }

    @Test("an export's columns find their questions by path (Kobo, ODK), by name and by label")
    func columnsToQuestions() throws {
        let form = try form()
        #expect(form.question(forColumn: "person/q7")?.name == "q7")
        #expect(form.question(forColumn: "person-q8")?.name == "q8")
        #expect(form.question(forColumn: "q9")?.name == "q9")
        #expect(form.question(forColumn: "Standort")?.name == "q12")
        #expect(form.question(forColumn: "_uuid") == nil)
        #expect(form.question(forColumn: "lage/q13/diabetes") == nil)
        let split = try #require(form.splitChoice(forColumn: "lage/q13/asthma"))
        #expect(split.question.name == "q13" && split.choice.name == "asthma")
        #expect(form.splitChoice(forColumn: "lage/q13/krebs") == nil)
    }

    @Test("the form's types win over inference: select codes stay text, integers are numbers, dates are dates")
    func typesFromTheForm() throws {
        let export = try CSVTableReader.read(bytes: Array(KoboFixture.exportCSV(rows: 50).utf8)).table
        #expect(export.column(named: "lage/q11")?.type == .integer)   // the codes 1, 2, 3, read alone
        let typed = try form().applyingTypes(to: export, language: .german)
        #expect(typed.column(named: "lage/q11")?.type == .string)
        #expect(typed[0, "lage/q11"] == .text(export[0, "lage/q11"].description))
        #expect(typed.column(named: "person/q10")?.type == .integer)
        #expect(typed.column(named: "person/q8")?.type == .date)
        #expect(typed.schema.field(named: "person/q7")?.title == "Name der Klientin")
        #expect(try form().applyingTypes(to: export, language: .english).schema.field(named: "person/q7")?.title == "Name of the client")
        // Columns the form does not ask for stay as they are.
        #expect(typed.column(named: "_index")?.type == .integer)
        #expect(typed.rowCount == export.rowCount)
    }

    @Test("a bad form is named by file, sheet, cell and what is wrong, in German and English",
          arguments: [
            ("type", "kein type", "Blatt „survey“", "„type“"),
            ("list", "unbekannte Liste", "Blatt „survey“, Zelle A3", "„farben“ fehlt"),
            ("end", "end_group zu viel", "Blatt „survey“, Zelle A3", "„end_group“ ohne"),
            ("open", "begin_group offen", "Blatt „survey“, Zelle A2", "„g1“ wird nie geschlossen"),
            ("name", "ohne Namen", "Blatt „survey“, Zelle B2", "keinen Namen"),
            ("choices", "choices ohne list_name", "Blatt „choices“", "„list_name“"),
          ])
    func badForms(kind: String, _ what: String, place: String, reason: String) throws {
        var survey: [[String]] = [["type", "name", "label"]]
        var choices: [[String]]? = [["list_name", "name", "label"], ["ja_nein", "ja", "Ja"]]
        switch kind {
        case "type": survey = [["typ", "name", "label"], ["text", "vorname", "Vorname"]]
        case "list": survey += [["text", "vorname", "Vorname"], ["select_one farben", "farbe", "Farbe"]]
        case "end": survey += [["text", "vorname", "Vorname"], ["end_group", "", ""]]
        case "open": survey += [["begin_group", "g1", "Gruppe"], ["text", "vorname", "Vorname"]]
        case "name": survey += [["text", "", "Vorname"]]
        default: survey += [["select_one ja_nein", "einverstanden", "Einverstanden?"]]; choices = [["liste", "name"], ["ja_nein", "ja"]]
        }
        let url = folder.file("kaputt-\(kind).xlsx")
        try KoboFixture.writeForm(to: url, survey: survey, choices: choices)
        do throws(XLSFormError) {
            _ = try XLSForm.read(url)
            Issue.record("\(what): no error")
        } catch {
            let german = error.message(in: .german), english = error.message(in: .english)
            #expect(german.hasPrefix("kaputt-\(kind).xlsx, \(place)"), "\(what): \(german)")
            #expect(german.contains(reason), "\(what): \(german)")
            #expect(english.contains("sheet '") && !english.contains("Blatt"), "\(what): \(english)")
            // The labels (what a respondent would read) never appear.
            #expect(!german.contains("Vorname") && !german.contains("Einverstanden"), "\(what): \(german)")
        }
    }

    @Test("a form without a survey sheet, and a select without a choices sheet, are named")
    func missingSheets() throws {
        let url = folder.file("leer.xlsx")
        var book = XLSXFixture()
        book.addSheet("Tabelle1", [["A1": .shared("type")]])
        try book.write(to: url)
        #expect(throws: XLSFormError(.missingSheet("survey"), file: "leer.xlsx")) { try XLSForm.read(url) }
        #expect(throws: XLSFormError(.missingSheet("choices"), file: "formular.xlsx")) {
            try form(survey: [["type", "name"], ["select_multiple x", "y"]], choices: nil)
        }
    }
}
