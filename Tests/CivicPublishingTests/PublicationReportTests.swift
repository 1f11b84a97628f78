import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The report a board member reads: a summary on top that agrees with the package,
/// a glossary at the end, and German without English in a German report.
@Suite("the publication report for people")
struct PublicationReportTests {
    /// The bundled example published in German, once for every test here.
    static let german: PublicationResult? = {
        let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")
        guard let raw = try? CSVTableReader.read(example).table else { return nil }
        var settings = PublicationSettings()
        settings.publisher = "Beratungsstelle Nord e. V."
        settings.labels = ["service": "Beratungsart"]
        return try? Publication(settings: settings, language: .german).run(raw, inputName: "cases.csv")
    }()

    /// The visible text of an HTML page: without styles and tags, entities decoded.
    func visibleText(_ html: String) -> String {
        html.replacing(/<style>[\s\S]*?<\/style>/, with: " ").replacing(/<[^>]+>/, with: " ")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
    }

    /// The words of `text` that are on a list of English words a German report must not use.
    func englishWords(in text: String) -> Set<String> {
        let english: Set = ["the", "and", "of", "to", "with", "from", "rows", "cases", "people", "count", "total", "level",
                            "loss", "risk", "highest", "average", "anonymity", "diversity", "closeness", "nodes",
                            "generalised", "suppressed", "unchanged", "removed", "published", "distance", "search", "left"]
        let words = text.split { !$0.isLetter && $0 != "-" }.flatMap { $0.lowercased().split(separator: "-").map(String.init) }
        return Set(words).intersection(english)
    }

    @Test("the summary states what the package holds, who made it and when, and agrees with the package")
    func keyFacts() throws {
        let result = try #require(Self.german)
        let facts = Dictionary(uniqueKeysWithValues: result.keyFacts.map { ($0.term, $0.text) })
        let l = Language.german
        let published = try #require(facts["Veröffentlicht"])
        #expect(published.hasPrefix("\(l.integer(result.published.rowCount)) von \(l.integer(result.inputRows)) Fällen"))
        #expect(published.contains("von \(l.integer(result.inputPersons!)) Personen"))
        let left = try #require(facts["Weggelassen"])
        #expect(result.suppressedRows == 0 ? left == "keine Fälle" : left.hasPrefix(l.integer(result.suppressedRows)))
        #expect(facts["Schutz"]?.contains("mindestens 5 Personen") == true)
        #expect(facts["Schutz"]?.contains(l.percent(result.riskAfter.highest)) == true)
        #expect(facts["Herausgeber"] == "Beratungsstelle Nord e. V.")
        #expect(facts["Erstellt"]?.contains(l.date(CivicDate(result.created))) == true)
        #expect(facts["Erstellt"]?.contains(CivicDataKitVersion.current) == true)
        // The summary opens the report, the glossary closes it.
        let html = result.report.html()
        let summary = try #require(html.range(of: "<dl class=\"key-facts\">"))
        #expect(html[..<summary.lowerBound].components(separatedBy: "<h2>").count == 1)
        let glossary = try #require(html.range(of: "<dl class=\"glossary\">"))
        #expect(!html[glossary.upperBound...].contains("<h2>"))
        #expect(html.contains("<dt>k-Anonymität</dt>") && html.contains("<dt>l-Diversität</dt>"))
    }

    @Test("a German report holds no English words and no decimal points, outside column names and values")
    func noEnglishInGerman() throws {
        let result = try #require(Self.german)
        var text = visibleText(result.report.html())
        // Column names, file names and data values are the data's own words.
        let dataWords = result.roles.columns.map(\.name) + result.statistics.map { "statistics/\($0.fileName)" }
            + result.statistics.flatMap { $0.table.rowLabels + $0.table.columnLabels } + ["cases.csv", "CC-BY-4.0", "CivicDataKit \(CivicDataKitVersion.current)"]
        for word in dataWords.sorted(by: { $0.count > $1.count }) { text = text.replacingOccurrences(of: word, with: " ") }
        let found = englishWords(in: text)
        #expect(found.isEmpty, "English in the German report: \(found.sorted())")
        // The word list catches what the report used to say.
        #expect(englishWords(in: "5-anonymity, distinct 2-diversity of service; total") == ["anonymity", "diversity", "of", "total"])
        // Numbers take a decimal comma: "0.486" or "17.5 %" would read as thousands.
        #expect(text.firstMatch(of: /\d\.\d{1,2}(?!\d)/) == nil)
    }

    @Test("columns carry names for people: the settings' labels, else the profile's, in the report and as field titles")
    func labels() throws {
        let result = try #require(Self.german)
        #expect(result.label(of: "service") == "Beratungsart")
        #expect(result.label(of: "age") == "Alter")
        #expect(result.label(of: "not_a_column") == "not_a_column")
        let html = result.report.html()
        #expect(html.contains("<h3>Fälle nach Beratungsart</h3>"))
        #expect(html.contains(">Alter (age)</th>"))
        let fields = try #require(result.dataPackage().resources.first?.schema.fields)
        #expect(fields.first { $0.name == "age" }?.title == "Alter")
        #expect(fields.first { $0.name == "service" }?.title == "Beratungsart")
        let parsed = try PublicationSettings(yaml: "labels:\n  age: Alter in Jahren\n")
        #expect(parsed.labels == ["age": "Alter in Jahren"])
    }

    @Test("report(in:) renders a finished publication's report in another language: the report a publication in that language writes")
    func reportInAnotherLanguage() throws {
        let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")
        let table = try CSVTableReader.read(example).table.filtering { $0 < 300 }
        let key = try PseudonymKey(bytes: (0..<32).map { UInt8($0 * 7 + 3) })
        let created = Date(timeIntervalSince1970: 1_780_000_000)
        var english = try Publication(language: .english, key: key).run(table, inputName: "cases.csv")
        var german = try Publication(language: .german, key: key).run(table, inputName: "cases.csv")
        english.created = created
        german.created = created
        let rendered = english.report(in: .german)
        #expect(rendered.html() == german.report.html())
        #expect(rendered.html().contains("<html lang=\"de\""))
        #expect(rendered.html().contains("<h2>Re-Identifikationsrisiko</h2>"))
        // The result itself stays in its language, and so does its own report.
        #expect(english.language == .english)
        #expect(english.report.html().contains("<h2>Re-identification risk</h2>"))
        #expect(english.report(in: .english).html() == english.report.html())
        #expect(german.report(in: .english).html() == english.report.html())
    }
}
