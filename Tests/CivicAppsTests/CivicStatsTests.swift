import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// `civic-stats` end to end: its JSON against the SciPy/statsmodels fixture of the
/// analysis tests, and its refusals of degenerate input.
@Suite("civic-stats")
struct CivicStatsTests {
    let fixtures = packageRoot().appendingPathComponent("Tests/CivicAnalysisTests/Fixtures")
    var sample: String { fixtures.appendingPathComponent("stats-sample.csv").path }
    var reference: [String: Any] {
        get throws {
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: fixtures.appendingPathComponent("statistics.json"))) as! [String: Any]
        }
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try runProduct("civic-stats", arguments + ["--json"])
        #expect(result.status == 0, "\(arguments): \(result.error)")
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
    }

    func close(_ a: Any?, _ b: Any?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let x = (a as? NSNumber)?.doubleValue, y = (b as? NSNumber)?.doubleValue
        guard let x, let y else { Issue.record("\(what): \(String(describing: a)) vs \(String(describing: b))"); return }
        #expect(abs(x - y) <= 1e-9 * abs(y), "\(what): \(x) vs \(y)", sourceLocation: sourceLocation)
    }

    @Test("describe --by writes one object per group with the reference statistics")
    func describe() throws {
        let answer = try json(["describe", sample, "--column", "x", "--by", "group"])
        let expected = try reference["describe"] as! [String: Any]
        let byGroup = expected["x_by_group"] as! [String: [String: Any]]
        let groups = answer["groups"] as! [[String: Any]]
        #expect(groups.map { $0["key"] as? String } == ["A", "B", "C"])
        for group in groups {
            let key = group["key"] as! String
            for field in ["n", "mean", "sd", "min", "q1", "median", "q3", "max", "skewness", "kurtosis"] {
                close(group[field], byGroup[key]![field], "\(key) \(field)")
            }
        }
        let whole = try json(["describe", sample, "--column", "x"])
        let only = (whole["groups"] as! [[String: Any]])[0]
        #expect(only["key"] is NSNull)
        #expect(only["missing"] as? Int == 14)
    }

    @Test("ttest, mannwhitney, anova, kruskal, correlate, regress and logit agree with the reference")
    func tests() throws {
        let reference = try reference
        let welch = try json(["ttest", sample, "--column", "x", "--by", "arm"])
        let expected = reference["welch"] as! [String: Any]
        for field in ["t", "df", "p", "mean_difference"] { close(welch[field], expected[field], "welch \(field)") }
        close((welch["ci95"] as! [Any])[0], (expected["ci95"] as! [Any])[0], "welch CI")

        let mw = try json(["mannwhitney", sample, "--column", "score", "--by", "arm"])
        close(mw["u"], (reference["mann_whitney"] as! [String: Any])["u"], "U")
        close(mw["p"], (reference["mann_whitney"] as! [String: Any])["p"], "U p")
        let anova = try json(["anova", sample, "--column", "x", "--by", "group"])
        close(anova["statistic"], (reference["anova"] as! [String: Any])["statistic"], "F")
        let kruskal = try json(["kruskal", sample, "--column", "score", "--by", "group"])
        close(kruskal["p"], (reference["kruskal"] as! [String: Any])["p"], "H p")

        let correlation = try json(["correlate", sample, "--x", "x", "--y", "y"])
        let expectedCorrelation = (reference["correlate"] as! [String: Any])["x_y"] as! [String: Any]
        for (method, key) in [("pearson", "r"), ("spearman", "r"), ("kendall", "tau")] {
            let mine = correlation[method] as! [String: Any], theirs = expectedCorrelation[method] as! [String: Any]
            close(mine[key], theirs[key], "\(method) coefficient")
            close(mine["p"], theirs["p"], "\(method) p")
        }

        let regression = try json(["regress", sample, "--y", "y", "--x", "x,score,region"])
        let expectedRegression = reference["regress"] as! [String: Any]
        for field in ["r2", "adj_r2", "f", "f_p", "n"] { close(regression[field], expectedRegression[field], field) }
        let coefficients = regression["coefficients"] as! [[String: Any]]
        let expectedCoefficients = expectedRegression["coefficients"] as! [[String: Any]]
        #expect(coefficients.map { $0["name"] as! String } == expectedCoefficients.map { $0["name"] as! String })
        for (mine, theirs) in zip(coefficients, expectedCoefficients) {
            for field in ["estimate", "se", "t", "p"] { close(mine[field], theirs[field], "\(mine["name"]!) \(field)") }
        }

        let logit = try json(["logit", sample, "--y", "outcome", "--x", "x,arm"])
        let expectedLogit = (reference["logit"] as! [String: Any])["coefficients"] as! [[String: Any]]
        for (mine, theirs) in zip(logit["coefficients"] as! [[String: Any]], expectedLogit) {
            for field in ["estimate", "se", "z", "p"] { close(mine[field], theirs[field], "logit \(field)") }
        }
    }

    @Test("ttest --groups picks two of three groups; the other rows count as left out; an unknown group is named")
    func ttestGroups() throws {
        let cases = packageRoot().appendingPathComponent("Examples/counselling-cases.csv").path
        let all = try runProduct("civic-stats", ["ttest", cases, "--column", "age", "--by", "gender"])
        #expect(all.status != 0 && all.error.contains("3"))
        let two = try json(["ttest", cases, "--column", "age", "--by", "gender", "--groups", "w,m"])
        #expect(two["groups"] as? [String] == ["m", "w"])
        let n = (two["n"] as? [Int] ?? []).reduce(0, +), leftOut = two["left_out"] as? Int ?? 0
        #expect(n + leftOut == 3000 && leftOut > 0)
        let unknown = try runProduct("civic-stats", ["ttest", cases, "--column", "age", "--by", "gender", "--groups", "w,x"])
        #expect(unknown.status != 0 && unknown.error.contains("'x'"))
    }

    @Test("crosstab gives counts, chi-square and Cramér's V")
    func crosstab() throws {
        let cases = fixtures.appendingPathComponent("cases-800.csv").path
        let answer = try json(["crosstab", cases, "--rows", "service", "--columns", "outcome"])
        let expected = (try reference["cases"] as! [String: Any])["service_outcome"] as! [String: Any]
        for field in ["chi2", "p", "cramers_v", "df"] { close(answer[field], expected[field], field) }
        let counts = answer["counts"] as! [String: [String: Int]]
        let table = expected["table"] as! [[Int]]
        #expect(counts["Arbeitsmarktberatung"]?["abgebrochen"] == table[0][0])
        #expect(answer["n"] as? Int == 800)
    }

    @Test("crosstab --protect withholds small cells and enough partners, as null in JSON and x in text")
    func protectedCrosstab() throws {
        let cases = packageRoot().appendingPathComponent("Examples/counselling-cases.csv").path
        let arguments = ["crosstab", cases, "--rows", "service", "--columns", "nationality"]
        let plain = try json(arguments)
        let protected = try json(arguments + ["--protect", "--min-frequency", "5"])
        #expect(protected["chi2"] == nil)
        let truth = plain["counts"] as! [String: [String: Int]]
        let published = protected["counts"] as! [String: [String: Any]]
        var withheld: [(row: String, column: String)] = []
        for (row, cells) in truth {
            for (column, count) in cells {
                let shown = published[row]?[column]
                if shown is NSNull {
                    withheld.append((row, column))
                    #expect(count > 0, "an empty cell is never withheld")
                } else {
                    #expect(shown as? Int == count)
                    #expect(count == 0 || count >= 5, "\(row)/\(column) = \(count) is published")
                }
            }
        }
        #expect(!withheld.isEmpty)
        // Every row and column with a withheld cell holds at least two (the totals are all published here).
        for cell in withheld {
            #expect(withheld.filter { $0.row == cell.row }.count >= 2)
            #expect(withheld.filter { $0.column == cell.column }.count >= 2)
        }
        let text = try runProduct("civic-stats", arguments + ["--protect", "--lang", "de"])
        #expect(text.status == 0)
        #expect(text.output.contains(" x ") && text.output.contains("geheim gehalten"))
    }

    @Test("crosstab --protect --privacy-unit counts people per cell: a cell of many cases from few clients is withheld")
    func protectedCrosstabInPeople() throws {
        let cases = packageRoot().appendingPathComponent("Examples/counselling-cases.csv").path
        let arguments = ["crosstab", cases, "--rows", "service", "--columns", "nationality", "--protect", "--json"]
        let byPeople = try JSONSerialization.jsonObject(with: Data(try runProduct("civic-stats",
            arguments + ["--privacy-unit", "client_id"]).output.utf8)) as! [String: Any]
        #expect((byPeople["protection"] as? [String: Any])?["privacy_unit"] as? String == "client_id")
        // Recount distinct clients per cell from the file: every published non-empty cell has at least 5.
        let table = try CSVTableReader.read(URL(fileURLWithPath: cases)).table
        var cells: [[String]: (cases: Int, clients: Set<String>)] = [:]
        for row in 0..<table.rowCount {
            let key = [table[row, "service"].description, table[row, "nationality"].description]
            cells[key, default: (0, [])].cases += 1
            cells[key, default: (0, [])].clients.insert(table[row, "client_id"].description)
        }
        let published = byPeople["counts"] as! [String: [String: Any]]
        var withheldOnlyByPeople = 0
        for (key, cell) in cells {
            guard let shown = published[key[0]]?[key[1]] else { continue }
            if !(shown is NSNull) { #expect(cell.clients.count >= 5, "\(key) has \(cell.clients.count) clients") }
            if shown is NSNull && cell.cases >= 5 && cell.clients.count < 5 { withheldOnlyByPeople += 1 }
        }
        #expect(withheldOnlyByPeople > 0, "some cells of 5 or more cases are fewer than 5 people")
        #expect(try runProduct("civic-stats", ["crosstab", cases, "--rows", "service", "--columns", "gender",
                                               "--privacy-unit", "client_id"]).status != 0, "--privacy-unit needs --protect")
    }

    @Test("crosstab --protect --method round and cell-key publish changed counts; cell-key needs a key")
    func perturbedCrosstab() throws {
        let cases = packageRoot().appendingPathComponent("Examples/counselling-cases.csv").path
        let arguments = ["crosstab", cases, "--rows", "service", "--columns", "gender", "--protect"]
        let rounded = try json(arguments + ["--method", "round", "--base", "5"])
        for cells in (rounded["counts"] as! [String: [String: Int]]).values {
            #expect(cells.values.allSatisfy { $0 % 5 == 0 })
        }
        let missingKey = try runProduct("civic-stats", arguments + ["--method", "cell-key"])
        #expect(missingKey.status != 0 && missingKey.error.contains("--key-file"))

        let folder = try TemporaryDirectory()
        let keyFile = folder.url.appendingPathComponent("key").path
        let keygen = try runProduct("civic-redact", ["keygen", keyFile])
        #expect(keygen.status == 0, "\(keygen.error)")
        let first = try json(arguments + ["--method", "cell-key", "--key-file", keyFile, "--id-column", "case_id"])
        let second = try json(arguments + ["--method", "cell-key", "--key-file", keyFile, "--id-column", "case_id"])
        #expect(first["counts"] as? NSDictionary == second["counts"] as? NSDictionary, "the same cells get the same noise")
    }

    @Test("degenerate input gets a clear message and a non-zero exit", arguments: [
        ("", ["describe", "FILE", "--column", "v"], "empty"),
        ("g,v\na,1\na,1\nb,1\nb,1\n", ["ttest", "FILE", "--column", "v", "--by", "g"], "equal"),
        ("g,v\na,1\na,2\nb,3\n", ["ttest", "FILE", "--column", "v", "--by", "g"], "at least 2"),
        ("g,v\na,1\nb,2\nc,3\n", ["ttest", "FILE", "--column", "v", "--by", "g"], "exactly 2"),
        ("g,v\na,1\nb,2\n", ["describe", "FILE", "--column", "g"], "does not hold numbers"),
        ("y,a,b\n1,1,2\n2,2,4\n4,3,6\n3,4,8\n", ["regress", "FILE", "--y", "y", "--x", "a,b"], "'b'"),
        ("y,x\n0,1\n0,2\n1,3\n1,4\n", ["logit", "FILE", "--y", "y", "--x", "x"], "separation"),
    ])
    func refusals(csv: String, arguments: [String], message: String) throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("input.csv", text: csv).path
        let result = try runProduct("civic-stats", arguments.map { $0 == "FILE" ? file : $0 })
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(!result.output.contains("nan") && !result.output.contains("NaN"))
    }

    @Test("messages in German with --lang de")
    func german() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("input.csv", text: "g,v\na,1\na,2\nb,3\n").path
        let result = try runProduct("civic-stats", ["ttest", file, "--column", "v", "--by", "g", "--lang", "de"])
        #expect(result.status != 0)
        #expect(result.error.contains("Fehler") && result.error.contains("Gruppe „b“"))
    }
}
