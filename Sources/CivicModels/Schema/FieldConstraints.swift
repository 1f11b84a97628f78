/// Rules a field's values must follow, as in the Frictionless Table Schema.
///
/// A bound or an allowed value is a ``Value`` of the field's own type, so an age
/// field says `minimum: .integer(0)` and a date field `minimum: .date(...)`.
public struct FieldConstraints: Hashable, Sendable {
    /// Every row must have a value.
    public var required: Bool
    /// No two rows may share a value.
    public var unique: Bool
    /// The smallest allowed value.
    public var minimum: Value?
    /// The largest allowed value.
    public var maximum: Value?
    /// The only values allowed, when set.
    public var allowedValues: [Value]?
    /// A regular expression (XML Schema dialect in Frictionless) that text must match.
    public var pattern: String?
    /// The shortest allowed text, in characters.
    public var minLength: Int?
    /// The longest allowed text, in characters.
    public var maxLength: Int?

    /// Creates constraints; by default nothing is constrained.
    public init(required: Bool = false, unique: Bool = false, minimum: Value? = nil,
                maximum: Value? = nil, allowedValues: [Value]? = nil, pattern: String? = nil,
                minLength: Int? = nil, maxLength: Int? = nil) {
        self.required = required
        self.unique = unique
        self.minimum = minimum
        self.maximum = maximum
        self.allowedValues = allowedValues
        self.pattern = pattern
        self.minLength = minLength
        self.maxLength = maxLength
    }

    /// No constraints at all.
    public static let none = FieldConstraints()

    /// Whether nothing is constrained.
    public var isEmpty: Bool { self == .none }
}
