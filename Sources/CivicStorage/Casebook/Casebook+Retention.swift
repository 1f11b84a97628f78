import CivicModels
import GRDB

/// What the retention rules find, or did, on one day.
public struct RetentionReport: Sendable, Hashable {
    /// The day the periods were counted to.
    public var day: CivicDate
    /// Whether the records were deleted (`false`: a dry run that changed nothing).
    public var applied: Bool
    /// Per rule, the records past their period.
    public var expired: [Expired]
    /// Persons deleted because no record needed them any more once theirs expired.
    public var personsRemoved: Int

    /// A report of what a store found (and did) on `day`.
    public init(day: CivicDate, applied: Bool, expired: [Expired], personsRemoved: Int) {
        self.day = day
        self.applied = applied
        self.expired = expired
        self.personsRemoved = personsRemoved
    }

    /// The records of one rule past their period.
    public struct Expired: Sendable, Hashable {
        /// The rule.
        public var rule: RetentionRule
        /// How many records are past it.
        public var records: Int

        /// The count of `records` past `rule`.
        public init(rule: RetentionRule, records: Int) {
            self.rule = rule
            self.records = records
        }
    }
}

extension Casebook {
    /// The casebook's retention rules, one per kind of record.
    public func retentionRules() throws -> [RetentionRule] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM retention_rules ORDER BY records").compactMap { row in
                guard let records = RetentionRule.Records(rawValue: row["records"]),
                      let action = RetentionRule.Action(rawValue: row["action"]) else { return nil }
                return RetentionRule(records: records, years: row["years"], action: action, reason: row["reason"])
            }
        }
    }

    /// Sets the rule for its kind of record, replacing the one there was.
    ///
    /// - Throws: ``CasebookError/noResidue(_:)`` when the rule asks for a residue its
    ///   records cannot leave; ``CasebookError/invalidRetentionPeriod(_:)`` for a negative period.
    public func setRetentionRule(_ rule: RetentionRule) throws {
        guard rule.years >= 0 else { throw CasebookError.invalidRetentionPeriod(rule.records) }
        guard rule.action == .delete || rule.records.canLeaveResidue else { throw CasebookError.noResidue(rule.records) }
        try audited(.update, .retentionRule, detail: "records: \(rule.records.rawValue)") { db in
            try db.execute(sql: """
                INSERT INTO retention_rules (records, years, action, reason) VALUES (?, ?, ?, ?)
                ON CONFLICT (records) DO UPDATE SET years = excluded.years, action = excluded.action, reason = excluded.reason
                """, arguments: [rule.records.rawValue, rule.years, rule.action.rawValue, rule.reason])
            return try Int64.fetchOne(db, sql: "SELECT rowid FROM retention_rules WHERE records = ?",
                                      arguments: [rule.records.rawValue]) ?? 0
        }
    }

    /// Finds the records past their retention period on `day` and, if `apply`,
    /// deletes them (leaving the anonymous residue a rule asks for) together with
    /// everything that belongs to them, and the persons no record needs any more.
    /// All in one transaction, with one audit entry that gives the counts. The
    /// casebook keeps a salted fingerprint of each deleted case's number, so that an
    /// import of an old export skips it.
    public func retention(on day: CivicDate, apply: Bool) throws -> RetentionReport {
        let rules = try retentionRules()
        let work = { (db: Database) throws -> RetentionReport in
            var report = RetentionReport(day: day, applied: apply, expired: [], personsRemoved: 0)
            if apply { try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS retention_touched (person_id INTEGER PRIMARY KEY)") }
            for rule in rules {
                let plan = RetentionPlan(rule.records)
                let cutoff = ["cutoff": rule.cutoff(on: day).isoString, "day": day.isoString,
                              "purpose": Consent.statisticsPurpose] as StatementArguments
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(plan.table) t WHERE \(plan.expired)",
                                             arguments: cutoff) ?? 0
                report.expired.append(.init(rule: rule, records: count))
                guard apply, count > 0 else { continue }
                if rule.action == .anonymise, let residue = plan.residue {
                    try db.execute(sql: residue, arguments: cutoff)
                }
                if rule.records == .cases {
                    // An old export must not bring these cases back (see importCases).
                    let salt = try Self.salt(in: db)
                    let retire = try db.makeStatement(sql: "INSERT OR IGNORE INTO retired_cases (fingerprint) VALUES (?)")
                    for number in try String.fetchAll(db, sql: "SELECT case_number FROM cases t WHERE \(plan.expired)",
                                                      arguments: cutoff) {
                        try retire.execute(arguments: [Self.fingerprint(number, salt: salt)])
                    }
                }
                if let person = plan.personColumn {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO retention_touched SELECT \(person) FROM \(plan.table) t
                        WHERE \(plan.expired) AND \(person) IS NOT NULL
                        """, arguments: cutoff)
                }
                try db.execute(sql: "DELETE FROM \(plan.table) AS t WHERE \(plan.expired)", arguments: cutoff)
            }
            if apply {
                try db.execute(sql: """
                    DELETE FROM persons WHERE id IN (SELECT person_id FROM retention_touched)
                    AND NOT EXISTS (SELECT 1 FROM cases WHERE person_id = persons.id)
                    AND NOT EXISTS (SELECT 1 FROM donations WHERE donor_id = persons.id)
                    AND NOT EXISTS (SELECT 1 FROM volunteer_shifts WHERE person_id = persons.id)
                    AND NOT EXISTS (SELECT 1 FROM survey_responses WHERE person_id = persons.id)
                    """)
                report.personsRemoved = db.changesCount
                try db.execute(sql: "DROP TABLE retention_touched")
                let detail = report.expired.map { "\($0.rule.records.rawValue): \($0.records) \($0.rule.action.rawValue)" }
                    + ["persons deleted: \(report.personsRemoved)"]
                try AuditLog.append(.retention, .retentionRule, recordID: nil, detail: detail.joined(separator: "; "),
                                    actor: actor, in: db)
            }
            return report
        }
        return apply ? try write(work) : try database.read(work)
    }
}

/// The SQL of one kind of record under a retention rule: which table, which rows
/// are past the cutoff (bound as `:cutoff`), and the residue they leave.
private struct RetentionPlan {
    let table: String
    let expired: String
    let residue: String?
    let personColumn: String?

    init(_ records: RetentionRule.Records) {
        switch records {
        case .cases:
            // Open cases never expire; a closed one counts from its closing day or, for
            // one imported without it, from its last change of status.
            table = "cases"
            expired = """
                t.status <> 'laufend' AND coalesce(t.closed, (SELECT max(date) FROM case_status_history h \
                WHERE h.case_id = t.id), t.opened) < :cutoff
                """
            // Only the cases of persons who agreed to statistics count in the residue,
            // as they do in the statistics.
            residue = """
                INSERT INTO statistical_residue (kind, month, category, records)
                SELECT 'case', substr(t.opened, 1, 7), t.service, count(*) FROM cases t JOIN persons p ON p.id = t.person_id
                WHERE \(expired) AND \(Casebook.consentHolds("p"))
                GROUP BY 2, 3 ORDER BY 2, 3
                ON CONFLICT (kind, month, category) DO UPDATE SET records = records + excluded.records
                """
            personColumn = "t.person_id"
        case .donations:
            table = "donations"
            expired = "(substr(t.date, 1, 4) || '-12-31') < :cutoff"
            residue = """
                INSERT INTO statistical_residue (kind, month, category, records, amount)
                SELECT 'donation', substr(t.date, 1, 7), coalesce(t.purpose, ''), count(*), sum(t.amount_cents)
                FROM donations t WHERE \(expired) GROUP BY 2, 3 ORDER BY 2, 3
                ON CONFLICT (kind, month, category) DO UPDATE
                SET records = records + excluded.records, amount = amount + excluded.amount
                """
            personColumn = "t.donor_id"
        case .withdrawnConsents:
            table = "consents"
            expired = "t.withdrawn IS NOT NULL AND t.withdrawn < :cutoff"
            residue = nil
            personColumn = nil
        case .volunteerShifts:
            table = "volunteer_shifts"
            expired = "t.date < :cutoff"
            residue = """
                INSERT INTO statistical_residue (kind, month, category, records, amount)
                SELECT 'shift', substr(t.date, 1, 7), t.activity, count(*), sum(t.quarter_hours)
                FROM volunteer_shifts t WHERE \(expired) GROUP BY 2, 3 ORDER BY 2, 3
                ON CONFLICT (kind, month, category) DO UPDATE
                SET records = records + excluded.records, amount = amount + excluded.amount
                """
            personColumn = "t.person_id"
        case .surveyResponses:
            table = "survey_responses"
            expired = "t.submitted < :cutoff"
            residue = nil
            personColumn = "t.person_id"
        }
    }
}
