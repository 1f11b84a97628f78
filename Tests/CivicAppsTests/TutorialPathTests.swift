import CivicModels
import CivicTestSupport
import Foundation
import Testing

/// The publishing tutorial's section 8 ("Your own export") as a newcomer follows it:
/// an unfamiliar export under German column names, `civic-check --write-config`,
/// exactly the one edit the section asks for (of a birth date and an age, make the
/// finer one `identifier`), and `civic-publish` with the edited file.
@Suite struct TutorialPathTests {
    static let german = [
        "case_id": "Aktenzeichen", "client_id": "Klientennummer", "name": "Vor- und Nachname", "birth_date": "Geburtsdatum",
        "age": "Alter", "gender": "Geschlecht", "zip": "PLZ", "district": "Bezirk", "nationality": "Staatsangehörigkeit",
        "household_size": "Haushaltsgröße", "service": "Beratungsangebot", "start_date": "Beginn", "duration_minutes": "Dauer",
        "contacts": "Kontakte", "income_eur": "Einkommen", "outcome": "Ergebnis", "notes": "Notizen",
    ]

    @Test func anUnfamiliarExportIsPublishedAfterCheckAndOneEdit() throws {
        let folder = try TemporaryDirectory()
        // A generated export the tools have never seen: other seed, semicolons, German headers.
        let raw = folder.file("raw.csv")
        let generate = try runProduct("civic-generate", ["cases", "--rows", "800", "--seed", "2026", "--separator", "semicolon",
                                                         "--output", raw.path])
        #expect(generate.status == 0, "\(generate.error)")
        var lines = try String(contentsOf: raw, encoding: .utf8).components(separatedBy: "\n")
        lines[0] = lines[0].split(separator: ";").map { Self.german[String($0)] ?? String($0) }.joined(separator: ";")
        #expect(!lines[0].contains("birth_date") && lines[0].contains("Geburtsdatum"))
        let export = folder.file("faelle-2026.csv")
        try lines.joined(separator: "\n").write(to: export, atomically: true, encoding: .utf8)

        // civic-check writes the proposal.
        let config = folder.file("publish.yaml")
        let check = try runProduct("civic-check", [export.path, "--write-config", config.path,
                                                   "--report", folder.file("civic-check.html").path, "--lang", "en"])
        #expect(check.status == 0, "\(check.error)")
        let proposal = try String(contentsOf: config, encoding: .utf8)

        // The one edit: the birth date, finer than the age, becomes `identifier` (three lines become one).
        let block = try #require(proposal.firstMatch(of: /\n  Geburtsdatum:[^\n]*\n    role: quasi-identifier\n    hierarchy: [^\n]*\n/),
                                 "the proposal makes the birth date a quasi-identifier")
        let edited = proposal.replacingCharacters(in: block.range, with: "\n  Geburtsdatum: identifier\n")
        #expect(edited.components(separatedBy: "\n").count == proposal.components(separatedBy: "\n").count - 2)
        try edited.write(to: config, atomically: true, encoding: .utf8)

        // civic-publish runs with the edited file.
        let output = folder.file("paket")
        let publish = try runProduct("civic-publish", ["--input", export.path, "--config", config.path,
                                                       "--output", output.path, "--quiet", "--lang", "en"])
        #expect(publish.status == 0, "\(publish.error)")
        let data = try String(contentsOf: output.appendingPathComponent("data/faelle-2026.csv"), encoding: .utf8)
        let header = data.prefix { $0 != "\n" }
        #expect(!header.contains("Geburtsdatum") && !header.contains("Vor- und Nachname"))
        #expect(header.contains("Alter"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("datapackage.json").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("report.html").path))
    }
}
