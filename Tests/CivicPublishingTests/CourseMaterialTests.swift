import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The course material in Docs/ tells the truth: every file it names exists, every
/// settings file in Docs/course/ is one civic-publish reads, each English text has a
/// German one with the same sections, the glossary quotes the reports' own
/// explanations, the exact differential-privacy figures are the ones the mechanism
/// gives, and the exercise solutions' figures are what a run on the example gives
/// today. A change that moves a figure fails here until both languages are updated.
@Suite("the course material's claims hold")
struct CourseMaterialTests {
    /// The English documents of the course and their German counterparts.
    static let pairs = [
        ("Docs/publishing-tutorial.md", "Docs/veroeffentlichen-anleitung.md"),
        ("Docs/exercise-solutions.md", "Docs/loesungen.md"),
        ("Docs/differential-privacy-lesson.md", "Docs/lektion-differential-privacy.md"),
        ("Docs/lesson-plan.md", "Docs/unterrichtsplan.md"),
        ("Docs/glossary.md", "Docs/glossar.md"),
        ("Docs/casebook-tutorial.md", "Docs/akten-fuehren-anleitung.md"),
    ]

    /// The raw text of a file of the repository.
    func raw(_ path: String) throws -> String {
        try String(contentsOf: packageRoot().appendingPathComponent(path), encoding: .utf8)
    }

    /// A document with its runs of whitespace made single spaces, so a figure broken
    /// over two lines still matches.
    func document(_ path: String) throws -> String {
        try raw(path).replacing(/\s+/, with: " ")
    }

    /// The Markdown files in Docs/.
    func markdownFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: packageRoot().appendingPathComponent("Docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "Docs/" + $0 }
    }

    /// The settings files in Docs/course/.
    func courseSettings() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: packageRoot().appendingPathComponent("Docs/course").path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "Docs/course/" + $0 }
    }

    /// Whether a repository path exists; a `*` in its last part matches any characters.
    func exists(_ path: String) -> Bool {
        let root = packageRoot()
        guard path.contains("*") else { return FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) }
        let slash = path.lastIndex(of: "/")!
        let folder = root.appendingPathComponent(String(path[..<slash]))
        let parts = path[path.index(after: slash)...].split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.contains { name in
            guard name.hasPrefix(parts[0]), name.hasSuffix(parts[parts.count - 1]) else { return false }
            var rest = Substring(name.dropFirst(parts[0].count))
            for part in parts.dropFirst().dropLast() {
                guard let range = rest.range(of: part) else { return false }
                rest = rest[range.upperBound...]
            }
            return rest.count >= parts[parts.count - 1].count
        }
    }

    @Test("every file the course material names exists, and every link in Docs/ leads to a file")
    func namedFilesExist() throws {
        let documents = try markdownFiles()
        #expect(documents.count >= 11)
        for name in documents {
            let text = try raw(name)
            let paths = text.matches(of: /(?:Examples|Docs|Sources|Apps|Tests|Benchmarks)\/[A-Za-z0-9_.*\/-]*[A-Za-z0-9_*\/]/)
                .map { String($0.output) }
            for path in Set(paths) {
                #expect(exists(path), "\(name) names \(path), which does not exist")
            }
            let links = text.matches(of: /\]\(([^)#\s]+)\)/).map { String($0.output.1) }
            for link in Set(links) where !link.contains("://") {
                #expect(exists("Docs/" + link), "\(name) links to \(link), which does not exist")
            }
        }
        // The index links every document of the course, in both languages.
        let index = try raw("Docs/README.md")
        for (english, german) in Self.pairs {
            for path in [english, german] {
                let file = String(path.dropFirst("Docs/".count))
                let linked = index.contains("](\(file))")
                #expect(linked, "Docs/README.md should link \(file)")
            }
        }
    }

    @Test("every settings file in Docs/course/ is one civic-publish reads, and the solutions use each")
    func courseSettingsParse() throws {
        let files = try courseSettings()
        #expect(files.count >= 8)
        let solutions = try raw("Docs/exercise-solutions.md") + raw("Docs/loesungen.md")
        for file in files {
            let url = packageRoot().appendingPathComponent(file)
            let settings = try PublicationSettings(contentsOf: url)
            #expect(settings.privacy?.k != nil, "\(file) should state its privacy settings")
            let used = solutions.contains(file)
            #expect(used, "the solutions should use \(file)")
        }
    }

    @Test("each English document has a German one with as many sections, and each names the other")
    func languagesMatch() throws {
        func sections(_ text: String) -> Int {
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("## ") }.count
        }
        for (english, german) in Self.pairs {
            let en = try raw(english), de = try raw(german)
            #expect(sections(en) > 0)
            #expect(sections(en) == sections(de), "\(english) has \(sections(en)) sections, \(german) \(sections(de))")
            let linksGerman = en.contains("(\(german.dropFirst("Docs/".count)))")
            let linksEnglish = de.contains("(\(english.dropFirst("Docs/".count)))")
            #expect(linksGerman, "\(english) should link \(german)")
            #expect(linksEnglish, "\(german) should link \(english)")
        }
    }

    @Test("the glossary quotes every explanation the reports give, and explains the course's further terms")
    func glossaryMatchesReports() throws {
        for (language, path) in [(Language.english, "Docs/glossary.md"), (Language.german, "Docs/glossar.md")] {
            let text = try document(path)
            for entry in Glossary.entries(Glossary.Term.allCases, in: language) {
                let quoted = text.contains("> **\(entry.term)**: \(entry.text)")
                #expect(quoted, "\(path) should quote the report's entry for \(entry.term)")
            }
            let headings = language == .english
                ? ["Quasi-identifier", "Sensitive attribute", "Local recoding", "Differential privacy", "Epsilon (ε)", "Privacy budget"]
                : ["Quasi-Identifikator", "Sensibles Merkmal", "Lokale Vergröberung", "Differential Privacy", "Epsilon (ε)",
                   "Datenschutzbudget"]
            for heading in headings {
                let explained = text.contains("### \(heading) ")
                #expect(explained, "\(path) should explain \(heading)")
            }
        }
    }

    // MARK: Differential privacy

    /// The exact figures of discrete Laplace noise at one scale.
    struct NoiseFigures {
        /// P(noise = 0).
        var zero: Double
        /// The smallest m with P(|noise| ≤ m) ≥ 95 %.
        var halfWidth: Int
        /// P(|noise| ≤ m).
        var coverage: Double
        /// P(|noise| ≤ m − 1), below 95 %.
        var coverageBelow: Double

        init(_ laplace: DiscreteLaplace) {
            zero = laplace.probability(0)
            var m = 0, inside = zero, before = 0.0
            while inside < 0.95 {
                before = inside
                m += 1
                inside += 2 * laplace.probability(m)
            }
            halfWidth = m
            coverage = inside
            coverageBelow = before
        }
    }

    /// The noise of `civic-dp count` at `epsilon` with `rows` rows per person, as the mechanism sets it.
    func countNoise(epsilon: String, rows: Int) throws -> NoisyCounts {
        var random = SecureRandom()
        return try NoisyCounts(labels: ["x"], categories: ["x"], epsilon: Rational(epsilon)!, maxRowsPerPerson: rows,
                               using: &random)
    }

    /// A scale as the lesson writes it: `2`, `0.5`.
    func written(_ scale: Rational, _ l: Language) -> String {
        scale.denominator == 1 ? "\(scale.numerator)" : l.number(scale.doubleValue)
    }

    /// A share rounded to one decimal of a percent, whole percentages whole.
    func percent(_ share: Double, _ l: Language) -> String { l.number((share * 1000).rounded() / 10) + " %" }

    @Test("the lesson's noise scales, 95 % ranges and probabilities are those of civic-dp's mechanism")
    func noiseFigures() throws {
        let english = try document("Docs/differential-privacy-lesson.md")
        let german = try document("Docs/lektion-differential-privacy.md")
        let settings = [("0.1", 1), ("0.5", 1), ("1", 1), ("2", 1), ("0.5", 2), ("0.5", 4), ("0.5", 8)]
        for (l, text) in [(Language.english, english), (Language.german, german)] {
            var claims: [String] = []
            for (epsilon, rows) in settings {
                let counts = try countNoise(epsilon: epsilon, rows: rows)
                // scale = sensitivity / epsilon, exactly.
                #expect(counts.scale == Rational(UInt64(rows) * Rational(epsilon)!.denominator, Rational(epsilon)!.numerator))
                let noise = NoiseFigures(DiscreteLaplace(scale: counts.scale))
                if counts.scale.doubleValue >= 1 {
                    #expect(noise.halfWidth == Int((counts.scale.doubleValue * log(20)).rounded(.up)),
                            "the lesson says m is scale · ln 20 rounded up for scales of 1 or more")
                }
                #expect(noise.coverageBelow < 0.95 && noise.coverage >= 0.95)
                let eps = l.number(Rational(epsilon)!.doubleValue)
                claims.append("| \(eps) | \(rows) | \(counts.sensitivity) | \(written(counts.scale, l)) | "
                              + "\(l.percent(noise.zero, digits: 1)) | ±\(noise.halfWidth) | \(l.percent(noise.coverage, digits: 1)) |")
            }
            // Scale 2: ±6 holds 95 %, ±5 does not.
            let two = NoiseFigures(DiscreteLaplace(scale: Rational(2, 1)))
            claims.append(l == .english
                ? "within ±\(two.halfWidth) with probability \(l.percent(two.coverage, digits: 1)) and within ±\(two.halfWidth - 1) with probability only \(l.percent(two.coverageBelow, digits: 1))"
                : "mit \(l.percent(two.coverage, digits: 1)) Wahrscheinlichkeit innerhalb von ±\(two.halfWidth), aber nur mit \(l.percent(two.coverageBelow, digits: 1)) innerhalb von ±\(two.halfWidth - 1)")
            claims.append("(ln 20 ≈ \(l.decimal(log(20), digits: 3)))")
            // Scale 0.5: ±1 already holds more than 95 %, below scale · ln 20 rounded up.
            let coarse = NoiseFigures(DiscreteLaplace(scale: Rational(1, 2)))
            #expect(coarse.halfWidth == 1 && coarse.halfWidth < Int((0.5 * log(20)).rounded(.up)))
            claims.append(l == .english ? "±\(coarse.halfWidth) already holds \(l.percent(coarse.coverage, digits: 1))"
                                        : "schon ±\(coarse.halfWidth) \(l.percent(coarse.coverage, digits: 1)) enthält")
            // e^epsilon.
            claims.append("| e^ε | " + ["0.1", "0.5", "1", "2"].map { l.decimal(exp(Rational($0)!.doubleValue), digits: 2) }
                .joined(separator: " | ") + " |")
            // A count of 12 and one of 1,200.
            for epsilon in ["0.1", "0.5", "1"] {
                let scale = try countNoise(epsilon: epsilon, rows: 1).scale
                let m = NoiseFigures(DiscreteLaplace(scale: scale)).halfWidth
                let to = l == .english ? "to" : "bis"
                claims.append("| \(l.number(Rational(epsilon)!.doubleValue)) | \(written(scale, l)) | \(12 - m) \(to) \(12 + m) | "
                              + "±\(l.number(100 * Double(m) / 12)) % | \(l.integer(1200 - m)) \(to) \(l.integer(1200 + m)) | "
                              + "±\(l.number(100 * Double(m) / 1200)) % |")
            }
            // At epsilon 2 all three counts are exact in about 44 % of runs; at 0.1, one run in twenty misses by more than 30.
            let exact = NoiseFigures(DiscreteLaplace(scale: try countNoise(epsilon: "2", rows: 1).scale)).zero
            claims.append((l == .english ? "in about " : "in etwa ") + l.percent(pow(exact, 3), digits: 0))
            let wide = NoiseFigures(DiscreteLaplace(scale: try countNoise(epsilon: "0.1", rows: 1).scale))
            claims.append("(\(l.percent(1 - wide.coverage, digits: 1))) " + (l == .english ? "is off by more than \(wide.halfWidth)"
                                                                             : "liegt um mehr als \(wide.halfWidth) daneben"))
            for claim in claims {
                let says = text.contains(claim)   // a Bool, so a failure prints the claim, not the document
                #expect(says, "the \(l.rawValue) lesson should say: \(claim)")
            }
        }
        // The glossary's example is the lesson's: scale 2 and ±6 at epsilon 0.5.
        let half = NoiseFigures(DiscreteLaplace(scale: try countNoise(epsilon: "0.5", rows: 1).scale)).halfWidth
        let glossary = try document("Docs/glossary.md").contains("at ε = 0.5 and one row per person, 2, and 95 % of the noise lies within ±\(half)")
        let glossar = try document("Docs/glossar.md").contains("bei ε = 0,5 und einer Zeile je Person 2, und 95 % des Rauschens liegen innerhalb von ±\(half)")
        #expect(glossary && glossar, "the glossaries should give the lesson's example: ±\(half) at ε = 0.5")
    }

    @Test("the lesson's figures about the privacy unit are those of the example and the mechanism")
    func privacyUnitFigures() throws {
        let root = packageRoot()
        let cases = try CSVTableReader.read(root.appendingPathComponent("Examples/counselling-cases.csv")).table
        let clients = cases.column(named: "client_id")!.texts, genders = cases.column(named: "gender")!.texts
        var casesOf: [String: Int] = [:], genderOf: [String: String] = [:]
        for (client, gender) in zip(clients, genders) {
            casesOf[client!, default: 0] += 1
            #expect(genderOf[client!] == nil || genderOf[client!] == gender, "gender is the same in all of a client's cases")
            genderOf[client!] = gender!
        }
        let most = casesOf.values.max()!, single = casesOf.values.filter { $0 == 1 }.count
        #expect(most == 8)
        /// The rows of `gender` kept with at most `rows` rows per client.
        func kept(_ gender: String, _ rows: Int) -> Int {
            casesOf.filter { genderOf[$0.key] == gender }.values.reduce(0) { $0 + min($1, rows) }
        }
        var random = SecureRandom()
        let mean = try NoisySum(cases, column: "income_eur", lower: 0, upper: 5000, epsilon: Rational("0.5")!, mean: true,
                                bound: ContributionBound(privacyUnit: "client_id", maxRowsPerPerson: 1), using: &random)
        let sumScale = mean.sensitivity / (0.5 / 2)
        for (l, path) in [(Language.english, "Docs/differential-privacy-lesson.md"), (Language.german, "Docs/lektion-differential-privacy.md")] {
            let text = try document(path)
            var claims = [
                l == .english ? "\(l.integer(cases.rowCount)) cases of \(l.integer(casesOf.count)) clients"
                    : "\(l.integer(cases.rowCount)) Fälle von \(l.integer(casesOf.count)) Klientinnen und Klienten",
                l == .english ? "\(single) clients have one case, and one client has eight"
                    : "\(single) Personen einen einzigen Fall, eine Person hat acht",
                "\(most) × \(l.number(0.5)) = \(l.number(Double(most) * 0.5))",
                "e^\(l.number(Double(most) * 0.5)) ≈ \(l.decimal(exp(Double(most) * 0.5), digits: 1))",
                "\(l.integer(Int(mean.sensitivity))) / \(l.number(0.25)) = \(l.integer(Int(sumScale))) €",
                "\"sensitivity\" : \(Int(mean.sensitivity))",
                // The true counts that the shell command of section 3 prints.
                "\(kept("d", 1)) d \(kept("m", 1)) m \(kept("w", 1)) w",
            ]
            for rows in [1, 2, 4, 8] {
                let counts = try countNoise(epsilon: "0.5", rows: rows)
                let m = NoiseFigures(DiscreteLaplace(scale: counts.scale)).halfWidth
                let d = kept("d", rows), w = kept("w", rows)
                claims.append("| \(rows) | \(written(counts.scale, l)) | ±\(m) | \(l.integer(d)) | \(percent(Double(m) / Double(d), l)) | "
                              + "\(l.integer(w)) | \(percent(Double(m) / Double(w), l)) |")
            }
            let all = ["d", "m", "w"].map { l.integer(kept($0, most)) }
            claims.append(l == .english ? "true case counts of \(all[0]), \(all[1]) and \(all[2])"
                                        : "wahren Fallzahlen von \(all[0]), \(all[1]) und \(all[2])")
            for claim in claims {
                let says = text.contains(claim)   // a Bool, so a failure prints the claim, not the document
                #expect(says, "the \(l.rawValue) lesson should say: \(claim)")
            }
        }
    }

    // MARK: The exercise solutions

    /// The figures of one run that the solutions quote.
    struct Figures {
        var loss: Double, suppressed: Int, groups: Int, smallest: Int
        var highest: Double, average: Double, above20: Double
        var result: PublicationResult

        init(_ result: PublicationResult) {
            self.result = result
            loss = result.anonymization.best.utility.loss
            suppressed = result.suppressedRows
            groups = result.anonymization.best.publishedClasses
            smallest = result.anonymization.best.smallestClassSize
            highest = result.riskAfter.highest
            average = result.riskAfter.average
            above20 = result.riskAfter.shareOfRows(above: 0.2)
        }

        /// The whole-percent share of published rows at `level` (or at most `level`) of `column`.
        func share(_ column: String, atMost level: Int, exactly: Bool = false) -> Int {
            let q = result.quasiIdentifiers.firstIndex(of: column)!
            let shares = result.anonymization.levelShares(of: q).filter { exactly ? $0.level == level : $0.level <= level }
            return Int((shares.map(\.share).reduce(0, +) * 100).rounded())
        }
    }

    /// The tutorial's run (the example with Examples/publish.yaml), made once for all
    /// the tests that compare with it.
    static let tutorialRun = Result { try publish("Examples/publish.yaml") }

    /// The bundled example (or `input`) published with a settings file.
    static func publish(_ settingsFile: String, input: URL? = nil) throws -> Figures {
        let root = packageRoot()
        let url = root.appendingPathComponent(settingsFile)
        let settings = try PublicationSettings(contentsOf: url)
        let data = input ?? root.appendingPathComponent("Examples/counselling-cases.csv")
        let raw = try CSVTableReader.read(data).table
        let result = try Publication(settings: settings, language: .english, hierarchyFolder: url.deletingLastPathComponent())
            .run(raw, inputName: data.lastPathComponent)
        return Figures(result)
    }

    /// One row of a solutions table: a label and one cell per run.
    func row(_ label: String, _ cells: [String]) -> String { "| \(label) | " + cells.joined(separator: " | ") + " |" }

    @Test("exercise 2: the figures for k = 3, 5 and 10")
    func exerciseTwo() throws {
        let runs = [try Self.publish("Docs/course/k3.yaml"), try Self.tutorialRun.get(), try Self.publish("Docs/course/k10.yaml")]
        #expect(runs.map(\.highest) == [1.0 / 3, 0.2, 0.1])
        for (l, path) in [(Language.english, "Docs/exercise-solutions.md"), (Language.german, "Docs/loesungen.md")] {
            let text = try document(path)
            let en = l == .english
            var claims = [
                row(en ? "Loss (weighted)" : "Informationsverlust (gewichtet)", runs.map { l.decimal($0.loss, digits: 3) }),
                row(en ? "rows left out" : "weggelassene Zeilen", runs.map { l.integer($0.suppressed) }),
                row(en ? "groups" : "Gruppen", runs.map { l.integer($0.groups) }),
                row(en ? "smallest group (people)" : "kleinste Gruppe (Menschen)", runs.map { "\($0.smallest)" }),
                row(en ? "highest risk after" : "höchstes Risiko nachher", runs.map { percent($0.highest, l) }),
                row(en ? "average risk after" : "durchschnittliches Risiko nachher", runs.map { percent($0.average, l) }),
                row(en ? "people with a risk above 20 %" : "Personen mit Risiko über 20 %", runs.map { percent($0.above20, l) }),
                row(en ? "age a 20-year band or finer" : "Alter als 20-Jahres-Spanne oder genauer",
                    runs.map { "\($0.share("age", atMost: 3)) %" }),
                row(en ? "start date its year or finer" : "Beratungsbeginn als Jahr oder genauer",
                    runs.map { "\($0.share("start_date", atMost: 3)) %" }),
                row(en ? "district kept" : "Bezirk erhalten", runs.map { "\($0.share("district", atMost: 0)) %" }),
                row(en ? "nationality exact or a world region" : "Staatsangehörigkeit genau oder als Weltregion",
                    runs.map { "\($0.share("nationality", atMost: 1)) %" }),
            ]
            let questions = en ? ["cases by year and service: misplaced", "cases by age group and service: misplaced",
                                  "cases by district and service: misplaced"]
                : ["Fälle nach Jahr und Angebot: falsch zugeordnet", "Fälle nach Altersgruppe und Angebot: falsch zugeordnet",
                   "Fälle nach Bezirk und Angebot: falsch zugeordnet"]
            for (i, question) in questions.enumerated() {
                claims.append(row(question, runs.map { percent($0.result.workload[i].misplacedShare, l) }))
            }
            for claim in claims {
                let says = text.contains(claim)   // a Bool, so a failure prints the claim, not the document
                #expect(says, "the \(l.rawValue) solutions should say: \(claim)")
            }
        }
    }

    @Test("exercise 3: the figures with the birth date, locally and globally")
    func exerciseThree() throws {
        let runs = try [Self.tutorialRun.get()]
            + ["Docs/course/birth-date.yaml", "Docs/course/global.yaml", "Docs/course/birth-date-global.yaml"].map { try Self.publish($0) }
        let local = runs[1], global = runs[3]
        // With global recoding the birth date is * everywhere, and all else is as without it.
        #expect(global.share("birth_date", atMost: 3, exactly: true) == 100)
        #expect(global.suppressed == runs[2].suppressed && global.groups == runs[2].groups && global.average == runs[2].average)
        for (l, path) in [(Language.english, "Docs/exercise-solutions.md"), (Language.german, "Docs/loesungen.md")] {
            let text = try document(path)
            let en = l == .english
            let all = en ? "`*` for all rows" : "`*` in allen Zeilen"
            let bands = en ? "100 % (20-year bands)" : "100 % (20-Jahres-Spannen)"
            let region = en ? "exact or region for" : "genau oder Region für"
            let claims = [
                row(en ? "Loss (weighted)" : "Informationsverlust (gewichtet)", runs.map { l.decimal($0.loss, digits: 3) }),
                row(en ? "rows left out" : "weggelassene Zeilen", runs.map { l.integer($0.suppressed) }),
                row(en ? "groups" : "Gruppen", runs.map { l.integer($0.groups) }),
                row(en ? "average risk after" : "durchschnittliches Risiko nachher", runs.map { percent($0.average, l) }),
                row(en ? "birth date published" : "Geburtsdatum veröffentlicht", [
                    "–", en ? "year for \(local.share("birth_date", atMost: 2, exactly: true)) %, `*` for \(local.share("birth_date", atMost: 3, exactly: true)) %"
                        : "Jahr für \(local.share("birth_date", atMost: 2, exactly: true)) %, `*` für \(local.share("birth_date", atMost: 3, exactly: true)) %",
                    "–", all]),
                row(en ? "age a 20-year band or finer" : "Alter als 20-Jahres-Spanne oder genauer",
                    ["\(runs[0].share("age", atMost: 3)) %", "\(local.share("age", atMost: 3)) %", bands, bands]),
                row(en ? "district kept" : "Bezirk erhalten", runs.map { "\($0.share("district", atMost: 0)) %" }),
                row(en ? "nationality" : "Staatsangehörigkeit",
                    ["\(region) \(runs[0].share("nationality", atMost: 1)) %", "\(region) \(local.share("nationality", atMost: 1)) %", all, all]),
                en ? "(\(local.share("age", atMost: 3, exactly: true)) % instead of \(runs[0].share("age", atMost: 3, exactly: true)) %)"
                    : "(\(local.share("age", atMost: 3, exactly: true)) % statt \(runs[0].share("age", atMost: 3, exactly: true)) %)",
                en ? "nationality exact for \(local.share("nationality", atMost: 0)) %"
                    : "die Staatsangehörigkeit für \(local.share("nationality", atMost: 0)) % genau",
                en ? "all \(l.integer(global.result.published.rowCount)) published cases"
                    : "aller \(l.integer(global.result.published.rowCount)) veröffentlichten Fälle",
                en ? "after checking \(l.integer(global.result.anonymization.nodesChecked)) of the \(l.integer(global.result.anonymization.latticeSize)) combinations"
                    : "nachdem sie \(l.integer(global.result.anonymization.nodesChecked)) der \(l.integer(global.result.anonymization.latticeSize)) Kombinationen",
            ]
            for claim in claims {
                let says = text.contains(claim)   // a Bool, so a failure prints the claim, not the document
                #expect(says, "the \(l.rawValue) solutions should say: \(claim)")
            }
        }
        // Global recoding proves its optimum and withholds the nationality in every row.
        #expect(global.result.anonymization.isOptimal && runs[2].result.anonymization.isOptimal)
        #expect(!local.result.anonymization.isOptimal)
        #expect(global.share("nationality", atMost: 3, exactly: true) == 100 && runs[2].share("nationality", atMost: 3, exactly: true) == 100)
    }

    @Test("exercise 1: the figures of the hobby column as quasi-identifier, as insensitive and removed")
    func exerciseOne() throws {
        // The hobby column as the solutions' awk command makes it: one per client, falconry for every 97th.
        let lines = try raw("Examples/counselling-cases.csv").split(separator: "\n", omittingEmptySubsequences: true)
        let hobbies = ["Fußball", "Lesen", "Kochen", "Musik"]
        var text = String(lines[0]) + ",hobby\n"
        for line in lines.dropFirst() {
            let client = line.split(separator: ",", maxSplits: 2)[1]
            let n = Int(client.dropFirst(2))!
            text += String(line) + "," + (n % 97 == 0 ? "Falknerei" : hobbies[n % 4]) + "\n"
        }
        let folder = try TemporaryDirectory()
        let input = try folder.write("cases-hobby.csv", text: text)
        let falconers = Set(lines.dropFirst().compactMap { line -> Substring? in
            let client = line.split(separator: ",", maxSplits: 2)[1]
            return Int(client.dropFirst(2))! % 97 == 0 ? client : nil
        })

        let base = try Self.tutorialRun.get()
        let removed = try Self.publish("Docs/course/hobby-removed.yaml", input: input)
        let quasi = try Self.publish("Docs/course/hobby-quasi-identifier.yaml", input: input)
        let insensitive = try Self.publish("Docs/course/hobby-insensitive.yaml", input: input)
        #expect(removed.loss == base.loss && removed.suppressed == base.suppressed && removed.groups == base.groups)
        #expect(insensitive.highest == base.highest && insensitive.average == base.average)
        let falconryPublished = quasi.result.published.column(named: "hobby")!.texts.contains("Falknerei")
        #expect(!falconryPublished, "as a quasi-identifier, the rare hobby is never published")

        // What a reader who knows the hobby sees in the insensitive release.
        let published = insensitive.result.published
        let columns = ["age", "gender", "district", "nationality", "household_size", "start_date", "hobby"]
            .map { published.column(named: $0)!.texts }
        let keys = (0..<published.rowCount).map { row in columns.map { $0[row] ?? "" } }
        var size: [[String]: Int] = [:]
        for key in keys { size[key, default: 0] += 1 }
        let small = keys.filter { size[$0]! < 5 }.count, alone = keys.filter { size[$0]! == 1 }.count
        let falconRows = columns[6].filter { $0 == "Falknerei" }.count

        for (l, path) in [(Language.english, "Docs/exercise-solutions.md"), (Language.german, "Docs/loesungen.md")] {
            let doc = try document(path)
            let en = l == .english
            let hobbyKept = quasi.share("hobby", atMost: 0), hobbyStar = quasi.share("hobby", atMost: 1, exactly: true)
            let ageNow = quasi.share("age", atMost: 3), ageBefore = base.share("age", atMost: 3)
            let claims = [
                en ? "to \(falconers.count) of the \(l.integer(base.result.inputPersons!)) clients"
                    : "\(falconers.count) der \(l.integer(base.result.inputPersons!)) Personen ein seltenes",
                en ? "Loss \(l.decimal(base.loss, digits: 3)), \(base.suppressed) rows left out, \(base.groups) groups"
                    : "Informationsverlust \(l.decimal(base.loss, digits: 3)), \(base.suppressed) Zeilen weggelassen, \(base.groups) Gruppen",
                en ? "shown for \(hobbyKept) % of the rows and `*` for \(hobbyStar) %"
                    : "in \(hobbyKept) % der Zeilen gezeigt und in \(hobbyStar) % durch `*` ersetzt",
                en ? "Loss \(l.decimal(quasi.loss, digits: 3)) instead of \(l.decimal(base.loss, digits: 3))"
                    : "Informationsverlust \(l.decimal(quasi.loss, digits: 3)) statt \(l.decimal(base.loss, digits: 3))",
                ageNow == ageBefore
                    ? (en ? "for \(ageNow) % of the rows, as without the hobby" : "weiterhin für \(ageNow) % der Zeilen")
                    : (en ? "for \(ageNow) % of the rows instead of \(ageBefore) %" : "nur noch für \(ageNow) % statt \(ageBefore) %"),
                en ? "\(quasi.groups) groups, average risk \(percent(quasi.average, l)), \(quasi.suppressed) rows left out"
                    : "\(quasi.groups) Gruppen, durchschnittliches Risiko \(percent(quasi.average, l)), \(quasi.suppressed) Zeilen weggelassen",
                en ? "highest \(percent(insensitive.highest, l)), average \(percent(insensitive.average, l))"
                    : "höchstens \(percent(insensitive.highest, l)), durchschnittlich \(percent(insensitive.average, l))",
                "\(published.rowCount) rows, \(small) in combinations of fewer than 5 rows, \(alone) alone, \(falconRows) say Falknerei",
                en ? "\(l.integer(small)) of the \(l.integer(published.rowCount)) published rows"
                    : "\(l.integer(small)) der \(l.integer(published.rowCount)) veröffentlichten Zeilen",
                en ? "and \(alone) rows are alone" : "\(alone) Zeilen stehen ganz allein",
                en ? "The \(falconRows) cases of the \(falconers.count) falconers" : "Die \(falconRows) Fälle der \(falconers.count) Falkner",
            ]
            for claim in claims {
                let says = doc.contains(claim)   // a Bool, so a failure prints the claim, not the document
                #expect(says, "the \(l.rawValue) solutions should say: \(claim)")
            }
        }
    }

    @Test("exercise 4 and the tutorial's figures that the solutions repeat")
    func exerciseFour() throws {
        let base = try Self.tutorialRun.get()
        let published = base.result.published
        let service = published.column(named: "service")!.texts, gender = published.column(named: "gender")!.texts
        let generalised = gender.filter { $0 == "*" }.count
        let cell = zip(service, gender).filter { $0 == "Sozialberatung" && $1 == "w" }.count
        for (l, path) in [(Language.english, "Docs/exercise-solutions.md"), (Language.german, "Docs/loesungen.md")] {
            let text = try document(path)
            let en = l == .english
            let total = l.integer(published.rowCount - generalised)
            let claims = [
                "Sozialberatung,\(zip(service, gender).filter { $0 == "Sozialberatung" && $1 == "d" }.count),"
                    + "\(zip(service, gender).filter { $0 == "Sozialberatung" && $1 == "m" }.count),\(cell),",
                en ? "is \(cell) in both" : "ist in beiden \(cell)",
                en ? "\(generalised) published cases have their gender generalised away"
                    : "Bei \(generalised) veröffentlichten Fällen wurde das Geschlecht",
                "\(total) = \(l.integer(published.rowCount)) − \(generalised)",
                en ? "Loss \(l.decimal(base.loss, digits: 3)) (weighted), \(base.suppressed) rows left out, \(base.groups) groups, the smallest with \(base.smallest) people"
                    : "Informationsverlust \(l.decimal(base.loss, digits: 3)) (gewichtet), \(base.suppressed) Zeilen weggelassen, \(base.groups) Gruppen, die kleinste mit \(base.smallest) Menschen",
            ]
            for claim in claims {
                let says = text.contains(claim)   // a Bool, so a failure prints the claim, not the document
                #expect(says, "the \(l.rawValue) solutions should say: \(claim)")
            }
        }
        // The raw table's cells of non-binary clients: fewer than 5 people where the solutions say so.
        let root = packageRoot()
        let cases = try CSVTableReader.read(root.appendingPathComponent("Examples/counselling-cases.csv")).table
        let services = cases.column(named: "service")!.texts, genders = cases.column(named: "gender")!.texts
        let clients = cases.column(named: "client_id")!.texts
        func people(_ service: String) -> (cases: Int, clients: Int) {
            let rows = (0..<cases.rowCount).filter { services[$0] == service && genders[$0] == "d" }
            return (rows.count, Set(rows.map { clients[$0]! }).count)
        }
        let english = try document("Docs/exercise-solutions.md"), german = try document("Docs/loesungen.md")
        for service in ["Arbeitsmarktberatung", "Familienberatung", "Suchtberatung"] {
            let count = people(service)
            #expect(count.clients < 5)
            let en = english.contains("(\(count.cases) cases of \(count.clients) clients")
            let de = german.contains("(\(count.cases) Fälle von \(count.clients) Personen")
            #expect(en && de, "the solutions should say: \(service), \(count.cases) cases of \(count.clients) clients")
        }
    }
}
