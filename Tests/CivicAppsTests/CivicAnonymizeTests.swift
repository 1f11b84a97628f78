import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

@Suite struct CivicAnonymizeTests {
    @Test func anonymisesTheBundledExample() throws {
        let folder = try TemporaryDirectory()
        let output = folder.file("out.csv"), report = folder.file("report.json")
        let result = try runProduct("civic-anonymize", [
            "--config", "Examples/anonymize.yaml", "--input", "Examples/counselling-cases.csv",
            "--output", output.path, "--report", report.path,
        ], in: packageRoot())
        #expect(result.status == 0, "\(result.error)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as! [String: Any]
        // Suppressed rows are left out of the file: a few rows of * would be a class of their own.
        let published = 3000 - (json["suppressed_rows"] as? Int ?? 3000)
        #expect(result.output.contains("Wrote \(published) rows"))

        let table = try CSVTableReader.read(output).table
        #expect(table.rowCount == published && published > 2800)
        for identifier in ["case_id", "client_id", "name", "birth_date", "notes", "district"] {
            #expect(table.column(named: identifier) == nil, "\(identifier) removed")
        }
        // Every published class has at least k = 5 rows and two services.
        let quasi = ["age", "gender", "zip", "nationality", "household_size"]
        var classes: [[String]: (rows: Int, services: Set<String>)] = [:]
        for row in 0..<table.rowCount {
            let key = quasi.map { table[row, $0].description }
            var entry = classes[key] ?? (0, [])
            entry.rows += 1
            entry.services.insert(table[row, "service"].description)
            classes[key] = entry
        }
        #expect(classes.values.allSatisfy { $0.rows >= 5 && $0.services.count >= 2 })

        #expect(json["smallest_class"] as? Int ?? 0 >= 5)
        #expect(json["optimal"] as? Bool == true)
        #expect((json["suppressed_rows"] as? Int ?? 1000) <= 150)
        #expect(((json["risk_after"] as? [String: Any])?["highest"] as? Double ?? 1) <= 0.2)
    }

    @Test func anImpossibleTargetWritesNothing() throws {
        let folder = try TemporaryDirectory()
        let config = try folder.write("c.yaml", text: """
            attributes:
              name: identifier
              age: {role: quasi-identifier, hierarchy: {intervals: [10]}}
            privacy: {k: 5000}
            """)
        let output = folder.file("out.csv"), report = folder.file("report.json")
        let result = try runProduct("civic-anonymize", ["--config", config.path, "--input", "Examples/counselling-cases.csv",
                                                        "--output", output.path, "--report", report.path],
                                    in: packageRoot())
        #expect(result.status != 0)
        #expect(result.error.contains("Nothing is written"))
        #expect(try folder.fileNames() == ["c.yaml"])
    }

    @Test func configurationErrorsAreNamed() throws {
        let folder = try TemporaryDirectory()
        let unknown = try folder.write("u.yaml", text: """
            attributes:
              geburtsort: {role: quasi-identifier, hierarchy: {levels: 1}}
            privacy: {k: 2}
            """)
        let result = try runProduct("civic-anonymize", ["--config", unknown.path, "--input", "Examples/counselling-cases.csv",
                                                        "--output", folder.file("o.csv").path, "--lang", "de"],
                                    in: packageRoot())
        #expect(result.status != 0)
        #expect(result.error.contains("keine Spalte „geburtsort“"))

        let badK = try folder.write("k.yaml", text: "attributes: {gender: {role: quasi-identifier, hierarchy: {levels: 1}}}\nprivacy: {k: 0}\n")
        let k = try runProduct("civic-anonymize", ["--config", badK.path, "--input", "Examples/counselling-cases.csv",
                                                   "--output", folder.file("o.csv").path], in: packageRoot())
        #expect(k.status != 0 && k.error.contains("k must be at least 1"))

        let tooDiverse = try folder.write("l.yaml", text: """
            attributes: {gender: {role: quasi-identifier, hierarchy: {levels: 1}}}
            privacy: {k: 2, l-diversity: {variant: distinct, l: 5, attribute: outcome}}
            """)
        let l = try runProduct("civic-anonymize", ["--config", tooDiverse.path, "--input", "Examples/counselling-cases.csv",
                                                   "--output", folder.file("o.csv").path], in: packageRoot())
        #expect(l.status != 0 && l.error.contains("only 4 different values"))

        let twoLevels = try folder.write("t.yaml", text: "attributes: {gender: {role: quasi-identifier, hierarchy: {levels: 2}}}\nprivacy: {k: 2}\n")
        let t = try runProduct("civic-anonymize", ["--config", twoLevels.path, "--input", "Examples/counselling-cases.csv",
                                                   "--output", folder.file("o.csv").path], in: packageRoot())
        #expect(t.status != 0 && t.error.contains("gender.hierarchy.levels") && t.error.contains("use groups"))

        let notYAML = try folder.write("n.yaml", text: "privacy: [k\n")
        let y = try runProduct("civic-anonymize", ["--config", notYAML.path, "--input", "Examples/counselling-cases.csv",
                                                   "--output", folder.file("o.csv").path], in: packageRoot())
        #expect(y.status != 0)
        #expect(!FileManager.default.fileExists(atPath: folder.file("o.csv").path))
    }

    /// `search:` chooses the strategy: a heuristic search with a tiny budget says
    /// so in the report and on the terminal; bad settings are named, nothing written.
    @Test func searchSettings() throws {
        let folder = try TemporaryDirectory()
        let base = """
            attributes:
              age: {role: quasi-identifier, hierarchy: {intervals: [5, 10, 20]}}
              zip: {role: quasi-identifier, hierarchy: {mask: 5}}
              gender: {role: quasi-identifier, hierarchy: {levels: 1}}
            privacy: {k: 5, suppression-limit: 0.05}

            """
        let heuristic = try folder.write("h.yaml", text: base + "search: {mode: heuristic, max-nodes: 4}\n")
        let report = folder.file("h.json")
        let run = try runProduct("civic-anonymize", ["--config", heuristic.path, "--input", "Examples/counselling-cases.csv",
                                                     "--output", folder.file("h.csv").path, "--report", report.path],
                                 in: packageRoot())
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("Heuristic search"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as! [String: Any]
        #expect(json["optimal"] as? Bool == false)
        #expect(json["nodes_checked"] as? Int ?? 99 <= 4)
        #expect(json["smallest_class"] as? Int ?? 0 >= 5)

        for (name, setting, complaint) in [("m.yaml", "search: {mode: fast}", "search.mode"),
                                           ("n.yaml", "search: {mode: optimal, max-nodes: 10}", "search.max-nodes"),
                                           ("z.yaml", "search: {mode: heuristic, max-nodes: 0}", "search.max-nodes")] {
            let config = try folder.write(name, text: base + setting + "\n")
            let output = folder.file(name + ".csv")
            let bad = try runProduct("civic-anonymize", ["--config", config.path, "--input", "Examples/counselling-cases.csv",
                                                         "--output", output.path], in: packageRoot())
            #expect(bad.status != 0)
            #expect(bad.error.contains(complaint), "\(bad.error)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test func hierarchyFilesAreReadRelativeToTheConfiguration() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.file("hierarchies"), withIntermediateDirectories: true)
        let rows = (0...120).map { age in "\(age);\(age / 10 * 10)-\(age / 10 * 10 + 9);*" }
        try folder.write("hierarchies/age.csv", text: rows.joined(separator: "\n") + "\n")
        let config = try folder.write("c.yaml", text: """
            attributes:
              age: {role: quasi-identifier, hierarchy: {file: hierarchies/age.csv}}
            privacy: {k: 60, suppression-limit: 0.05}
            """)
        let result = try runProduct("civic-anonymize", ["--config", config.path, "--input", "Examples/counselling-cases.csv",
                                                        "--output", folder.file("o.csv").path], in: packageRoot())
        #expect(result.status == 0, "\(result.error)")
        // Single years cannot reach k = 60; the file's decades can.
        #expect(result.output.contains("age=1"))
        let ages = try CSVTableReader.read(folder.file("o.csv")).table.column(named: "age")!
        let decades = Set((0...12).map { "\($0 * 10)-\($0 * 10 + 9)" } + ["*"])
        #expect((0..<ages.count).allSatisfy { decades.contains(ages.value(at: $0).description) })
    }
}

@Suite("civic-anonymize counts people")
struct CivicAnonymizePrivacyUnitTests {
    @Test("--privacy-unit client_id: every published class holds k clients and the client column is gone")
    func privacyUnitOption() throws {
        let folder = try TemporaryDirectory()
        let input = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")
        let config = try folder.write("a.yaml", text: """
            attributes:
              name: identifier
              case_id: identifier
              notes: free-text
              age: {role: quasi-identifier, hierarchy: {intervals: [5, 10, 20]}}
              gender: {role: quasi-identifier, hierarchy: {levels: 1}}
              zip: {role: quasi-identifier, hierarchy: {mask: 5}}
            privacy: {k: 4, suppression-limit: 0.05}
            """)
        let output = folder.file("out.csv"), report = folder.file("r.json")
        let result = try runProduct("civic-anonymize", ["--config", config.path, "--input", input.path, "--output", output.path,
                                                        "--report", report.path, "--privacy-unit", "client_id"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("people"))
        let original = try CSVTableReader.read(input).table, published = try CSVTableReader.read(output).table
        #expect(published.column(named: "client_id") == nil && published.column(named: "notes") == nil)
        var clients: [[String]: Set<String>] = [:]
        for row in 0..<published.rowCount where published[row, "zip"].description != "*" || published[row, "age"].description != "*" {
            clients[["age", "gender", "zip"].map { published[row, $0].description }, default: []]
                .insert(original[row, "client_id"].description)
        }
        #expect(!clients.isEmpty && clients.values.allSatisfy { $0.count >= 4 })
        let figures = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as! [String: Any]
        #expect(figures["privacy_unit"] as? String == "client_id")
    }
}
