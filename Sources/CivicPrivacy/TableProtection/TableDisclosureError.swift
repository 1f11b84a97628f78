import Foundation
import CivicModels

/// A protected table that would still disclose: withheld cells that the table's
/// margin equations determine (see ``DisclosureAudit``). Publishing code refuses
/// such a table rather than print it.
public struct TableDisclosureError: Error, Equatable, Sendable {
    /// The withheld cells (margins included) a reader could recompute.
    public let recomputableCells: [CellPosition]

    /// The error for these cells.
    public init(recomputableCells: [CellPosition]) {
        self.recomputableCells = recomputableCells
    }
}

extension TableDisclosureError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        // A margin is "total" in English (the cell's description) and "Summe" in German.
        func cells(margin: String) -> String {
            recomputableCells.map { cell in
                "(\(cell.row.map(String.init) ?? margin), \(cell.column.map(String.init) ?? margin))"
            }.joined(separator: ", ")
        }
        return language.pick(
            de: "Geheim gehaltene Felder ließen sich aus den Summen errechnen (\(cells(margin: "Summe"))); die Tabelle wird nicht veröffentlicht.",
            en: "Withheld cells could be recomputed from the totals (\(cells(margin: "total"))); the table is not published.")
    }
}

extension ProtectedTable {
    /// Checks the suppression pattern by solving the margin equations, as an
    /// attacker would, and throws if any withheld cell is determined.
    ///
    /// ```swift
    /// let handMade = ProtectedTable(counts, primary: [CellPosition(row: 0, column: 0)])
    /// try handMade.auditDisclosure()   // throws: a lone withheld cell is row total minus the rest
    /// ```
    public func auditDisclosure() throws(TableDisclosureError) {
        let leaks = DisclosureAudit.recomputableCells(in: self)
        guard leaks.isEmpty else { throw TableDisclosureError(recomputableCells: leaks) }
    }
}
