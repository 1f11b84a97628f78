import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels

struct Correlate: StatisticsCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Korrelation nach Pearson, Spearman und Kendall (tau-b) zweier Zahlenspalten.",
                                   en: "Pearson, Spearman and Kendall (tau-b) correlation of two numeric columns."))

    @OptionGroup var input: InputOptions
    @Option(help: .localized(de: "Die erste Zahlenspalte.", en: "The first numeric column.")) var x: String
    @Option(help: .localized(de: "Die zweite Zahlenspalte.", en: "The second numeric column.")) var y: String

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
            ["Pearson r", format(a.pearson.r, language), formatP(a.pearson.p, language)],
            ["Spearman rho", format(a.spearman.r, language), formatP(a.spearman.p, language)],
            ["Kendall tau-b", format(a.kendall.tau, language), formatP(a.kendall.p, language)],
        ]) + leftOutNote(a.left_out, language)
    }
}
