import CivicModels

/// How much one person may contribute to a differentially private release: the
/// privacy unit of differential privacy.
///
/// Noise calibrated to one row protects a person with eight rows only at eight
/// times the stated epsilon. Contribution bounding, as OpenDP and Google's
/// differential privacy library do it, keeps at most `maxRowsPerPerson` rows of each
/// person (chosen uniformly at random with the cryptographic generator, before
/// anything is computed) and multiplies the sensitivity by that number, so epsilon
/// holds for whole persons.
///
/// ```swift
/// let bound = try ContributionBound(privacyUnit: "client_id", maxRowsPerPerson: 2)
/// let counts = try NoisyCounts(cases, column: "service", categories: services, epsilon: Rational(1, 2),
///                              bound: bound, using: &random)
/// counts.sensitivity   // 2: one person can change the counts by two
/// ```
///
/// ``row`` states that every row is a different person; there is deliberately no
/// default, so nobody is protected at the wrong unit by accident.
public struct ContributionBound: Sendable, Equatable {
    /// The column that identifies persons, `nil` when every row is a person.
    public let privacyUnit: String?
    /// The most rows kept of any one person.
    public let maxRowsPerPerson: Int

    /// The most rows per person this type accepts: beyond it the noise would
    /// drown every count, and a bound that large is almost certainly a mistake.
    public static let largestBound = 1_000

    /// Every row is a different person (rows are people).
    public static let row = ContributionBound(unit: nil, rows: 1)

    private init(unit: String?, rows: Int) {
        privacyUnit = unit
        maxRowsPerPerson = rows
    }

    /// At most `maxRowsPerPerson` rows of each person of `privacyUnit`.
    ///
    /// - Throws: ``PrivacyError/invalidParameter(_:)`` for a bound outside 1 ... ``largestBound``.
    public init(privacyUnit: String, maxRowsPerPerson: Int) throws(PrivacyError) {
        guard (1...Self.largestBound).contains(maxRowsPerPerson) else {
            throw .invalidParameter(BilingualText(
                de: "die Zeilen je Person müssen zwischen 1 und \(Language.german.integer(Self.largestBound)) liegen, "
                    + "nicht \(Language.german.integer(maxRowsPerPerson))",
                en: "rows per person must lie between 1 and \(Self.largestBound), not \(maxRowsPerPerson)"))
        }
        self.init(unit: privacyUnit, rows: maxRowsPerPerson)
    }

    /// `table` with at most ``maxRowsPerPerson`` rows of each person, chosen
    /// uniformly at random, in their original order (the table itself for ``row``).
    ///
    /// - Throws: ``PrivacyError/unknownColumn(_:)`` or
    ///   ``PrivacyError/missingPrivacyUnit(column:row:)`` for a row without a person.
    public func apply(to table: Table, using random: inout some RandomWordSource) throws(PrivacyError) -> Table {
        guard let privacyUnit else { return table }
        let persons = try PrivacyUnits(table, column: privacyUnit)
        var kept: [Int] = []
        var start = 0
        let order = persons.rowsByPerson
        while start < order.count {
            var end = start + 1
            while end < order.count && persons.personOfRow[Int(order[end])] == persons.personOfRow[Int(order[start])] { end += 1 }
            var rows = order[start..<end].map(Int.init)
            if rows.count > maxRowsPerPerson {
                // A partial Fisher–Yates shuffle: the first maxRowsPerPerson are a uniform sample.
                for i in 0..<maxRowsPerPerson {
                    let j = i + Int(random.uniform(below: UInt64(rows.count - i)))
                    rows.swapAt(i, j)
                }
                rows.removeSubrange(maxRowsPerPerson...)
            }
            kept += rows
            start = end
        }
        return table.gathering(rows: kept.sorted())
    }

    /// The sensitivity of a release whose one row changes it by `perRow`.
    func scaled(_ perRow: UInt64) throws(PrivacyError) -> UInt64 {
        let (product, overflow) = perRow.multipliedReportingOverflow(by: UInt64(maxRowsPerPerson))
        guard !overflow else {
            throw .invalidParameter(BilingualText(
                de: "die Sensitivität ist zu groß für \(Language.german.integer(maxRowsPerPerson)) Zeilen je Person",
                en: "sensitivity too large for \(maxRowsPerPerson) rows per person"))
        }
        return product
    }

    /// How the bound reads in a release's description (`client_id, 2 rows per person`).
    public var summary: String {
        privacyUnit.map { "\($0), at most \(maxRowsPerPerson) rows per person" } ?? AnonymizationConfiguration.rowsArePersons
    }
}
