import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicTestSupport
import Foundation
import Testing

/// civic-check as a user runs it: the bundled example in, a verdict, a report and a
/// proposal out, in German or English, and clear errors.
@Suite struct CivicCheckTests {
    @Test func checksTheExampleAndWritesReportAndProposal() throws {
        let folder = try TemporaryDirectory()
        let report = folder.file("pruefung.html").path, config = folder.file("publish.yaml").path
        let result = try runProduct("civic-check", ["Examples/counselling-cases.csv", "--report", report,
                                                    "--write-config", config, "--lang", "de"], in: packageRoot())
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("Nicht anonym: die Spalte name enthält direkte Identifikatoren."))
        #expect(result.output.contains("Personen einmalig"))
        #expect(result.output.contains("--config \(config)"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<html lang=\"de\">") && html.contains("Die Spalten"))
        let settings = try PublicationSettings(contentsOf: URL(fileURLWithPath: config))
        #expect(settings.attributes["name"]?.role == .identifier)
        #expect(settings.privacyUnit == "client_id")
        // Nothing of the file's values on the terminal: the names stay in the file.
        #expect(!result.output.contains("@"))
    }

    @Test func aMissingFileIsNamedAndNothingIsWritten() throws {
        let folder = try TemporaryDirectory()
        let report = folder.file("r.html").path
        let result = try runProduct("civic-check", [folder.file("fehlt.csv").path, "--report", report],
                                    environment: ["LANG": "de_DE.UTF-8"])
        #expect(result.status != 0)
        #expect(result.error.contains("fehlt.csv") && result.error.contains("gibt es nicht"))
        #expect(!FileManager.default.fileExists(atPath: report))
    }

    @Test func checksAnExcelExportWithHXLTagsAndPublishesItWithTheProposal() throws {
        let folder = try TemporaryDirectory()
        // A small Excel export under German names with an HXL hashtag row: 60 cases of 30 people.
        var book = XLSXFixture()
        let header = ["Klientennummer", "Name", "Alter", "Bezirk", "Angebot"]
        let tags = ["#affected+id", "#affected+name", "#affected+age", "#adm2+name", "#sector"]
        let letters = ["A", "B", "C", "D", "E"]
        var rows: [[(String, XLSXFixture.Cell)]] = [
            zip(letters, header).map { ("\($0)1", .shared($1)) }, zip(letters, tags).map { ("\($0)2", .shared($1)) },
        ]
        for i in 0..<60 {
            let person = i % 30, line = i + 3
            rows.append([("A\(line)", .shared("K-\(1000 + person)")), ("B\(line)", .shared(["Anna Schmidt", "Ben Müller", "Clara Wagner"][person % 3])),
                         ("C\(line)", .number("\(20 + person)")), ("D\(line)", .shared(["Mitte", "Pankow"][person % 2])),
                         ("E\(line)", .shared(["Schuldnerberatung", "Suchtberatung", "Familienberatung"][i % 3]))])
        }
        book.addSheet("Fälle", rows: rows)
        let export = folder.file("faelle.xlsx")
        try book.write(to: export)

        let config = folder.file("publish.yaml").path
        let check = try runProduct("civic-check", [export.path, "--sheet", "Fälle", "--report", folder.file("c.html").path,
                                                   "--write-config", config, "--lang", "de"])
        #expect(check.status == 0, "\(check.error)")
        #expect(check.output.contains("Nicht anonym: die Spalte Name enthält direkte Identifikatoren."))
        #expect(!check.output.contains("Anna") && !check.output.contains("K-1000"))
        let yaml = try String(contentsOfFile: config, encoding: .utf8)
        #expect(yaml.contains("privacy-unit: Klientennummer"))
        #expect(yaml.contains("HXL-Hashtag #adm2+name"))

        let output = folder.file("paket").path
        let publish = try runProduct("civic-publish", ["--input", export.path, "--sheet", "Fälle", "--config", config,
                                                       "--output", output, "--quiet"])
        #expect(publish.status == 0, "\(publish.error)")
        let data = try String(contentsOfFile: output + "/data/faelle.csv", encoding: .utf8)
        #expect(!data.contains("Anna") && !data.contains("K-1000") && !data.contains("#affected"))
    }

    @Test func checksAKoboExportWithItsFormAndJudgesASelectMultipleOnce() throws {
        let folder = try TemporaryDirectory()
        let export = folder.file("antworten.csv"), form = folder.file("formular.xlsx")
        try KoboFixture.exportCSV(rows: 150).write(to: export, atomically: true, encoding: .utf8)
        try KoboFixture.writeForm(to: form)
        let config = folder.file("publish.yaml").path
        let result = try runProduct("civic-check", [export.path, "--form", form.path, "--report", folder.file("c.html").path,
                                                    "--write-config", config, "--lang", "de"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("Nicht anonym: die Spalten person/q7, lage/q12 enthalten direkte Identifikatoren."))
        #expect(result.output.contains("Mehrfachauswahl lage/q13: 5 Spalten als eine Frage geprüft."))
        #expect(result.output.contains("Quasi-Identifikator (Geburtsdaten), sicher"))
        #expect(!result.output.contains("lage/q13/diabetes"))
        // No answer of the export on the terminal.
        for word in ["Zora", "Vandersloot", "52.", "diabetes asthma"] { #expect(!result.output.contains(word), "\(word)") }
        let settings = try PublicationSettings(contentsOf: URL(fileURLWithPath: config))
        #expect(settings.attributes["lage/q13/diabetes"]?.role == .sensitive)

        // Split columns judged one by one on request.
        let split = try runProduct("civic-check", [export.path, "--form", form.path, "--keep-split-columns",
                                                   "--report", folder.file("d.html").path, "--lang", "en"])
        #expect(split.status == 0, "\(split.error)")
        #expect(split.output.contains("lage/q13/diabetes") && !split.output.contains("select_multiple lage/q13"))
    }

    @Test func aBadFormIsNamedWithSheetAndCell() throws {
        let folder = try TemporaryDirectory()
        let export = folder.file("antworten.csv"), form = folder.file("formular.xlsx")
        try KoboFixture.exportCSV(rows: 10).write(to: export, atomically: true, encoding: .utf8)
        var survey = KoboFixture.survey
        survey[9][0] = "select_one bezirke"   // a list the choices sheet lacks
        try KoboFixture.writeForm(to: form, survey: survey)
        let result = try runProduct("civic-check", [export.path, "--form", form.path, "--report", folder.file("r.html").path,
                                                    "--lang", "en"])
        #expect(result.status != 0)
        #expect(result.error.contains("formular.xlsx, sheet 'survey', cell A10: the choice list 'bezirke' is not in the sheet 'choices'."),
                "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("r.html").path))
    }

    @Test func measuresTheRiskWithSamplingWeightsOfANamedColumn() throws {
        let folder = try TemporaryDirectory()
        let file = folder.file("stichprobe.csv")
        var csv = "Bezirk,Altersgruppe,Geschlecht,faktor\n"
        for i in 0..<60 { csv += "\(["Mitte", "Pankow", "Spandau"][i % 3]),\(["18-29", "30-44"][(i / 3) % 2]),\(["w", "m"][(i / 6) % 2]),\(150 + i)\n" }
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let result = try runProduct("civic-check", [file.path, "--weight", "faktor", "--report", folder.file("r.html").path,
                                                    "--lang", "de"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Risiko mit Stichprobengewichten: global "), "\(result.output)")
        #expect(result.output.contains("(Gewichte: faktor; Modell von Benedetti und Franconi wie in sdcMicro)"))
        let html = try String(contentsOfFile: folder.file("r.html").path, encoding: .utf8)
        #expect(html.contains("globales Risiko"))

        let missing = try runProduct("civic-check", [file.path, "--weight", "gewicht", "--report", folder.file("s.html").path,
                                                     "--lang", "en"])
        #expect(missing.status != 0 && missing.error.contains("the file has no column gewicht"), "\(missing.error)")
        let text = try runProduct("civic-check", [file.path, "--weight", "Bezirk", "--report", folder.file("s.html").path,
                                                  "--lang", "en"])
        #expect(text.status != 0 && text.error.contains("must hold a number above 0 in every row"), "\(text.error)")
    }
}
