import CivicModels

/// Chooses a field type for each column from sample values.
///
/// A column gets the narrowest type that every non-missing sample value parses as,
/// in this order: integer, number, boolean, ISO date, German date, else string. A
/// column with no values at all becomes string.
struct CSVTypeInference {
    private enum Candidate: CaseIterable {
        case integer, number, boolean, isoDate, germanDate
    }

    private var candidates: [Set<Candidate>]
    private var seenValue: [Bool]
    private let parser: CSVValueParser

    init(columnCount: Int, parser: CSVValueParser) {
        candidates = Array(repeating: Set(Candidate.allCases), count: columnCount)
        seenValue = Array(repeating: false, count: columnCount)
        self.parser = parser
    }

    /// Narrows column `column`'s candidates by one non-missing value.
    mutating func observe(_ field: UnsafeBufferPointer<UInt8>, column: Int) {
        seenValue[column] = true
        guard !candidates[column].isEmpty else { return }
        for candidate in candidates[column] where !parses(field, as: candidate) {
            candidates[column].remove(candidate)
        }
    }

    private func parses(_ field: UnsafeBufferPointer<UInt8>, as candidate: Candidate) -> Bool {
        switch candidate {
        case .integer: return parser.integer(field) != nil
        case .number: return parser.number(field) != nil
        case .boolean: return parser.boolean(field) != nil
        case .isoDate: return parser.date(field) != nil
        case .germanDate: return parser.date(field, german: true) != nil
        }
    }

    /// The inferred fields for the given column names.
    func fields(names: [String]) -> [Field] {
        names.enumerated().map { index, name in
            let remaining = candidates[index]
            guard seenValue[index] else { return Field(name, type: .string) }
            if remaining.contains(.integer) { return Field(name, type: .integer) }
            if remaining.contains(.number) { return Field(name, type: .number) }
            if remaining.contains(.boolean) { return Field(name, type: .boolean) }
            if remaining.contains(.isoDate) { return Field(name, type: .date) }
            if remaining.contains(.germanDate) { return Field(name, type: .date, format: Field.germanDateFormat) }
            return Field(name, type: .string)
        }
    }
}
