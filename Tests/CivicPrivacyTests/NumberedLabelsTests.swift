import CivicModels
import CivicPrivacy
import CivicExampleData
import Testing

/// A column's numbering of its distinct values is the same whichever way the column
/// stores them: a dictionary holding each text once (read without hashing), one
/// that may hold a text twice, or labels given as strings.
@Suite struct NumberedLabelsTests {
    @Test("numbering a text column equals numbering its texts", arguments: 1...6)
    func columnNumberingEqualsTexts(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let pool = (0..<(3 + seed * 5)).map { "note \($0) é" }
        let labels: [String?] = (0..<(50 + seed * 40)).map { _ in
            random.uniform(in: 0...5) == 0 ? nil : random.pick(pool)
        }
        let expected = NumberedLabels(labels)
        // Each text once: the codes are read in order of first appearance.
        let deduplicated = try ColumnData(type: .string, values: labels.map { $0.map(Value.text) ?? .missing })
        guard case .text(_, let dictionary) = deduplicated.storage else { Issue.record("not a text column"); return }
        #expect(dictionary.isDeduplicated)
        // A dictionary that stores every row's text anew, so texts repeat.
        var repeated = TextDictionary()
        repeated.stopDeduplicating()
        var missing = MissingMask(count: labels.count)
        let codes = labels.enumerated().map { row, label -> UInt32 in
            guard let label else {
                missing.set(row, missing: true)
                return repeated.code(for: "")
            }
            return repeated.code(for: label)
        }
        let undeduplicated = ColumnData(storage: .text(codes: codes, dictionary: repeated), missing: missing)
        for column in [deduplicated, undeduplicated] {
            let numbered = NumberedLabels(column)
            #expect(numbered.texts == expected.texts)
            #expect(numbered.numbers == expected.numbers)
        }
    }
}
