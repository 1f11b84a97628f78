import ArgumentParser
import CivicAppSupport
import CivicExampleData
import CivicModels
import CivicPrivacy
import Foundation

/// The anonymiser on a lattice far too large to search exhaustively: generated
/// counselling cases with eleven quasi-identifiers (2,400,000 transformations).
/// Prints the automatic (heuristic) search's result and, with `--budgets`, the
/// loss reached at other budgets, so that the quality of the heuristic can be seen
/// against a search given much more room.
struct AnonymizeWide: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anonymize-wide",
        abstract: "Heuristic search on generated cases with 11 quasi-identifiers (2.4 million transformations).")

    @Option(help: "Generated cases.")
    var rows = 100_000

    @Option(parsing: .upToNextOption, help: "Heuristic budgets (evaluations) to run besides the automatic search.")
    var budgets: [Int] = []

    @OptionGroup var languageOption: LanguageOption

    /// The quasi-identifiers: the eight civic-publish generalises by default, plus
    /// three counts and amounts that a survey export might hold.
    static let configuration11 = AnonymizationConfiguration(
        attributes: [
            "name": .init(role: .identifier),
            "birth_date": .init(role: .quasiIdentifier, hierarchy: .dates([.month, .year])),
            "age": .init(role: .quasiIdentifier, hierarchy: .intervals([5, 10, 20])),
            "gender": .init(role: .quasiIdentifier, hierarchy: .levels(1)),
            "zip": .init(role: .quasiIdentifier, hierarchy: .mask(5)),
            "district": .init(role: .quasiIdentifier, hierarchy: .levels(1)),
            "nationality": .init(role: .quasiIdentifier, hierarchy: .levels(1)),
            "household_size": .init(role: .quasiIdentifier, hierarchy: .intervals([2, 4])),
            "start_date": .init(role: .quasiIdentifier, hierarchy: .dates([.month, .quarter, .year])),
            "duration_minutes": .init(role: .quasiIdentifier, hierarchy: .intervals([30, 60, 240])),
            "contacts": .init(role: .quasiIdentifier, hierarchy: .intervals([2, 4, 8])),
            "income_eur": .init(role: .quasiIdentifier, hierarchy: .intervals([100, 500, 1000])),
            "service": .init(role: .sensitive),
        ],
        privacy: .init(k: 5, suppressionLimit: 0.05))

    func run() throws {
        do {
            let table = try Table(records: Array(CounsellingCaseGenerator(seed: 11, rowCount: rows).records))
            var runs: [(String, AnonymizationConfiguration.SearchSettings?)] = [("automatic", nil)]
            runs += budgets.map { ("heuristic \($0)", .init(mode: .heuristic, maxNodes: $0)) }
            for (name, search) in runs {
                var settings = Self.configuration11
                settings.search = search
                let plan = try settings.plan(for: table) { _ in [] }
                let result = try plan.anonymizer.anonymize(table, removing: plan.identifiers)
                try printJSONLine(Line(search: name, peakMemoryMB: peakMemoryMegabytes(),
                                       seconds: ["encode": result.encodeSeconds, "search": result.searchSeconds,
                                                 "apply": result.applySeconds, "whole": result.wholeSeconds],
                                       result: AnonymizationReport(result, anonymizer: plan.anonymizer)))
            }
        } catch { throw failure(reporting: error, in: languageOption.language) }
    }

    /// One run: the anonymiser's own report, with the search's name, the memory used
    /// and the time of each phase (see `Anonymizer.Result`: encode, search, apply,
    /// and the whole call).
    struct Line: Encodable {
        var search: String
        var peakMemoryMB: Double
        var seconds: [String: Double]
        var result: AnonymizationReport

        enum CodingKeys: String, CodingKey {
            case search, result, seconds
            case peakMemoryMB = "peak_memory_mb"
        }
    }
}
