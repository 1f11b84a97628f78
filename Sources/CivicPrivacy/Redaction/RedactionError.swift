import CivicModels
import Foundation

/// Why a redaction could not run. Messages name file, line and column, never
/// the content.
public enum RedactionError: Error, Equatable, Sendable {
    /// The input is not valid UTF-8 at this place.
    case invalidUTF8(source: String, line: Int, column: Int)
    /// A column named on the command line is not in the CSV header.
    case unknownColumn(source: String, column: String, available: [String])
    /// A cell of a date column holds something that is not a date.
    case notADate(source: String, line: Int, column: String)
    /// Options that do not fit together.
    case invalidOptions(String)
}

extension RedactionError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case let .invalidUTF8(source, line, column):
            language.pick(
                de: "\(source), Zeile \(line), Zeichen \(column): kein gültiges UTF-8. Bitte die Datei als UTF-8 speichern.",
                en: "\(source), line \(line), character \(column): not valid UTF-8. Please save the file as UTF-8.")
        case let .unknownColumn(source, column, available):
            language.pick(
                de: "\(source) hat keine Spalte „\(column)“. Vorhanden: \(available.joined(separator: ", ")).",
                en: "\(source) has no column '\(column)'. Columns: \(available.joined(separator: ", ")).")
        case let .notADate(source, line, column):
            language.pick(
                de: "\(source), Zeile \(line), Spalte „\(column)“: kein Datum (erwartet JJJJ-MM-TT oder TT.MM.JJJJ).",
                en: "\(source), line \(line), column '\(column)': not a date (expected YYYY-MM-DD or DD.MM.YYYY).")
        case let .invalidOptions(detail):
            language.pick(de: "Ungültige Optionen: \(detail)", en: "Invalid options: \(detail)")
        }
    }
}

extension Redactor {
    /// Redacts a whole text file's bytes, after checking that they are UTF-8.
    ///
    /// - Throws: ``RedactionError/invalidUTF8(source:line:column:)`` naming the first bad byte.
    public func redact(fileBytes bytes: [UInt8], source: String) throws(RedactionError) -> Redaction {
        try bytes.withUnsafeBufferPointer { (buffer) throws(RedactionError) -> Redaction in
            var body = buffer
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { body = UnsafeBufferPointer(rebasing: buffer[3...]) }
            if let offset = UTF8Validation.firstInvalidOffset(body) {
                let before = body[..<offset]
                let line = before.count(where: { $0 == 10 }) + 1
                let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? 0
                let column = String(decoding: UnsafeBufferPointer(rebasing: body[lineStart..<offset]), as: UTF8.self).count + 1
                throw .invalidUTF8(source: source, line: line, column: column)
            }
            return redact(utf8: body)
        }
    }
}

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
