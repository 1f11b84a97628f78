import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import Foundation

/// The outcome and predictors of a regression.
struct ModelColumns: ParsableArguments {
    @Option(help: .localized(de: "Die Spalte der Zielgröße.", en: "The outcome column.")) var y: String
    @Option(help: .localized(
        de: "Die erklärenden Spalten, durch Kommas getrennt; Textspalten werden dummy-kodiert (die erste Ausprägung "
            + "ist die Referenz).",
        en: "Predictor columns, comma-separated; text columns are dummy-coded (first level is the reference)."))
    var x: String

    var predictors: [String] { x.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
}

struct Regress: StatisticsCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "Lineare Regression nach kleinsten Quadraten: Koeffizienten, Standardfehler, t, p, R², F.",
            en: "Linear regression by least squares: coefficients, standard errors, t, p, R², F."))

    @OptionGroup var input: InputOptions
    @OptionGroup var model: ModelColumns

    struct Coefficient: Encodable { var name: String; var estimate, se, t, p: Double }
    struct Answer: Encodable {
        var coefficients: [Coefficient]
        var r2, adj_r2, f, f_p: Double
        var n: Int
        var left_out: Int
    }

    func answer(for table: Table) throws -> Answer {
        let fit = try LinearRegression(table, response: model.y, predictors: model.predictors)
        return Answer(
            coefficients: fit.coefficients.map {
                Coefficient(name: $0.name, estimate: $0.estimate, se: $0.standardError, t: $0.statistic, p: $0.pValue)
            },
            r2: fit.rSquared, adj_r2: fit.adjustedRSquared, f: fit.f, f_p: fit.fPValue, n: fit.count, left_out: fit.leftOut)
    }

    func text(_ a: Answer, language: Language) -> String {
        var rows = [["", language.pick(de: "Schätzer", en: "estimate"), language.pick(de: "Std.-Fehler", en: "std. error"),
                     "t", "p"]]
        for c in a.coefficients { rows.append([c.name, format(c.estimate, language), format(c.se, language), format(c.t, language), formatP(c.p, language)]) }
        return "\(model.y) ~ \(model.predictors.joined(separator: " + ")) (n = \(a.n))\n" + aligned(rows)
            + "\nR² = \(format(a.r2, language)), " + language.pick(de: "korrigiert", en: "adjusted") + " \(format(a.adj_r2, language)), "
            + "F = \(format(a.f, language)), p = \(formatP(a.f_p, language))" + leftOutNote(a.left_out, language)
    }
}

struct Logit: StatisticsCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "Logistische Regression einer zweiwertigen Zielgröße: Koeffizienten (Log-Odds), Standardfehler, z, p.",
            en: "Logistic regression of a two-valued outcome: coefficients (log odds), standard errors, z, p."))

    @OptionGroup var input: InputOptions
    @OptionGroup var model: ModelColumns

    struct Coefficient: Encodable { var name: String; var estimate, se, z, p: Double }
    struct Answer: Encodable {
        var coefficients: [Coefficient]
        var event: String
        var n: Int
        var left_out: Int
    }

    func answer(for table: Table) throws -> Answer {
        let fit = try LogisticRegression(table, response: model.y, predictors: model.predictors)
        return Answer(
            coefficients: fit.coefficients.map {
                Coefficient(name: $0.name, estimate: $0.estimate, se: $0.standardError, z: $0.statistic, p: $0.pValue)
            },
            event: keyText(fit.event), n: fit.count, left_out: fit.leftOut)
    }

    func text(_ a: Answer, language: Language) -> String {
        var rows = [["", language.pick(de: "Schätzer (log odds)", en: "estimate (log odds)"),
                     language.pick(de: "Std.-Fehler", en: "std. error"), "z", "p"]]
        for c in a.coefficients { rows.append([c.name, format(c.estimate, language), format(c.se, language), format(c.z, language), formatP(c.p, language)]) }
        return language.pick(de: "P(\(model.y) = \(a.event)), n = \(a.n)\n", en: "P(\(model.y) = \(a.event)), n = \(a.n)\n")
            + aligned(rows) + leftOutNote(a.left_out, language)
    }
}
