/// The description of a table: its fields in order, missing-value markers and key.
///
/// A schema follows the Frictionless Table Schema vocabulary, so it round-trips to
/// `datapackage.json` (see `DataPackage` in CivicStorage), and adds an
/// ``AttributeRole`` to every field so that privacy tools know what to protect.
///
/// ## Topics
/// ### Fields
/// - ``fields``
/// - ``field(named:)``
/// - ``index(of:)``
/// ### Privacy
/// - ``fields(withRole:)``
public struct Schema: Hashable, Sendable {
    /// The fields, in column order.
    public var fields: [Field]
    /// Cell texts that mean "no value" (Frictionless `missingValues`; default `[""]`).
    public var missingValues: [String]
    /// The names of the fields that together identify a row, if any.
    public var primaryKey: [String]

    /// Creates a schema.
    public init(fields: [Field], missingValues: [String] = [""], primaryKey: [String] = []) {
        self.fields = fields
        self.missingValues = missingValues
        self.primaryKey = primaryKey
    }

    /// The field names, in column order.
    public var fieldNames: [String] { fields.map(\.name) }

    /// The position of the field called `name`, or `nil`.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    /// The field called `name`, or `nil`.
    public func field(named name: String) -> Field? {
        index(of: name).map { fields[$0] }
    }

    /// The fields with a given privacy role, in column order.
    public func fields(withRole role: AttributeRole) -> [Field] {
        fields.filter { $0.role == role }
    }
}
