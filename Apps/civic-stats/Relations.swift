import ArgumentParser
import CivicAnalysis
import CivicModels

struct Crosstab: StatisticsCommand {
    static let configuration = CommandConfiguration(
        abstract: "Counts of two columns against each other, with the chi-square test and Cramér's V.")

    @OptionGroup var input: InputOptions
    @Option(help: "The column whose values form the rows.") var rows: String
    @Option(help: "The column whose values form the columns.") var columns: String

    struct Answer: Encodable {
        var counts: [String: [String: Int]]
        var rows: [String]
        var columns: [String]
        var n: Int
        var chi2: Double
        var df: Int
        var p: Double
        var cramers_v: Double
        var left_out: Int
    }

    func answer(for table: Table) throws -> Answer {
        let cross = try CrossTable(table, rows: rows, columns: columns)
        let test = try ChiSquareTest(cross)
        let rowNames = cross.rowLabels.map(keyText), columnNames = cross.columnLabels.map(keyText)
        var counts: [String: [String: Int]] = [:]
        for (r, row) in rowNames.enumerated() {
            counts[row] = Dictionary(uniqueKeysWithValues: columnNames.enumerated().map { ($1, cross.counts[r][$0]) })
        }
        return Answer(counts: counts, rows: rowNames, columns: columnNames, n: cross.total, chi2: test.statistic,
                      df: test.degreesOfFreedom, p: test.pValue, cramers_v: test.cramersV,
                      left_out: table.rowCount - cross.total)
    }

    func text(_ a: Answer, language: Language) -> String {
        let total = language.pick(de: "Summe", en: "total")
        var lines = [["\(rows) \\ \(columns)"] + a.columns + [total]]
        for row in a.rows {
            let counts = a.columns.map { a.counts[row]![$0]! }
            lines.append([row] + counts.map(String.init) + [String(counts.reduce(0, +))])
        }
        lines.append([total] + a.columns.map { c in String(a.rows.reduce(0) { $0 + a.counts[$1]![c]! }) } + [String(a.n)])
        return aligned(lines) + "\n\nchi² = \(format(a.chi2)), df = \(a.df), p = \(formatP(a.p)), Cramér's V = \(format(a.cramers_v))"
            + leftOutNote(a.left_out, language)
    }
}

struct Correlate: StatisticsCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pearson, Spearman and Kendall (tau-b) correlation of two numeric columns.")

    @OptionGroup var input: InputOptions
    @Option(help: "The first numeric column.") var x: String
    @Option(help: "The second numeric column.") var y: String

    struct Coefficient: Encodable { var r: Double; var p: Double }
    struct Tau: Encodable { var tau: Double; var p: Double }
    struct Answer: Encodable {
        var pearson: Coefficient
        var spearman: Coefficient
        var kendall: Tau
        var n: Int
        var left_out: Int
    }

    func answer(for table: Table) throws -> Answer {
        let pairs = try table.pairedNumbers(x, y)
        let pearson = try Correlation.pearson(pairs.x, pairs.y, names: (x, y))
        let spearman = try Correlation.spearman(pairs.x, pairs.y, names: (x, y))
        let kendall = try Correlation.kendall(pairs.x, pairs.y, names: (x, y))
        return Answer(pearson: .init(r: pearson.coefficient, p: pearson.pValue),
                      spearman: .init(r: spearman.coefficient, p: spearman.pValue),
                      kendall: .init(tau: kendall.coefficient, p: kendall.pValue), n: pairs.x.count, left_out: pairs.leftOut)
    }

    func text(_ a: Answer, language: Language) -> String {
        aligned([
            ["\(x) ~ \(y) (n = \(a.n))", language.pick(de: "Koeffizient", en: "coefficient"), "p"],
            ["Pearson r", format(a.pearson.r), formatP(a.pearson.p)],
            ["Spearman rho", format(a.spearman.r), formatP(a.spearman.p)],
            ["Kendall tau-b", format(a.kendall.tau), formatP(a.kendall.p)],
        ]) + leftOutNote(a.left_out, language)
    }
}
