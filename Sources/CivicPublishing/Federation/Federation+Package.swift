import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

extension Federation {
    /// The name of the package's data file.
    public static let dataFileName = "federation-cases.csv"

    /// Writes the federation's open data package to ``packageURL``: the combined
    /// tables of every region (`data/federation-cases.csv`), their
    /// `datapackage.json`, and a `README.md` in `language` that says who reported,
    /// what was withheld and why. The folder is replaced whole or not at all; then
    /// the archive records the tables.
    ///
    /// - Returns: the region tables written.
    @discardableResult
    public func writePackage(language: Language, license: DataPackage.License = .ccBy4) async throws -> [RegionTable] {
        let tables = try await combinedTables()
        try AtomicFolder.replace(packageURL) { temporary in
            let data = temporary.appendingPathComponent("data", isDirectory: true)
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            let table = try Self.longTable(tables)
            let file = data.appendingPathComponent(Self.dataFileName)
            try CSVTableWriter.write(table, to: file)
            try Self.checkWritten(file, holds: table, named: packageURL.appendingPathComponent("data/\(Self.dataFileName)").path)
            try dataPackage(license: license).write(to: temporary.appendingPathComponent("datapackage.json"))
            try Foundation.Data(readme(tables, language: language).utf8).write(to: temporary.appendingPathComponent("README.md"))
        }
        try await archive.record(tables)
        return tables
    }

    /// Reads the data file back and refuses it unless it holds `table`'s cells, row
    /// for row: every withheld cell empty, every shown count as meant (fail closed:
    /// the package appears only after this check).
    package static func checkWritten(_ file: URL, holds table: CivicModels.Table, named name: String) throws {
        let written = try CSVTableReader.read(file, options: .init(schema: dataSchema)).table
        guard written.rowCount == table.rowCount else {
            throw FederationError.packageMismatch(file: name, line: min(written.rowCount, table.rowCount) + 2)
        }
        for row in 0..<table.rowCount {
            let withheld = table[row, "status"].description != CellStatus.published.rawValue
            let sameCells = ["region", "month", "service", "cases", "status"].allSatisfy {
                written[row, $0].description == table[row, $0].description
            }
            guard sameCells, !withheld || written[row, "cases"] == .missing else {
                throw FederationError.packageMismatch(file: name, line: row + 2)
            }
        }
    }

    /// The values of the `status` column.
    public enum CellStatus: String, Sendable, Hashable, CaseIterable {
        /// The count is the members' sum.
        case published
        /// A member withheld its part, so the sum is not known.
        case withheldByMember = "withheld-by-member"
        /// Withheld so that no withheld cell can be recomputed from the totals.
        case withheldToProtect = "withheld-to-protect"
    }

    /// The schema of the data file.
    public static let dataSchema = Schema(fields: [
        Field("region", type: .string, description: "Region of the members added up, or 'total' for the whole federation"),
        Field("month", type: .string, description: "Month the cases were opened (YYYY-MM), or 'total' for the whole period"),
        Field("service", type: .string, description: "Service, or 'total' for all services"),
        Field("cases", type: .integer, description: "Cases opened; empty where withheld"),
        Field("status", type: .string,
              description: "published, withheld-by-member (a member withheld its part) or withheld-to-protect (withheld so that no withheld cell can be recomputed from the totals)",
              constraints: FieldConstraints(required: true, allowedValues: CellStatus.allCases.map { .text($0.rawValue) })),
    ])

    /// Every region's cells and totals, then the whole federation's (region `total`),
    /// one row each.
    package static func longTable(_ tables: [RegionTable]) throws -> CivicModels.Table {
        let rows = FederationCell.all(of: tables).map { cell -> [Value] in
            [.text(cell.region ?? "total"), .text(cell.month ?? "total"), .text(cell.service ?? "total"),
             cell.cases.map { .integer(Int64($0)) } ?? .missing, .text(cell.status.rawValue)]
        }
        return try CivicModels.Table(schema: dataSchema, rows: rows)
    }

    func dataPackage(license: DataPackage.License) -> DataPackage {
        var package = DataPackage(
            name: "federation-cases-\(period.from)-\(period.to)",
            title: "\(members.federation): cases \(period)",
            description: "Cases opened per month and service, added up per region from the members' reports. "
                + "Each member withheld cells of fewer than \(members.minimumFrequency) distinct persons (at least) before sending; "
                + "the sums withhold those cells and as few others as it takes that none can be recomputed from the totals.")
        package.licenses = [license]
        package.contributors = [DataPackage.Contributor(title: members.federation, role: "publisher")]
        package.resources = [DataPackage.Resource(name: "federation-cases", path: "data/\(Self.dataFileName)",
                                                  title: "Cases per region, month and service", schema: Self.dataSchema)]
        return package
    }

    /// The package's README: who reported, what was withheld, what the numbers
    /// can and cannot say.
    func readme(_ tables: [RegionTable], language l: Language) -> String {
        let reported = Set(tables.flatMap(\.members))
        let missing = members.members.filter { !reported.contains($0.id) }.map(\.name)
        var text = "# " + l.pick(de: "\(members.federation): Fälle \(period)", en: "\(members.federation): cases \(period)") + "\n\n"
        text += l.pick(
            de: "Neu eröffnete Fälle je Monat und Angebot, je Region aus den signierten Berichten der Mitglieder zusammengezählt (`data/\(Self.dataFileName)`).\n\n",
            en: "Cases opened per month and service, added up per region from the members' signed reports (`data/\(Self.dataFileName)`).\n\n")
        text += "## " + l.pick(de: "Wer berichtet hat", en: "Who reported") + "\n\n"
        for table in tables {
            let names = table.members.compactMap { members.member($0)?.name }
            text += "- \(table.region): \(names.joined(separator: ", "))\n"
        }
        if tables.isEmpty { text += l.pick(de: "- noch niemand\n", en: "- nobody yet\n") }
        if !missing.isEmpty {
            text += "\n" + l.pick(de: "Noch ohne Bericht (nicht mitgezählt): ", en: "No report yet (not counted): ")
                + missing.joined(separator: ", ") + "\n"
        }
        text += "\n## " + l.pick(de: "Schutz der Personen", en: "Protecting the people") + "\n\n"
        text += l.pick(
            de: "Jedes Mitglied hat vor dem Versand jedes Feld zurückgehalten, hinter dem weniger als \(members.minimumFrequency) verschiedene Personen stehen (eine Person mit mehreren Fällen zählt einmal), und weitere Felder, damit sich keines aus den Summen errechnen lässt. Der Dachverband erhält keine Einzeldaten.\n\n",
            en: "Before sending, every member withheld each cell behind which stand fewer than \(members.minimumFrequency) distinct persons (a person with several cases counts once), and further cells so that none can be recomputed from the totals. The umbrella receives no records.\n\n")
        text += l.pick(
            de: "Wo ein Mitglied ein Feld zurückgehalten hat, kennt der Dachverband die Summe nicht und hält sie zurück (`withheld-by-member`). Weil die Summen der Mitglieder bekannt sind, werden weitere Felder zurückgehalten (`withheld-to-protect`), bis sich keines der zurückgehaltenen aus den Summen errechnen lässt; das wird vor dem Schreiben durch Lösen der Summengleichungen geprüft.\n\n",
            en: "Where a member withheld a cell, the umbrella does not know the sum and withholds it (`withheld-by-member`). Because the members' totals are known, further cells are withheld (`withheld-to-protect`) until none of the withheld ones can be recomputed from the totals; this is checked before writing by solving the margin equations.\n\n")
        text += "| " + l.pick(de: "Region | Mitglieder | von Mitgliedern zurückgehalten | zum Schutz zurückgehalten", en: "Region | Members | withheld by members | withheld to protect") + " |\n|---|---:|---:|---:|\n"
        for table in tables {
            text += "| \(table.region) | \(table.members.count) | \(table.withheldByMembers) | \(table.withheldToProtect) |\n"
        }
        text += "\n## " + l.pick(de: "Grenzen", en: "Limits") + "\n\n"
        text += l.pick(
            de: "- Wer bei zwei Mitgliedern beraten wurde, ist in beiden Zahlen enthalten; Personen lassen sich ohne Einzeldaten nicht über Mitglieder hinweg abgleichen.\n- Gezählt sind Fälle von Personen, deren Einwilligung in die Statistik am Tag des Berichts galt; Fälle, die nach Ablauf der Aufbewahrungsfrist nur noch als anonyme Zahl vorliegen, fehlen.\n- Die Zahlen des ganzen Verbands (Region `total`) sind die Summen der Regionen; wo eine Region eine Zahl zurückhält, hält der Verband seine Summe auch zurück, sonst ließe sich die Zahl der Region errechnen.\n",
            en: "- A person counselled by two members is in both members' numbers; without records, persons cannot be matched across members.\n- Counted are the cases of persons whose consent to statistics held on the day of the report; cases that retention reduced to an anonymous number are missing.\n- The whole federation's numbers (region `total`) are the regions' sums; where a region withholds a number, the federation withholds its sum too, else the region's number could be recomputed.\n")
        return text
    }
}
