import CivicExampleData
import CivicModels
import CivicPrivacy
import Foundation
import Testing

/// A table whose quasi-identifiers come in every storage the encoder reads from
/// codes or raw values (text with a deduplicating dictionary and without one,
/// whole numbers in a narrow and in a wide range, decimals, dates, booleans), with
/// repeated and missing values; the same rows once more with every text column
/// stored without deduplication.
private struct MixedTable {
    static let districts = ["Mitte", "Neukölln", "Pankow"]
    /// "Café" and "Bäckerei" spelled precomposed, as in the hierarchy, and decomposed.
    static let places = ["Caf\u{E9}", "Cafe\u{301}", "B\u{E4}ckerei", "Ba\u{308}ckerei", "Kiosk"]
    static let contacts: [Int64] = [1, 10_000_000, 5_000_000_000]
    static let incomes = [950.5, 1200.0, 2400.0, 0.0]

    let rows: [[Value]]
    let schema = Schema(fields: [
        Field("district", type: .string), Field("age", type: .integer), Field("contacts", type: .integer),
        Field("income", type: .number), Field("start", type: .date), Field("member", type: .boolean),
        Field("place", type: .string), Field("service", type: .string),
    ])

    init(rows count: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        func sometimesMissing(_ value: Value) -> Value { random.uniform(7) == 0 ? .missing : value }
        rows = (0..<count).map { _ in
            let start = CivicDate(year: 2024, month: random.uniform(in: 1...12), day: random.uniform(in: 1...28))!
            return [
                sometimesMissing(.text(random.pick(Self.districts))),
                sometimesMissing(.integer(Int64(random.uniform(in: 18...40)))),
                sometimesMissing(.integer(random.pick(Self.contacts))),
                sometimesMissing(.number(random.pick(Self.incomes))),
                sometimesMissing(.date(start)),
                sometimesMissing(.boolean(random.uniform(2) == 0)),
                .text(random.pick(Self.places)),
                .text(random.pick(["Schulden", "Sucht", "Familie"])),
            ]
        }
    }

    /// The rows as loaders build them (each text stored once).
    func deduplicated() throws -> Table { try Table(schema: schema, rows: rows) }

    /// The same rows, every text column with one dictionary entry per row (as a
    /// column of mostly distinct values is stored) and a text no hierarchy knows
    /// under code 0, where missing cells point.
    func undeduplicated() throws -> Table {
        let columns = try schema.fields.indices.map { index -> ColumnData in
            let values = rows.map { $0[index] }
            guard schema.fields[index].type == .string else { return try ColumnData(type: schema.fields[index].type, values: values) }
            var dictionary = TextDictionary()
            _ = dictionary.appendAll(TextDictionary(["not in any hierarchy"]))
            var codes: [UInt32] = [], missing = MissingMask()
            for value in values {
                missing.append(missing: value.isMissing)
                guard case .text(let text) = value else { codes.append(0); continue }
                codes.append(dictionary.appendAll(TextDictionary([text])))
            }
            #expect(!dictionary.isDeduplicated)
            return ColumnData(storage: .text(codes: codes, dictionary: dictionary), missing: missing)
        }
        return try Table(schema: schema, columns: columns)
    }

    /// A hierarchy over `values` and the empty value of a missing cell: the value,
    /// its `group` (the empty value stays empty) if one is given, then `*`.
    static func hierarchy(_ values: [String], group: ((String) -> String)? = nil) throws -> GeneralizationHierarchy {
        try GeneralizationHierarchy(rows: (values + [""]).map { value in
            guard let group else { return [value, "*"] }
            return [value, value.isEmpty ? "" : group(value), "*"]
        })
    }

    static func quasiIdentifiers() throws -> [QuasiIdentifier] {
        let days = (0..<366).map { (CivicDate(year: 2024, month: 1, day: 1)! + $0).description }
        return [
            QuasiIdentifier("district", hierarchy: try hierarchy(districts) { _ in "Berlin" }),
            QuasiIdentifier("age", hierarchy: try hierarchy((18...40).map(String.init)) { Int($0)! < 30 ? "18-29" : "30-40" }),
            QuasiIdentifier("contacts", hierarchy: try hierarchy(contacts.map(String.init))),
            QuasiIdentifier("income", hierarchy: try hierarchy(incomes.map { String($0) })),
            QuasiIdentifier("start", hierarchy: try hierarchy(days) { String($0.prefix(7)) }),
            QuasiIdentifier("member", hierarchy: try hierarchy(["true", "false"])),
            QuasiIdentifier("place", hierarchy: try hierarchy(["Caf\u{E9}", "B\u{E4}ckerei", "Kiosk"])),
        ]
    }
}

/// What a transformation does to `table`, worked out from the text of every cell
/// alone: each row's generalised values looked up in the hierarchies as strings,
/// classes of equal values, classes below `k` rows suppressed.
private func evaluationFromText(_ levels: [Int], quasiIdentifiers: [QuasiIdentifier], table: Table, k: Int)
    -> (suppressed: Int, classes: Int, smallest: Int, loss: [Double]) {
    let keys = (0..<table.rowCount).map { row in
        quasiIdentifiers.enumerated().map { q, qi in
            qi.hierarchy.generalize(table[row, qi.name].description, to: levels[q])!
        }
    }
    let sizes = keys.reduce(into: [[String]: Int]()) { $0[$1, default: 0] += 1 }
    let suppressed = keys.filter { sizes[$0]! < k }
    let published = sizes.values.filter { $0 >= k }
    let loss = quasiIdentifiers.enumerated().map { q, qi in
        let leaves = Double(qi.hierarchy.leafCount - 1)
        let total = keys.reduce(0.0) { total, key in
            sizes[key]! < k ? total + 1 : total + Double(qi.hierarchy.leafCount(of: key[q], at: levels[q]) - 1) / leaves
        }
        return total / Double(table.rowCount)
    }
    return (suppressed.count, published.count, published.min() ?? 0, loss)
}

@Suite struct EncodedQuasiIdentifiersTests {
    /// Every transformation of the lattice (432), evaluated from the encoded codes,
    /// against the same figures worked out from the text of every cell; on the
    /// table stored both ways.
    @Test func codesAgreeWithTheTextOfEveryCell() throws {
        let mixed = MixedTable(rows: 100, seed: 21)
        let quasiIdentifiers = try MixedTable.quasiIdentifiers()
        let anonymizer = try Anonymizer(quasiIdentifiers: quasiIdentifiers, criteria: [KAnonymity(k: 3)], suppressionLimit: 1)
        let all = Transformation.all(heights: quasiIdentifiers.map(\.hierarchy.height))
        for table in [try mixed.deduplicated(), try mixed.undeduplicated()] {
            let evaluations = try anonymizer.evaluate(all, on: table)
            for evaluation in evaluations {
                let expected = evaluationFromText(evaluation.transformation.levels, quasiIdentifiers: quasiIdentifiers,
                                                  table: table, k: 3)
                #expect(evaluation.suppressedRows == expected.suppressed, "\(evaluation.transformation)")
                #expect(evaluation.publishedClasses == expected.classes, "\(evaluation.transformation)")
                #expect(evaluation.smallestClassSize == expected.smallest, "\(evaluation.transformation)")
                for (found, wanted) in zip(evaluation.lossPerQuasiIdentifier, expected.loss) {
                    #expect(abs(found - wanted) < 1e-12, "\(evaluation.transformation)")
                }
            }
        }
    }

    /// The encoded table itself: each row's leaf is the hierarchy's row of the
    /// cell's text, and the means of the loss are those of the rows.
    @Test func leavesAreTheHierarchyRowsOfTheCellTexts() throws {
        let mixed = MixedTable(rows: 200, seed: 5)
        let quasiIdentifiers = try MixedTable.quasiIdentifiers()
        for table in [try mixed.deduplicated(), try mixed.undeduplicated()] {
            let encoded = try EncodedQuasiIdentifiers(table, quasiIdentifiers: quasiIdentifiers, sensitiveAttribute: "service")
            let width = quasiIdentifiers.count
            for row in 0..<table.rowCount {
                for (q, qi) in quasiIdentifiers.enumerated() {
                    // The hierarchy's own spelling of the text (a decomposed "é" finds the precomposed row).
                    let text = table[row, qi.name].description
                    #expect(qi.hierarchy.values[Int(encoded.leafCodes[row * width + q])] == qi.hierarchy.generalize(text, to: 0))
                    #expect(qi.hierarchy.generalize(text, to: 1) == encoded.label(ofRow: row, q, at: 1))
                }
            }
            for (q, qi) in quasiIdentifiers.enumerated() {
                for level in 0..<qi.hierarchy.height {
                    let mean = (0..<table.rowCount).reduce(0.0) { $0 + encoded.loss(ofRow: $1, q, at: level) } / Double(table.rowCount)
                    #expect(encoded.meanLoss[q][level] == mean)
                }
            }
            // Sensitive values numbered by first appearance, equal texts (in any spelling) alike.
            var numberOfText: [String: Int32] = [:]
            for row in 0..<table.rowCount {
                let text = table[row, "service"].description
                let number = numberOfText[text] ?? Int32(numberOfText.count)
                numberOfText[text] = number
                #expect(encoded.sensitiveCodes?[row] == number)
            }
            #expect(encoded.sensitiveValueCount == numberOfText.count)
        }
    }

    /// The published table holds, row by row, the hierarchy's generalisation of the
    /// cell's text (`*` where suppressed), whichever way the input is stored.
    @Test(arguments: [0.0, 0.2])
    func publishedValuesAreTheGeneralisedTexts(limit: Double) throws {
        let mixed = MixedTable(rows: 300, seed: 8)
        let quasiIdentifiers = try MixedTable.quasiIdentifiers()
        let anonymizer = try Anonymizer(quasiIdentifiers: quasiIdentifiers, criteria: [KAnonymity(k: 4)], suppressionLimit: limit)
        let results = try [mixed.deduplicated(), mixed.undeduplicated()].map { table in
            let result = try anonymizer.anonymize(table)
            for (q, qi) in quasiIdentifiers.enumerated() {
                let column = try #require(result.table.column(named: qi.name))
                for row in 0..<table.rowCount {
                    let expected = result.isSuppressed[row]
                        ? "*" : qi.hierarchy.generalize(table[row, qi.name].description, to: result.best.transformation.levels[q])
                    #expect(column.value(at: row) == .text(try #require(expected)))
                }
            }
            #expect(result.table[0, "service"] == table[0, "service"])
            return result
        }
        #expect(results[0].table == results[1].table)
        #expect(results[0].best == results[1].best)
        #expect(results[0].encodeSeconds > 0 && results[0].searchSeconds > 0 && results[0].applySeconds > 0)
        #expect(results[0].wholeSeconds >= results[0].encodeSeconds + results[0].searchSeconds + results[0].applySeconds)

        // The report (privacy-report.json) carries the four timers under their keys.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(AnonymizationReport(results[0], anonymizer: anonymizer)))
        let report = try #require(json as? [String: Any])
        for (key, seconds) in [("encode_seconds", results[0].encodeSeconds), ("search_seconds", results[0].searchSeconds),
                               ("apply_seconds", results[0].applySeconds), ("whole_seconds", results[0].wholeSeconds)] {
            #expect(report[key] as? Double == seconds, "\(key)")
        }
    }

    /// A cell no hierarchy row covers is reported at its column (the first such
    /// quasi-identifier in order) and its first row; a missing cell needs a row for
    /// the empty value.
    @Test func anUncoveredValueIsReportedAtItsFirstRow() throws {
        let schema = Schema(fields: [Field("a", type: .string), Field("b", type: .integer), Field("c", type: .string)])
        let table = try Table(schema: schema, rows: [
            [.text("x"), .integer(1), .text("unknown")],
            [.text("x"), .integer(1), .text("y")],
            [.text("x"), .missing, .text("y")],
            [.text("x"), .integer(7), .text("y")],
        ])
        let a = QuasiIdentifier("a", hierarchy: try .suppressOnly(values: ["x"]))
        let b = QuasiIdentifier("b", hierarchy: try .suppressOnly(values: ["1", "7"]))
        let c = QuasiIdentifier("c", hierarchy: try .suppressOnly(values: ["y"]))
        #expect(throws: HierarchyError.valueNotCovered(column: "b", row: 3)) {
            try Anonymizer(quasiIdentifiers: [a, b, c], criteria: [KAnonymity(k: 2)]).anonymize(table)
        }
        #expect(throws: HierarchyError.valueNotCovered(column: "c", row: 1)) {
            try Anonymizer(quasiIdentifiers: [c, b], criteria: [KAnonymity(k: 2)]).anonymize(table)
        }
        #expect(throws: PrivacyError.unknownColumn("d")) {
            try Anonymizer(quasiIdentifiers: [a, QuasiIdentifier("d", hierarchy: a.hierarchy), c],
                           criteria: [KAnonymity(k: 2)]).anonymize(table)
        }
    }

    /// Sensitive values compare as strings: two spellings of "Café" are one value,
    /// so distinct 3-diversity over "Café", "Cafe´" and "Kiosk" is refused.
    @Test func sensitiveValuesCompareAsText() throws {
        let table = try Table(schema: Schema(fields: [Field("a", type: .string), Field("s", type: .string)]), rows: [
            [.text("x"), .text("Caf\u{E9}")], [.text("x"), .text("Cafe\u{301}")], [.text("x"), .text("Kiosk")],
        ])
        let anonymizer = try Anonymizer(quasiIdentifiers: [QuasiIdentifier("a", hierarchy: try .suppressOnly(values: ["x"]))],
                                        criteria: [KAnonymity(k: 1), DistinctLDiversity(l: 3, attribute: "s")])
        #expect(throws: PrivacyError.self) { try anonymizer.anonymize(table) }
        let two = try Anonymizer(quasiIdentifiers: anonymizer.quasiIdentifiers,
                                 criteria: [KAnonymity(k: 1), DistinctLDiversity(l: 2, attribute: "s")])
        #expect(try two.anonymize(table).best.suppressedRows == 0)
    }

    /// A part of the table gathered from the whole table's encoding (as the steps
    /// of local recoding take theirs): every figure that depends on the rows is the
    /// part's own, the same to the last bit as if the part had been encoded alone;
    /// the sensitive values keep the whole table's codes and distribution.
    @Test(arguments: [false, true])
    func partGatheredFromTheWholeTable(withPersons: Bool) throws {
        let table = try MixedTable(rows: 120, seed: 5).deduplicated()
        // "place" stands for the person here, so it is no quasi-identifier.
        let quasiIdentifiers = try MixedTable.quasiIdentifiers().filter { $0.name != "place" }
        let whole = try EncodedQuasiIdentifiers(table, quasiIdentifiers: quasiIdentifiers, sensitiveAttribute: "service",
                                                privacyUnit: withPersons ? "place" : nil)
        // The rows of one service only, listed from the end: their own numbering and
        // distribution of the sensitive values would differ from the whole table's.
        let services = table.column(named: "service")!.texts
        let rows = (0..<table.rowCount).reversed().filter { services[$0] == "Familie" }
        let part = whole.gathering(rows: rows)
        let alone = try EncodedQuasiIdentifiers(table.gathering(rows: rows), quasiIdentifiers: quasiIdentifiers,
                                                sensitiveAttribute: "service", privacyUnit: withPersons ? "place" : nil)
        #expect(part.rowCount == rows.count)
        #expect(part.leafCodes == alone.leafCodes)
        #expect(part.meanLoss == alone.meanLoss)
        #expect(part.leafLogTotal == alone.leafLogTotal)
        #expect(part.logCodeFrequency == alone.logCodeFrequency)
        #expect(part.totalEntropy == alone.totalEntropy)
        // The same persons, whatever their numbers.
        let persons = part.units.map { units in rows.indices.map { units.personOfRow[$0] } }
        let personsAlone = alone.units.map { units in rows.indices.map { units.personOfRow[$0] } }
        #expect((persons == nil) == !withPersons)
        if let persons, let personsAlone {
            for i in rows.indices {
                for j in rows.indices { #expect((persons[i] == persons[j]) == (personsAlone[i] == personsAlone[j])) }
            }
        }
        // The part alone knows one service; the gathered part keeps the whole table's three.
        #expect(alone.sensitiveDistribution == [1])
        #expect(part.sensitiveDistribution == whole.sensitiveDistribution)
        #expect(part.sensitiveValueCount == 3)
        #expect(whole.sensitiveDistribution.filter { $0 > 0 }.count == 3)
        for (i, row) in rows.enumerated() { #expect(part.sensitiveCodes?[i] == whole.sensitiveCodes?[row]) }
    }
}
