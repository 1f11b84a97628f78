import CivicAnalysis
import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// One table of a publication: a sensitive column alone or by a coarse
/// quasi-identifier, counted from the published rows, ready to write as a CSV file
/// with its Table Schema.
///
/// Tables and microdata in one package are one release, so the tables are counted
/// from exactly the rows and values the data file publishes: every count can be
/// read off the data file by anyone, so the tables add nothing to it and no cell
/// needs withholding (withholding would hide nothing the file does not show).
/// They count cases, as the file shows cases; persons per cell would tell which
/// cases belong together, which the file does not. `PublicationResult.write(to:)`
/// recounts every table from the written file before the package appears.
public struct PublishedStatistic: Sendable {
    /// The file name under `statistics/`, e.g. `service-by-gender.csv`.
    public let fileName: String
    /// The variable whose values form the rows.
    public let rows: String
    /// The variable whose values form the columns, `nil` for a frequency table.
    public let columns: String?
    /// The counts with their totals (no cell withheld).
    public let table: ProtectedTable

    /// The resource name in `datapackage.json`.
    public var resourceName: String { String(fileName.dropLast(4)) }

    /// A title for the report and the package.
    /// `label` names a column for people (default: its own name).
    public func title(in language: Language, label: (String) -> String = { $0 }) -> String {
        guard let columns else { return language.pick(de: "Fälle nach \(label(rows))", en: "Cases by \(label(rows))") }
        return language.pick(de: "Fälle nach \(label(rows)) und \(label(columns))",
                             en: "Cases by \(label(rows)) and \(label(columns))")
    }

    /// The header of the CSV file: the row variable, one column per value, the total.
    public var header: [String] {
        [rows] + (columns == nil ? ["count"] : table.columnLabels + ["total"])
    }

    /// The CSV records: one per row value, then the totals.
    public var records: [[String]] {
        func text(_ cell: ProtectedTable.Cell) -> String { cell.publishedValue.map { String(Int($0)) } ?? "x" }
        let body = table.rowLabels.indices.map { r in
            [table.rowLabels[r]] + (columns == nil ? [text(table.cells[r][0])] : table.cells[r].map(text) + [text(table.rowTotals[r])])
        }
        let totals = ["total"] + (columns == nil ? [text(table.grandTotal)] : table.columnTotals.map(text) + [text(table.grandTotal)])
        return body + [totals]
    }

    /// The table as the report shows it: headings and the totals row in the
    /// report's language, numbers with thousands grouped (the CSV file keeps
    /// machine-readable `count`, `total` and plain digits).
    public func reportTable(in language: Language, label: (String) -> String = { $0 }) -> ReportTable {
        let count = language.pick(de: "Fälle", en: "cases"), total = language.pick(de: "Summe", en: "total")
        let header = [label(rows)] + (columns == nil ? [count] : table.columnLabels + [total])
        let rows = records.enumerated().map { index, record in
            [index == records.count - 1 ? total : record[0]]
                + record.dropFirst().map { Int($0).map(language.integer) ?? $0 }
        }
        return ReportTable(header: header, rows: rows, caption: "statistics/\(fileName)",
                           numericColumns: Set(1..<header.count))
    }

    /// The Table Schema of the CSV file.
    public func schema(in language: Language) -> Schema {
        var first = Field(rows, type: .string)
        first.description = language.pick(de: "Ausprägung von \(rows); „total“ ist die Summe.",
                                          en: "Value of \(rows); 'total' is the sum.")
        let counts = header.dropFirst().map { name in
            var field = Field(name, type: .integer)
            field.description = language.pick(de: "Anzahl Fälle in der veröffentlichten Datendatei.",
                                              en: "Number of cases in the published data file.")
            return field
        }
        return Schema(fields: [first] + counts)
    }

    /// One sentence on how the table was made, for the report and the package.
    public static func method(in language: Language) -> String {
        language.pick(
            de: "Aus der veröffentlichten Datendatei gezählt; jede Zahl lässt sich dort nachzählen, daher ist kein Feld geheim gehalten.",
            en: "Counted from the published data file; every number can be counted there, so no cell is withheld.")
    }

    /// Writes the CSV file (`fileName`) into `folder`.
    public func write(into folder: URL) throws {
        let writer = try CSVWriter(url: folder.appendingPathComponent(fileName))
        try writer.writeRecord(header)
        for record in records { try writer.writeRecord(record) }
        try writer.finish()
    }

    /// The file's resource in `datapackage.json`, which lies one folder above `statistics/`.
    public func resource(in language: Language, label: (String) -> String = { $0 }) -> DataPackage.Resource {
        DataPackage.Resource(name: resourceName, path: "statistics/\(fileName)", title: title(in: language, label: label),
                             description: Self.method(in: language), schema: schema(in: language))
    }
}

/// The tables of a publication, counted from the published rows (see
/// ``PublishedStatistic``): each text-valued sensitive column alone, and by each
/// quasi-identifier that is coarse after generalisation (2 to 12 published values).
func publishedStatistics(of published: Table, sensitive: [String], quasiIdentifiers: [String]) -> [PublishedStatistic] {
    let categorical = sensitive.filter { published.schema.field(named: $0)?.type == .string }
    // A quasi-identifier's rows that read * are withheld, not a value.
    let coarse = quasiIdentifiers.compactMap { name in
        published.column(named: name).map { (name: name, labels: NumberedLabels($0).excluding("*")) }
    }.filter { (2...12).contains($0.labels.texts.count) }
    var statistics: [PublishedStatistic] = []
    for row in categorical {
        guard let column = published.column(named: row) else { continue }
        let labels = NumberedLabels(column)
        let total = NumberedLabels(texts: ["count"], numbers: labels.numbers.map { $0 < 0 ? -1 : 0 })
        let counts = StatisticalTable(counting: labels, by: total, recordKeys: nil, personUnits: nil)
        statistics.append(PublishedStatistic(fileName: "\(slug(row)).csv", rows: row, columns: nil,
                                             table: ProtectedTable(counts, primary: [])))
        for (name, columnLabels) in coarse {
            let counts = StatisticalTable(counting: labels, by: columnLabels, recordKeys: nil, personUnits: nil)
            statistics.append(PublishedStatistic(fileName: "\(slug(row))-by-\(slug(name)).csv", rows: row, columns: name,
                                                 table: ProtectedTable(counts, primary: [])))
        }
    }
    return statistics
}

/// Recounts `statistics` from `written`, the data file as written, and throws
/// unless every table equals its recount: the proof that the tables show nothing
/// the data file does not.
func verifyStatistics(_ statistics: [PublishedStatistic], against written: Table, sensitive: [String],
                      quasiIdentifiers: [String]) throws(PublicationError) {
    let recounted = publishedStatistics(of: written, sensitive: sensitive, quasiIdentifiers: quasiIdentifiers)
    guard recounted.map(\.fileName) == statistics.map(\.fileName) else {
        throw .checkFailed(BilingualText(
            de: "die aus der geschriebenen Datendatei nachgezählten Tabellen sind nicht die Tabellen des Pakets",
            en: "the tables recounted from the written data file are not the tables of the package"))
    }
    for (table, recount) in zip(statistics, recounted) where table.records != recount.records {
        throw .checkFailed(BilingualText(
            de: "statistics/\(table.fileName) weicht von der Nachzählung aus der geschriebenen Datendatei ab",
            en: "statistics/\(table.fileName) differs from its recount from the written data file"))
    }
}
