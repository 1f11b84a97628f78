/// How long records of one kind may be kept (GDPR Art. 5(1)(e), storage limitation).
public struct RetentionRule: CivilSocietyRecord, Hashable {
    /// The table the rule applies to (`counselling_cases`, ...).
    public var recordTable: String
    /// The date column the period counts from.
    public var dateField: String
    /// How many days records are kept after that date.
    public var retentionDays: Int
    /// Why (a law, a funder's rule, the organisation's policy).
    public var reason: String?

    /// Creates a retention rule.
    public init(recordTable: String, dateField: String, retentionDays: Int, reason: String? = nil) {
        self.recordTable = recordTable
        self.dateField = dateField
        self.retentionDays = retentionDays
        self.reason = reason
    }

    /// Whether a record dated `recordDate` is past its period on `today`.
    public func isExpired(recordDate: CivicDate, today: CivicDate) -> Bool {
        recordDate + retentionDays < today
    }

    public static let tableName = "retention_rules"
    public static let schema = Schema(fields: [
        Field("record_table", type: .string, title: "Tabelle", constraints: FieldConstraints(required: true)),
        Field("date_field", type: .string, title: "Datumsfeld", constraints: FieldConstraints(required: true)),
        Field("retention_days", type: .integer, title: "Aufbewahrung (Tage)",
              constraints: FieldConstraints(required: true, minimum: .integer(0))),
        Field("reason", type: .string, title: "Grund"),
    ], primaryKey: ["record_table"])

    public var values: [Value] {
        [.text(recordTable), .text(dateField), .integer(retentionDays), .text(reason)]
    }
}
