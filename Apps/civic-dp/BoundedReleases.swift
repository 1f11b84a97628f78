import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import Foundation

// `civic-dp quantile`, `sum` and `mean`: releases of a numeric column whose values are
// clamped to public bounds, so one person can move the result only so far.

/// The options of a clamped numeric release.
struct BoundsOptions: ParsableArguments {
    @Option(help: .localized(de: "Die Zahlenspalte.", en: "The numeric column.")) var column: String
    @Option(help: .localized(de: "Öffentliche Untergrenze; kleinere Werte werden auf sie angehoben.",
                             en: "Public lower bound; smaller values are raised to it."))
    var lower: Double
    @Option(help: .localized(de: "Öffentliche Obergrenze; größere Werte werden auf sie gesenkt.",
                             en: "Public upper bound; larger values are lowered to it."))
    var upper: Double
    @Option(help: .localized(de: "Auflösung der Festkommazahlen, z. B. 0.01.", en: "Fixed-point resolution, e.g. 0.01."))
    var resolution = "0.01"

    func validate() throws {
        guard lower < upper else {
            throw ValidationError(de: "--lower muss unter --upper liegen", en: "--lower must be below --upper")
        }
        guard Rational(resolution) != nil else {
            throw ValidationError(de: "--resolution: eine positive Dezimalzahl", en: "--resolution: a positive decimal")
        }
    }

    /// The noisy sum (or mean) of the column under these bounds.
    func noisySum(_ table: Table, epsilon: Rational, mean: Bool, bound: ContributionBound,
                  using random: inout SecureRandom) throws -> NoisySum {
        try NoisySum(table, column: column, lower: lower, upper: upper, resolution: Rational(resolution)!,
                     epsilon: epsilon, mean: mean, bound: bound, using: &random)
    }
}

struct Quantile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "Ein verrauschtes Quantil einer Spalte (Median: --q 0.5), mit dem Exponential-Mechanismus auf einem "
                + "Raster zwischen öffentlichen Grenzen.",
            en: "A noisy quantile (median: --q 0.5) of a column, by the exponential mechanism on a grid between public bounds."))
    @OptionGroup var release: ReleaseOptions
    @OptionGroup var bounds: BoundsOptions
    @Option(help: .localized(de: "Welches Quantil, zwischen 0 und 1 (höchstens vier Nachkommastellen).",
                             en: "Which quantile, between 0 and 1 (at most four decimal places)."))
    var q = "0.5"

    struct Answer: Encodable { var quantile: Double; var q: String; var sensitivity: Int }

    func validate() throws {
        guard let value = Rational(q), value.numerator <= value.denominator else { throw ValidationError(de: "--q: eine Dezimalzahl von 0 bis 1", en: "--q: a decimal from 0 to 1") }
    }

    func run() throws {
        try release.run(query: "quantile \(q) of \(bounds.column)") { table, bound, random in
            let quantile = try NoisyQuantile(table, column: bounds.column, q: Rational(q)!, lower: bounds.lower, upper: bounds.upper,
                                             resolution: Rational(bounds.resolution)!, epsilon: release.epsilonValue,
                                             bound: bound, using: &random)
            return Answer(quantile: quantile.value, q: q, sensitivity: quantile.sensitivity)
        }
    }
}

struct Sum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Eine verrauschte Summe einer Spalte, begrenzt auf öffentliche Grenzen.",
                                   en: "A noisy sum of a column clamped to public bounds."))
    @OptionGroup var release: ReleaseOptions
    @OptionGroup var bounds: BoundsOptions

    struct Answer: Encodable { var sum: Double; var sensitivity: Double }

    func run() throws {
        try release.run(query: "sum of \(bounds.column)") { table, bound, random in
            let sum = try bounds.noisySum(table, epsilon: release.epsilonValue, mean: false, bound: bound, using: &random)
            return Answer(sum: sum.sum, sensitivity: sum.sensitivity)
        }
    }
}

struct Mean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "Ein verrauschter Mittelwert einer Spalte, begrenzt auf öffentliche Grenzen (je halbes Epsilon für Summe und Anzahl).",
            en: "A noisy mean of a column clamped to public bounds (half of epsilon each on sum and count)."))
    @OptionGroup var release: ReleaseOptions
    @OptionGroup var bounds: BoundsOptions

    struct Answer: Encodable { var mean: Double; var sensitivity: Double }

    func run() throws {
        try release.run(query: "mean of \(bounds.column)") { table, bound, random in
            let mean = try bounds.noisySum(table, epsilon: release.epsilonValue, mean: true, bound: bound, using: &random)
            return Answer(mean: mean.mean!, sensitivity: mean.sensitivity)
        }
    }
}
