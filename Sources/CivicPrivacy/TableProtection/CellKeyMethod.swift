import CivicModels
import Crypto
import Foundation

/// The cell-key method: each count gets a small noise that depends only on which
/// records are in the cell, so the same cell gets the same noise in every table.
///
/// Developed at the Australian Bureau of Statistics (Fraser and Wooton 2005) and
/// used by the German statistical offices for the 2022 census. Every record carries
/// a fixed random *record key* in [0, 1); a cell's *cell key* is the sum of its
/// records' keys modulo 1; the cell key picks the noise from a fixed *perturbation
/// table* whose row depends on the true count. The same records always give the
/// same cell key, so asking for the same cell twice (or in two different tables)
/// cannot average the noise away.
///
/// Here keys are 64-bit fixed-point fractions (wrapping addition is addition modulo
/// 1), and record keys come from a keyed hash of a record identifier: stable across
/// runs, unpredictable without the key.
///
/// ```swift
/// let keys = CellKeyMethod.recordKeys(for: caseIDs, key: key)
/// let table = StatisticalTable(counting: services, by: districts, recordKeys: keys)
/// let published = try CellKeyMethod().protect(table)
/// ```
public struct CellKeyMethod: Sendable, Equatable {
    /// The noise distribution per true count.
    public let perturbation: PerturbationTable

    /// The method with a perturbation table (``PerturbationTable/standard`` by default).
    public init(perturbation: PerturbationTable = .standard) {
        self.perturbation = perturbation
    }

    /// One record key per identifier: the first 64 bits of HMAC-SHA256 under `key`.
    public static func recordKeys(for identifiers: [String], key: PseudonymKey) -> [UInt64] {
        identifiers.map { identifier in
            let code = HMAC<SHA256>.authenticationCode(for: Array(identifier.utf8), using: key.secret)
            return code.withUnsafeBytes { bytes in bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        }
    }

    /// The perturbed table; needs a table counted with record keys.
    public func protect(_ table: StatisticalTable) throws(PrivacyError) -> ProtectedTable {
        guard table.isFrequencyTable, let cellKeys = table.cellKeys else {
            throw .invalidParameter(BilingualText(
                de: "die Methode cell-key braucht eine Häufigkeitstabelle, die mit Datensatzschlüsseln gezählt wurde",
                en: "the cell-key method needs a frequency table counted with record keys"))
        }
        let grid = table.grid.indices.map { r in
            table.grid[r].indices.map { c -> ProtectedTable.Cell in
                let count = Int(table.grid[r][c])
                return .value(Double(count + perturbation.noise(forCount: count, cellKey: cellKeys[r][c])))
            }
        }
        return ProtectedTable(table, method: .cellKey(perturbation: perturbation.name), grid: grid)
    }
}

/// The noise of the cell-key method: for each true count, which noise to add with
/// which probability (in thousandths).
///
/// Rows are listed for the smallest counts; larger counts use the last row. A row
/// must sum to 1000 and never push a count below zero; empty cells stay empty.
public struct PerturbationTable: Sendable, Equatable {
    /// One noise value and its probability in thousandths.
    public struct Entry: Sendable, Equatable {
        /// What is added to the count.
        public let noise: Int
        /// How likely, in thousandths.
        public let perMille: Int

        /// An entry.
        public init(noise: Int, perMille: Int) {
            self.noise = noise
            self.perMille = perMille
        }
    }

    /// A short name for reports.
    public let name: String
    /// `rows[i]` is the distribution for a true count of `i + 1`; the last row
    /// serves every larger count.
    public let rows: [[Entry]]

    /// A table, checked: every row sums to 1000 thousandths and keeps counts non-negative.
    public init(name: String, rows: [[Entry]]) throws(PrivacyError) {
        guard !rows.isEmpty else { throw .invalidParameter(BilingualText(
            de: "eine Überlagerungstabelle braucht mindestens eine Zeile", en: "a perturbation table needs at least one row")) }
        for (i, row) in rows.enumerated() {
            guard row.map(\.perMille).reduce(0, +) == 1000, row.allSatisfy({ $0.perMille >= 0 }) else {
                throw .invalidParameter(BilingualText(
                    de: "Zeile \(Language.german.integer(i + 1)) der Überlagerungstabelle muss in der Summe "
                        + "1.000 Tausendstel ergeben",
                    en: "row \(i + 1) of the perturbation table must sum to 1000 thousandths"))
            }
            guard row.allSatisfy({ i + 1 + $0.noise >= 0 }) else {
                throw .invalidParameter(BilingualText(
                    de: "Zeile \(Language.german.integer(i + 1)) der Überlagerungstabelle würde eine Anzahl negativ machen",
                    en: "row \(i + 1) of the perturbation table would make a count negative"))
            }
        }
        self.name = name
        self.rows = rows
    }

    /// Noise between -2 and +2 with mean 0 and variance 1 for every count: a count of
    /// 1 becomes 0, 1, 2 or 3 (40, 30, 20, 10 %), larger counts move by -2...+2
    /// (5, 30, 30, 30, 5 %).
    public static let standard = try! PerturbationTable(name: "deviation at most 2, variance 1", rows: [
        [.init(noise: -1, perMille: 400), .init(noise: 0, perMille: 300), .init(noise: 1, perMille: 200),
         .init(noise: 2, perMille: 100)],
        [.init(noise: -2, perMille: 50), .init(noise: -1, perMille: 300), .init(noise: 0, perMille: 300),
         .init(noise: 1, perMille: 300), .init(noise: 2, perMille: 50)],
    ])

    /// The noise for a cell with this true count and cell key.
    public func noise(forCount count: Int, cellKey: UInt64) -> Int {
        guard count > 0 else { return 0 }
        let row = rows[min(count, rows.count) - 1]
        // The cell key as a slot in 0..<1000 (its top bits times 1000).
        var slot = Int(cellKey.multipliedFullWidth(by: 1000).high)
        for entry in row {
            if slot < entry.perMille { return entry.noise }
            slot -= entry.perMille
        }
        return row.last!.noise
    }
}
