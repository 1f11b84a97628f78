@testable import CivicPrivacy
import CivicExampleData
import CivicModels
import Testing

/// The roll-up, which the search evaluates almost every transformation by: a
/// snapshot rolled up from less general ones must hold the same classes, with the
/// same rows, persons and persons per sensitive value, as one counted from the rows.
@Suite("class snapshots: rolled up as counted from the rows")
struct ClassSnapshotTests {
    /// Each class by its codes: rows, what the criteria count, and the sensitive counts.
    static func figures(_ snapshot: ClassSnapshot, encoded: EncodedQuasiIdentifiers) -> [[Int32]: [Int]] {
        var figures: [[Int32]: [Int]] = [:]
        for c in 0..<snapshot.count {
            let codes = (0..<snapshot.levels.count).map { snapshot.code(of: c, in: $0) }
            let summary = snapshot.summary(of: c, encoded: encoded)
            figures[codes] = [snapshot.sizes[c], summary.size] + Array(summary.sensitiveCounts)
        }
        return figures
    }

    /// A random table of persons with several rows, encoded for 2-anonymity and
    /// distinct 2-diversity in persons: its encoding, heights and bottom classes.
    static func personCase(seed: UInt64) throws -> (EncodedQuasiIdentifiers, heights: [Int], bottom: ClassSnapshot) {
        let data = try RandomPersonCase(seed: seed, persons: 30 + Int(seed % 100) * 5)
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers,
                                        criteria: [try KAnonymity(k: 2), try DistinctLDiversity(l: 2, attribute: "service")],
                                        suppressionLimit: 0, privacyUnit: "client_id")
        let encoded = try anonymizer.encode(data.table)
        let heights = data.quasiIdentifiers.map(\.hierarchy.height)
        return (encoded, heights, ClassSnapshot(levels: heights.map { _ in 0 }, from: nil, encoded: encoded))
    }

    @Test("rolled up through two or three steps, in persons, equal to the snapshot of the rows", arguments: 1...8)
    func rollUpInPersons(seed: Int) throws {
        let (encoded, heights, bottom) = try Self.personCase(seed: UInt64(seed + 2100))
        var random = SeededGenerator(seed: UInt64(seed))
        for target in Transformation.all(heights: heights) {
            // A random chain of ever more general levels from the bottom to the target.
            let first = target.levels.map { random.uniform(in: 0...$0) }
            let second = zip(first, target.levels).map { random.uniform(in: $0...$1) }
            var rolled = bottom
            for levels in [first, second, target.levels] {
                rolled = ClassSnapshot(levels: levels, from: rolled, encoded: encoded)
            }
            let counted = ClassSnapshot(levels: target.levels, from: nil, encoded: encoded)
            #expect(rolled.count == counted.count, "seed \(seed), \(first) → \(second) → \(target.levels)")
            #expect(Self.figures(rolled, encoded: encoded) == Self.figures(counted, encoded: encoded),
                    "seed \(seed), \(first) → \(second) → \(target.levels)")
        }
    }

    /// A transformation that fails on its small classes alone keeps its persons
    /// uncounted, and later roll-ups start from it: they must count from its basis
    /// as they would from the rows.
    @Test("rolled up through snapshots whose persons were left uncounted, equal to the snapshot of the rows",
          arguments: 1...6)
    func rollUpThroughUncountedPersons(seed: Int) throws {
        let (encoded, heights, bottom) = try Self.personCase(seed: UInt64(seed + 2300))
        // Every class is too small, and nothing may be withheld: each step fails.
        let failsAll = WithholdingLimit(minimumClassSize: .max, allowedRows: 0)
        var table = KeyTable(), classOfItem: [Int32] = []
        var random = SeededGenerator(seed: UInt64(seed))
        var chains = 0
        for target in Transformation.all(heights: heights) {
            let first = target.levels.map { random.uniform(in: 0...$0) }
            let second = zip(first, target.levels).map { random.uniform(in: $0...$1) }
            var rolled = bottom
            for levels in [first, second] {
                // Kept only with far fewer classes than its basis; else there is none.
                let next = ClassSnapshot(levels: levels, from: rolled, encoded: encoded, table: &table,
                                         classOfItem: &classOfItem, classLimit: .max, withholding: failsAll)
                #expect(next?.isJudgeable != true)
                if let next { rolled = next }
            }
            if !rolled.isJudgeable { chains += 1 }
            rolled = ClassSnapshot(levels: target.levels, from: rolled, encoded: encoded)
            let counted = ClassSnapshot(levels: target.levels, from: nil, encoded: encoded)
            #expect(rolled.isJudgeable)
            #expect(Self.figures(rolled, encoded: encoded) == Self.figures(counted, encoded: encoded),
                    "seed \(seed), \(first) → \(second) → \(target.levels)")
        }
        #expect(chains > 0, "no roll-up started from a snapshot with uncounted persons")
    }

    /// With k-anonymity (and distinct l-diversity, on odd seeds), a snapshot is
    /// judged on the least number of persons its classes' rows can hold, the
    /// classes this leaves open counted from the basis, and on which sensitive
    /// values occur: the verdict of each class must be that of the count, also two
    /// such roll-ups on, and later counted roll-ups must count as from the rows.
    @Test("judged on lower bounds of persons: the verdicts of the count, and roll-ups onward as from the rows",
          arguments: 1...8)
    func personBoundsSettleAsCounting(seed: Int) throws {
        let data = try RandomPersonCase(seed: UInt64(seed + 2700), persons: 40 + seed * 10)
        let k = 2 + seed % 3
        let criteria: [any PrivacyCriterion] = seed % 2 == 0 ? [try KAnonymity(k: k)]
            : [try KAnonymity(k: k), try DistinctLDiversity(l: 2 + seed % 2, attribute: "service")]
        let anonymizer = try Anonymizer(quasiIdentifiers: data.quasiIdentifiers, criteria: criteria,
                                        suppressionLimit: 1, privacyUnit: "client_id")
        let encoded = try anonymizer.encode(data.table)
        let heights = data.quasiIdentifiers.map(\.hierarchy.height)
        let limit = WithholdingLimit(anonymizer: anonymizer, encoded: encoded)
        let most = try #require(limit.mostRowsPerPerson)
        #expect(most == encoded.units?.mostRowsPerPerson)
        let bottom = ClassSnapshot(levels: heights.map { _ in 0 }, from: nil, encoded: encoded)
        var bounded = 0
        /// Each class of a judged snapshot against the count from the rows.
        func check(_ judged: ClassSnapshot, _ context: String) throws {
            let counted = ClassSnapshot(levels: judged.levels, from: nil, encoded: encoded)
            guard judged.personsAreBounds else {
                #expect(Self.figures(judged, encoded: encoded) == Self.figures(counted, encoded: encoded), "\(context)")
                return
            }
            bounded += 1
            var verdicts: [[Int32]: Bool] = [:]
            for (c, ok) in anonymizer.publishable(counted, encoded: encoded).enumerated() {
                verdicts[(0..<judged.levels.count).map { counted.code(of: c, in: $0) }] = ok
            }
            let exact = Self.figures(counted, encoded: encoded)
            for (c, ok) in anonymizer.publishable(judged, encoded: encoded).enumerated() {
                let codes = (0..<judged.levels.count).map { judged.code(of: c, in: $0) }
                let figures = try #require(exact[codes]), persons = figures[1]
                #expect(ok == verdicts[codes], "\(context), class \(codes)")
                #expect(judged.unitCount(of: c) <= persons, "\(context), class \(codes)")
                // A class the bound leaves open (enough rows, too low a bound) is counted.
                let size = judged.sizes[c], least = limit.minimumClassSize
                if size >= least && (size + most - 1) / most < least {
                    #expect(judged.unitCount(of: c) == persons, "\(context), class \(codes)")
                }
                let occurs = judged.summary(of: c, encoded: encoded).sensitiveCounts.map { $0 > 0 }
                #expect(occurs == figures.dropFirst(2).map { $0 > 0 }, "\(context), class \(codes)")
            }
        }
        var random = SeededGenerator(seed: UInt64(seed))
        for transformation in Transformation.all(heights: heights) {
            let middle = transformation.levels
            let target = Transformation(zip(middle, heights).map { random.uniform(in: $0...($1 - 1)) })
            var table = KeyTable(), classOfItem: [Int32] = []
            let judged = try #require(ClassSnapshot(levels: middle, from: bottom, encoded: encoded, table: &table,
                                                    classOfItem: &classOfItem, classLimit: .max, withholding: limit))
            try check(judged, "seed \(seed), \(middle)")
            let further = try #require(ClassSnapshot(levels: target.levels, from: judged, encoded: encoded, table: &table,
                                                     classOfItem: &classOfItem, classLimit: .max, withholding: limit))
            try check(further, "seed \(seed), \(middle) → \(target.levels)")
            let onward = ClassSnapshot(levels: target.levels, from: further, encoded: encoded)
            #expect(Self.figures(onward, encoded: encoded)
                    == Self.figures(ClassSnapshot(levels: target.levels, from: nil, encoded: encoded), encoded: encoded),
                    "seed \(seed), \(middle) → \(target.levels), counted")
        }
        #expect(bounded > 0, "no snapshot was judged on bounds")
    }

    /// A roll-up from the bottom counts its persons from the rows when given each
    /// row's bottom class (as the search's cache does): the same figures as from
    /// the bottom's units, and units that later roll-ups count on as well.
    @Test("rolled up from the bottom, counting from the rows, equal to the snapshot of the rows", arguments: 1...6)
    func rollUpFromTheBottomCountingRows(seed: Int) throws {
        let (encoded, heights, _) = try Self.personCase(seed: UInt64(seed + 2500))
        let bottom = BottomClasses(encoded: encoded)
        var random = SeededGenerator(seed: UInt64(seed))
        for target in Transformation.all(heights: heights) {
            let middle = target.levels.map { random.uniform(in: 0...$0) }
            var table = KeyTable(), classOfItem: [Int32] = []
            let fromRows = try #require(ClassSnapshot(levels: middle, from: bottom.snapshot, encoded: encoded, table: &table,
                                                      classOfItem: &classOfItem, classLimit: .max,
                                                      sourceClassOfRow: bottom.classOfRow))
            let fromUnits = ClassSnapshot(levels: middle, from: bottom.snapshot, encoded: encoded)
            #expect(fromRows.units?.count == fromUnits.units?.count, "seed \(seed), \(middle)")
            #expect(Self.figures(fromRows, encoded: encoded) == Self.figures(fromUnits, encoded: encoded),
                    "seed \(seed), \(middle)")
            let onward = ClassSnapshot(levels: target.levels, from: fromRows, encoded: encoded)
            let counted = ClassSnapshot(levels: target.levels, from: nil, encoded: encoded)
            #expect(Self.figures(onward, encoded: encoded) == Self.figures(counted, encoded: encoded),
                    "seed \(seed), \(middle) → \(target.levels)")
        }
    }
}
