import CivicExampleData
import CivicModels
import CivicPrivacy
import Foundation
import Testing

/// A table whose persons repeat 1 to 10 times, as clients with several cases do:
/// gender and postcode belong to the person, age and service vary by case.
struct RandomPersonCase {
    let table: Table
    let quasiIdentifiers: [QuasiIdentifier]

    init(seed: UInt64, persons: Int) throws {
        var random = SeededGenerator(seed: seed)
        let zips = ["12043", "12045", "12047", "10115", "10117", "13351"], genders = ["w", "m", "d"]
        var rows: [[Value]] = []
        for person in 0..<persons {
            let gender = random.pick(genders), zip = random.pick(zips)
            let age = Int64(random.uniform(in: 18...60))
            for _ in 0..<random.uniform(in: 1...10) {
                rows.append([.text("K-\(person)"), .integer(age + Int64(random.uniform(in: 0...2))), .text(gender),
                             .text(zip), .text(random.pick(["A", "B", "C", "D"]))])
            }
        }
        table = try Table(schema: Schema(fields: [Field("client_id", type: .string), Field("age", type: .integer),
                                                  Field("gender", type: .string), Field("zip", type: .string),
                                                  Field("service", type: .string)]), rows: rows)
        quasiIdentifiers = [
            QuasiIdentifier("age", hierarchy: try .intervals(values: 18...62, widths: [5, 10, 20])),
            QuasiIdentifier("gender", hierarchy: try .suppressOnly(values: genders)),
            QuasiIdentifier("zip", hierarchy: try .prefixMasking(values: zips)),
        ]
    }
}

/// Guarantees in persons, checked against the definitions by a naive count that
/// shares no code with the anonymiser: generalise every row, group, count distinct
/// persons per class and each person once per distinct sensitive value.
@Suite("privacy unit: persons, not rows")
struct PrivacyUnitTests {
    /// Every privacy model, the same combinations as the search's brute-force test.
    static func criteria(_ variant: Int) throws -> [any PrivacyCriterion] { try LatticeSearchTests.criteria(variant) }

    /// Whether `levels` qualifies, and how many rows it suppresses, counted naively in persons.
    static func naive(_ data: RandomPersonCase, levels: [Int], criteria: [any PrivacyCriterion],
                      limit: Double) -> (qualifies: Bool, suppressed: Int) {
        let table = data.table
        let services = Array(Set(table.column(named: "service")!.texts.compactMap { $0 })).sorted()
        var classOf: [[String]: Int] = [:]
        var rowsOf: [Int] = [], personsOf: [Set<String>] = [], valuePersons: [[Set<String>]] = []
        var tablePairs = Set<[String]>()
        for row in 0..<table.rowCount {
            let key = zip(data.quasiIdentifiers, levels).map { qi, level in
                qi.hierarchy.generalize(table[row, qi.name].description, to: level)!
            }
            let c = classOf[key] ?? {
                classOf[key] = rowsOf.count
                rowsOf.append(0); personsOf.append([]); valuePersons.append(Array(repeating: [], count: services.count))
                return rowsOf.count - 1
            }()
            let person = table[row, "client_id"].description, service = table[row, "service"].description
            rowsOf[c] += 1
            personsOf[c].insert(person)
            valuePersons[c][services.firstIndex(of: service)!].insert(person)
            tablePairs.insert([person, service])
        }
        // The table distribution in persons: each person once per distinct value.
        let distribution = services.map { s in Double(tablePairs.filter { $0[1] == s }.count) / Double(tablePairs.count) }
        var suppressed = 0
        for c in rowsOf.indices {
            let counts = valuePersons[c].map(\.count)
            let summary = EquivalenceClassSummary(size: personsOf[c].count, sensitiveCounts: counts[...],
                                                  tableDistribution: distribution)
            if !criteria.allSatisfy({ $0.isSatisfied(by: summary) }) { suppressed += rowsOf[c] }
        }
        return (suppressed <= Int((limit * Double(table.rowCount) + 1e-9).rounded(.down)), suppressed)
    }

    @Test("every transformation is judged as the definition in persons says", arguments: 1...10)
    func evaluationMatchesDefinition(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 900), persons: 20 + seed * 3)
        let criteria = try Self.criteria(seed)
        let limit = [0.0, 0.05, 0.2][seed % 3]
        // The services are numbered in order of appearance by the anonymiser; the naive
        // count sorts them. Order does not matter for these criteria (equal distance).
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria,
                                        suppressionLimit: limit, privacyUnit: "client_id")
        let all = Transformation.all(heights: data.quasiIdentifiers.map(\.hierarchy.height))
        for (transformation, evaluation) in zip(all, try anonymizer.evaluate(all, on: data.table)) {
            let expected = Self.naive(data, levels: transformation.levels, criteria: criteria, limit: limit)
            #expect(evaluation.qualifies == expected.qualifies, "seed \(seed), \(transformation.levels)")
            #expect(evaluation.suppressedRows == expected.suppressed, "seed \(seed), \(transformation.levels)")
        }
    }

    @Test("the optimal search in persons equals brute force over the lattice", arguments: 1...12)
    func searchEqualsBruteForce(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 1300), persons: 25 + seed * 4)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: Self.criteria(seed),
                                        suppressionLimit: [0.0, 0.05, 0.2][seed % 3], privacyUnit: "client_id")
        let all = try anonymizer.evaluate(Transformation.all(heights: data.quasiIdentifiers.map(\.hierarchy.height)),
                                          on: data.table)
        guard let optimum = all.filter(\.qualifies).map(\.loss).min() else {
            #expect(throws: PrivacyError.noSolution) { try anonymizer.anonymize(data.table) }
            return
        }
        let result = try anonymizer.anonymize(data.table)
        #expect(result.isOptimal)
        #expect(abs(result.best.loss - optimum) <= 1e-9)
    }

    /// t-closeness counted in persons is not monotone, but k-anonymity is: the
    /// search rules out what lies below a transformation failing k, and must still
    /// find the optimum, with and without suppression.
    @Test("with t-closeness in persons, k's failures prune and the search equals brute force", arguments: 1...12)
    func mixedMonotonicityEqualsBruteForce(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 2600), persons: 30 + seed * 5)
        let criteria: [any PrivacyCriterion] = [try KAnonymity(k: 3 + seed % 4),
                                                try TCloseness(t: [0.2, 0.3, 0.45][seed % 3], attribute: "service")]
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria,
                                        suppressionLimit: [0.0, 0.05, 0.2][(seed / 3) % 3], privacyUnit: "client_id")
        let lattice = Transformation.all(heights: data.quasiIdentifiers.map(\.hierarchy.height))
        let all = try anonymizer.evaluate(lattice, on: data.table)
        guard let optimum = all.filter(\.qualifies).map(\.loss).min() else {
            #expect(throws: PrivacyError.noSolution) { try anonymizer.anonymize(data.table) }
            return
        }
        let result = try anonymizer.anonymize(data.table)
        #expect(result.isOptimal)
        #expect(result.best.qualifies)
        #expect(abs(result.best.loss - optimum) <= 1e-9, "seed \(seed)")
    }

    /// Without suppression most of this lattice fails 5-anonymity in persons; the
    /// search must not evaluate it all only because t-closeness is not monotone.
    @Test("k's failures prune a search whose t-closeness is not monotone")
    func nonMonotoneSearchStillPrunes() throws {
        let data = try RandomPersonCase(seed: 77, persons: 80)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers,
                                        criteria: [try KAnonymity(k: 5), try TCloseness(t: 0.3, attribute: "service")],
                                        suppressionLimit: 0, privacyUnit: "client_id")
        let lattice = Transformation.all(heights: data.quasiIdentifiers.map(\.hierarchy.height))
        let all = try anonymizer.evaluate(lattice, on: data.table)
        let failingK = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [try KAnonymity(k: 5)],
                                      suppressionLimit: 0, privacyUnit: "client_id")
            .evaluate(lattice, on: data.table).filter { !$0.qualifies }.count
        #expect(failingK * 2 > lattice.count, "the case is meant to fail k mostly")
        let result = try anonymizer.anonymize(data.table)
        #expect(abs(result.best.loss - all.filter(\.qualifies).map(\.loss).min()!) <= 1e-9)
        #expect(result.nodesChecked < lattice.count - failingK / 2, "evaluated \(result.nodesChecked) of \(lattice.count)")
    }

    @Test("published classes hold k persons, recounted from the output joined to the input", arguments: [2, 3, 5])
    func outputHoldsKPersons(k: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(k * 31), persons: 120)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [try KAnonymity(k: k)],
                                        suppressionLimit: 0.1, privacyUnit: "client_id")
        let result = try anonymizer.anonymize(data.table, removing: ["client_id"])
        #expect(result.table.column(named: "client_id") == nil)
        var persons: [[String]: Set<String>] = [:]
        for row in 0..<result.table.rowCount where !result.isSuppressed[row] {
            let key = ["age", "gender", "zip"].map { result.table[row, $0].description }
            persons[key, default: []].insert(data.table[row, "client_id"].description)
        }
        #expect(!persons.isEmpty && persons.values.allSatisfy { $0.count >= k })
        // Counted, though the search may have judged classes on lower bounds.
        #expect(result.best.smallestClassSize == persons.values.map(\.count).min())
        #expect(result.riskAfter.highest <= 1 / Double(k) + 1e-12)
        // Counted in rows the same data would look safer than it is: the bottom's
        // risk in persons is at least its risk in rows.
        let rows = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: [try KAnonymity(k: k)],
                                  suppressionLimit: 0.1).anonymize(data.table)
        #expect(result.riskBefore.highest >= rows.riskBefore.highest)
    }

    @Test("a row without a person is refused, naming column and row")
    func missingPerson() throws {
        let table = try Table(schema: Schema(fields: [Field("client_id", type: .string), Field("gender", type: .string)]),
                              rows: [[.text("K-1"), .text("w")], [.missing, .text("m")]])
        let anonymizer = try Anonymizer(quasiIdentifiers: [QuasiIdentifier("gender", hierarchy: try .suppressOnly(values: ["w", "m"]))],
                                        criteria: [try KAnonymity(k: 1)], privacyUnit: "client_id")
        #expect(throws: PrivacyError.missingPrivacyUnit(column: "client_id", row: 2)) { try anonymizer.anonymize(table) }
        #expect(throws: PrivacyError.self) {
            try Anonymizer(quasiIdentifiers: [QuasiIdentifier("gender", hierarchy: try .suppressOnly(values: ["w", "m"]))],
                           criteria: [try KAnonymity(k: 1)], privacyUnit: "gender")
        }
    }

    /// One identifier written with a precomposed é and once with e and a combining
    /// accent is one person (as Swift strings, and the publication's audit, see it),
    /// though its bytes differ: counted as two, a person would count twice towards k.
    @Test("canonically equivalent identifiers are one person")
    func canonicallyEquivalentIdentifiers() throws {
        let composed = "Jos\u{E9}", decomposed = "Jose\u{301}"
        #expect(Array(composed.utf8) != Array(decomposed.utf8) && composed == decomposed)
        let table = try Table(schema: Schema(fields: [Field("client_id", type: .string), Field("gender", type: .string)]),
                              rows: [[.text(composed), .text("w")], [.text(decomposed), .text("w")],
                                     [.text("Ana"), .text("m")], [.text("Ana"), .text("m")], [.text("Ben"), .text("m")]])
        let gender = [QuasiIdentifier("gender", hierarchy: try .suppressOnly(values: ["w", "m"]))]
        // Two persons of gender w would make the w rows 2-anonymous; there is one.
        let anonymizer = try Anonymizer(quasiIdentifiers: gender, criteria: [try KAnonymity(k: 2)], suppressionLimit: 0.4,
                                        privacyUnit: "client_id")
        let result = try anonymizer.anonymize(table)
        #expect(result.best.transformation.levels == [0])
        #expect(result.isSuppressed == [true, true, false, false, false])
    }
}
