import CivicTestSupport
import Foundation
import Testing

@Suite("civic-dp")
struct CivicDPTests {
    let cases = packageRoot().appendingPathComponent("Tests/CivicAnalysisTests/Fixtures/cases-800.csv").path

    @Test("processes racing on one ledger never overspend it")
    func race() throws {
        let folder = try TemporaryDirectory()
        let ledger = folder.file("budget.json").path
        // Budget 1.0, each query 0.3: exactly three can run, whatever the order.
        let arguments = ["count", cases, "--by", "gender", "--categories", "m,w,d", "--epsilon", "0.3",
                         "--ledger", ledger, "--budget", "1.0", "--privacy-unit", "client_id"]
        let processes = (0..<8).map { _ -> Process in
            let process = Process()
            process.executableURL = productsDirectory().appendingPathComponent("civic-dp")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        let succeeded = processes.filter { $0.terminationStatus == 0 }.count
        #expect(succeeded == 3)
        let content = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ledger))) as! [String: Any]
        let entries = content["entries"] as! [[String: Any]]
        #expect(entries.count == 3)
        let spent = entries.reduce(Decimal(0)) { $0 + Decimal(string: "\($1["epsilon"]!)")! }
        #expect(spent == Decimal(string: "0.9")!)
        #expect(spent <= Decimal(string: "1.0")!)
    }

    @Test("a refused query prints why, exits non-zero and leaves the ledger byte for byte")
    func refusal() throws {
        let folder = try TemporaryDirectory()
        let ledger = folder.file("budget.json").path
        let first = try runProduct("civic-dp", ["mean", cases, "--column", "income_eur", "--lower", "0", "--upper", "5000",
                                                "--epsilon", "0.8", "--ledger", ledger, "--budget", "1", "--privacy-unit", "row"])
        #expect(first.status == 0, "\(first.error)")
        let answer = try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as! [String: Any]
        #expect((answer["budget_remaining"] as? NSNumber)?.doubleValue == 0.2)
        #expect(answer["mean"] is NSNumber)
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let second = try runProduct("civic-dp", ["sum", cases, "--column", "income_eur", "--lower", "0", "--upper", "5000",
                                                 "--epsilon", "0.3", "--ledger", ledger, "--lang", "de", "--privacy-unit", "row"])
        #expect(second.status != 0)
        #expect(second.output.isEmpty)
        #expect(second.error.contains("Abgelehnt") && second.error.contains("0,2"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
        // Raising the budget by flag is not possible.
        let third = try runProduct("civic-dp", ["count", cases, "--by", "gender", "--categories", "m,w",
                                                "--epsilon", "0.1", "--ledger", ledger, "--budget", "5", "--privacy-unit", "row"])
        #expect(third.status != 0 && third.error.contains("cannot be changed"))
    }

    @Test("histogram counts a numeric column in public bins and spends its epsilon")
    func histogram() throws {
        let folder = try TemporaryDirectory()
        let ledger = folder.file("budget.json").path
        // Epsilon 1000: noise of scale 1/1000, so the exact bin counts show.
        let result = try runProduct("civic-dp", ["histogram", cases, "--column", "income_eur", "--edges", "0,1000,2000,100000",
                                                 "--epsilon", "1000", "--ledger", ledger, "--budget", "2000", "--privacy-unit", "row"])
        #expect(result.status == 0, "\(result.error)")
        let answer = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
        let counts = answer["counts"] as! [String: Int]
        let incomes = try String(contentsOfFile: cases, encoding: .utf8).split(separator: "\n").dropFirst()
            .compactMap { line -> Double? in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return fields.count > 14 ? Double(fields[14]) : nil
            }
        #expect(counts["0–1000"] == incomes.filter { $0 < 1000 }.count)
        #expect(counts["1000–2000"] == incomes.filter { $0 >= 1000 && $0 < 2000 }.count)
        #expect((answer["budget_remaining"] as? NSNumber)?.doubleValue == 1000)
        #expect(answer["sensitivity"] as? Int == 1)
    }

    @Test("quantile releases a grid value between the bounds and spends its epsilon")
    func quantile() throws {
        let folder = try TemporaryDirectory()
        let ledger = folder.file("budget.json").path
        let result = try runProduct("civic-dp", ["quantile", cases, "--column", "income_eur", "--lower", "0", "--upper", "5000",
                                                 "--resolution", "1", "--q", "0.5", "--epsilon", "0.5",
                                                 "--ledger", ledger, "--budget", "1", "--privacy-unit", "row"])
        #expect(result.status == 0, "\(result.error)")
        let answer = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
        let value = try #require((answer["quantile"] as? NSNumber)?.doubleValue)
        #expect((0...5000).contains(value) && value == value.rounded())
        #expect((answer["budget_remaining"] as? NSNumber)?.doubleValue == 0.5)
        #expect(answer["sensitivity"] as? Int == 2)
        let bad = try runProduct("civic-dp", ["quantile", cases, "--column", "income_eur", "--lower", "0", "--upper", "5000",
                                              "--q", "1.5", "--epsilon", "0.5", "--privacy-unit", "row"])
        #expect(bad.status != 0)
    }

    @Test("sample prints the asked number of integers; bad parameters are refused")
    func sample() throws {
        let result = try runProduct("civic-dp", ["sample", "--mechanism", "discrete-gaussian", "--scale", "2.5", "--count", "500"])
        #expect(result.status == 0)
        let draws = result.output.split(separator: "\n").compactMap { Int($0) }
        #expect(draws.count == 500)
        #expect(Set(draws).count > 5)
        #expect(try runProduct("civic-dp", ["sample", "--scale", "-1"]).status != 0)
        #expect(try runProduct("civic-dp", ["count", cases, "--by", "gender", "--categories", "m", "--epsilon", "zero",
                                            "--privacy-unit", "row"]).status != 0)
    }

    @Test("every release names its privacy unit; without one nothing runs")
    func privacyUnit() throws {
        let refused = try runProduct("civic-dp", ["count", cases, "--by", "gender", "--categories", "m,w,d", "--epsilon", "1"])
        #expect(refused.status != 0 && refused.error.contains("privacy-unit") && refused.output.isEmpty)
        let result = try runProduct("civic-dp", ["count", cases, "--by", "gender", "--categories", "m,w,d", "--epsilon", "1",
                                                 "--privacy-unit", "client_id", "--max-rows-per-person", "2"])
        #expect(result.status == 0, "\(result.error)")
        let answer = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
        #expect(answer["privacy_unit"] as? String == "client_id")
        #expect(answer["max_rows_per_person"] as? Int == 2)
        #expect(answer["sensitivity"] as? Int == 2)
        let rows = try runProduct("civic-dp", ["count", cases, "--by", "gender", "--categories", "m,w,d", "--epsilon", "1",
                                               "--privacy-unit", "row", "--max-rows-per-person", "2"])
        #expect(rows.status != 0, "a bound needs a person column")
    }
}
