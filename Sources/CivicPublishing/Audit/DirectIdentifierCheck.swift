import CivicModels
import CivicPrivacy

/// Finds columns that would be published as they are although their values look
/// like direct identifiers: names, e-mail addresses, phone numbers, account or tax
/// numbers, addresses. A configuration that reclassifies `name` or `notes` as
/// insensitive would otherwise publish raw personal data with exit 0.
///
/// A column is suspicious when the detector finds such a value in at least 5 % of
/// a sample of its distinct values (dates do not count: they are quasi-identifiers,
/// handled by generalisation).
///
/// ```swift
/// let suspicious = DirectIdentifierCheck(detector: PIIDetector()).suspiciousColumns(in: table, among: ["referral"])
/// ```
public struct DirectIdentifierCheck: Sendable {
    /// The recognisers to ask.
    public let detector: PIIDetector
    /// How many distinct values of a column are looked at.
    public let sampleSize: Int
    /// The share of sampled values with a finding from which a column counts as identifying.
    public let threshold: Double

    /// A check with `detector`, 1,000 distinct values per column and a 5 % threshold.
    public init(detector: PIIDetector, sampleSize: Int = 1_000, threshold: Double = 0.05) {
        self.detector = detector
        self.sampleSize = sampleSize
        self.threshold = threshold
    }

    /// The columns of `names` (text columns of `table`) whose values look like direct identifiers.
    public func suspiciousColumns(in table: Table, among names: [String]) -> [String] {
        names.filter { name in
            guard table.schema.field(named: name)?.type == .string, let column = table.column(named: name) else { return false }
            var seen = Set<String>()
            var hits = 0
            // A text column's codes tell a value seen before without making its text: a
            // column of a few values (gender, service) is read to its end.
            var codes: [UInt32] = [], codeSeen: [Bool] = []
            if case .text(let textCodes, let dictionary) = column.storage, dictionary.isDeduplicated {
                (codes, codeSeen) = (textCodes, [Bool](repeating: false, count: dictionary.count))
            }
            // Row by row until the sample is full: a column of a million rows is not read whole.
            for row in 0..<table.rowCount {
                guard seen.count < sampleSize else { break }
                if !codeSeen.isEmpty && !column.missing.isMissing(row) {
                    if codeSeen[Int(codes[row])] { continue }
                    codeSeen[Int(codes[row])] = true
                }
                let value = column.value(at: row)
                guard !value.isMissing, case let text = value.description, !text.isEmpty, seen.insert(text).inserted else { continue }
                if detector.findings(in: text).contains(where: { $0.kind != .date }) { hits += 1 }
            }
            return !seen.isEmpty && Double(hits) >= threshold * Double(seen.count)
        }
    }
}
