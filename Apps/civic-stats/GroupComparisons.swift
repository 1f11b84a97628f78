import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import Foundation

/// The column and grouping options of the group comparisons.
struct GroupedColumn: ParsableArguments {
    @Option(help: .localized(de: "Die Zahlenspalte, die verglichen wird.", en: "The numeric column to compare."))
    var column: String
    @Option(help: .localized(de: "Die Spalte, deren Werte die Gruppen bilden.", en: "The column whose values form the groups."))
    var by: String
    @Option(help: .localized(
        de: "Nur diese Gruppen, durch Kommas getrennt (z. B. --groups w,m); die übrigen Zeilen werden ausgelassen.",
        en: "Only these groups, comma-separated (e.g. --groups w,m); the other rows are left out."))
    var groups: String?

    /// The samples per group (keys sorted), only the chosen groups, and the rows left out.
    func samples(_ table: Table, exactly count: Int? = nil) throws -> GroupedSample {
        var grouped = try table.numbers(column, groupedBy: by)
        if let groups {
            grouped = try grouped.selecting(groups.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                                            column: by)
        }
        if let count, grouped.keys.count != count {
            throw AnalysisError.wrongNumberOfGroups(column: by, expected: count, found: grouped.keys.count)
        }
        if grouped.keys.count < 2 {
            throw AnalysisError.wrongNumberOfGroups(column: by, expected: 2, found: grouped.keys.count)
        }
        return grouped
    }
}

struct TTestCommand: StatisticsCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttest",
        abstract: appLanguage.pick(de: "Welch-t-Test: Haben zwei Gruppen denselben Mittelwert?",
                                   en: "Welch's t-test: do two groups have the same mean?"))

    @OptionGroup var input: InputOptions
    @OptionGroup var grouped: GroupedColumn

    struct Answer: Encodable {
        var groups: [String]
        var n: [Int]
        var t, df, p, mean_difference: Double
        var ci95: [Double]
        var left_out: Int
    }

    func answer(for table: Table) throws -> Answer {
        let sample = try grouped.samples(table, exactly: 2)
        let names = sample.keys.map(keyText)
        let result = try TTest.welch(sample.samples[0], sample.samples[1], column: grouped.column,
                                     groups: (names[0], names[1]))
        return Answer(groups: names, n: sample.samples.map(\.count), t: result.t, df: result.degreesOfFreedom,
                      p: result.pValue, mean_difference: result.estimate,
                      ci95: [result.confidenceInterval.lower, result.confidenceInterval.upper], left_out: sample.leftOut)
    }

    func text(_ a: Answer, language: Language) -> String {
        language.pick(
            de: "Welch-t-Test \(grouped.column): \(a.groups[0]) (n = \(a.n[0])) gegen \(a.groups[1]) (n = \(a.n[1]))\n"
                + "Differenz der Mittelwerte \(format(a.mean_difference, language)), 95-%-KI [\(format(a.ci95[0], language)); \(format(a.ci95[1], language))]\n"
                + "t = \(format(a.t, language)), df = \(format(a.df, language)), p = \(formatP(a.p, language))",
            en: "Welch's t-test of \(grouped.column): \(a.groups[0]) (n = \(a.n[0])) vs \(a.groups[1]) (n = \(a.n[1]))\n"
                + "mean difference \(format(a.mean_difference, language)), 95% CI [\(format(a.ci95[0], language)), \(format(a.ci95[1], language))]\n"
                + "t = \(format(a.t, language)), df = \(format(a.df, language)), p = \(formatP(a.p, language))") + leftOutNote(a.left_out, language)
    }
}

struct MannWhitney: StatisticsCommand {
    static let configuration = CommandConfiguration(
        commandName: "mannwhitney",
        abstract: appLanguage.pick(de: "Mann-Whitney-U-Test zweier Gruppen (Normalapproximation, Bindungen korrigiert).",
                                   en: "Mann-Whitney U test of two groups (normal approximation, ties corrected)."))

    @OptionGroup var input: InputOptions
    @OptionGroup var grouped: GroupedColumn

    struct Answer: Encodable {
        var groups: [String]
        var u, p: Double
        var left_out: Int
    }

    func answer(for table: Table) throws -> Answer {
        let sample = try grouped.samples(table, exactly: 2)
        let result = try MannWhitneyU.test(sample.samples[0], sample.samples[1], column: grouped.column)
        return Answer(groups: sample.keys.map(keyText), u: result.statistic, p: result.pValue, left_out: sample.leftOut)
    }

    func text(_ a: Answer, language: Language) -> String {
        "Mann-Whitney U (\(a.groups[0]) / \(a.groups[1])): U = \(format(a.u, language)), p = \(formatP(a.p, language))"
            + leftOutNote(a.left_out, language)
    }
}

/// The answer of ANOVA and Kruskal-Wallis.
struct GroupTestAnswer: Encodable {
    var groups: [String]
    var statistic, p: Double
    var left_out: Int
}

extension GroupedColumn {
    /// Runs a test of several groups (ANOVA, Kruskal-Wallis) on the table.
    func compare(_ table: Table, with test: ([[Double]], String, [String]) throws -> TestResult) throws -> GroupTestAnswer {
        let sample = try samples(table)
        let result = try test(sample.samples, column, sample.keys.map(keyText))
        return GroupTestAnswer(groups: sample.keys.map(keyText), statistic: result.statistic, p: result.pValue,
                               left_out: sample.leftOut)
    }

    /// "ANOVA x ~ group (3 groups): F = ..., p = ..."
    func describe(_ a: GroupTestAnswer, test: String, statistic: String, language: Language) -> String {
        "\(test) \(column) ~ \(by) (\(a.groups.count) " + language.pick(de: "Gruppen", en: "groups")
            + "): \(statistic) = \(format(a.statistic, language)), p = \(formatP(a.p, language))" + leftOutNote(a.left_out, language)
    }
}

struct Anova: StatisticsCommand {
    static let configuration = CommandConfiguration(
        commandName: "anova",
        abstract: appLanguage.pick(de: "Einfaktorielle Varianzanalyse: Haben die Gruppen denselben Mittelwert?",
                                   en: "One-way analysis of variance: do the groups have the same mean?"))

    @OptionGroup var input: InputOptions
    @OptionGroup var grouped: GroupedColumn

    func answer(for table: Table) throws -> GroupTestAnswer {
        try grouped.compare(table) { try OneWayANOVA.test($0, column: $1, groupNames: $2) }
    }

    func text(_ a: GroupTestAnswer, language: Language) -> String {
        grouped.describe(a, test: "ANOVA", statistic: "F", language: language)
    }
}

struct Kruskal: StatisticsCommand {
    static let configuration = CommandConfiguration(
        commandName: "kruskal",
        abstract: appLanguage.pick(de: "Kruskal-Wallis-H-Test: Rangvergleich mehrerer Gruppen.",
                                   en: "Kruskal-Wallis H test: rank-based comparison of several groups."))

    @OptionGroup var input: InputOptions
    @OptionGroup var grouped: GroupedColumn

    func answer(for table: Table) throws -> GroupTestAnswer {
        try grouped.compare(table) { try KruskalWallis.test($0, column: $1, groupNames: $2) }
    }

    func text(_ a: GroupTestAnswer, language: Language) -> String {
        grouped.describe(a, test: "Kruskal-Wallis", statistic: "H", language: language)
    }
}
