import CivicModels
import Foundation
import GRDB
import GRDBSQLite

/// How many cases one service opened in one month.
public struct MonthlyCaseCount: Sendable, Hashable, Codable {
    /// The month, as `YYYY-MM`.
    public var month: String
    /// The counselling service.
    public var service: String
    /// Cases opened.
    public var cases: Int

    /// A count of cases of one service in one month.
    public init(month: String, service: String, cases: Int) {
        self.month = month
        self.service = service
        self.cases = cases
    }
}

/// Cases for a statistic: three parallel lists, one entry per case.
public struct StatisticsCases: Sendable, Hashable {
    /// Each case's month of opening, as `YYYY-MM`.
    public var months: [String] = []
    /// Each case's service.
    public var services: [String] = []
    /// Each case's person, as an opaque number that only tells persons apart.
    public var persons: [String] = []

    /// The number of cases.
    public var count: Int { months.count }

    /// No cases yet; append to the three lists together.
    public init() {}
}

extension Casebook {
    /// Cases opened per month and service up to `day`, counting only persons whose
    /// consent to statistics is in force on that day, plus the anonymous residue of
    /// cases that retention has reduced to statistics.
    public func monthlyCases(on day: CivicDate) throws -> [MonthlyCaseCount] {
        try database.read { db in
            // Counted here rather than with GROUP BY: SQLite sorts the consenting cases to
            // group them, about 2.3 s for 900,000 cases, against about 0.3 s for one pass
            // that checks each case's person in a table of flags and counts by month and
            // service code (measured on civic-bench's 1,000,000-case casebook).
            let maxPerson = try Int.fetchOne(db, sql: "SELECT max(id) FROM persons") ?? 0
            var consenting = [Bool](repeating: false, count: maxPerson + 1)
            let consented = try Int.fetchCursor(db, sql: """
                SELECT person_id FROM consents
                WHERE purpose = :purpose AND given <= :day AND (withdrawn IS NULL OR withdrawn > :day)
                """, arguments: ["day": day.isoString, "purpose": Consent.statisticsPurpose])
            while let person = try consented.next() { consenting[person] = true }

            // Months as YYYYMM numbers, services as codes: no text is made per case.
            var services = TextDictionary()
            var counts: [MonthAndService: Int] = [:]
            let statement = try db.makeStatement(sql: "SELECT person_id, opened, service FROM cases WHERE opened <= ?")
            let handle = statement.sqliteStatement
            let rows = try Row.fetchCursor(statement, arguments: [day.isoString])
            while try rows.next() != nil {
                guard consenting[Int(sqlite3_column_int64(handle, 0))] else { continue }
                let opened = UnsafeBufferPointer(start: sqlite3_column_text(handle, 1), count: Int(sqlite3_column_bytes(handle, 1)))
                let service = UnsafeBufferPointer(start: sqlite3_column_text(handle, 2), count: Int(sqlite3_column_bytes(handle, 2)))
                counts[MonthAndService(month: Self.yearAndMonth(opened), service: services.code(forUTF8: service)), default: 0] += 1
            }
            // The residue of months up to the day (the statistics of an earlier day leave
            // out what came later, as they leave out later cases).
            for row in try Row.fetchAll(db, sql: """
                SELECT month, category, records FROM statistical_residue WHERE kind = 'case' AND month <= ?
                """, arguments: [day.monthString]) {
                let month = Array((row["month"] as String).utf8).withUnsafeBufferPointer { Self.yearAndMonth($0) }
                counts[MonthAndService(month: month, service: services.code(for: row["category"])), default: 0] += row["records"] as Int
            }
            return counts.map { key, cases in
                MonthlyCaseCount(month: String(format: "%04d-%02d", key.month / 100, key.month % 100),
                                 service: services[key.service], cases: cases)
            }.sorted { ($0.month, $0.service) < ($1.month, $1.service) }
        }
    }

    /// The cases opened in `period` up to `day`, each with its month, service and an
    /// opaque number of its person, counting only persons whose consent to
    /// statistics is in force on `day`: the records a table protected per person is
    /// counted from. The residue that retention left has no persons and is not among
    /// them. The person numbers are the casebook's internal ones, for counting
    /// distinct persons; they mean nothing outside it and are never published.
    public func statisticsCases(in period: ReportingPeriod, on day: CivicDate) throws -> StatisticsCases {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT substr(c.opened, 1, 7) AS month, c.service, c.person_id FROM cases c JOIN persons p ON p.id = c.person_id
                WHERE c.opened >= :first AND c.opened <= :last AND c.opened <= :day AND \(Self.consentHolds("p"))
                """, arguments: ["first": period.firstDay.isoString, "last": period.lastDay.isoString,
                                 "day": day.isoString, "purpose": Consent.statisticsPurpose])
            var cases = StatisticsCases()
            while let row = try rows.next() {
                cases.months.append(row["month"])
                cases.services.append(row["service"])
                cases.persons.append(String(row["person_id"] as Int64))
            }
            return cases
        }
    }

    /// Records in the audit log that counts of `cases` cases in `period` were sent to
    /// `recipient` (an umbrella organisation, a funder): a disclosure of aggregates,
    /// logged like an export.
    public func logAggregateReport(to recipient: String, period: ReportingPeriod, cases: Int) throws {
        try write { db in
            try AuditLog.append(.export, .case, recordID: nil,
                                detail: "aggregates for: \(recipient); period: \(period.from) to \(period.to); cases: \(cases)",
                                actor: actor, in: db)
        }
    }

    /// `YYYY-MM...` as the number YYYYMM.
    private static func yearAndMonth(_ iso: UnsafeBufferPointer<UInt8>) -> Int {
        guard iso.count >= 7 else { return 0 }
        let digit = { (index: Int) in Int(iso[index]) - 48 }
        return ((digit(0) * 10 + digit(1)) * 10 + digit(2)) * 1000 + digit(3) * 100 + digit(5) * 10 + digit(6)
    }

    /// The columns of the export for publication: those of `CounsellingCase`
    /// without the name and the counsellor's notes, which no statistic needs.
    public static let statisticsExportColumns = CounsellingCase.schema.fieldNames.filter { !["name", "notes"].contains($0) }

    /// Writes the cases of every person whose consent to `purpose` is in force on
    /// `day` as a counselling-case export that `civic-publish` reads, without names
    /// and notes (data minimisation, GDPR Art. 5(1)(c)). The file is written whole
    /// or not at all, readable by its owner only (it holds personal data until
    /// civic-publish has anonymised it), and the audit log records the export and its
    /// row count.
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
            return try Self.statisticsExport(rows.map { row in
                StatisticsExportRow(caseNumber: row["case_number"], personNumber: row["person_number"],
                                    birthDate: Self.date(row["birth_date"]), gender: row["gender"], zip: row["zip"],
                                    district: row["district"], nationality: row["nationality"], householdSize: row["household_size"],
                                    service: row["service"], opened: Self.date(row["opened"])!, durationMinutes: row["duration_minutes"],
                                    contactCount: row["contact_count"], incomeEUR: row["income_eur"], status: row["status"])
            })
        }
        try CSVTableWriter.write(table, to: url, permissions: 0o600)
        try write { db in
            try AuditLog.append(.export, .case, recordID: nil, detail: "purpose: \(purpose); cases: \(table.rowCount)",
                                actor: actor, in: db)
        }
        return table.rowCount
    }

    /// The export for publication made of `rows`: the columns of `CounsellingCase`
    /// without names and notes, the age at the case's opening worked out from the
    /// birth date. Every casebook store makes its export with this.
    public static func statisticsExport(_ rows: [StatisticsExportRow]) throws -> CivicModels.Table {
        let fields = statisticsExportColumns.compactMap { CounsellingCase.schema.field(named: $0) }
        return try CivicModels.Table(schema: Schema(fields: fields), rows: rows.map { row in
            [Value.text(row.caseNumber), .text(row.personNumber), row.birthDate.map(Value.date) ?? .missing,
             value(row.birthDate.map { $0.wholeYears(until: row.opened) }), value(row.gender), value(row.zip), value(row.district),
             value(row.nationality), value(row.householdSize), .text(row.service), .date(row.opened), value(row.durationMinutes),
             value(row.contactCount), value(row.incomeEUR), .text(row.status)]
        })
    }

    private static func value(_ text: String?) -> Value { text.map(Value.text) ?? .missing }
    private static func value(_ number: Int?) -> Value { number.map { .integer(Int64($0)) } ?? .missing }
}

/// A month (as YYYYMM) and a service code: the key the statistics count by.
private struct MonthAndService: Hashable {
    let month: Int
    let service: UInt32
}

/// One case as a casebook store reads it for the export for publication
/// (``Casebook/statisticsExport(_:)`` makes the table).
public struct StatisticsExportRow: Sendable, Hashable {
    /// The case's number.
    public var caseNumber: String
    /// The person's number.
    public var personNumber: String
    /// The person's date of birth.
    public var birthDate: CivicDate?
    /// The person's gender code.
    public var gender: String?
    /// The person's postcode.
    public var zip: String?
    /// The person's district.
    public var district: String?
    /// The person's nationality.
    public var nationality: String?
    /// People in the person's household.
    public var householdSize: Int?
    /// The counselling service.
    public var service: String
    /// The day the case was opened.
    public var opened: CivicDate
    /// Minutes of contact.
    public var durationMinutes: Int?
    /// Number of contacts.
    public var contactCount: Int?
    /// Monthly net income in euros.
    public var incomeEUR: Int?
    /// The case's status.
    public var status: String

    /// One case's values.
    public init(caseNumber: String, personNumber: String, birthDate: CivicDate?, gender: String?, zip: String?,
                district: String?, nationality: String?, householdSize: Int?, service: String, opened: CivicDate,
                durationMinutes: Int?, contactCount: Int?, incomeEUR: Int?, status: String) {
        self.caseNumber = caseNumber
        self.personNumber = personNumber
        self.birthDate = birthDate
        self.gender = gender
        self.zip = zip
        self.district = district
        self.nationality = nationality
        self.householdSize = householdSize
        self.service = service
        self.opened = opened
        self.durationMinutes = durationMinutes
        self.contactCount = contactCount
        self.incomeEUR = incomeEUR
        self.status = status
    }
}
