/// One cell of a table, typed.
///
/// `Value` is the convenient, boxed view of a cell for display, tests and small
/// tables. Code that walks millions of rows reads the typed column storage instead
/// (see ``ColumnData``).
public enum Value: Hashable, Sendable, CustomStringConvertible {
    /// The cell holds no value (one of the schema's missing-value markers).
    case missing
    /// A whole number.
    case integer(Int64)
    /// A decimal number.
    case number(Double)
    /// Text.
    case text(String)
    /// A calendar date.
    case date(CivicDate)
    /// True or false.
    case boolean(Bool)

    /// Whether the cell is missing.
    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// The value as a `Double`, for integers and numbers; `nil` otherwise.
    public var doubleValue: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .number(let v): return v
        default: return nil
        }
    }

    /// A plain rendering: numbers as Swift prints them, dates as ISO, missing as "".
    public var description: String {
        switch self {
        case .missing: return ""
        case .integer(let v): return String(v)
        case .number(let v): return String(v)
        case .text(let v): return v
        case .date(let v): return v.isoString
        case .boolean(let v): return v ? "true" : "false"
        }
    }
}
