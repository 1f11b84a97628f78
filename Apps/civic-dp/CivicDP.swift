// civic-dp: differentially private statistics with a budget that cannot be overspent,
// and a sampler to see what the noise looks like.
//
//   civic-dp sample --mechanism discrete-laplace --scale 10 --count 20
//   civic-dp count cases.csv --by service --categories "A,B,C" --privacy-unit client_id --max-rows-per-person 2 \
//            --epsilon 0.5 --ledger budget.json --budget 2
//   civic-dp sum  cases.csv --column income_eur --lower 0 --upper 5000 --privacy-unit row --epsilon 0.5
//
// Every release names its privacy unit: a person column, whose persons keep at most
// --max-rows-per-person rows (chosen at random) with the noise scaled to match, or
// the word `row` to state that every row is a different person.
//
// Noise comes from exact integer samplers on a cryptographically secure source. A
// query that would exceed the ledger's budget is refused, prints why, exits non-zero
// and releases nothing; the ledger stays as it was.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

@main
struct CivicDP: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-dp",
        abstract: appLanguage.pick(de: "Differentiell private Statistik mit einem Datenschutz-Budget.",
                                   en: "Differentially private statistics, with a privacy budget."),
        discussion: appLanguage.pick(
            de: """
                Jede Abfrage kostet ε (epsilon); kleinere Werte heißen mehr Rauschen und mehr Schutz. Das \
                Budgetbuch (--ledger) zählt mit und lehnt Abfragen ab, die das Gesamtbudget überschreiten würden.
                Epsilon schützt Personen: --privacy-unit nennt die Personenspalte (oder row, wenn jede Zeile eine \
                andere Person ist); von jeder Person zählen höchstens --max-rows-per-person Zeilen, und das \
                Rauschen wächst entsprechend.
                """,
            en: """
                Every query costs epsilon; smaller means more noise and more protection. The ledger (--ledger) keeps \
                count and refuses queries that would exceed the total budget.
                Epsilon protects people: --privacy-unit names the person column (or row when every row is a \
                different person); each person contributes at most --max-rows-per-person rows, and the noise grows \
                to match.
                """),
        subcommands: [Sample.self, Count.self, Histogram.self, Quantile.self, Sum.self, Mean.self])
}

/// The privacy options every release shares.
struct ReleaseOptions: ParsableArguments {
    @Argument(help: .localized(de: "Die CSV-Datei.", en: "The CSV file.")) var file: String
    @Option(help: .localized(de: "Was diese Abfrage an Datenschutz kostet (eine positive Dezimalzahl mit Punkt, z. B. 0.5).",
                             en: "The privacy cost of this query (a positive decimal, e.g. 0.5)."))
    var epsilon: String
    @Option(help: .localized(de: "Die Datei des Budgetbuchs (JSON); wird mit --budget angelegt.",
                             en: "The budget ledger file (JSON); created when --budget is given."))
    var ledger: String?
    @Option(help: .localized(de: "Das Gesamtbudget des Budgetbuchs (nur zum Anlegen; muss zu einem vorhandenen passen).",
                             en: "The ledger's total budget (only to create it; must match an existing one)."))
    var budget: String?
    @Option(help: .localized(
        de: "Die Spalte, die eine Person bezeichnet, oder 'row', wenn jede Zeile eine andere Person ist (Pflicht).",
        en: "The column that identifies a person, or 'row' if every row is a different person (required)."))
    var privacyUnit: String
    @Option(help: .localized(
        de: "Mit einer Personenspalte: wie viele Zeilen einer Person höchstens zählen (zufällig gewählt); "
            + "das Rauschen wächst entsprechend.",
        en: "With a person column: the most rows of one person that count (chosen at random); the noise is scaled by it."))
    var maxRowsPerPerson = 1
    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
        guard Rational(epsilon) != nil else {
            throw ValidationError(de: "--epsilon: eine positive Dezimalzahl wie 0.5", en: "--epsilon: a positive decimal such as 0.5")
        }
        if let budget { guard Decimal(string: budget, locale: Locale(identifier: "en_US_POSIX")).map({ $0 > 0 }) == true else {
            throw ValidationError(de: "--budget: eine positive Dezimalzahl", en: "--budget: a positive decimal")
        } }
        if budget != nil && ledger == nil { throw ValidationError(de: "--budget braucht --ledger", en: "--budget needs --ledger") }
        if privacyUnit == "row" && maxRowsPerPerson != 1 {
            throw ValidationError(de: "--max-rows-per-person braucht eine Personenspalte als --privacy-unit, nicht 'row'",
                                  en: "--max-rows-per-person needs a person column as --privacy-unit, not 'row'")
        }
        guard (1...ContributionBound.largestBound).contains(maxRowsPerPerson) else {
            throw ValidationError(de: "--max-rows-per-person: von 1 bis \(ContributionBound.largestBound)",
                                  en: "--max-rows-per-person: from 1 to \(ContributionBound.largestBound)")
        }
    }

    /// The contribution bound these options name.
    var bound: ContributionBound {
        get throws { privacyUnit == "row" ? .row : try ContributionBound(privacyUnit: privacyUnit, maxRowsPerPerson: maxRowsPerPerson) }
    }

    var epsilonValue: Rational { Rational(epsilon)! }

    /// Loads the table, runs `release` under the ledger (if any), prints the JSON.
    func run<Release: Encodable>(query: String, _ release: (Table, ContributionBound, inout SecureRandom) throws -> Release) throws {
        let language = languageOption.language
        do {
            let table = try TableFile.read(URL(fileURLWithPath: file))
            var random = SecureRandom()
            let posix = Locale(identifier: "en_US_POSIX")
            let cost = Decimal(string: epsilon, locale: posix)!
            let output: Output<Release>
            let bound = try bound
            if let ledger {
                let book = PrivacyBudgetLedger(store: LockedFile(url: URL(fileURLWithPath: ledger)))
                let (result, remaining) = try book.spend(
                    epsilon: cost, query: "\(query) (unit: \(bound.summary))", creatingWithBudget: budget.flatMap { Decimal(string: $0, locale: posix) }
                ) { try release(table, bound, &random) }
                output = Output(result: result, epsilonSpent: cost, budgetRemaining: remaining, bound: bound)
            } else {
                output = Output(result: try release(table, bound, &random), epsilonSpent: cost, budgetRemaining: nil, bound: bound)
            }
            try printJSON(output)
        } catch {
            throw failure(reporting: error, in: language)
        }
    }
}

/// A release with its cost and unit: the release's own fields, then epsilon_spent,
/// budget_remaining, privacy_unit and max_rows_per_person.
struct Output<Release: Encodable>: Encodable {
    var result: Release
    var epsilonSpent: Decimal
    var budgetRemaining: Decimal?
    var bound: ContributionBound

    enum Keys: String, CodingKey { case epsilon_spent, budget_remaining, privacy_unit, max_rows_per_person }

    func encode(to encoder: any Encoder) throws {
        try result.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(epsilonSpent, forKey: .epsilon_spent)
        try container.encode(budgetRemaining, forKey: .budget_remaining)
        try container.encode(bound.privacyUnit ?? "row", forKey: .privacy_unit)
        try container.encode(bound.maxRowsPerPerson, forKey: .max_rows_per_person)
    }
}
