/// One column's description: name, type, format, constraints and privacy role.
///
/// ```swift
/// let age = Field("age", type: .integer, role: .quasiIdentifier,
///                 constraints: FieldConstraints(minimum: .integer(0), maximum: .integer(120)))
/// ```
public struct Field: Hashable, Sendable {
    /// The column name, as in the CSV header.
    public var name: String
    /// The type of the values.
    public var type: FieldType
    /// How values are written, where the type has several forms. For dates: `nil` or
    /// `"default"` for ISO `YYYY-MM-DD`, `"%d.%m.%Y"` for German `DD.MM.YYYY`.
    public var format: String?
    /// A human-readable label.
    public var title: String?
    /// What the field means.
    public var description: String?
    /// Rules the values follow.
    public var constraints: FieldConstraints
    /// What the field means for privacy.
    public var role: AttributeRole

    /// Creates a field; it is insensitive and unconstrained unless told otherwise.
    public init(_ name: String, type: FieldType, role: AttributeRole = .insensitive,
                format: String? = nil, title: String? = nil, description: String? = nil,
                constraints: FieldConstraints = .none) {
        self.name = name
        self.type = type
        self.format = format
        self.title = title
        self.description = description
        self.constraints = constraints
        self.role = role
    }

    /// The date format for German spreadsheets, in Frictionless' strftime notation.
    public static let germanDateFormat = "%d.%m.%Y"
}
