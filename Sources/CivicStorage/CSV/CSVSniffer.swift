import CivicModels

/// Guesses a CSV file's dialect from its first bytes.
///
/// - Encoding: UTF-8 if the sample is valid UTF-8, or holds more valid multi-byte
///   UTF-8 sequences than invalid bytes (a UTF-8 file with a damaged byte, which the
///   reader then reports with its line and column instead of decoding every umlaut
///   wrongly); otherwise Windows-1252 (the only other encoding German exports use in
///   practice).
/// - Separator: of `,` `;` and tab, the one that occurs outside quotes the same
///   number of times on most of the first lines, preferring more occurrences.
/// - Decimal mark: a comma if the separator is not a comma and more fields look
///   like `12,5` than like `12.5`.
///
/// The guess can be wrong for tiny or unusual files; pass a ``CSVDialect`` then.
public enum CSVSniffer {
    /// How many lines the separator vote looks at.
    static let sampleLines = 50

    /// The dialect of a file that starts with `sample` (without byte-order mark).
    /// `isComplete` says whether the sample is the whole file.
    public static func sniff(_ sample: UnsafeBufferPointer<UInt8>, isComplete: Bool) -> CSVDialect {
        var dialect = CSVDialect()
        if UTF8Validation.firstInvalidOffset(sample, allowTruncatedEnd: !isComplete) != nil {
            let evidence = UTF8Validation.evidence(sample)
            if evidence.validSequences <= evidence.invalidBytes { dialect.encoding = .windows1252 }
        }
        dialect.separator = separator(in: sample)
        if dialect.separator != UInt8(ascii: ","), prefersDecimalComma(sample, separator: dialect.separator) {
            dialect.decimalSeparator = UInt8(ascii: ",")
        }
        return dialect
    }

    /// Counts of each candidate separator per line, outside quotes.
    private static func separatorCounts(in sample: UnsafeBufferPointer<UInt8>) -> [[Int]] {
        let candidates = CSVDialect.candidateSeparators
        var lines: [[Int]] = []
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        for byte in sample {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") {
                lines.append(current)
                current = [Int](repeating: 0, count: candidates.count)
                if lines.count == sampleLines { return lines }
                continue
            }
            if let index = candidates.firstIndex(of: byte) { current[index] += 1 }
        }
        if current.contains(where: { $0 > 0 }) { lines.append(current) }
        return lines
    }

    private static func separator(in sample: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let lines = separatorCounts(in: sample)
        guard let first = lines.first else { return UInt8(ascii: ",") }
        var best: (separator: UInt8, consistent: Int, count: Int)?
        for (index, candidate) in CSVDialect.candidateSeparators.enumerated() where first[index] > 0 {
            let consistent = lines.filter { $0[index] == first[index] }.count
            if best == nil || consistent > best!.consistent
                || (consistent == best!.consistent && first[index] > best!.count) {
                best = (candidate, consistent, first[index])
            }
        }
        return best?.separator ?? UInt8(ascii: ",")
    }

    private static func prefersDecimalComma(_ sample: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Bool {
        var dialect = CSVDialect(separator: separator, hasHeader: false)
        dialect.encoding = .utf8
        guard let reader = try? CSVReader(bytes: Array(sample), dialect: dialect) else { return false }
        reader.badRecordHandler = { _ in }
        var comma = 0, dot = 0
        var records = 0
        while records < sampleLines, let counts = try? reader.nextRecord({ record -> (Int, Int) in
            var c = 0, d = 0
            for index in 0..<record.count {
                switch decimalShape(record[index]) {
                case UInt8(ascii: ","): c += 1
                case UInt8(ascii: "."): d += 1
                default: break
                }
            }
            return (c, d)
        }) {
            comma += counts.0
            dot += counts.1
            records += 1
        }
        return comma > dot
    }

    /// The decimal mark of a field shaped like `-12,5` or `12.5`, else `nil`.
    private static func decimalShape(_ field: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var mark: UInt8?
        var digitsBefore = 0, digitsAfter = 0
        for (offset, byte) in field.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if mark == nil { digitsBefore += 1 } else { digitsAfter += 1 }
            case UInt8(ascii: "-") where offset == 0:
                continue
            case UInt8(ascii: ","), UInt8(ascii: "."):
                if mark != nil { return nil }
                mark = byte
            default:
                return nil
            }
        }
        return digitsBefore > 0 && digitsAfter > 0 ? mark : nil
    }
}
