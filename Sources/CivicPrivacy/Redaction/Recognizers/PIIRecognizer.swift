/// Finds one kind of personal data in a text.
///
/// A recogniser reports every candidate it finds, each with a confidence;
/// ``PIIDetector`` then drops candidates below its threshold and settles overlaps.
/// Add an organisation's own recogniser (a membership number, say) by conforming
/// to this protocol and passing it to the detector.
///
/// ```swift
/// struct MemberNumberRecognizer: PIIRecognizer {
///     func recognize(in text: TextView, into findings: inout [PIIFinding]) {
///         for position in text.occurrences(of: "MNR-") { ... }
///     }
/// }
/// ```
public protocol PIIRecognizer: Sendable {
    /// Appends what it finds in `text` to `findings`.
    func recognize(in text: TextView, into findings: inout [PIIFinding])
}

/// Walks a number written as digit groups with single separators (`0151 2345678`,
/// `12 345 678 901`), collecting its digits. Shared by the numeric recognisers.
struct DigitGroups {
    /// The digits, as values 0...9.
    var digits: [UInt8] = []
    /// The length of each group.
    var groups: [Int] = []
    /// The byte offset just past the last digit.
    var end: Int

    /// Reads the groups starting at `start` (a digit); a separator counts only if it is
    /// one of `separators` and a digit follows it. Stops after `limit` digits.
    init(in text: TextView, from start: Int, separators: [UInt8], limit: Int = 40) {
        var position = start
        end = start
        var groupLength = 0
        while digits.count <= limit {
            let byte = text[position]
            if ByteClass.isDigit(byte) {
                digits.append(byte - UInt8(ascii: "0"))
                groupLength += 1
                position += 1
                end = position
            } else if groupLength > 0, separators.contains(byte), ByteClass.isDigit(text[position + 1]) {
                groups.append(groupLength)
                groupLength = 0
                position += 1
            } else {
                break
            }
        }
        if groupLength > 0 { groups.append(groupLength) }
    }
}
