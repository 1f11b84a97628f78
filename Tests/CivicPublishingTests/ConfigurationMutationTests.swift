import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing
import Yams

/// The three YAML configurations the apps read, damaged a thousand ways: each
/// mutation is read or refused with an error, and what is read is then used (a
/// plan, a publication), which must end in a result or an error, never a crash.
@Suite("YAML configurations under mutation")
struct ConfigurationMutationTests {
    static let tokens: [[UInt8]] = [
        ": ", "\n  ", "\n- ", "[", "]", "{", "}", ",", "'", "\"", "~", "&a ", "*a", "!!binary ", "#",
        "1e308", "-1e308", ".inf", "-.inf", ".nan", "-1", "0", "0.0", "99999999999999999999", "2147483648",
        "k: ", "l: ", "t: ", "t-closness: ", "suppression-limit: ", "levels: ", "intervals: [", "privacy-unit: ",
        "role: ", "identifier", "quasi-identifier", "insensitive", "hierarchy: {intervals: [0]}",
    ].map { Array($0.utf8) }

    private func example(_ name: String) throws -> [UInt8] {
        Array(try String(contentsOf: packageRoot().appendingPathComponent("Examples/\(name)"), encoding: .utf8).utf8)
    }

    /// The first 240 cases of the bundled example: enough rows for a publication.
    private static let cases: Table? = {
        guard let table = try? CSVTableReader.read(packageRoot().appendingPathComponent("Examples/counselling-cases.csv")).table
        else { return nil }
        return table.filtering { $0 < 240 }
    }()

    /// Runs `use` on every mutation of `sample` that decodes; returns how many did.
    private func fuzz<Config: Decodable>(_ sample: [UInt8], as type: Config.Type, seed: UInt64, iterations: Int,
                                         use: (Config) throws -> Void) -> (decoded: Int, refused: Int) {
        var fuzzer = MutationFuzzer(seed: seed, tokens: Self.tokens)
        var decoded = 0, refused = 0
        for _ in 0..<iterations {
            let text = String(decoding: fuzzer.mutate(sample), as: UTF8.self)
            guard let configuration = try? YAMLDecoder().decode(Config.self, from: text) else {
                refused += 1
                continue
            }
            decoded += 1
            _ = try? use(configuration)
        }
        return (decoded, refused)
    }

    @Test("anonymize.yaml: read or refused; what is read plans or fails with an error")
    func anonymizeConfiguration() throws {
        let table = try #require(Self.cases)
        let outcome = fuzz(try example("anonymize.yaml"), as: AnonymizationConfiguration.self, seed: 1,
                           iterations: fuzzIterations(default: 1_500)) { configuration in
            _ = try configuration.plan(for: table) { _ in throw CocoaError(.fileNoSuchFile) }
        }
        #expect(outcome.decoded > 50 && outcome.refused > 50, "\(outcome)")
    }

    @Test("publish.yaml: read or refused; what is read publishes or fails with an error")
    func publishSettings() throws {
        let table = try #require(Self.cases)
        let outcome = fuzz(try example("publish.yaml"), as: PublicationSettings.self, seed: 2,
                           iterations: fuzzIterations(default: 80)) { settings in
            _ = try Publication(settings: settings).run(table, inputName: "cases.csv")
        }
        #expect(outcome.decoded > 5 && outcome.refused > 5, "\(outcome)")
    }

    @Test("report.yaml: read or refused; what is read makes a report or fails with an error")
    func reportConfiguration() throws {
        let table = try #require(Self.cases)
        let outcome = fuzz(try example("report.yaml"), as: ReportConfiguration.self, seed: 3,
                           iterations: fuzzIterations(default: 600)) { configuration in
            _ = try Report.statistics(of: table, configuration: configuration, language: .german, defaultTitle: "x").html()
        }
        #expect(outcome.decoded > 50 && outcome.refused > 50, "\(outcome)")
    }
}
