/// Finds personal data in free text with a set of recognisers, keeps what is
/// certain enough, and settles overlaps.
///
/// Where two findings overlap, the more confident one wins, then the longer one:
/// a valid IBAN (confidence 1) beats the phone number its digits also resemble.
///
/// ```swift
/// let detector = PIIDetector()
/// for finding in detector.findings(in: "Rückruf unter 0151 23456789, Frau Yılmaz") {
///     print(finding.kind, finding.range)      // phone 14..<27, name 34..<41
/// }
/// ```
public struct PIIDetector: Sendable {
    /// The recognisers, run in order.
    public var recognizers: [any PIIRecognizer]
    /// Findings below this confidence are dropped (default 0.5).
    public var minimumConfidence: Double

    /// A detector with `recognizers`, the standard set by default.
    public init(recognizers: [any PIIRecognizer] = PIIDetector.standardRecognizers(), minimumConfidence: Double = 0.5) {
        self.recognizers = recognizers
        self.minimumConfidence = minimumConfidence
    }

    /// One recogniser of every ``PIIKind``; the name recogniser with an organisation's
    /// own names and allow-list.
    public static func standardRecognizers(additionalNames: [String] = [], allowList: [String] = []) -> [any PIIRecognizer] {
        [
            EmailRecognizer(), URLRecognizer(), IBANRecognizer(), CreditCardRecognizer(), TaxIDRecognizer(),
            SocialInsuranceNumberRecognizer(), IPAddressRecognizer(), DateRecognizer(), PhoneRecognizer(),
            PostalAddressRecognizer(), PersonNameRecognizer(additionalNames: additionalNames, allowList: allowList),
        ]
    }

    /// The findings in `text`, in text order, none overlapping another.
    public func findings(in text: String) -> [PIIFinding] {
        var text = text
        return text.withUTF8 { findings(inUTF8: $0) }
    }

    /// The findings in valid UTF-8 bytes; ranges are byte offsets.
    public func findings(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [PIIFinding] {
        let view = TextView(bytes)
        var candidates: [PIIFinding] = []
        for recognizer in recognizers { recognizer.recognize(in: view, into: &candidates) }
        candidates.removeAll { $0.confidence < minimumConfidence || $0.range.isEmpty }
        return Self.withoutOverlaps(candidates)
    }

    /// The most confident, then longest, findings that do not overlap, in text order.
    static func withoutOverlaps(_ candidates: [PIIFinding]) -> [PIIFinding] {
        guard candidates.count > 1 else { return candidates }
        let ranked = candidates.sorted {
            ($0.confidence, $0.range.count, -$0.range.lowerBound) > ($1.confidence, $1.range.count, -$1.range.lowerBound)
        }
        // Which bytes a kept finding covers: checking a candidate costs its length, not
        // the number of findings kept so far.
        let end = candidates.map(\.range.upperBound).max()!
        var taken = [Bool](repeating: false, count: end)
        var kept: [PIIFinding] = []
        for candidate in ranked where !candidate.range.contains(where: { taken[$0] }) {
            for offset in candidate.range { taken[offset] = true }
            kept.append(candidate)
        }
        return kept.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
