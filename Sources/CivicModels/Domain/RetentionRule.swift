/// How long records of one kind may be kept, and what happens to them then
/// (GDPR Art. 5(1)(e), storage limitation).
///
/// Each kind of record counts its period from its own day (its *anchor*, see
/// ``Records``). When the period is over, the records are deleted, or reduced to
/// an anonymous statistical residue: counts per month and category, without any
/// person.
///
/// ```swift
/// let rule = RetentionRule(records: .cases, years: 3, action: .anonymise,
///                          reason: "Fachliche Aufbewahrung, 3 Jahre nach Abschluss")
/// rule.isExpired(anchor: closedOn, today: CivicDate(Date()))
/// ```
public struct RetentionRule: Hashable, Codable, Sendable {
    /// The records the rule applies to.
    public var records: Records
    /// Whole years the records are kept after their anchor day.
    public var years: Int
    /// What happens to records whose period is over.
    public var action: Action
    /// Why (a law, a funder's rule, the organisation's policy).
    public var reason: String?

    /// The kinds of record a rule can apply to, each with the day its period counts from.
    public enum Records: String, Sendable, CaseIterable, Codable {
        /// Case files (with their contacts and status history), from the day the case
        /// was closed; open cases never expire.
        case cases
        /// Donations, from the end of the calendar year of the gift, as German tax law
        /// counts the keeping of receipts (§ 147 (4) AO).
        case donations
        /// Withdrawn consents, from the day of withdrawal (kept meanwhile as proof that
        /// consent was given). Consents still in force never expire.
        case withdrawnConsents = "withdrawn-consents"
        /// Volunteer shifts, from the day of the shift.
        case volunteerShifts = "volunteer-shifts"
        /// Survey answers, from the day they were given.
        case surveyResponses = "survey-responses"

        /// Whether an anonymous statistical residue can stand in for such records.
        public var canLeaveResidue: Bool {
            switch self {
            case .cases, .donations, .volunteerShifts: true
            case .withdrawnConsents, .surveyResponses: false
            }
        }
    }

    /// What happens to records whose period is over.
    public enum Action: String, Sendable, CaseIterable, Codable {
        /// Delete them, with everything that belongs to them.
        case delete
        /// Delete them, but first add them to the anonymous statistical residue
        /// (counts per month and category), so that yearly statistics stay whole.
        case anonymise
    }

    /// Creates a rule.
    public init(records: Records, years: Int, action: Action = .delete, reason: String? = nil) {
        self.records = records
        self.years = years
        self.action = action
        self.reason = reason
    }

    /// The first anchor day whose records may still be kept on `today`: records
    /// anchored before it are past their period.
    public func cutoff(on today: CivicDate) -> CivicDate { today.adding(years: -years) }

    /// Whether a record with this anchor day is past its period on `today`.
    public func isExpired(anchor: CivicDate, today: CivicDate) -> Bool { anchor < cutoff(on: today) }

    /// The anchor day of a donation: the last day of the year of the gift.
    public static func donationAnchor(_ date: CivicDate) -> CivicDate {
        CivicDate(year: date.year, month: 12, day: 31)!
    }

    /// Periods a German counselling service or food bank commonly keeps: case files
    /// 3 years after closing (reduced to statistics), donation entries 10 years as
    /// tax records (§ 147 AO: books and records 10 years; vouchers such as receipt
    /// copies 8 years since 2025), withdrawn consents 3 years as proof (the regular
    /// limitation period, § 195 BGB), volunteer shifts 3 years, survey answers 2 years.
    /// Check them against your own obligations before applying them.
    public static let commonDefaults: [RetentionRule] = [
        RetentionRule(records: .cases, years: 3, action: .anonymise,
                      reason: "Aufbewahrung 3 Jahre nach Abschluss / kept 3 years after closing"),
        RetentionRule(records: .donations, years: 10, action: .anonymise,
                      reason: "§ 147 AO: Bücher und Aufzeichnungen 10 Jahre / books and records, 10 years"),
        RetentionRule(records: .withdrawnConsents, years: 3,
                      reason: "Nachweis der Einwilligung, § 195 BGB / proof of consent, 3-year limitation"),
        RetentionRule(records: .volunteerShifts, years: 3, action: .anonymise,
                      reason: "Nachweis der Einsätze / record of service"),
        RetentionRule(records: .surveyResponses, years: 2, reason: "Auswertung abgeschlossen / analysis done"),
    ]
}
