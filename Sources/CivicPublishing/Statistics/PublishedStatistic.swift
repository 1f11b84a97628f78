import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// One protected table of a publication: a sensitive column alone or by a coarse
/// quasi-identifier, small cells withheld with their partners, ready to write as a
/// CSV file with its Table Schema.
public struct PublishedStatistic: Sendable {
    /// The file name under `statistics/`, e.g. `service-by-gender.csv`.
    public let fileName: String
    /// The variable whose values form the rows.
    public let rows: String
    /// The variable whose values form the columns, `nil` for a frequency table.
    public let columns: String?
    /// The table after cell suppression (audited: no withheld cell can be recomputed).
    public let table: ProtectedTable
    /// Whether small cells were judged by distinct persons (counts stay case counts).
    public let countsPersons: Bool
    /// The smallest number of persons (or cases) a published non-empty cell has.
    public let minimumFrequency: Int

    /// The resource name in `datapackage.json`.
    public var resourceName: String { String(fileName.dropLast(4)) }

    /// A title for the report and the package.
    public func title(in language: Language) -> String {
        guard let columns else { return language.pick(de: "Fälle nach \(rows)", en: "Cases by \(rows)") }
        return language.pick(de: "Fälle nach \(rows) und \(columns)", en: "Cases by \(rows) and \(columns)")
    }

    /// The header of the CSV file: the row variable, one column per value, the total.
    public var header: [String] {
        [rows] + (columns == nil ? ["count"] : table.columnLabels + ["total"])
    }

    /// The CSV records: one per row value, then the totals; `x` for a withheld cell.
    public var records: [[String]] {
        func text(_ cell: ProtectedTable.Cell) -> String { cell.publishedValue.map { String(Int($0)) } ?? "x" }
        let body = table.rowLabels.indices.map { r in
            [table.rowLabels[r]] + (columns == nil ? [text(table.cells[r][0])] : table.cells[r].map(text) + [text(table.rowTotals[r])])
        }
        let totals = ["total"] + (columns == nil ? [text(table.grandTotal)] : table.columnTotals.map(text) + [text(table.grandTotal)])
        return body + [totals]
    }

    /// The Table Schema of the CSV file (`x` declared as the missing-value marker).
    public func schema(in language: Language) -> Schema {
        var first = Field(rows, type: .string)
        first.description = language.pick(de: "Ausprägung von \(rows); „total“ ist die Summe.",
                                          en: "Value of \(rows); 'total' is the sum.")
        let counts = header.dropFirst().map { name in
            var field = Field(name, type: .integer)
            field.description = countsPersons
                ? language.pick(de: "Anzahl Fälle; x = geheim gehalten (weniger als \(minimumFrequency) Personen, oder Partnerfeld).",
                                en: "Number of cases; x = withheld (fewer than \(minimumFrequency) persons, or a partner cell).")
                : language.pick(de: "Anzahl Fälle; x = geheim gehalten (weniger als \(minimumFrequency) Fälle, oder Partnerfeld).",
                                en: "Number of cases; x = withheld (fewer than \(minimumFrequency) cases, or a partner cell).")
            return field
        }
        return Schema(fields: [first] + counts, missingValues: ["x"])
    }

    /// Writes the CSV file (`fileName`) into `folder`.
    public func write(into folder: URL) throws {
        let writer = try CSVWriter(url: folder.appendingPathComponent(fileName))
        try writer.writeRecord(header)
        for record in records { try writer.writeRecord(record) }
        try writer.finish()
    }

    /// The file's resource in `datapackage.json`, which lies one folder above `statistics/`.
    public func resource(in language: Language) -> DataPackage.Resource {
        DataPackage.Resource(name: resourceName, path: "statistics/\(fileName)", title: title(in: language),
                             description: table.method.description(in: language), schema: schema(in: language))
    }
}

/// The protected tables of a publication, made from the published records (so they
/// reveal nothing the records do not), small cells withheld with their partners.
///
/// Tables: each text-valued sensitive column alone, and by each quasi-identifier
/// that is coarse after generalisation (2 to 12 published values).
///
/// With `persons` (each published row's person), the rules count distinct persons
/// per cell: a cell of seven cases of two clients is withheld at minimum frequency 3.
func protectedStatistics(of published: Table, sensitive: [String], quasiIdentifiers: [String],
                         rule: MinimumFrequencyRule, persons: [String]? = nil) throws -> [PublishedStatistic] {
    let suppression = CellSuppression(rules: [rule])
    let numbers = persons.map(PrivacyUnits.init)
    let categorical = sensitive.filter { published.schema.field(named: $0)?.type == .string }
    let coarse = quasiIdentifiers.filter { name in
        let values = Set(published.texts(of: name).compactMap { $0 }).subtracting(["*"])
        return (2...12).contains(values.count)
    }
    var statistics: [PublishedStatistic] = []
    for row in categorical {
        let labels = published.texts(of: row)
        let counts = StatisticalTable(counting: labels, by: labels.map { $0 == nil ? nil : "count" }, recordKeys: nil,
                                      personUnits: numbers)
        statistics.append(PublishedStatistic(fileName: "\(slug(row)).csv", rows: row, columns: nil,
                                             table: try suppression.protect(counts), countsPersons: persons != nil,
                                             minimumFrequency: rule.threshold))
        for column in coarse {
            let counts = StatisticalTable(counting: labels, by: published.texts(of: column).map { $0 == "*" ? nil : $0 },
                                          recordKeys: nil, personUnits: numbers)
            statistics.append(PublishedStatistic(fileName: "\(slug(row))-by-\(slug(column)).csv", rows: row, columns: column,
                                                 table: try suppression.protect(counts), countsPersons: persons != nil,
                                                 minimumFrequency: rule.threshold))
        }
    }
    return statistics
}
