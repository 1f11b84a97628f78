import ArgumentParser
import CivicAppSupport
import CivicExampleData
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// The anonymiser on UCI Adult with ARX's hierarchies: the cases of the anonymiser
/// issue, each checked against brute force over the whole lattice.
struct AnonymizeAdult: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anonymize-adult",
        abstract: "Optimal search on UCI Adult (k in 2, 5, 10, 50; suppression 0 and 5 %; l-diversity, t-closeness).")

    @Option(help: "The folder with adult.csv and adult_hierarchy_<column>.csv.")
    var data: String = "Tests/CivicPrivacyTests/Fixtures/adult"

    @Option(help: "Repeat the rows this many times (100 gives about 3 million rows).")
    var replicate: Int = 1

    @Option(help: "Only this k (with --replicate, e.g. 500).")
    var k: Int?

    @Flag(help: "Also evaluate every transformation to check the optimum.")
    var verify = false

    @Option(help: "Search heuristically with this budget (evaluations) instead of optimally, to see how close it comes.")
    var heuristic: Int?

    @Flag(help: "Add a synthetic person column (each person 1 to 3 rows, seeded) and count people, not rows.")
    var persons = false

    @Option(help: "global (one level per column) or local (levels per row, never a higher Loss than global).")
    var recoding: Recoding = .global

    @Option(help: "json (one JSON line per case, the default) or text (one readable line per case).")
    var format: OutputFormat = .json

    @OptionGroup var languageOption: LanguageOption

    /// How each case is printed.
    enum OutputFormat: String, ExpressibleByArgument {
        case json, text
    }

    static let quasiIdentifiers = ["sex", "age", "race", "marital-status", "education", "native-country",
                                   "workclass", "salary-class"]

    func run() throws {
        do {
            let folder = URL(fileURLWithPath: data)
            var options = CSVTableReader.Options()
            options.schema = Schema(fields: (Self.quasiIdentifiers + ["occupation"]).map { Field($0, type: .string) })
            var table = try CSVTableReader.read(folder.appendingPathComponent("adult.csv"), options: options).table
            if replicate > 1 { table = try Table.concatenating(Array(repeating: table, count: replicate)) }
            if persons { table = try Self.addingPersons(to: table) }
            let hierarchies = try Self.quasiIdentifiers.map { name in
                QuasiIdentifier(name, hierarchy: try GeneralizationHierarchy(
                    rows: ARXHierarchyFile.read(folder.appendingPathComponent("adult_hierarchy_\(name).csv"))))
            }
            var cases: [(String, [any PrivacyCriterion], Double)] = []
            for k in k.map({ [$0] }) ?? [2, 5, 10, 50] {
                for limit in [0.0, 0.05] { cases.append(("\(k)-anonymity", [try KAnonymity(k: k)], limit)) }
            }
            if k == nil {
                for limit in [0.0, 0.05] {
                    cases.append(("5-anonymity + distinct 3-diversity",
                                  [try KAnonymity(k: 5), try DistinctLDiversity(l: 3, attribute: "occupation")], limit))
                    cases.append(("5-anonymity + 0.2-closeness (equal)",
                                  [try KAnonymity(k: 5), try TCloseness(t: 0.2, attribute: "occupation")], limit))
                }
            }
            for (name, criteria, limit) in cases {
                let anonymizer = try Anonymizer(quasiIdentifiers: hierarchies, criteria: criteria, suppressionLimit: limit,
                                                search: heuristic.map { .heuristic(maxNodes: $0) } ?? .automatic,
                                                privacyUnit: persons ? "person" : nil, recoding: recoding)
                let (result, elapsed) = try timed { try anonymizer.anonymize(table) }
                let caseName = "\(name), suppression \(Int(limit * 100)) %"
                var line: [String: String] = [
                    "case": "\"\(caseName)\"",
                    "privacy_unit": persons ? "\"person\"" : "\"row\"",
                    "rows": String(table.rowCount),
                    "levels": "\"\(result.best.transformation)\"",
                    "loss": String(format: "%.6f", result.best.loss),
                    "nodes_checked": String(result.nodesChecked),
                    "optimal": String(result.isOptimal),
                    // The anonymiser's own timers (see Anonymizer.Result), and the call timed from here.
                    "encode_seconds": String(format: "%.4f", result.encodeSeconds),
                    "search_seconds": String(format: "%.4f", result.searchSeconds),
                    "apply_seconds": String(format: "%.4f", result.applySeconds),
                    "whole_seconds": String(format: "%.4f", result.wholeSeconds),
                    "anonymize_seconds": String(format: "%.4f", elapsed),
                    "recoding": "\"\(recoding.rawValue)\"", "level_combinations": String(result.levelCombinations.count),
                    "suppressed_rows": String(result.best.suppressedRows),
                    "peak_memory_mb": String(format: "%.0f", peakMemoryMegabytes()),
                ]
                if verify {
                    let all = try anonymizer.evaluate(Transformation.all(heights: hierarchies.map(\.hierarchy.height)),
                                                      on: table)
                    let optimum = all.filter(\.qualifies).map(\.loss).min() ?? .nan
                    line["brute_force_loss"] = String(format: "%.6f", optimum)
                    line["equals_brute_force"] = abs(optimum - result.best.loss) < 1e-12 ? "true" : "false"
                }
                switch format {
                case .json:
                    print("{" + line.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}")
                case .text:
                    print(Self.textLine(caseName, rows: table.rowCount, result: result, line: line))
                }
            }
        } catch { throw failure(reporting: error, in: languageOption.language) }
    }

    /// One case as a sentence: the phases' times, then what was found.
    static func textLine(_ name: String, rows: Int, result: Anonymizer.Result, line: [String: String]) -> String {
        func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
        var text = "\(name), \(rows) rows: encode \(seconds(result.encodeSeconds)), search \(seconds(result.searchSeconds)), "
            + "apply \(seconds(result.applySeconds)), whole \(seconds(result.wholeSeconds)); "
            + "levels \(result.best.transformation), loss \(String(format: "%.4f", result.best.loss)), "
            + "\(result.best.suppressedRows) rows suppressed, \(result.nodesChecked) transformations evaluated"
        if let equal = line["equals_brute_force"] { text += equal == "true" ? ", equals brute force" : ", DIFFERS FROM BRUTE FORCE" }
        return text
    }

    /// `table` with a column `person`: consecutive runs of 1 to 3 rows (seeded) share a person.
    static func addingPersons(to table: Table) throws -> Table {
        var random = SeededGenerator(seed: 2026)
        var builder = ColumnBuilder(type: .string, capacity: table.rowCount)
        var person = 0, left = 0
        for _ in 0..<table.rowCount {
            if left == 0 { person += 1; left = random.uniform(in: 1...3) }
            builder.append(text: "P\(person)")
            left -= 1
        }
        var schema = table.schema
        schema.fields.append(Field("person", type: .string))
        return try Table(schema: schema, columns: table.columns + [builder.finish()])
    }
}

extension Recoding: ExpressibleByArgument {}
