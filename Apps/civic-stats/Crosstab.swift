import ArgumentParser
import CivicAnalysis
import CivicAppSupport
import CivicModels
import CivicPrivacy
import Foundation

/// `civic-stats crosstab`: two columns counted against each other, with the
/// chi-square test, or with `--protect` a table fit for publication.
struct Crosstab: StatisticsCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(
            de: "Zählt zwei Spalten gegeneinander aus, mit Chi-Quadrat-Test und Cramérs V.",
            en: "Counts of two columns against each other, with the chi-square test and Cramér's V."),
        discussion: appLanguage.pick(
            de: """
                Mit --protect wird die Tabelle stattdessen für die Veröffentlichung geschützt: Zellen mit 1 bis N-1 \
                Personen (--min-frequency, Vorgabe 5) werden gesperrt, dazu so viele Partnerzellen, dass sich keine \
                aus den Summen zurückrechnen lässt (--method suppress, angezeigt als x bzw. null); oder jede Anzahl \
                wird zufällig auf ein Vielfaches von --base gerundet (--method round); oder nach dem \
                Cell-Key-Verfahren verrauscht (--method cell-key, braucht --key-file und --id-column). Der \
                Chi-Quadrat-Test entfällt dann: er würde aus den ungeschützten Anzahlen berechnet.
                Mit --privacy-unit SPALTE (z. B. client_id) zählt die Mindestbesetzung verschiedene Personen je \
                Zelle: sieben Fälle von zwei Klienten sind zwei Personen. Die Anzahlen bleiben Fallzahlen.
                """,
            en: """
                With --protect the table is made safe to publish instead: cells of 1 to N-1 people (--min-frequency, \
                default 5) are suppressed and so many partner cells that none can be recomputed from the totals \
                (--method suppress, shown as x / null); or every count is rounded at random to a multiple of \
                --base (--method round); or perturbed by the cell-key method (--method cell-key, needs --key-file \
                and --id-column). The chi-square test is left out: it would be computed from the unprotected counts.
                With --privacy-unit COLUMN (e.g. client_id) the minimum frequency counts distinct people per cell: \
                seven cases of two clients are two people. Counts stay case counts.
                """))

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case suppress, round
        case cellKey = "cell-key"
    }

    @OptionGroup var input: InputOptions
    @Option(help: .localized(de: "Die Spalte, deren Werte die Zeilen bilden.", en: "The column whose values form the rows."))
    var rows: String
    @Option(help: .localized(de: "Die Spalte, deren Werte die Spalten bilden.",
                             en: "The column whose values form the columns."))
    var columns: String
    @Flag(help: .localized(de: "Die Tabelle für die Veröffentlichung schützen (siehe oben).",
                           en: "Protect the table for publication (see above)."))
    var protect = false
    @Option(help: .localized(de: "Mit --protect: wie (suppress, round, cell-key).",
                             en: "With --protect: how (suppress, round, cell-key)."))
    var method: Method = .suppress
    @Option(help: .localized(de: "Mit --method suppress: die kleinste veröffentlichte Anzahl.",
                             en: "With --method suppress: the smallest count published."))
    var minFrequency = 5
    @Option(help: .localized(de: "Mit --method round: die Rundungsbasis.", en: "With --method round: the rounding base."))
    var base = 3
    @Option(help: .localized(de: "Mit --method cell-key: die Schlüsseldatei (anlegen mit civic-redact keygen DATEI).",
                             en: "With --method cell-key: the key file (make one with civic-redact keygen FILE)."))
    var keyFile: String?
    @Option(help: .localized(de: "Mit --method cell-key: die Spalte, die jeden Datensatz bezeichnet.",
                             en: "With --method cell-key: the column identifying each record."))
    var idColumn: String?
    @Option(help: .localized(
        de: "Mit --protect: die Spalte, die eine Person bezeichnet, damit kleine Zellen Personen zählen "
            + "('row': jede Zeile ist eine eigene Person).",
        en: "With --protect: the column identifying a person, so that small cells count people ('row': rows are people)."))
    var privacyUnit: String?

    struct Protection: Encodable {
        var method: String
        var primary_suppressed: Int
        var secondary_suppressed: Int
        var privacy_unit: String
    }

    struct Answer: Encodable {
        var counts: [String: [String: Int?]]
        var rows: [String]
        var columns: [String]
        var row_totals: [String: Int?]
        var column_totals: [String: Int?]
        var n: Int?
        var chi2: Double?
        var df: Int?
        var p: Double?
        var cramers_v: Double?
        var protection: Protection?
        var left_out: Int
    }

    func validate() throws {
        guard protect || (method == .suppress && minFrequency == 5 && base == 3 && keyFile == nil && idColumn == nil
                          && privacyUnit == nil) else {
            throw ValidationError(
                de: "--method, --min-frequency, --base, --key-file, --id-column und --privacy-unit gehen nur mit --protect",
                en: "--method, --min-frequency, --base, --key-file, --id-column and --privacy-unit need --protect")
        }
        if protect && method == .cellKey && (keyFile == nil || idColumn == nil) {
            throw ValidationError(de: "--method cell-key braucht --key-file und --id-column",
                                  en: "--method cell-key needs --key-file and --id-column")
        }
    }

    func answer(for table: Table) throws -> Answer {
        protect ? try protectedAnswer(for: table) : try plainAnswer(for: table)
    }

    private func plainAnswer(for table: Table) throws -> Answer {
        let cross = try CrossTable(table, rows: rows, columns: columns)
        let test = try ChiSquareTest(cross)
        let rowNames = cross.rowLabels.map(keyText), columnNames = cross.columnLabels.map(keyText)
        var counts: [String: [String: Int?]] = [:]
        for (r, row) in rowNames.enumerated() {
            counts[row] = Dictionary(uniqueKeysWithValues: columnNames.enumerated().map { ($1, cross.counts[r][$0]) })
        }
        return Answer(counts: counts, rows: rowNames, columns: columnNames,
                      row_totals: Dictionary(uniqueKeysWithValues: zip(rowNames, cross.rowTotals.map(Optional.some))),
                      column_totals: Dictionary(uniqueKeysWithValues: zip(columnNames, cross.columnTotals.map(Optional.some))),
                      n: cross.total, chi2: test.statistic, df: test.degreesOfFreedom, p: test.pValue,
                      cramers_v: test.cramersV, protection: nil, left_out: table.rowCount - cross.total)
    }

    private func protectedAnswer(for table: Table) throws -> Answer {
        var recordKeys: [UInt64]?
        if method == .cellKey, let keyFile, let idColumn {
            guard let ids = table.column(named: idColumn) else { throw PrivacyError.unknownColumn(idColumn) }
            let key = try PseudonymKey(contentsOf: URL(fileURLWithPath: keyFile))
            recordKeys = CellKeyMethod.recordKeys(for: (0..<table.rowCount).map { ids.value(at: $0).description }, key: key)
        }
        let unit = privacyUnit == "row" ? nil : privacyUnit
        let counts = try StatisticalTable(counting: table, rows: rows, columns: columns, recordKeys: recordKeys, privacyUnit: unit)
        let published: ProtectedTable
        switch method {
        case .suppress:
            // Audited inside: a pattern the margin equations could undo throws (fail closed).
            published = try CellSuppression(rules: [try MinimumFrequencyRule(threshold: minFrequency)]).protect(counts)
        case .round:
            var random = SecureRandom()
            published = try RandomRounding(base: base).protect(counts, using: &random)
        case .cellKey:
            published = try CellKeyMethod().protect(counts)
        }
        func number(_ cell: ProtectedTable.Cell) -> Int? { cell.publishedValue.map { Int($0) } }
        var cells: [String: [String: Int?]] = [:]
        for (r, row) in published.rowLabels.enumerated() {
            cells[row] = Dictionary(uniqueKeysWithValues: published.columnLabels.enumerated().map { ($1, number(published.cells[r][$0])) })
        }
        let total = number(published.grandTotal)
        return Answer(counts: cells, rows: published.rowLabels, columns: published.columnLabels,
                      row_totals: Dictionary(uniqueKeysWithValues: zip(published.rowLabels, published.rowTotals.map(number))),
                      column_totals: Dictionary(uniqueKeysWithValues: zip(published.columnLabels, published.columnTotals.map(number))),
                      n: total, protection: Protection(method: method.rawValue,
                                                       primary_suppressed: published.primaryCount,
                                                       secondary_suppressed: published.secondaryCount,
                                                       privacy_unit: unit ?? "row"),
                      left_out: table.rowCount - counts.frequency(at: .grandTotal))
    }

    func text(_ a: Answer, language: Language) -> String {
        let note: String
        switch (method, a.protection) {
        case (_, nil): note = ""
        case (.suppress, let p?): note = TableProtectionMethod.cellSuppression(primary: p.primary_suppressed, secondary: p.secondary_suppressed).description(in: language)
        case (.round, _): note = TableProtectionMethod.randomRounding(base: base).description(in: language)
        case (.cellKey, _): note = TableProtectionMethod.cellKey(perturbation: PerturbationTable.standard.name).description(in: language)
        }
        let total = language.pick(de: "Summe", en: "total")
        func cell(_ value: Int??) -> String { (value ?? nil).map(String.init) ?? "x" }
        var lines = [["\(rows) \\ \(columns)"] + a.columns + [total]]
        for row in a.rows {
            lines.append([row] + a.columns.map { cell(a.counts[row]?[$0]) } + [cell(a.row_totals[row])])
        }
        lines.append([total] + a.columns.map { cell(a.column_totals[$0]) } + [a.n.map(String.init) ?? "x"])
        var text = aligned(lines)
        if let chi2 = a.chi2, let df = a.df, let p = a.p, let v = a.cramers_v {
            text += "\n\nchi² = \(format(chi2, language)), df = \(df), p = \(formatP(p, language)), Cramér's V = \(format(v, language))"
        }
        if !note.isEmpty { text += "\n\n" + note }
        return text + leftOutNote(a.left_out, language)
    }
}
