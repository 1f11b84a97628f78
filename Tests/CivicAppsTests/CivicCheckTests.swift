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
}
