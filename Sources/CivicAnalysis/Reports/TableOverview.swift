import CivicModels

/// The overview of every column of a table as report blocks: type, missing values,
/// distinct values and a chart of the distribution.
///
/// Counts below `minimumCount` (default 5) are shown as `<5` and their bars are not
/// drawn, so a report does not single out small groups; text columns with many
/// distinct values (names, free text) are counted, never listed.
///
/// ```swift
/// var report = Report(title: "Überblick", language: .german)
/// for block in TableOverview(table: cases, language: .german).blocks() { report.add(block) }
/// ```
public struct TableOverview: Sendable {
    /// The table described.
    public let table: Table
    /// The language of headings and labels.
    public let language: Language
    /// Counts below this are shown as `<N`.
    public let minimumCount: Int
    /// Text columns with more distinct values than this are not charted.
    public let maximumCategories: Int

    /// An overview of `table`.
    public init(table: Table, language: Language, minimumCount: Int = 5, maximumCategories: Int = 20) {
        self.table = table
        self.language = language
        self.minimumCount = minimumCount
        self.maximumCategories = maximumCategories
    }

    /// A count for display: `<N` for 1 ... N-1.
    public func display(_ count: Int) -> String {
        count > 0 && count < minimumCount ? "<\(minimumCount)" : language.integer(count)
    }

    /// The summary table of all columns, then one section per column.
    public func blocks() -> [Report.Block] {
        let l = language
        var summaryRows: [[String]] = []
        var sections: [Report.Block] = []
        for field in table.schema.fields {
            guard let column = table.column(named: field.name) else { continue }
            // The field exists, so counting its values cannot fail.
            guard let frequencies = try? FrequencyTable(table, column: field.name) else { continue }
            summaryRows.append([field.name, typeName(column.type), display(frequencies.missing),
                                l.integer(frequencies.entries.count)])
            sections.append(.heading(field.name, level: 3))
            sections.append(contentsOf: columnBlocks(field.name, column: column, frequencies: frequencies))
        }
        let header = [l.pick(de: "Spalte", en: "column"), l.pick(de: "Typ", en: "type"),
                      l.pick(de: "fehlend", en: "missing"), l.pick(de: "verschiedene Werte", en: "distinct values")]
        return [.paragraph(l.pick(de: "\(l.integer(table.rowCount)) Zeilen, \(table.columnCount) Spalten.",
                                  en: "\(l.integer(table.rowCount)) rows, \(table.columnCount) columns.")),
                .table(ReportTable(header: header, rows: summaryRows, numericColumns: [2, 3]))] + sections
    }

    private func typeName(_ type: FieldType) -> String {
        switch type {
        case .integer: return language.pick(de: "ganze Zahl", en: "integer")
        case .number: return language.pick(de: "Zahl", en: "number")
        case .date: return language.pick(de: "Datum", en: "date")
        case .boolean: return language.pick(de: "ja/nein", en: "yes/no")
        default: return language.pick(de: "Text", en: "text")
        }
    }

    private func columnBlocks(_ name: String, column: ColumnData, frequencies: FrequencyTable) -> [Report.Block] {
        let l = language
        let count = l.pick(de: "Anzahl", en: "count")
        switch column.storage {
        case .integer, .number:
            let values = (0..<column.count).compactMap { column.doubleValue(at: $0) }
            guard let s = DescriptiveStatistics(values) else { return [.paragraph(l.pick(de: "Keine Werte.", en: "No values."))] }
            let table = ReportTable(
                header: ["n", l.pick(de: "Mittelwert", en: "mean"), l.pick(de: "Standardabw.", en: "sd"), l.pick(de: "1. Quartil", en: "q1"),
                         l.pick(de: "Median", en: "median"), l.pick(de: "3. Quartil", en: "q3")],
                rows: [[l.integer(s.count), l.number(s.mean), s.standardDeviation.map { l.number($0) } ?? "–",
                        l.number(s.firstQuartile), l.number(s.median), l.number(s.thirdQuartile)]],
                numericColumns: Set(0..<6), labelsRows: false)
            return [.table(table), .chart(Histogram(title: name, values: values, valueLabel: name, countLabel: count,
                                                    minimumCount: minimumCount, language: language))]
        case .date:
            guard let perMonth = try? PeriodCounts(table, dateColumn: name, per: .month), !perMonth.counts.isEmpty else {
                return [.paragraph(l.pick(de: "Keine Werte.", en: "No values."))]
            }
            let period: CalendarPeriod = perMonth.counts.count > 48 ? .year : .month
            let counts = period == .month ? perMonth : (try? PeriodCounts(table, dateColumn: name, per: .year)) ?? perMonth
            return [.chart(LineChart(
                title: name + l.pick(de: period == .month ? " je Monat" : " je Jahr", en: period == .month ? " per month" : " per year"),
                labels: counts.labels,
                series: [(count, counts.counts.map { $0 > 0 && $0 < minimumCount ? nil : Double($0) })],
                valueLabel: count, language: language))]
        default:
            let distinct = frequencies.entries.count
            guard distinct <= maximumCategories else {
                return [.paragraph(l.pick(
                    de: "\(distinct) verschiedene Werte; nicht einzeln aufgeführt (möglicherweise Namen oder Freitext).",
                    en: "\(distinct) distinct values; not listed (possibly names or free text)."))]
            }
            let entries = frequencies.entries
            let rows = entries.map { [$0.value.description, display($0.count)] }
            return [
                .table(ReportTable(header: [l.pick(de: "Wert", en: "value"), count], rows: rows, numericColumns: [1])),
                .chart(BarChart(title: name, categories: entries.map(\.value.description),
                                values: entries.map { $0.count < minimumCount ? nil : Double($0.count) },
                                valueLabel: count, categoryLabel: name, language: l)),
            ]
        }
    }
}
