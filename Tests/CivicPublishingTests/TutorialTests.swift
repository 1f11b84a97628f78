import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The course material tells the truth: every file the README and the tutorials
/// name exists, and every figure the tutorials quote about the bundled example is
/// what a run on it gives today. A change that moves a figure fails here until the
/// text is updated, in both languages.
@Suite("the tutorials' claims hold on the example")
struct TutorialTests {
    /// A document of the repository with its runs of whitespace made single spaces,
    /// so a figure broken over two lines still matches.
    func document(_ path: String) throws -> String {
        let text = try String(contentsOf: packageRoot().appendingPathComponent(path), encoding: .utf8)
        return text.replacing(/\s+/, with: " ")
    }

    @Test("every file the README, the tutorials and the examples' README name exists")
    func namedFilesExist() throws {
        let documents = ["README.md", "Examples/README.md", "Docs/publishing-tutorial.md", "Docs/veroeffentlichen-anleitung.md"]
        for name in documents {
            let text = try String(contentsOf: packageRoot().appendingPathComponent(name), encoding: .utf8)
            let paths = text.matches(of: /(?:Examples|Docs|Sources|Apps|Tests|Benchmarks)\/[A-Za-z0-9_.\/-]*[A-Za-z0-9_\/]/)
                .map { String($0.output) }
            #expect(!paths.isEmpty || name == "Examples/README.md")
            for path in Set(paths) where !path.contains("*") {
                let exists = FileManager.default.fileExists(atPath: packageRoot().appendingPathComponent(path).path)
                #expect(exists, "\(name) names \(path), which does not exist")
            }
        }
    }

    /// The bundled example published with the tutorial's settings.
    func publish(_ yaml: String = "", language: Language) throws -> PublicationResult {
        let root = packageRoot()
        var settings = try PublicationSettings(contentsOf: root.appendingPathComponent("Examples/publish.yaml"))
        if yaml.contains("recoding: global") { settings.recoding = .global }
        let raw = try CSVTableReader.read(root.appendingPathComponent("Examples/counselling-cases.csv")).table
        return try Publication(settings: settings, language: language, hierarchyFolder: root.appendingPathComponent("Examples"))
            .run(raw, inputName: "counselling-cases.csv")
    }

    /// The share of published rows at `level` or below for quasi-identifier `name`, as the tutorials round it.
    func share(_ result: PublicationResult, _ name: String, atMost level: Int, exactly: Bool = false) -> Int {
        let q = result.quasiIdentifiers.firstIndex(of: name)!
        let shares = result.anonymization.levelShares(of: q).filter { exactly ? $0.level == level : $0.level <= level }
        return Int((shares.map(\.share).reduce(0, +) * 100).rounded())
    }

    @Test("the figures of the English and the German tutorial")
    func figures() throws {
        let result = try publish(language: .english)
        let global = try publish("recoding: global", language: .english)
        let age = share(result, "age", atMost: 3), year = share(result, "start_date", atMost: 3)
        let region = share(result, "nationality", atMost: 1, exactly: true), district = share(result, "district", atMost: 0)
        let english = try document("Docs/publishing-tutorial.md"), german = try document("Docs/veroeffentlichen-anleitung.md")
        for (language, text) in [(Language.english, english), (Language.german, german)] {
            let l = language
            /// A share as the tutorials write it: whole percentages whole, others to one decimal.
            func percent(_ share: Double) -> String { l.number((share * 1000).rounded() / 10) + " %" }
            let before = result.anonymization.riskBefore, after = result.riskAfter
            let misplaced = result.workload.map { percent($0.misplacedShare) }
            let claims: [String] = l == .german
                ? ["\(l.integer(result.redaction.total)) persönliche Angaben",
                     "\(l.integer(result.inputRows)) Fälle gehören \(l.integer(result.inputPersons!)) Klientinnen",
                     "für \(age) % der Zeilen eine 20-Jahres-Spanne", "für \(year) % das Jahr", "für \(region) % zur Weltregion",
                     "der Bezirk bleibt nur für \(district) %", "hier: \(l.integer(global.suppressedRows)) Zeilen fallen weg",
                     "waren \(l.integer(before.sampleUniques)) der \(l.integer(result.inputRows)) Zeilen einmalig",
                     "von \(percent(before.highest)) auf \(percent(after.highest)), das durchschnittliche von "
                        + "\(percent(before.average)) auf \(percent(after.average)), die Unikate von "
                        + "\(l.integer(before.sampleUniques)) auf \(l.integer(after.sampleUniques))",
                     "Informationsverlust \(l.decimal(result.anonymization.best.utility.loss, digits: 3)) (gewichtet), "
                        + "\(l.integer(result.suppressedRows)) Zeilen weggelassen, "
                        + "\(l.integer(result.anonymization.best.publishedClasses)) Gruppen, die kleinste mit "
                        + "\(result.anonymization.best.smallestClassSize) Menschen",
                     "(hier \(misplaced[0]), \(misplaced[1]) und \(misplaced[2]))"]
                : ["\(l.integer(result.redaction.total)) personal details",
                     "\(l.integer(result.inputRows)) cases belong to \(l.integer(result.inputPersons!)) clients",
                     "a 20-year band or finer for \(age) %", "its year or finer for \(year) %", "a world region for \(region) %",
                     "the district is kept for only \(district) %", "here: \(l.integer(global.suppressedRows)) rows left out",
                     "before anonymisation \(l.integer(before.sampleUniques)) of \(l.integer(result.inputRows)) rows were unique",
                     "from \(percent(before.highest)) to \(percent(after.highest)), the average from "
                        + "\(percent(before.average)) to \(percent(after.average)), the sample uniques from "
                        + "\(l.integer(before.sampleUniques)) to \(l.integer(after.sampleUniques))",
                     "Loss \(l.decimal(result.anonymization.best.utility.loss, digits: 3)) (weighted), "
                        + "\(l.integer(result.suppressedRows)) rows left out, "
                        + "\(l.integer(result.anonymization.best.publishedClasses)) groups, the smallest with "
                        + "\(result.anonymization.best.smallestClassSize) people",
                     "(\(misplaced[0]), \(misplaced[1]) and \(misplaced[2]) here)"]
            for claim in claims {
                #expect(text.contains(claim), "the \(l.rawValue) tutorial should say: \(claim)")
            }
        }
        // The workload's questions are the ones the tutorials name, in that order.
        #expect(result.workload.map { $0.query.column } == ["start_date", "age", "district"])
    }

    @Test("the README's figures are those of the main job, the bundled example with the defaults")
    func readmeFigures() throws {
        let root = packageRoot()
        let raw = try CSVTableReader.read(root.appendingPathComponent("Examples/counselling-cases.csv")).table
        let result = try Publication(settings: PublicationSettings()).run(raw, inputName: "counselling-cases.csv")
        let readme = try document("README.md"), l = Language.english
        let claims = [
            "for \(share(result, "age", atMost: 3)) % of the cases, the year of the case or finer for "
                + "\(share(result, "start_date", atMost: 3)) %",
            "\(l.integer(result.suppressedRows)) cases of \(l.integer(result.inputRows)) left out",
            "\(l.integer(result.inputRows)) cases of \(l.integer(result.inputPersons!)) clients",
        ]
        for claim in claims {
            #expect(readme.contains(claim), "the README should say: \(claim)")
        }
    }
}
