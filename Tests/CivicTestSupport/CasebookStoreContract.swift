import CivicModels
import CivicStorage
import Foundation

/// The behaviour every ``CasebookStore`` must show, run against the SQLite casebook
/// and the PostgreSQL one alike: records come back as stored, numbers are unique,
/// references must exist, contacts add up, consent decides what the statistics
/// count and a withdrawal stands, access gives everything about a person and
/// erasure removes it, and every change is one entry of an intact audit chain.
///
/// ```swift
/// let failures = try await CasebookStoreContract.failures(of: store)
/// #expect(failures.isEmpty, "\(failures)")
/// ```
public enum CasebookStoreContract {
    /// What the store got wrong (empty when it keeps the contract). The store must be
    /// empty and its user allowed to read the audit log.
    public static func failures(of store: some CasebookStore) async throws -> [String] {
        var failures: [String] = []
        func check(_ condition: Bool, _ what: String) { if !condition { failures.append(what) } }
        func refusal(_ body: () async throws -> Void) async -> CasebookError? {
            do { try await body(); return nil } catch let error as CasebookError { return error } catch { return nil }
        }
        var changes = 0
        let day = CivicDate(year: 2025, month: 3, day: 10)!

        // Persons come back as stored; numbers are unique; rules name their field.
        let person = Person(personID: "K-1", name: "Erika Beispiel", birthDate: CivicDate(year: 1970, month: 5, day: 1),
                            gender: .female, zip: "10115", district: "Mitte", nationality: "deutsch", householdSize: 3,
                            roles: [.client, .donor])
        try await store.add(person); changes += 1
        check(try await store.person("K-1") == person, "a person comes back as stored")
        check(try await store.person("K-404") == nil, "an unknown person is nil")
        check(await refusal { try await store.add(person) } == .duplicate(.person, field: "person_number"),
              "a person number is unique")
        var moved = person
        moved.zip = "10117"
        moved.roles = [.client]
        try await store.update(moved); changes += 1
        check(try await store.person("K-1") == moved, "a person's update is stored, roles too")
        try await store.update(person); changes += 1
        let donors = try await store.persons(withRole: .donor), volunteers = try await store.persons(withRole: .volunteer)
        check(donors == [person] && volunteers.isEmpty, "persons by role")
        let badZip = await refusal { try await store.add(Person(personID: "K-2", name: "Max Muster", zip: "123")) }
        if case .rejected(_, "zip", .check)? = badZip {} else { failures.append("a malformed zip is refused naming zip, got \(String(describing: badZip))") }

        // Cases need their person; contacts add up; a status change is kept.
        let file = CaseFile(caseID: "F-1", personID: "K-1", service: "Schuldnerberatung", opened: CivicDate(year: 2025, month: 1, day: 2)!)
        check(await refusal { try await store.add(CaseFile(caseID: "F-9", personID: "K-404", service: "x", opened: day)) }
              == .noSuchRecord(.person), "a case needs an existing person")
        try await store.add(file); changes += 1
        check(try await store.caseFile("F-1") == file, "a case comes back as stored")
        check(await refusal { try await store.add(file) } == .duplicate(.case, field: "case_number"), "a case number is unique")
        try await store.addContact(CaseContact(caseID: "F-1", date: day, minutes: 45, kind: .inPerson)); changes += 1
        try await store.addContact(CaseContact(caseID: "F-1", date: day + 7, minutes: 30, kind: .phone)); changes += 1
        check(await refusal { try await store.addContact(CaseContact(caseID: "F-404", date: day, minutes: 5, kind: .phone)) }
              == .noSuchRecord(.case), "a contact needs an existing case")
        let negative = await refusal { try await store.addContact(CaseContact(caseID: "F-1", date: day, minutes: -5, kind: .phone)) }
        if case .rejected(_, "minutes", .check)? = negative {} else {
            failures.append("negative minutes are refused naming minutes, got \(String(describing: negative))")
        }
        let withContacts = try await store.caseFile("F-1")
        check(withContacts?.durationMinutes == 75 && withContacts?.contactCount == 2, "contacts add their minutes and count")
        var closed = try requireValue(withContacts, "the case")
        closed.status = .closed
        closed.closed = CivicDate(year: 2025, month: 4, day: 1)
        try await store.update(closed); changes += 1
        check(try await store.caseFile("F-1") == closed, "an update is stored")
        check(await refusal { try await store.update(CaseFile(caseID: "F-404", personID: "K-1", service: "x", opened: day)) }
              == .noSuchRecord(.case), "an unknown case cannot be updated")

        // Consent decides what is counted; a withdrawal stands from its day.
        check(try await store.monthlyCases(on: day).isEmpty, "nobody is counted without consent")
        try await store.giveConsent(Consent(consentID: "E-1", personID: "K-1", purpose: Consent.statisticsPurpose,
                                            legalBasis: .consent, given: CivicDate(year: 2025, month: 1, day: 2)!)); changes += 1
        check(try await store.monthlyCases(on: day) == [MonthlyCaseCount(month: "2025-01", service: "Schuldnerberatung", cases: 1)],
              "a consenting person's case is counted by month and service")
        check(try await store.statisticsCases(in: ReportingPeriod(year: 2025), on: day).count == 1, "the year's cases for a report")
        let export = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: export) }
        check(try await store.exportForStatistics(to: export, purpose: Consent.statisticsPurpose, on: day) == 1, "the export's count")
        changes += 1
        let exported = (try? String(contentsOf: export, encoding: .utf8)) ?? ""
        check(exported.split(separator: "\n").count == 2 && exported.contains("F-1") && !exported.contains("Erika"),
              "the export holds the consenting person's case, without the name")
        check(try await store.statisticsCases(in: ReportingPeriod(year: 2024), on: day).count == 0, "no case in another year")
        try await store.withdrawConsent("E-1", on: day); changes += 1
        check(try await store.monthlyCases(on: day).isEmpty, "a withdrawal counts from its day")
        check(try await store.monthlyCases(on: day + -1).count == 1, "a withdrawal does not reach back")
        check(await refusal { try await store.withdrawConsent("E-1", on: day + 30) } == .alreadyWithdrawn, "a withdrawal stands")
        check(await refusal { try await store.withdrawConsent("E-404", on: day) } == .noSuchRecord(.consent),
              "an unknown consent cannot be withdrawn")

        // A report of aggregates is a disclosure, logged with its recipient.
        try await store.logAggregateReport(to: "umbrella (a)", period: ReportingPeriod(year: 2025), cases: 1); changes += 1
        check(try await store.auditEntries().last.map { $0.action == .export && ($0.detail ?? "").contains("umbrella (a)") } == true,
              "a report to an umbrella is in the audit log with its recipient")

        // The lists: a person's cases, a case's contacts and history, a person's consents.
        let allCases = try await store.cases(of: nil)
        check(try await store.cases(of: "K-1").map(\.caseID) == ["F-1"] && allCases.count == 1, "the cases of a person, and all cases")
        check(try await store.contacts(of: "F-1").map(\.minutes) == [45, 30], "a case's contacts, oldest first")
        check(try await store.statusHistory(of: "F-1").map(\.status) == [.ongoing, .closed], "a case's status history")
        let strangersConsents = try await store.consents(of: "K-404")
        check(try await store.consents(of: "K-1").map(\.consentID) == ["E-1"] && strangersConsents.isEmpty, "a person's consents")

        // The right of access: everything about the person, with the audit entries
        // about their records; giving it is itself logged.
        let access = try await store.subjectAccess("K-1", on: day); changes += 1
        check(access.person == person && access.cases.map(\.file.caseID) == ["F-1"] && access.cases.first?.contacts.count == 2
              && access.consents.map(\.consentID) == ["E-1"], "access gives the person, their case with contacts, their consent")
        let named = Set(access.auditEntries.compactMap { access.auditedRecord(of: $0)?.number })
        check(named == ["K-1", "F-1", "E-1"], "access names the audited records by number, got \(named.sorted())")
        check(access.auditEntries.count >= 7, "access lists the entries of the person, case, contacts and consent")
        check(await refusal { _ = try await store.subjectAccess("K-404", on: day) } == .noSuchRecord(.person),
              "access to an unknown person is refused")

        // Erasure: the person and what belongs to them go, in one audited change.
        let erased = try await store.erase("K-1"); changes += 1
        check(erased.cases == 1 && erased.consents == 1, "erasure counts the case and consent it removed")
        let caseLeft = try await store.caseFile("F-1"), consentsLeft = try await store.consents(of: nil)
        check(try await store.person("K-1") == nil && caseLeft == nil && consentsLeft.isEmpty, "nothing of an erased person stays")
        check(await refusal { _ = try await store.erase("K-1") } == .noSuchRecord(.person), "an erased person is gone")

        // Every change, and nothing refused, is one entry of an intact chain.
        let audit = try await store.verifyAudit()
        check(audit.isIntact, "the audit chain is intact: \(audit.problems)")
        let entries = try await store.auditEntries()
        let own = entries.filter { $0.recordKind != .organisation && $0.recordKind != .retentionRule }
        check(own.count == changes, "one audit entry per change (\(own.count) for \(changes))")
        check(own.filter { $0.recordKind == .contact }.count == 2, "each contact has its entry")
        return failures
    }
}

extension CasebookStoreContract {
    /// What the store got wrong about retention (empty when it keeps the contract):
    /// rules no casebook takes are refused; a dry run counts and changes nothing;
    /// applying deletes what is past its period and the persons left without cases,
    /// keeps open cases, leaves the residue that keeps the statistics as they were, is
    /// one audited change, and finds nothing more the second time. The store must be
    /// empty and its user allowed to delete (a data officer).
    public static func retentionFailures(of store: some CasebookStore) async throws -> [String] {
        var failures: [String] = []
        func check(_ condition: Bool, _ what: String) { if !condition { failures.append(what) } }
        func refusal(_ body: () async throws -> Void) async -> CasebookError? {
            do { try await body(); return nil } catch let error as CasebookError { return error } catch { return nil }
        }
        func date(_ year: Int, _ month: Int, _ day: Int) -> CivicDate { CivicDate(year: year, month: month, day: day)! }

        check(await refusal { try await store.setRetentionRule(RetentionRule(records: .cases, years: -1)) }
              == .invalidRetentionPeriod(.cases), "a negative period is refused")
        check(await refusal { try await store.setRetentionRule(RetentionRule(records: .withdrawnConsents, years: 3, action: .anonymise)) }
              == .noResidue(.withdrawnConsents), "a consent cannot leave a residue")
        let casesRule = RetentionRule(records: .cases, years: 3, action: .anonymise, reason: "3 Jahre / 3 years")
        let consentsRule = RetentionRule(records: .withdrawnConsents, years: 3)
        try await store.setRetentionRule(RetentionRule(records: .cases, years: 10))
        try await store.setRetentionRule(casesRule)
        try await store.setRetentionRule(consentsRule)
        let rules = try await store.retentionRules()
        check(rules.filter { $0.records == .cases } == [casesRule] && rules.contains(consentsRule),
              "a rule replaces the one for its records, got \(rules)")

        // K-1: a case closed in 2020, with consent to statistics. K-2: a case open since
        // 2019 and a consent withdrawn in 2020. K-3: a case closed in 2021, one in 2024.
        for number in ["K-1", "K-2", "K-3"] { try await store.add(Person(personID: number, name: "Person \(number)")) }
        try await store.add(CaseFile(caseID: "F-1", personID: "K-1", service: "Schuldnerberatung", opened: date(2020, 2, 3),
                                     closed: date(2020, 9, 30), status: .closed))
        try await store.giveConsent(Consent(consentID: "E-1", personID: "K-1", purpose: Consent.statisticsPurpose,
                                            legalBasis: .consent, given: date(2020, 1, 1)))
        try await store.add(CaseFile(caseID: "F-2", personID: "K-2", service: "Suchtberatung", opened: date(2019, 4, 1)))
        try await store.giveConsent(Consent(consentID: "E-2", personID: "K-2", purpose: Consent.statisticsPurpose,
                                            legalBasis: .consent, given: date(2019, 4, 1), withdrawn: date(2020, 6, 1)))
        try await store.add(CaseFile(caseID: "F-3", personID: "K-3", service: "Schuldnerberatung", opened: date(2021, 1, 5),
                                     closed: date(2021, 6, 30), status: .closed))
        try await store.add(CaseFile(caseID: "F-4", personID: "K-3", service: "Schuldnerberatung", opened: date(2024, 1, 5),
                                     closed: date(2024, 3, 1), status: .referred))
        let day = date(2025, 3, 1)
        let statistics = try await store.monthlyCases(on: day)
        check(statistics == [MonthlyCaseCount(month: "2020-02", service: "Schuldnerberatung", cases: 1)],
              "only K-1 is counted before retention, got \(statistics)")

        func expired(_ report: RetentionReport, _ records: RetentionRule.Records) -> Int? {
            report.expired.first { $0.rule.records == records }?.records
        }
        let dryRun = try await store.retention(on: day, apply: false)
        check(!dryRun.applied && expired(dryRun, .cases) == 2 && expired(dryRun, .withdrawnConsents) == 1
              && dryRun.personsRemoved == 0, "a dry run finds two closed cases and one withdrawn consent, got \(dryRun)")
        let casesAfterDryRun = try await store.cases(of: nil), consentsAfterDryRun = try await store.consents(of: nil)
        check(casesAfterDryRun.count == 4 && consentsAfterDryRun.count == 2, "a dry run deletes nothing")

        let entriesBefore = try await store.auditEntries().count
        let applied = try await store.retention(on: day, apply: true)
        check(applied.applied && expired(applied, .cases) == 2 && expired(applied, .withdrawnConsents) == 1,
              "applying deletes what the dry run found, got \(applied)")
        check(applied.personsRemoved == 1, "the person left without cases is deleted, the others stay")
        let left = try await store.cases(of: nil).map(\.caseID), consentsLeft = try await store.consents(of: nil)
        check(left == ["F-2", "F-4"], "the open case and the recent one stay, got \(left)")
        check(consentsLeft.isEmpty, "the withdrawn consent and that of the deleted person are gone")
        let k1 = try await store.person("K-1"), k2 = try await store.person("K-2"), k3 = try await store.person("K-3")
        check(k1 == nil && k2 != nil && k3 != nil, "K-1 is deleted, K-2 and K-3 stay")
        let residue = try await store.monthlyCases(on: day)
        check(residue == statistics, "the residue keeps the statistics as they were, got \(residue)")
        check(try await store.monthlyCases(on: date(2019, 12, 31)).isEmpty, "the residue counts only up to the day")
        let entries = try await store.auditEntries()
        check(entries.count == entriesBefore + 1 && entries.last?.action == .retention
              && (entries.last?.detail ?? "").contains("cases: 2 anonymise"), "applying is one audit entry with the counts")
        check(try await store.verifyAudit().isIntact, "the audit chain stays intact")

        let again = try await store.retention(on: day, apply: true)
        check(expired(again, .cases) == 0 && again.personsRemoved == 0, "a second run finds nothing more")
        check(try await store.monthlyCases(on: day) == statistics, "a second run adds no residue")
        check(try await store.subjectAccess("K-3", on: day).retentionRules.contains(casesRule),
              "the answer to an access request names the retention periods")
        return failures
    }
}

extension Optional {
    /// The value, or a thrown error naming `what`.
    fileprivate func requireValue(_ what: String) throws -> Wrapped {
        guard let self else { throw ContractError(what: what) }
        return self
    }
}

private struct ContractError: Error { let what: String }

/// The value, or an error naming `what` (this support target does not link Swift Testing).
private func requireValue<T>(_ value: T?, _ what: String) throws -> T { try value.requireValue(what) }
