/// The type of a field, named as in the Frictionless Table Schema specification.
///
/// Only the types a civil-society case file needs are supported; each maps to one
/// column storage in ``ColumnData``.
public enum FieldType: String, Codable, Sendable, CaseIterable {
    /// Text of any kind (`"string"`).
    case string
    /// Whole numbers (`"integer"`), stored as 64-bit integers.
    case integer
    /// Decimal numbers (`"number"`), stored as doubles.
    case number
    /// Calendar dates (`"date"`).
    case date
    /// True or false (`"boolean"`).
    case boolean
}
