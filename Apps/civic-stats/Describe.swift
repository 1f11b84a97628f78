import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels

struct Describe: StatisticsCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "n, fehlende Werte, Mittelwert, Standardabweichung, Quartile, Schiefe, Wölbung einer Spalte; "
                + "mit --by je Gruppe.",
            en: "n, missing, mean, sd, quartiles, skewness, kurtosis of a column, per group with --by."))

    @OptionGroup var input: InputOptions
    @Option(help: .localized(de: "Die Zahlenspalte, die beschrieben wird.", en: "The numeric column to describe."))
    var column: String
    @Option(help: .localized(de: "Je Wert dieser Spalte beschreiben.", en: "Describe per value of this column."))
    var by: String?
    @Option(help: .localized(de: "Eine Spalte mit Häufigkeitsgewichten (>= 0).", en: "A column of frequency weights (>= 0)."))
    var weight: String?

    struct Group: Encodable {
        var key: String?
        var n: Int
        var missing: Int
        var mean, sd, min, q1, median, q3, max, iqr, mode, skewness, kurtosis: Double?

        func encode(to encoder: any Encoder) throws {
            // Absent statistics are written as null, not left out.
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(key, forKey: .key)
            try container.encode(n, forKey: .n)
            try container.encode(missing, forKey: .missing)
            for (name, value) in [(Keys.mean, mean), (.sd, sd), (.min, min), (.q1, q1), (.median, median), (.q3, q3),
                                  (.max, max), (.iqr, iqr), (.mode, mode), (.skewness, skewness), (.kurtosis, kurtosis)] {
                try container.encode(value, forKey: name)
            }
        }
        enum Keys: String, CodingKey { case key, n, missing, mean, sd, min, q1, median, q3, max, iqr, mode, skewness, kurtosis }
    }

    struct Answer: Encodable {
        var column: String
        var weighted: Bool
        var groups: [Group]
        var left_out: Int
    }

    func answer(for table: Table) throws -> Answer {
        let descriptions = try table.describe(column, by: by, weight: weight)
        let groups = descriptions.map { description in
            let s = description.statistics
            return Group(
                key: description.key.map(keyText), n: s?.count ?? 0, missing: description.missing,
                mean: s?.mean, sd: s?.standardDeviation, min: s?.minimum, q1: s?.firstQuartile, median: s?.median,
                q3: s?.thirdQuartile, max: s?.maximum, iqr: s?.interquartileRange ?? nil, mode: s?.mode,
                skewness: s?.skewness, kurtosis: s?.kurtosis)
        }
        let counted = groups.reduce(0) { $0 + $1.n + $1.missing }
        return Answer(column: column, weighted: weight != nil, groups: groups, left_out: table.rowCount - counted)
    }

    func text(_ answer: Answer, language: Language) -> String {
        var rows = [[by ?? "", "n", language.pick(de: "fehlend", en: "missing"), language.pick(de: "Mittel", en: "mean"),
                     "sd", "min", "q1", "median", "q3", "max",
                     language.pick(de: "Schiefe", en: "skewness"), language.pick(de: "Wölbung", en: "kurtosis")]]
        for g in answer.groups {
            rows.append([g.key ?? answer.column, String(g.n), String(g.missing), format(g.mean, language), format(g.sd, language),
                         format(g.min, language), format(g.q1, language), format(g.median, language), format(g.q3, language), format(g.max, language),
                         format(g.skewness, language), format(g.kurtosis, language)])
        }
        let weighted = answer.weighted
            ? "\n" + language.pick(de: "(gewichtet mit „\(weight!)“; Schiefe und Wölbung ungewichtet nicht berechnet)",
                                   en: "(weighted by '\(weight!)'; skewness and kurtosis are not computed with weights)")
            : ""
        let missingKeys = answer.left_out == 0 ? "" : "\n" + language.pick(
            de: "(\(answer.left_out) Zeilen ohne Gruppenwert ausgelassen)",
            en: "(\(answer.left_out) rows without a group value left out)")
        return aligned(rows) + weighted + missingKeys
    }
}
