/// Web addresses that start with `http://`, `https://` or `www.`.
///
/// Bare domains (`example.org`) are left alone: in case notes they are more often
/// the name of an authority's website than a person's.
public struct URLRecognizer: PIIRecognizer {
    /// A recogniser of web addresses.
    public init() {}

    public func recognize(in text: TextView, into findings: inout [PIIFinding]) {
        var starts: [Int] = []
        for separator in text.occurrences(of: "://") {
            var start = separator
            while start > 0 && ByteClass.isLetter(text[start - 1]) { start -= 1 }
            let scheme = text.string(start..<separator).lowercased()
            if ["http", "https", "ftp"].contains(scheme) && !text.isWordCharacter(before: start) { starts.append(start) }
        }
        for start in text.occurrences(of: "www.")
        where !text.isWordCharacter(before: start) && text[start - 1] != UInt8(ascii: "/") {
            starts.append(start)
        }
        for start in starts.sorted() {
            if let last = findings.last, last.kind == .url, last.range.contains(start) { continue }
            var end = start
            while end < text.count && !Self.endsURL(text[end]) { end += 1 }
            while end > start && Self.isTrailingPunctuation(text[end - 1]) { end -= 1 }
            guard end - start > 8 else { continue }
            findings.append(PIIFinding(kind: .url, range: start..<end, confidence: 0.9))
        }
    }

    private static func endsURL(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
    }

    private static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        ".,;:!?)]}'".utf8.contains(byte)
    }
}
