import CivicModels
import Foundation

/// What every casebook store does, whatever database holds it: the everyday work of
/// caseworkers (persons, cases, contacts, consents), the statistics that need
/// consent, the rights of access and erasure, retention, and the audit chain.
///
/// Two stores implement it: ``Casebook``, one SQLite file for one office, and
/// `PostgresCasebook` (CivicPostgres), one shared PostgreSQL database in which many
/// organisations and caseworkers work at once, each kept to its own rows by the
/// database. The same contract tests run against both. The calls are `async` because
/// a server is across a network; the SQLite store answers them at once.
///
/// ```swift
/// func openCase(in store: some CasebookStore) async throws {
///     try await store.add(Person(personID: "K-1", name: "Erika Beispiel", roles: [.client]))
///     try await store.add(CaseFile(caseID: "F-1", personID: "K-1", service: "Schuldnerberatung",
///                                  opened: CivicDate(year: 2025, month: 1, day: 2)!))
/// }
/// ```
public protocol CasebookStore: Sendable {
    /// Adds a person; throws ``CasebookError/duplicate(_:field:)`` for a number taken.
    func add(_ person: Person) async throws
    /// The person with this number, or `nil`.
    func person(_ personID: String) async throws -> Person?
    /// Opens a case file for an existing person.
    func add(_ file: CaseFile) async throws
    /// Replaces a case's details; a change of status goes into its history.
    func update(_ file: CaseFile) async throws
    /// The case with this number, or `nil`.
    func caseFile(_ caseID: String) async throws -> CaseFile?
    /// Every case, or the cases of one person, in order of their numbers.
    func cases(of personID: String?) async throws -> [CaseFile]
    /// The contacts of a case, oldest first.
    func contacts(of caseID: String) async throws -> [CaseContact]
    /// The status history of a case, oldest first.
    func statusHistory(of caseID: String) async throws -> [CaseStatusChange]
    /// Replaces a person's details; the audit entry names the fields that changed.
    func update(_ person: Person) async throws
    /// Every person, or those with `role`, in order of their numbers.
    func persons(withRole role: Person.Role?) async throws -> [Person]
    /// Records a contact and adds its minutes to the case.
    func addContact(_ contact: CaseContact) async throws
    /// Records a consent given.
    func giveConsent(_ consent: Consent) async throws
    /// Records a withdrawal, effective from `day`.
    func withdrawConsent(_ consentID: String, on day: CivicDate) async throws
    /// Every consent, or the consents of one person.
    func consents(of personID: String?) async throws -> [Consent]
    /// Everything stored about one person (GDPR Art. 15); the audit log records that it was given.
    func subjectAccess(_ personID: String, on day: CivicDate) async throws -> SubjectAccessRecord
    /// Erases a person with what belongs to them (GDPR Art. 17), so that no import brings them back.
    @discardableResult
    func erase(_ personID: String) async throws -> ErasureSummary
    /// Cases opened per month and service, of persons whose consent to statistics holds on `day`.
    func monthlyCases(on day: CivicDate) async throws -> [MonthlyCaseCount]
    /// The cases of `period` for a table protected per person (see ``Casebook/statisticsCases(in:on:)``).
    func statisticsCases(in period: ReportingPeriod, on day: CivicDate) async throws -> StatisticsCases
    /// Writes the cases of persons whose consent to `purpose` holds on `day` as a CSV
    /// file for publication (without names and notes), logged; returns how many.
    func exportForStatistics(to url: URL, purpose: String, on day: CivicDate) async throws -> Int
    /// The retention rules, one per kind of record.
    func retentionRules() async throws -> [RetentionRule]
    /// Sets the rule for its kind of record, replacing the one there was.
    func setRetentionRule(_ rule: RetentionRule) async throws
    /// Finds the records past their retention period on `day` and, if `apply`, deletes
    /// them (leaving the anonymous residue a rule asks for), in one audited change.
    func retention(on day: CivicDate, apply: Bool) async throws -> RetentionReport
    /// Records in the audit log that counts of `cases` cases in `period` went to `recipient`.
    func logAggregateReport(to recipient: String, period: ReportingPeriod, cases: Int) async throws
    /// Checks the audit chain.
    func verifyAudit() async throws -> AuditVerification
    /// Every audit entry, in order.
    func auditEntries() async throws -> [AuditEntry]
}

extension Casebook: CasebookStore {}
