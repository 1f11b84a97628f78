import CivicModels
import Foundation
import GRDB

/// How many cases one service opened in one month.
public struct MonthlyCaseCount: Sendable, Hashable, Codable {
    /// The month, as `YYYY-MM`.
    public var month: String
    /// The counselling service.
    public var service: String
    /// Cases opened.
    public var cases: Int
}

extension Casebook {
    /// Cases opened per month and service, counting only persons whose consent to
    /// statistics is in force on `day`, plus the anonymous residue of cases that
    /// retention has reduced to statistics.
    public func monthlyCases(on day: CivicDate) throws -> [MonthlyCaseCount] {
        try database.read { db in
            var counts: [String: [String: Int]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT substr(c.opened, 1, 7) AS month, c.service, count(*) AS cases
                FROM cases c JOIN persons p ON p.id = c.person_id
                WHERE \(Self.consentHolds("p"))
                GROUP BY month, c.service
                UNION ALL
                SELECT month, category, records FROM statistical_residue WHERE kind = 'case'
                """, arguments: ["day": day.isoString, "purpose": Consent.statisticsPurpose])
            while let row = try rows.next() {
                counts[row["month"], default: [:]][row["service"], default: 0] += row["cases"] as Int
            }
            return counts.keys.sorted().flatMap { month in
                counts[month]!.keys.sorted().map { MonthlyCaseCount(month: month, service: $0, cases: counts[month]![$0]!) }
            }
        }
    }

    /// The columns of the export for publication: those of ``CounsellingCase``
    /// without the name and the counsellor's notes, which no statistic needs.
    public static let statisticsExportColumns = CounsellingCase.schema.fieldNames.filter { !["name", "notes"].contains($0) }

    /// Writes the cases of every person whose consent to `purpose` is in force on
    /// `day` as a counselling-case export that `civic-publish` reads, without names
    /// and notes (data minimisation, GDPR Art. 5(1)(c)). The file is written whole
    /// or not at all, and the audit log records the export and its row count.
    ///
    /// - Returns: the number of cases written.
    @discardableResult
    public func exportForStatistics(to url: URL, purpose: String = Consent.statisticsPurpose, on day: CivicDate) throws -> Int {
        let table = try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.case_number, p.person_number, p.birth_date, p.gender, p.zip, p.district, p.nationality,
                    p.household_size, c.service, c.opened, c.duration_minutes, c.contact_count, c.income_eur, c.status
                FROM cases c JOIN persons p ON p.id = c.person_id
                WHERE \(Self.consentHolds("p"))
                ORDER BY c.case_number
                """, arguments: ["day": day.isoString, "purpose": purpose])
            let fields = Self.statisticsExportColumns.compactMap { CounsellingCase.schema.field(named: $0) }
            return try CivicModels.Table(schema: Schema(fields: fields), rows: rows.map { row in
                let birth = Self.date(row["birth_date"])
                let opened = Self.date(row["opened"])!
                return [Value.text(row["case_number"] as String), .text(row["person_number"] as String),
                        birth.map(Value.date) ?? .missing, Self.value(row["birth_date"] == nil ? nil : birth!.wholeYears(until: opened)),
                        Self.value(row["gender"] as String?), Self.value(row["zip"] as String?),
                        Self.value(row["district"] as String?), Self.value(row["nationality"] as String?),
                        Self.value(row["household_size"] as Int?), .text(row["service"] as String), .date(opened),
                        Self.value(row["duration_minutes"] as Int?), Self.value(row["contact_count"] as Int?),
                        Self.value(row["income_eur"] as Int?), .text(row["status"] as String)]
            })
        }
        try CSVTableWriter.write(table, to: url)
        try write { db in
            try AuditLog.append(.export, .case, recordID: nil, detail: "purpose: \(purpose); cases: \(table.rowCount)",
                                actor: actor, in: db)
        }
        return table.rowCount
    }

    private static func value(_ text: String?) -> Value { text.map(Value.text) ?? .missing }
    private static func value(_ number: Int?) -> Value { number.map { .integer(Int64($0)) } ?? .missing }
}
