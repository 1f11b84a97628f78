/// What a redaction run found and changed, for the JSON report. It holds counts
/// only, never a found value.
public struct RedactionReport: Codable, Sendable, Equatable {
    /// The input file.
    public var input: String
    /// Data rows read (CSV) or lines (text).
    public var rows: Int
    /// Findings per column (for text: the column "text"), per kind.
    public var findings: [String: [String: Int]] = [:]
    /// Findings per kind, over all columns.
    public var totals: [String: Int] = [:]
    /// Per pseudonymised column, how many distinct values got a token.
    public var pseudonymizedColumns: [String: Int] = [:]
    /// Columns whose dates were shifted per person, and the largest shift in days.
    public var shiftedDateColumns: [String] = []
    /// The largest date shift, in days, if dates were shifted.
    public var maximumShiftDays: Int?
    /// What replaced the findings: placeholder, mask or pseudonymize.
    public var operatorName: String
    /// Findings below this confidence were left in the text.
    public var minimumConfidence: Double

    /// An empty report.
    public init(input: String, rows: Int = 0, operatorName: String, minimumConfidence: Double) {
        self.input = input
        self.rows = rows
        self.operatorName = operatorName
        self.minimumConfidence = minimumConfidence
    }

    /// Adds `findings` made in `column`.
    public mutating func count(_ findings: [PIIFinding], in column: String) {
        for finding in findings {
            self.findings[column, default: [:]][finding.kind.rawValue, default: 0] += 1
            totals[finding.kind.rawValue, default: 0] += 1
        }
    }
}
