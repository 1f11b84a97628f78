import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import Foundation

/// `civic-dp count`: noisy counts per given category.
struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "Verrauschte Anzahlen je Kategorie; die Kategorien werden angegeben, nicht aus den Daten gelesen.",
            en: "Noisy counts per category (histogram); the categories must be given, not read from the data."))

    @OptionGroup var release: ReleaseOptions
    @Option(help: .localized(de: "Die Spalte, die gezählt wird.", en: "The column to count.")) var by: String
    @Option(help: .localized(de: "Die Kategorien, durch Kommas getrennt (aus dem Formular oder der Codeliste, nicht aus den Daten).",
                             en: "The categories, comma-separated (from the form or code list, not from the data)."))
    var categories: String

    struct Answer: Encodable {
        var counts: [String: Int64]
        var sensitivity: Int
    }

    func run() throws {
        let list = categories.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        try release.run(query: "count by \(by)") { table, bound, random in
            let counts = try NoisyCounts(table, column: by, categories: list, epsilon: release.epsilonValue, bound: bound,
                                         using: &random)
            return Answer(counts: Dictionary(uniqueKeysWithValues: zip(counts.categories, counts.counts)),
                          sensitivity: counts.sensitivity)
        }
    }
}

/// `civic-dp histogram`: noisy counts of a numeric column in bins fixed in advance.
struct Histogram: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "Verrauschte Anzahlen einer Zahlenspalte in öffentlichen Klassen (--edges 0,500,1000: [0, 500) und [500, 1000)).",
            en: "Noisy counts of a numeric column in public bins (--edges 0,500,1000: [0, 500) and [500, 1000))."))

    @OptionGroup var release: ReleaseOptions
    @Option(help: .localized(de: "Die Zahlenspalte.", en: "The numeric column.")) var column: String
    @Option(help: .localized(de: "Die Klassengrenzen, aufsteigend, durch Kommas getrennt; vorab festgelegt, nicht aus den Daten.",
                             en: "The bin edges, increasing, comma-separated; fixed in advance, not read from the data."))
    var edges: String

    struct Answer: Encodable {
        var counts: [String: Int64]
        var bins: [String]
        var outside: String
        var sensitivity: Int
    }

    func validate() throws {
        let values = edges.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count >= 2, values.allSatisfy({ $0 != nil }) else { throw ValidationError(de: "--edges: mindestens zwei Zahlen", en: "--edges: at least two numbers") }
    }

    func run() throws {
        let values = edges.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        try release.run(query: "histogram of \(column)") { table, bound, random in
            let histogram = try NoisyCounts(table, column: column, edges: values, epsilon: release.epsilonValue, bound: bound,
                                            using: &random)
            return Answer(counts: Dictionary(uniqueKeysWithValues: zip(histogram.categories, histogram.counts)),
                          bins: histogram.categories, outside: "values outside the edges are not counted",
                          sensitivity: histogram.sensitivity)
        }
    }
}
