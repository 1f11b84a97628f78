import CivicModels
import CivicPrivacy

/// A declaration that one column is computed from another: `district` from `zip`,
/// `age` from `birth_date` and the date of the case.
///
/// Published side by side, the two would be one quasi-identifier counted twice,
/// and together they could say more than either (an exact birth date next to an
/// age band). A publication therefore checks the declaration on the data, refuses
/// when it does not hold, and publishes the derived column only: the source is
/// removed, so nothing published says more than the derived column at its
/// generalised detail.
///
/// In `publish.yaml`, keyed by the derived column:
///
/// ```yaml
/// derived:
///   district: {from: zip}                                     # each zip lies in one district
///   age: {from: birth_date, years-until: start_date, tolerance: 1}
/// ```
public struct ColumnDerivation: Sendable, Equatable, Codable {
    /// The column the derived one is computed from (removed from the publication).
    public var source: String
    /// For an age: the date column the years are counted up to (the case's date).
    /// `nil`: the derived column is a function of the source, every source value
    /// having one derived value.
    public var yearsUntil: String?
    /// How many years an age may differ from the whole years between the source
    /// date and ``yearsUntil`` (0: exactly).
    public var tolerance: Int

    /// A column that is a function of `source` (`district` from `zip`).
    public init(from source: String) {
        self.source = source
        yearsUntil = nil
        tolerance = 0
    }

    /// An age in whole years from the date in `source` until the date in
    /// `yearsUntil`, within `tolerance` years.
    public init(from source: String, yearsUntil: String, tolerance: Int = 0) {
        self.source = source
        self.yearsUntil = yearsUntil
        self.tolerance = tolerance
    }

    /// The columns the declaration reads besides the derived one.
    var sourceColumns: [String] { [source] + (yearsUntil.map { [$0] } ?? []) }

    /// How many rows of `table` break the declaration for the derived column
    /// `derived`: for a function, the rows whose source value also appears with
    /// another derived value; for an age, the rows whose age is more than
    /// ``tolerance`` from the years between the two dates, or whose cells are no
    /// date or no whole number. Rows where a cell is missing are not counted.
    ///
    /// The columns are looked up once, not by name for every cell (on the million
    /// cases, the lookups and copies of a column per cell were most of this
    /// check's time, perf).
    func brokenRows(of derived: String, in table: Table) -> Int {
        if let yearsUntil { return brokenAges(derived, until: yearsUntil, in: table) }
        // Both columns numbered by value (a text column through its codes), so that a
        // row costs a few array lookups, not two boxed values hashed (on the million
        // cases 0.27 s for zip and district, now a few milliseconds).
        guard let sources = table.column(named: source).map(NumberedLabels.init),
              let derivedValues = table.column(named: derived).map(NumberedLabels.init) else { return 0 }
        let noneYet: Int32 = -2  // -1 is a missing derived value
        var derivedOfSource = [Int32](repeating: noneYet, count: sources.texts.count)
        var isBroken = [Bool](repeating: false, count: sources.texts.count)
        var rowsOfSource = [Int](repeating: 0, count: sources.texts.count)
        for (row, number) in sources.numbers.enumerated() where number >= 0 {
            let source = Int(number), value = derivedValues.numbers[row]
            if derivedOfSource[source] == noneYet {
                derivedOfSource[source] = value
            } else if derivedOfSource[source] != value {
                isBroken[source] = true
            }
            rowsOfSource[source] += 1
        }
        return sources.texts.indices.reduce(0) { isBroken[$1] ? $0 + rowsOfSource[$1] : $0 }
    }

    /// The rows whose age in `derived` breaks the declaration.
    private func brokenAges(_ derived: String, until end: String, in table: Table) -> Int {
        let ages = table.column(named: derived), births = table.column(named: source), dates = table.column(named: end)
        var broken = 0
        for row in 0..<table.rowCount {
            let age = ages?.value(at: row) ?? .missing, birth = births?.value(at: row) ?? .missing
            let date = dates?.value(at: row) ?? .missing
            if age.isMissing || birth.isMissing || date.isMissing { continue }
            guard let years = Self.wholeNumber(age), let from = Self.date(birth), let until = Self.date(date),
                  abs(years - from.wholeYears(until: until)) <= tolerance else {
                broken += 1
                continue
            }
        }
        return broken
    }

    private static func date(_ value: Value) -> CivicDate? {
        if case .date(let date) = value { return date }
        if case .text(let text) = value { return CivicDate(iso: text) }
        return nil
    }

    private static func wholeNumber(_ value: Value) -> Int? {
        switch value {
        case .integer(let number): return Int(exactly: number)
        case .number(let number): return number.rounded() == number ? Int(exactly: number) : nil
        case .text(let text): return Int(text)
        default: return nil
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case source = "from"
        case yearsUntil = "years-until"
        case tolerance
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(String.self, forKey: .source)
        yearsUntil = try container.decodeIfPresent(String.self, forKey: .yearsUntil)
        tolerance = try container.decodeIfPresent(Int.self, forKey: .tolerance) ?? 0
        guard (0...5).contains(tolerance), yearsUntil != nil || tolerance == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .tolerance, in: container,
                debugDescription: DecodingError.reason(
                    de: "tolerance ist eine ganze Zahl von Jahren zwischen 0 und 5 und gilt nur mit years-until",
                    en: "tolerance is a whole number of years from 0 to 5 and applies only with years-until"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(yearsUntil, forKey: .yearsUntil)
        if tolerance != 0 { try container.encode(tolerance, forKey: .tolerance) }
    }
}
