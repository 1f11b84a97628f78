import CivicTestSupport
import Foundation
import Testing

/// Every numeric setting fed its extremes: the apps answer with a message and a
/// non-zero exit, never a trap (a crash's register dump could carry data bytes).
@Suite("extreme settings")
struct ExtremeSettingsTests {
    let cases = packageRoot().appendingPathComponent("Examples/counselling-cases.csv").path

    @Test("civic-dp refuses extreme bounds, scales and epsilons without crashing")
    func differentialPrivacy() throws {
        let runs: [[String]] = [
            ["quantile", cases, "--column", "income_eur", "--lower", "0", "--upper", "1e300", "--epsilon", "1", "--privacy-unit", "row"],
            ["quantile", cases, "--column", "income_eur", "--lower=-1e308", "--upper", "1e308", "--epsilon", "1", "--privacy-unit", "row"],
            ["sum", cases, "--column", "income_eur", "--lower", "0", "--upper", "1e300", "--epsilon", "1", "--privacy-unit", "row"],
            ["mean", cases, "--column", "income_eur", "--lower", "0", "--upper", "inf", "--epsilon", "1", "--privacy-unit", "row"],
            ["mean", cases, "--column", "income_eur", "--lower", "nan", "--upper", "5", "--epsilon", "1", "--privacy-unit", "row"],
            ["sample", "--scale", "18446744073709551615", "--count", "3"],
            ["sample", "--mechanism", "discrete-gaussian", "--scale", "18446744073709551615", "--count", "3"],
            ["count", cases, "--by", "gender", "--categories", "m", "--epsilon", "0.0000000000001", "--privacy-unit", "row"],
            ["count", cases, "--by", "gender", "--categories", "m", "--epsilon", "1", "--privacy-unit", "client_id",
             "--max-rows-per-person", "9223372036854775807"],
        ]
        for arguments in runs {
            let result = try runProduct("civic-dp", arguments)
            #expect(result.status != 0 && result.status < 128, "\(arguments): exit \(result.status)")
            #expect(!result.error.contains("Fatal error") && !result.error.contains("Backtracing"), "\(arguments)")
        }
    }

    @Test("civic-anonymize refuses infinite, NaN and absurd privacy settings without crashing")
    func anonymisation() throws {
        let folder = try TemporaryDirectory()
        let base = """
            attributes: {name: identifier, case_id: identifier, client_id: identifier, notes: free-text, birth_date: identifier,
              district: identifier, start_date: identifier, nationality: identifier, household_size: identifier,
              zip: identifier, gender: {role: quasi-identifier, hierarchy: {levels: 1}}, service: sensitive,
              age: {role: quasi-identifier, hierarchy: {intervals: [5]}}}

            """
        let settings = ["privacy: {k: 2, l-diversity: {variant: distinct, l: .inf, attribute: service}}",
                        "privacy: {k: 2, l-diversity: {variant: entropy, l: .nan, attribute: service}}",
                        "privacy: {k: 2, l-diversity: {variant: recursive, l: 1e308, c: 3, attribute: service}}",
                        "privacy: {k: 2, l-diversity: {variant: recursive, l: 2, c: .inf, attribute: service}}",
                        "privacy: {k: 2, t-closeness: {variant: equal, t: .nan, attribute: service}}",
                        "privacy: {k: 2, suppression-limit: .inf}",
                        "privacy: {k: -3}",
                        "privacy: {k: 9223372036854775807}",
                        "privacy: {k: 1e308}"]
        for (index, setting) in settings.enumerated() {
            let config = try folder.write("c\(index).yaml", text: base + setting + "\n")
            let result = try runProduct("civic-anonymize", ["--config", config.path, "--input", cases,
                                                            "--output", folder.file("o\(index).csv").path])
            #expect(result.status != 0 && result.status < 128, "\(setting): exit \(result.status)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("o\(index).csv").path), "\(setting) wrote output")
        }
    }
}
