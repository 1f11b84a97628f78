import CivicModels

/// Unbiased random rounding of a frequency table to a multiple of a base (3 or 5
/// in common practice).
///
/// A count `q·b + r` becomes `(q+1)·b` with probability `r/b` and `q·b` otherwise,
/// so on average it keeps its value, and a published 0 or 3 (base 3) may stand for
/// 1 or 2 people. Every cell and every total is rounded on its own, so rows no
/// longer add up exactly to their totals: readers should be told.
///
/// ```swift
/// var random = SecureRandom()
/// let published = try RandomRounding(base: 3).protect(table, using: &random)
/// ```
public struct RandomRounding: Sendable, Equatable {
    /// The base every published count is a multiple of.
    public let base: Int

    /// Rounding to multiples of `base` (at least 2).
    public init(base: Int) throws(PrivacyError) {
        guard base >= 2 else { throw .invalidParameter(BilingualText(
            de: "die Rundungsbasis muss mindestens 2 sein, nicht \(Language.german.integer(base))",
            en: "the rounding base must be at least 2, not \(base)")) }
        self.base = base
    }

    /// The rounded table. Only frequency tables can be rounded this way.
    public func protect(_ table: StatisticalTable, using random: inout some RandomWordSource) throws(PrivacyError) -> ProtectedTable {
        guard table.isFrequencyTable else { throw .invalidParameter(BilingualText(
            de: "die Zufallsrundung braucht eine Häufigkeitstabelle", en: "random rounding needs a frequency table")) }
        let grid = table.grid.map { row in
            row.map { value -> ProtectedTable.Cell in .value(Double(round(Int(value), using: &random))) }
        }
        return ProtectedTable(table, method: .randomRounding(base: base), grid: grid)
    }

    /// One count rounded up or down at random, unbiased.
    public func round(_ count: Int, using random: inout some RandomWordSource) -> Int {
        let remainder = count % base, down = count - remainder
        guard remainder > 0 else { return count }
        return random.uniform(below: UInt64(base)) < UInt64(remainder) ? down + base : down
    }
}
