import CivicModels

extension GeneralizationHierarchy {
    /// The value itself, then `*`: the hierarchy of a value that can only be kept or
    /// removed (gender, a yes/no answer).
    public static func suppressOnly(values: [String]) throws(HierarchyError) -> GeneralizationHierarchy {
        try GeneralizationHierarchy(rows: distinct(values).map { [$0, "*"] })
    }

    /// Integer intervals of growing width, then `*`: with widths `[5, 10, 20]`, 34
    /// becomes `30-34`, `30-39`, `20-39`, `*`. Each width must be a multiple of the
    /// one before, so that intervals nest.
    public static func intervals(values: [Int], widths: [Int]) throws(HierarchyError) -> GeneralizationHierarchy {
        guard !widths.isEmpty, widths.allSatisfy({ $0 > 0 }) else {
            throw .invalidParameters(BilingualText(de: "die Intervallbreiten müssen positiv sein",
                                                   en: "interval widths must be positive"))
        }
        for (smaller, larger) in zip(widths, widths.dropFirst()) where larger % smaller != 0 {
            throw .invalidParameters(BilingualText(
                de: "die Intervallbreite \(Language.german.integer(larger)) ist kein Vielfaches "
                    + "von \(Language.german.integer(smaller))",
                en: "interval width \(larger) is not a multiple of \(smaller)"))
        }
        let rows = distinct(values.map(String.init)).compactMap(Int.init).map { value -> [String] in
            [String(value)] + widths.map { width in
                let lower = Int((Double(value) / Double(width)).rounded(.down)) * width
                return "\(lower)-\(lower + width - 1)"
            } + ["*"]
        }
        return try GeneralizationHierarchy(rows: rows)
    }

    /// Integer intervals for every value of a closed range.
    public static func intervals(values: ClosedRange<Int>, widths: [Int]) throws(HierarchyError) -> GeneralizationHierarchy {
        try intervals(values: Array(values), widths: widths)
    }

    /// Masks codes of one length from the right, one character per level, then `*`:
    /// `12345`, `1234*`, `123**`, `12***`, `1****`, `*`.
    ///
    /// - Parameters:
    ///   - values: the codes of the column, all of one length.
    ///   - maskedCharacters: how many characters may be masked before the
    ///     top level (default: all but none, i.e. the code's length minus one).
    public static func prefixMasking(values: [String], maskedCharacters: Int? = nil) throws(HierarchyError)
        -> GeneralizationHierarchy {
        let codes = distinct(values)
        guard let length = codes.first?.count, codes.allSatisfy({ $0.count == length }) else {
            throw .invalidParameters(BilingualText(de: "die Maskierung braucht Codes gleicher Länge",
                                                   en: "prefix masking needs codes of one length"))
        }
        let steps = maskedCharacters ?? (length - 1)
        guard (0..<length).contains(steps) else {
            throw .invalidParameters(BilingualText(
                de: "\(Language.german.integer(steps)) von \(Language.german.integer(length)) Zeichen "
                    + "lassen sich nicht maskieren",
                en: "cannot mask \(steps) of \(length) characters"))
        }
        let rows = codes.map { code -> [String] in
            (0...steps).map { masked in String(code.prefix(length - masked)) + String(repeating: "*", count: masked) }
                + ["*"]
        }
        return try GeneralizationHierarchy(rows: rows)
    }

    /// The coarser calendar units a date can be rolled up to.
    public enum DateUnit: String, ConfigurationChoice {
        /// `2024-03`.
        case month
        /// `2024-Q1`.
        case quarter
        /// `2024`.
        case year
        /// `2020-2024` (five-year spans starting at years divisible by five).
        case fiveYears = "five-years"

        func label(_ date: CivicDate) -> String {
            let (year, month, _) = date.components
            switch self {
            case .month: return "\(year)-\(month < 10 ? "0" : "")\(month)"
            case .quarter: return "\(year)-Q\((month - 1) / 3 + 1)"
            case .year: return String(year)
            case .fiveYears:
                let start = Int((Double(year) / 5).rounded(.down)) * 5
                return "\(start)-\(start + 4)"
            }
        }
    }

    /// Rolls ISO dates up through the given units (in order, each coarser than the
    /// last), then `*`: `2024-03-05`, `2024-03`, `2024-Q1`, `2024`, `*`.
    public static func dates(values: [CivicDate], units: [DateUnit] = [.month, .quarter, .year])
        throws(HierarchyError) -> GeneralizationHierarchy {
        let order = DateUnit.allCases
        let positions = units.compactMap { order.firstIndex(of: $0) }
        guard !units.isEmpty, zip(positions, positions.dropFirst()).allSatisfy(<) else {
            throw .invalidParameters(BilingualText(de: "die Zeiteinheiten müssen von feiner zu gröber gehen",
                                                   en: "date units must go from finer to coarser"))
        }
        let rows = distinctDates(values).map { date in [date.isoString] + units.map { $0.label(date) } + ["*"] }
        return try GeneralizationHierarchy(rows: rows)
    }

    /// Category groups: `levels[0]` maps each value to its group, `levels[1]` each
    /// group to a broader one, and so on; `*` comes last.
    ///
    /// ```swift
    /// try .categories(values: ["syrisch", "irakisch", "deutsch"],
    ///                 levels: [["syrisch": "Naher Osten", "irakisch": "Naher Osten", "deutsch": "EU"]])
    /// ```
    public static func categories(values: [String], levels: [[String: String]]) throws(HierarchyError)
        -> GeneralizationHierarchy {
        var rows: [[String]] = []
        let values = distinct(values)
        for value in values {
            var row = [value]
            for (depth, map) in levels.enumerated() {
                guard let group = map[row[row.count - 1]] else {
                    // Name how many values lack a group, never which: they come from the data.
                    let lacking = values.filter { level(of: $0, through: levels[...depth]) == nil }.count
                    throw .invalidParameters(BilingualText(
                        de: "Stufe \(Language.german.integer(depth + 1)) hat für \(Language.german.integer(lacking)) "
                            + "der \(Language.german.integer(values.count)) Werte keine Gruppe",
                        en: "level \(depth + 1) has no group for \(lacking) of the \(values.count) values"))
                }
                row.append(group)
            }
            rows.append(row + ["*"])
        }
        return try GeneralizationHierarchy(rows: rows)
    }

    /// The group of `value` after the given levels of maps, `nil` if one lacks it.
    private static func level(of value: String, through levels: ArraySlice<[String: String]>) -> String? {
        var current = value
        for map in levels {
            guard let group = map[current] else { return nil }
            current = group
        }
        return current
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    private static func distinctDates(_ values: [CivicDate]) -> [CivicDate] {
        Array(Set(values)).sorted()
    }
}
