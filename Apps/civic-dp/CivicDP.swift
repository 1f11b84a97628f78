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
struct CivicDP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-dp",
        abstract: "Differentiell private Statistik / differentially private statistics, with a privacy budget.",
        discussion: """
        Jede Abfrage kostet ε (epsilon); kleinere Werte heißen mehr Rauschen und mehr Schutz. \
        Das Budgetbuch (--ledger) zählt mit und lehnt Abfragen ab, die das Gesamtbudget überschreiten würden.
        Every query costs epsilon; smaller means more noise and more protection. The ledger (--ledger) keeps \
        count and refuses queries that would exceed the total budget.
        Epsilon schützt Personen: --privacy-unit nennt die Personenspalte (oder row, wenn jede Zeile eine andere \
        Person ist); von jeder Person zählen höchstens --max-rows-per-person Zeilen, und das Rauschen wächst entsprechend.
        Epsilon protects people: --privacy-unit names the person column (or row when every row is a different \
        person); each person contributes at most --max-rows-per-person rows, and the noise grows to match.
        """,
        subcommands: [Sample.self, Count.self, Histogram.self, Quantile.self, Sum.self, Mean.self])
}

/// The privacy options every release shares.
struct ReleaseOptions: ParsableArguments {
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "The privacy cost of this query (a positive decimal, e.g. 0.5).") var epsilon: String
    @Option(help: "The budget ledger file (JSON); created when --budget is given.") var ledger: String?
    @Option(help: "The ledger's total budget (only to create it; must match an existing one).") var budget: String?
    @Option(help: "The column that identifies a person, or 'row' if every row is a different person (required).")
    var privacyUnit: String
    @Option(help: "With a person column: the most rows of one person that count (chosen at random); the noise is scaled by it.")
    var maxRowsPerPerson = 1
    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
        guard Rational(epsilon) != nil else { throw ValidationError("--epsilon: a positive decimal such as 0.5") }
        if let budget { guard Decimal(string: budget, locale: Locale(identifier: "en_US_POSIX")).map({ $0 > 0 }) == true else {
            throw ValidationError("--budget: a positive decimal")
        } }
        if budget != nil && ledger == nil { throw ValidationError("--budget needs --ledger") }
        if privacyUnit == "row" && maxRowsPerPerson != 1 {
            throw ValidationError("--max-rows-per-person needs a person column as --privacy-unit, not 'row'")
        }
        guard (1...ContributionBound.largestBound).contains(maxRowsPerPerson) else {
            throw ValidationError("--max-rows-per-person: from 1 to \(ContributionBound.largestBound)")
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
            let table = try CSVTableReader.read(URL(fileURLWithPath: file)).table
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

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prints N draws of exact integer noise, one per line (to see and check what noise looks like).")

    @Option(help: "discrete-laplace or discrete-gaussian.") var mechanism = "discrete-laplace"
    @Option(help: "The Laplace scale, or the Gaussian sigma (a positive decimal).") var scale: String
    @Option(help: "How many draws.") var count = 10

    func validate() throws {
        guard ["discrete-laplace", "discrete-gaussian"].contains(mechanism) else {
            throw ValidationError("--mechanism: discrete-laplace or discrete-gaussian")
        }
        guard let parameter = Rational(scale) else { throw ValidationError("--scale: a positive decimal such as 10 or 0.5") }
        guard DiscreteLaplace.supports(scale: parameter) else {
            throw ValidationError("--scale: at most \(DiscreteLaplace.largestScaleNumerator) (with its decimal places)")
        }
        guard count >= 0 else { throw ValidationError("--count must not be negative") }
    }

    func run() throws {
        var random = SecureRandom()
        let parameter = Rational(scale)!
        var lines = ""
        if mechanism == "discrete-gaussian" {
            guard let gaussian = DiscreteGaussian(sigma: scale) else { throw ValidationError("--scale too large") }
            for _ in 0..<count { lines += "\(gaussian.sample(using: &random))\n" }
        } else {
            let laplace = DiscreteLaplace(scale: parameter)
            for _ in 0..<count { lines += "\(laplace.sample(using: &random))\n" }
        }
        FileHandle.standardOutput.write(Data(lines.utf8))
    }
}

struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Noisy counts per category (histogram); the categories must be given, not read from the data.")

    @OptionGroup var release: ReleaseOptions
    @Option(help: "The column to count.") var by: String
    @Option(help: "The categories, comma-separated (from the form or code list, not from the data).")
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

struct Histogram: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Noisy counts of a numeric column in public bins (--edges 0,500,1000: [0, 500) and [500, 1000)).")

    @OptionGroup var release: ReleaseOptions
    @Option(help: "The numeric column.") var column: String
    @Option(help: "The bin edges, increasing, comma-separated; fixed in advance, not read from the data.")
    var edges: String

    struct Answer: Encodable {
        var counts: [String: Int64]
        var bins: [String]
        var outside: String
        var sensitivity: Int
    }

    func validate() throws {
        let values = edges.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count >= 2, values.allSatisfy({ $0 != nil }) else { throw ValidationError("--edges: at least two numbers") }
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

/// The options of a clamped numeric release.
struct BoundsOptions: ParsableArguments {
    @Option(help: "The numeric column.") var column: String
    @Option(help: "Public lower bound; smaller values are raised to it.") var lower: Double
    @Option(help: "Public upper bound; larger values are lowered to it.") var upper: Double
    @Option(help: "Fixed-point resolution, e.g. 0.01.") var resolution = "0.01"

    func validate() throws {
        guard lower < upper else { throw ValidationError("--lower must be below --upper") }
        guard Rational(resolution) != nil else { throw ValidationError("--resolution: a positive decimal") }
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
        abstract: "A noisy quantile (median: --q 0.5) of a column, by the exponential mechanism on a grid between public bounds.")
    @OptionGroup var release: ReleaseOptions
    @OptionGroup var bounds: BoundsOptions
    @Option(help: "Which quantile, between 0 and 1 (at most four decimal places).") var q = "0.5"

    struct Answer: Encodable { var quantile: Double; var q: String; var sensitivity: Int }

    func validate() throws {
        guard let value = Rational(q), value.numerator <= value.denominator else { throw ValidationError("--q: a decimal from 0 to 1") }
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
    static let configuration = CommandConfiguration(abstract: "A noisy sum of a column clamped to public bounds.")
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
        abstract: "A noisy mean of a column clamped to public bounds (half of epsilon each on sum and count).")
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
