import CivicModels
import CivicPrivacy
import Foundation

/// One published number of a federation: a region's (or, with `region` `nil`, the
/// whole federation's) cases in a month and service, or a total (`nil` month or
/// service).
///
/// The federation's numbers are the sums of the regions' published ones. Where any
/// region withheld a number, the federation's sum is withheld too: it would be the
/// withheld number plus known ones. Published that way, the federation's table adds
/// nothing a reader could solve for: its sums are sums of the regions' unknowns,
/// and each region's unknowns are undetermined on their own.
public struct FederationCell: Sendable, Hashable {
    /// The region, `nil` for the whole federation.
    public var region: String?
    /// The month (`YYYY-MM`), `nil` for the whole period.
    public var month: String?
    /// The service, `nil` for all services.
    public var service: String?
    /// The cases, `nil` when withheld.
    public var cases: Int?
    /// Why the number is shown or withheld.
    public var status: Federation.CellStatus

    /// The cells of every region, then those of the whole federation, each table row
    /// by row with its totals last.
    public static func all(of tables: [RegionTable]) -> [FederationCell] {
        var cells: [FederationCell] = []
        for region in tables {
            for (month, row) in labelsWithTotal(region.table.rowLabels) {
                for (service, column) in labelsWithTotal(region.table.columnLabels) {
                    let cell = region.table.cell(at: CellPosition(row: row, column: column))
                    cells.append(FederationCell(region: region.region, month: month, service: service,
                                                cases: cell.publishedValue.map { Int($0) }, status: status(of: cell)))
                }
            }
        }
        let months = Set(tables.flatMap(\.table.rowLabels)).sorted(), services = Set(tables.flatMap(\.table.columnLabels)).sorted()
        for (month, _) in labelsWithTotal(months) {
            for (service, _) in labelsWithTotal(services) {
                var sum: Int? = 0
                var status = Federation.CellStatus.published
                for region in tables {
                    // A region without the month or service had no case there.
                    let row = month.map { region.table.rowLabels.firstIndex(of: $0) }
                    let column = service.map { region.table.columnLabels.firstIndex(of: $0) }
                    if row == .some(nil) || column == .some(nil) { continue }
                    let cell = region.table.cell(at: CellPosition(row: row ?? nil, column: column ?? nil))
                    if let value = cell.publishedValue { sum = sum.map { $0 + Int(value) } } else {
                        sum = nil
                        if cell == .primarySuppressed { status = .withheldByMember } else if status == .published { status = .withheldToProtect }
                    }
                }
                cells.append(FederationCell(region: nil, month: month, service: service, cases: sum, status: status))
            }
        }
        return cells
    }

    /// Each label with its index, then `nil` (the total) with index `nil`.
    private static func labelsWithTotal(_ labels: [String]) -> [(String?, Int?)] {
        labels.enumerated().map { ($1, $0) } + [(nil, nil)]
    }

    private static func status(of cell: ProtectedTable.Cell) -> Federation.CellStatus {
        switch cell {
        case .value: .published
        case .primarySuppressed: .withheldByMember
        case .secondarySuppressed: .withheldToProtect
        }
    }
}
