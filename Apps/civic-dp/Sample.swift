import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import Foundation

/// `civic-dp sample`: draws of the noise itself, to look at; no data, no budget.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "Gibt N Ziehungen exakten ganzzahligen Rauschens aus, eine je Zeile (um zu sehen und zu prüfen, wie Rauschen aussieht).",
            en: "Prints N draws of exact integer noise, one per line (to see and check what noise looks like)."))

    @Option(help: .localized(de: "discrete-laplace oder discrete-gaussian.", en: "discrete-laplace or discrete-gaussian."))
    var mechanism = "discrete-laplace"
    @Option(help: .localized(de: "Die Laplace-Skala oder das Gauß-Sigma (eine positive Dezimalzahl).",
                             en: "The Laplace scale, or the Gaussian sigma (a positive decimal)."))
    var scale: String
    @Option(help: .localized(de: "Wie viele Ziehungen.", en: "How many draws.")) var count = 10

    func validate() throws {
        guard ["discrete-laplace", "discrete-gaussian"].contains(mechanism) else {
            throw ValidationError(de: "--mechanism: discrete-laplace oder discrete-gaussian",
                                  en: "--mechanism: discrete-laplace or discrete-gaussian")
        }
        guard let parameter = Rational(scale) else {
            throw ValidationError(de: "--scale: eine positive Dezimalzahl wie 10 oder 0.5",
                                  en: "--scale: a positive decimal such as 10 or 0.5")
        }
        guard DiscreteLaplace.supports(scale: parameter) else {
            throw ValidationError(de: "--scale: höchstens \(DiscreteLaplace.largestScaleNumerator) (mit seinen Nachkommastellen)",
                                  en: "--scale: at most \(DiscreteLaplace.largestScaleNumerator) (with its decimal places)")
        }
        guard count >= 0 else { throw ValidationError(de: "--count darf nicht negativ sein", en: "--count must not be negative") }
    }

    func run() throws {
        var random = SecureRandom()
        let parameter = Rational(scale)!
        var lines = ""
        if mechanism == "discrete-gaussian" {
            guard let gaussian = DiscreteGaussian(sigma: scale) else {
                throw ValidationError(de: "--scale ist zu groß", en: "--scale too large")
            }
            for _ in 0..<count { lines += "\(gaussian.sample(using: &random))\n" }
        } else {
            let laplace = DiscreteLaplace(scale: parameter)
            for _ in 0..<count { lines += "\(laplace.sample(using: &random))\n" }
        }
        FileHandle.standardOutput.write(Data(lines.utf8))
    }
}
