import CivicModels
import Foundation

/// What a statistics report contains: its title, which columns the overview covers,
/// which cross tables and trends follow. `civic-report` reads it from YAML:
///
/// ```yaml
/// title: Beratungsfälle 2025
/// publisher: Beratungsstelle Nord e. V.   # named in the report's summary
/// minimum-count: 5          # counts below are shown as <5
/// exclude: [name, notes]    # columns left out of the overview
/// crosstabs:
///   - {rows: service, columns: outcome}
/// trends:
///   - {date: start_date, per: quarter}   # month | quarter | year
/// ```
public struct ReportConfiguration: Decodable, Sendable, Hashable {
    /// A cross table of two columns.
    public struct Crosstab: Decodable, Sendable, Hashable {
        /// The row variable.
        public var rows: String
        /// The column variable.
        public var columns: String

        /// A cross table of `rows` against `columns`.
        public init(rows: String, columns: String) {
            self.rows = rows
            self.columns = columns
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case rows, columns }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(rows: try container.decode(String.self, forKey: .rows),
                      columns: try container.decode(String.self, forKey: .columns))
        }
    }

    /// Counts per period of a date column.
    public struct Trend: Decodable, Sendable, Hashable {
        /// The date column.
        public var date: String
        /// The period: month, quarter or year.
        public var per: String = "month"

        /// A trend of `date` per `per`.
        public init(date: String, per: String = "month") {
            self.date = date
            self.per = per
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case date, per }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(date: try container.decode(String.self, forKey: .date),
                      per: try container.decodeIfPresent(String.self, forKey: .per) ?? "month")
        }
    }

    /// The report's title (default: the file name).
    public var title: String?
    /// The organisation that publishes the report, named in its summary.
    public var publisher: String?
    /// Counts below this are shown as `<N`.
    public var minimumCount: Int = 5
    /// Columns the overview covers (default: all).
    public var columns: [String]?
    /// Columns left out of the overview.
    public var exclude: [String] = []
    /// The cross tables.
    public var crosstabs: [Crosstab] = []
    /// The trends.
    public var trends: [Trend] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, publisher, columns, exclude, crosstabs, trends
        case minimumCount = "minimum-count"
    }

    /// The default: an overview of every column, no cross tables or trends.
    public init() {}

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        publisher = try container.decodeIfPresent(String.self, forKey: .publisher)
        minimumCount = try container.decodeIfPresent(Int.self, forKey: .minimumCount) ?? 5
        guard minimumCount >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .minimumCount, in: container,
                                                   debugDescription: DecodingError.reason(
                                                       de: "muss mindestens 1 sein, nicht \(minimumCount)",
                                                       en: "must be at least 1, not \(minimumCount)"))
        }
        columns = try container.decodeIfPresent([String].self, forKey: .columns)
        exclude = try container.decodeIfPresent([String].self, forKey: .exclude) ?? []
        crosstabs = try container.decodeIfPresent([Crosstab].self, forKey: .crosstabs) ?? []
        trends = try container.decodeIfPresent([Trend].self, forKey: .trends) ?? []
    }
}

extension Report {
    /// The statistics report of `table` as `configuration` describes it: overview of
    /// the columns, then the cross tables (counts below the minimum shown as `<N`,
    /// with the chi-square test), then the trends (counts per period, moving average
    /// of three periods, change on the previous period). A summary opens it and a
    /// glossary of the terms it uses closes it; `created` is the date it names.
    ///
    /// - Throws: ``AnalysisError`` for a column the configuration names that the
    ///   table lacks or that has the wrong type, or a period other than month,
    ///   quarter or year.
    public static func statistics(of table: Table, configuration: ReportConfiguration, language: Language,
                                  defaultTitle: String, created: Date = Date()) throws(AnalysisError) -> Report {
        let l = language
        var report = Report(title: configuration.title ?? defaultTitle, language: language)
        var facts = [
            ReportDefinition(l.pick(de: "Daten", en: "Data"), l.pick(
                de: "\(l.integer(table.rowCount)) Zeilen, \(table.columnCount) Spalten",
                en: "\(l.integer(table.rowCount)) rows, \(table.columnCount) columns")),
            ReportDefinition(l.pick(de: "Kleine Zahlen", en: "Small counts"), l.pick(
                de: "Zahlen unter \(configuration.minimumCount) erscheinen als „<\(configuration.minimumCount)“ und werden nicht gezeichnet.",
                en: "Counts below \(configuration.minimumCount) appear as '<\(configuration.minimumCount)' and are not drawn.")),
        ]
        if let publisher = configuration.publisher {
            facts.append(ReportDefinition(l.pick(de: "Herausgeber", en: "Publisher"), publisher))
        }
        facts.append(ReportDefinition(l.pick(de: "Erstellt", en: "Made"), l.pick(
            de: "\(l.date(CivicDate(created))) mit CivicDataKit \(CivicDataKitVersion.current)",
            en: "\(l.date(CivicDate(created))) with CivicDataKit \(CivicDataKitVersion.current)")))
        report.add(.keyFacts(facts))
        let names = configuration.columns ?? table.schema.fields.map(\.name)
        for name in names + configuration.exclude { _ = try table.requireColumn(name) }
        // Every name was checked above, so selecting cannot fail.
        guard let kept = try? table.selecting(names.filter { !configuration.exclude.contains($0) }) else {
            throw .unknownColumn(names.joined(separator: ", "))
        }
        let overview = TableOverview(table: kept, language: language, minimumCount: configuration.minimumCount)
        report.add(.heading(l.pick(de: "Überblick", en: "Overview"), level: 2))
        for block in overview.blocks() { report.add(block) }

        if !configuration.crosstabs.isEmpty {
            report.add(.heading(l.pick(de: "Kreuztabellen", en: "Cross tables"), level: 2))
        }
        for crosstab in configuration.crosstabs {
            let cross = try CrossTable(table, rows: crosstab.rows, columns: crosstab.columns)
            let total = l.pick(de: "Summe", en: "total")
            var rows = cross.rowLabels.indices.map { r in
                [cross.rowLabels[r].description] + cross.counts[r].map(overview.display) + [overview.display(cross.rowTotals[r])]
            }
            rows.append([total] + cross.columnTotals.map(overview.display) + [l.integer(cross.total)])
            let header = ["\(crosstab.rows) \\ \(crosstab.columns)"] + cross.columnLabels.map(\.description) + [total]
            report.add(.table(ReportTable(header: header, rows: rows, caption: "\(crosstab.rows) × \(crosstab.columns)",
                                          numericColumns: Set(1..<header.count))))
            if let test = try? ChiSquareTest(cross) {
                report.add(.paragraph(l.pick(
                    de: "Chi-Quadrat-Test auf Unabhängigkeit: χ² = \(l.number(test.statistic)), df = \(test.degreesOfFreedom), "
                        + "p = \(l.number(test.pValue)); Cramérs V = \(l.number(test.cramersV)).",
                    en: "Chi-square test of independence: χ² = \(l.number(test.statistic)), df = \(test.degreesOfFreedom), "
                        + "p = \(l.number(test.pValue)); Cramér's V = \(l.number(test.cramersV)).")))
            }
            let chartRows = cross.rowLabels.map(\.description)
            report.add(.chart(BarChart(
                title: "\(crosstab.rows) × \(crosstab.columns)", categories: chartRows,
                series: cross.columnLabels.indices.map { c in
                    (cross.columnLabels[c].description, cross.counts.map { row in
                        row[c] > 0 && row[c] < configuration.minimumCount ? nil : Double(row[c])
                    })
                },
                valueLabel: l.pick(de: "Anzahl", en: "count"), categoryLabel: crosstab.rows, language: l)))
        }

        if !configuration.trends.isEmpty {
            report.add(.heading(l.pick(de: "Entwicklung", en: "Trends"), level: 2))
        }
        for trend in configuration.trends {
            guard let period = CalendarPeriod(rawValue: trend.per) else {
                throw .unknownPeriod(trend.per)
            }
            let counts = try PeriodCounts(table, dateColumn: trend.date, per: period)
            let average = counts.movingAverage(window: 3)
            let countLabel = l.pick(de: "Anzahl", en: "count")
            report.add(.chart(LineChart(
                title: trend.date, labels: counts.labels,
                series: [(countLabel, counts.counts.map { $0 > 0 && $0 < configuration.minimumCount ? nil : Double($0) }),
                         (l.pick(de: "gleitender Durchschnitt (3)", en: "moving average (3)"), average)],
                valueLabel: countLabel, language: language)))
            let changes = counts.changes()
            let rows = counts.labels.indices.suffix(12).map { i in
                [counts.labels[i], overview.display(counts.counts[i]),
                 changes[i].relative.map { ($0 > 0 ? "+" : "") + l.percent($0) } ?? "–"]
            }
            report.add(.table(ReportTable(
                header: [l.pick(de: "Zeitraum", en: "period"), countLabel,
                         l.pick(de: "Veränderung zum Vorzeitraum", en: "change on previous period")],
                rows: rows, caption: l.pick(de: "Die letzten \(rows.count) Zeiträume", en: "The last \(rows.count) periods"),
                numericColumns: [1, 2])))
        }
        report.add(.note(l.pick(
            de: "Zahlen unter \(configuration.minimumCount) werden als „<\(configuration.minimumCount)“ gezeigt und nicht gezeichnet. "
                + "Das ist noch kein Schutz gegen Rückrechnung aus Randsummen; vor einer Veröffentlichung die Tabellen schützen.",
            en: "Counts below \(configuration.minimumCount) are shown as '<\(configuration.minimumCount)' and not drawn. "
                + "This does not yet stop recomputation from margins; protect the tables before publishing.")))
        var terms: [Glossary.Term] = [.smallCounts]
        if !configuration.crosstabs.isEmpty { terms += [.chiSquare, .pValue, .cramersV] }
        if !configuration.trends.isEmpty { terms.append(.movingAverage) }
        report.add(.heading(Glossary.heading(in: l), level: 2))
        report.add(.glossary(Glossary.entries(terms, in: l)))
        return report
    }
}
