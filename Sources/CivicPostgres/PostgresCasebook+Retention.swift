import CivicModels
import CivicStorage
import Foundation
import Logging
import PostgresNIO

extension PostgresCasebook {
    /// The kinds of record the shared casebook holds, and so the only ones it takes
    /// retention rules for (donations, volunteer shifts and surveys live in an
    /// organisation's SQLite casebook so far).
    public static let heldRecords: [RetentionRule.Records] = [.cases, .withdrawnConsents]

    /// The organisation's retention rules, one per kind of record.
    public func retentionRules() async throws -> [RetentionRule] {
        try await read(.retentionRule) { [self] db in
            var rules: [RetentionRule] = []
            for try await (records, years, action, reason) in try await db.query("""
                SELECT records, years, action, reason FROM retention_rules
                WHERE organisation_id = \(organisation) ORDER BY records COLLATE "C"
                """, logger: logger).decode((String, Int, String, String?).self) {
                guard let records = RetentionRule.Records(rawValue: records),
                      let action = RetentionRule.Action(rawValue: action) else { continue }
                rules.append(RetentionRule(records: records, years: years, action: action, reason: reason))
            }
            return rules
        }
    }

    /// Sets the rule for its kind of record, replacing the one there was; needs the
    /// duty of a data officer.
    ///
    /// - Throws: `CasebookError.invalidRetentionPeriod` or `noResidue` (CivicStorage)
    ///   for a rule no casebook takes, ``PostgresCasebookError/notAvailableInSharedCasebook(_:)``
    ///   for records the shared casebook does not hold (see ``heldRecords``).
    public func setRetentionRule(_ rule: RetentionRule) async throws {
        guard rule.years >= 0 else { throw CasebookError.invalidRetentionPeriod(rule.records) }
        guard rule.action == .delete || rule.records.canLeaveResidue else { throw CasebookError.noResidue(rule.records) }
        guard Self.heldRecords.contains(rule.records) else {
            throw PostgresCasebookError.notAvailableInSharedCasebook(BilingualText(
                de: "Eine Löschfrist für „\(rule.records.rawValue)“", en: "A retention period for '\(rule.records.rawValue)'"))
        }
        try await change(.retentionRule) { [self] db in
            try await db.query("""
                INSERT INTO retention_rules (organisation_id, records, years, action, reason)
                VALUES (\(organisation), \(rule.records.rawValue), \(rule.years), \(rule.action.rawValue), \(rule.reason))
                ON CONFLICT (organisation_id, records) DO UPDATE
                SET years = excluded.years, action = excluded.action, reason = excluded.reason
                """, logger: logger)
            try await audit(.update, .retentionRule, nil, "records: \(rule.records.rawValue)", in: db)
        }
    }

    /// Finds the organisation's records past their retention period on `day` and, if
    /// `apply`, deletes them (leaving the anonymous residue a rule asks for) with
    /// everything that belongs to them, and the persons no case needs any more: in one
    /// transaction with one audit entry that gives the counts, as the SQLite casebook
    /// does. The numbers of deleted cases are kept as salted fingerprints no member of
    /// staff can read, so that an import of an old export skips them. Applying needs
    /// the duty of a data officer; a dry run changes nothing and anyone may make it.
    public func retention(on day: CivicDate, apply: Bool) async throws -> RetentionReport {
        let rules = try await retentionRules()
        let work: @Sendable (PostgresConnection) async throws -> RetentionReport = { [self] db in
            var report = RetentionReport(day: day, applied: apply, expired: [], personsRemoved: 0)
            var touched: Set<Int64> = []
            for rule in rules {
                guard let plan = PostgresRetentionPlan(rule.records) else { continue }
                let cutoff = rule.cutoff(on: day).isoString
                var count = 0
                for try await records in try await plan.run(plan.count, organisation: organisation, cutoff: cutoff, in: db,
                                                            logger: logger).decode(Int.self) { count = records }
                report.expired.append(.init(rule: rule, records: count))
                guard apply, count > 0 else { continue }
                if rule.action == .anonymise, let residue = plan.residue {
                    try await plan.run(residue, organisation: organisation, cutoff: cutoff,
                                       also: [day.isoString, Consent.statisticsPurpose], in: db, logger: logger)
                }
                if let retire = plan.retire {
                    try await plan.run(retire, organisation: organisation, cutoff: cutoff, in: db, logger: logger)
                }
                if let persons = plan.persons {
                    for try await person in try await plan.run(persons, organisation: organisation, cutoff: cutoff, in: db,
                                                               logger: logger).decode(Int64.self) {
                        touched.insert(person)
                    }
                }
                try await plan.run(plan.delete, organisation: organisation, cutoff: cutoff, in: db, logger: logger)
            }
            guard apply else { return report }
            for try await _ in try await db.query("""
                DELETE FROM persons p WHERE p.id = ANY(\(Array(touched)))
                AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id)
                RETURNING p.id
                """, logger: logger) { report.personsRemoved += 1 }
            let detail = report.expired.map { "\($0.rule.records.rawValue): \($0.records) \($0.rule.action.rawValue)" }
                + ["persons deleted: \(report.personsRemoved)"]
            try await audit(.retention, .retentionRule, nil, detail.joined(separator: "; "), in: db)
            return report
        }
        if apply { return try await change(.retentionRule, work) }
        return try await read(.retentionRule) { db in try await work(db) }
    }

    /// Which of `numbers` are those of cases retention deleted from this organisation.
    func retiredNumbers(among numbers: [String], in db: PostgresConnection) async throws -> Set<String> {
        var retired: Set<String> = []
        for try await number in try await db.query("SELECT civic_retired_numbers(\(organisation), \(numbers))", logger: logger)
            .decode(String.self) { retired.insert(number) }
        return retired
    }
}

/// The SQL of one kind of record under a retention rule, in the shared casebook's
/// dialect: `$1` is the organisation, `$2` the cutoff day; the residue also binds
/// `$3`, the day consent must hold on, and `$4`, the purpose of statistics. (The
/// SQLite casebook's plan is in CivicStorage's `Casebook+Retention.swift`; the
/// rules are the same.)
private struct PostgresRetentionPlan {
    /// Counts the records past the cutoff.
    let count: String
    /// Adds their anonymous residue, if the records can leave one.
    let residue: String?
    /// Keeps the fingerprints of their numbers, if an import could bring them back.
    let retire: String?
    /// The persons they belonged to, if deleting them may leave a person without records.
    let persons: String?
    /// Deletes them.
    let delete: String

    /// The plan for `records`, or `nil` for records the shared casebook does not hold.
    init?(_ records: RetentionRule.Records) {
        switch records {
        case .cases:
            // Open cases never expire; a closed one counts from its closing day or, for
            // one imported without it, from its last change of status.
            let expired = """
                t.organisation_id = $1 AND t.status <> 'laufend' AND coalesce(t.closed, (SELECT max(h.date) \
                FROM case_status_history h WHERE h.case_id = t.id), t.opened) < $2
                """
            count = "SELECT count(*)::bigint FROM cases t WHERE \(expired)"
            // Only the cases of persons who agreed to statistics count in the residue,
            // as they do in the statistics.
            residue = """
                INSERT INTO statistical_residue (organisation_id, kind, month, category, records)
                SELECT $1, 'case', substr(t.opened, 1, 7), t.service, count(*) FROM cases t
                WHERE \(expired) AND t.person_id IN (SELECT person_id FROM civic_consenting_persons($4, $3))
                GROUP BY 3, 4
                ON CONFLICT (organisation_id, kind, month, category) DO UPDATE
                SET records = statistical_residue.records + excluded.records
                """
            retire = "SELECT civic_retire_cases($1, ARRAY(SELECT t.case_number FROM cases t WHERE \(expired)))"
            persons = "SELECT DISTINCT t.person_id FROM cases t WHERE \(expired)"
            delete = "DELETE FROM cases t WHERE \(expired)"
        case .withdrawnConsents:
            let expired = "t.organisation_id = $1 AND t.withdrawn IS NOT NULL AND t.withdrawn < $2"
            count = "SELECT count(*)::bigint FROM consents t WHERE \(expired)"
            residue = nil
            retire = nil
            persons = nil
            delete = "DELETE FROM consents t WHERE \(expired)"
        case .donations, .volunteerShifts, .surveyResponses:
            return nil
        }
    }

    /// Runs one of the statements with the organisation and the cutoff bound as `$1`
    /// and `$2`, and the texts of `also` as `$3`, `$4`, ...
    @discardableResult
    func run(_ sql: String, organisation: String, cutoff: String, also more: [String] = [], in db: PostgresConnection,
             logger: Logger) async throws -> PostgresRowSequence {
        var binds = PostgresBindings()
        for value in [organisation, cutoff] + more { binds.append(value) }
        return try await db.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
    }
}
