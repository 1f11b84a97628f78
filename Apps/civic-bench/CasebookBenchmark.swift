import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicStorage
import Foundation

/// The casebook's targets (issue #19): a case export imported into a fresh casebook,
/// imported again (every case found and left as it is), consent to statistics for nine
/// persons in ten, the monthly statistics, the retention dry run and the export for
/// publication, each timed on its own, in a casebook in a temporary folder.
struct CasebookBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook", abstract: "Import, statistics and retention of civic-casebook on a case export.")
    @OptionGroup var input: BenchmarkInput

    struct Result: Encodable {
        var benchmark = "casebook"
        var rows: Int
        var persons: Int
        var consenting_cases: Int
        var expired_cases: Int
        var seconds: [String: Double]
        var peak_memory_mb: Double
    }

    func run() throws {
        do {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("civic-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let book = try Casebook.create(path: folder.appendingPathComponent("bench.sqlite").path,
                                           organisation: Organisation(organisationID: "bench", name: "Benchmark"),
                                           actor: "civic-bench")
            try book.setRetentionRule(RetentionRule(records: .cases, years: 3, action: .anonymise))
            let url = URL(fileURLWithPath: input.file)
            let (first, importSeconds) = try timed { try book.importCases(from: url) }
            let (_, reimportSeconds) = try timed { try book.importCases(from: url) }
            let persons = try book.persons()
            let consents = persons.enumerated().filter { $0.offset % 10 != 9 }.map { index, person in
                Consent(consentID: "E-\(index)", personID: person.personID, purpose: Consent.statisticsPurpose,
                        legalBasis: .consent, given: CivicDate(year: 2015, month: 1, day: 1)!)
            }
            let (_, consentSeconds) = try timed { try book.giveConsents(consents) }
            let day = CivicDate(year: 2026, month: 11, day: 30)!
            let (counts, statsSeconds) = try timed { try book.monthlyCases(on: day) }
            let (retention, retentionSeconds) = try timed { try book.retention(on: day, apply: false) }
            let (_, exportSeconds) = try timed {
                try book.exportForStatistics(to: folder.appendingPathComponent("export.csv"), on: day)
            }
            try printJSONLine(Result(
                rows: first.rows, persons: persons.count, consenting_cases: counts.map(\.cases).reduce(0, +),
                expired_cases: retention.expired.first?.records ?? 0,
                seconds: ["import": importSeconds, "reimport": reimportSeconds, "consents": consentSeconds,
                          "stats": statsSeconds, "retention_dry_run": retentionSeconds, "export": exportSeconds],
                peak_memory_mb: peakMemoryMegabytes()))
        } catch { throw failure(reporting: error, in: input.languageOption.language) }
    }
}
