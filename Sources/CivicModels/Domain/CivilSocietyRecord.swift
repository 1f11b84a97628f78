/// A kind of record that civil-society organisations keep, with its schema.
///
/// Each record type declares its fields and their privacy roles once; storage uses
/// the schema to create database tables, privacy uses the roles as defaults
/// ("a birth date is a quasi-identifier"), and ``Table/init(records:)`` turns a
/// list of records into a table.
///
/// ```swift
/// let table = try Table(records: donations)
/// table.schema.fields(withRole: .identifier).map(\.name)   // ["donor_name", ...]
/// ```
public protocol CivilSocietyRecord: Sendable {
    /// The name of the table (and data-package resource) that holds such records.
    static var tableName: String { get }
    /// The fields, their types, constraints and roles.
    static var schema: Schema { get }
    /// This record's values in schema order.
    var values: [Value] { get }
}

extension Table {
    /// A table of records of one kind, with that kind's schema.
    public init<R: CivilSocietyRecord>(records: [R]) throws(TableError) {
        try self.init(schema: R.schema, rows: records.map(\.values))
    }
}

extension Value {
    /// A text value, or missing for `nil`.
    static func text(_ value: String?) -> Value { value.map(Value.text) ?? .missing }
    /// A date value, or missing for `nil`.
    static func date(_ value: CivicDate?) -> Value { value.map(Value.date) ?? .missing }
    /// An integer value, or missing for `nil`.
    static func integer(_ value: Int?) -> Value { value.map { .integer(Int64($0)) } ?? .missing }
    /// A number value, or missing for `nil`.
    static func number(_ value: Double?) -> Value { value.map(Value.number) ?? .missing }
}

/// Gender as case files record it in Germany: weiblich, männlich, divers.
public enum Gender: String, Sendable, CaseIterable, Codable {
    /// weiblich (female).
    case female = "w"
    /// männlich (male).
    case male = "m"
    /// divers (diverse, the third legal option in Germany since 2018).
    case diverse = "d"
}

extension Field {
    /// A required text identifier.
    static func identifier(_ name: String, title: String) -> Field {
        Field(name, type: .string, role: .identifier, title: title,
              constraints: FieldConstraints(required: true))
    }
    /// A required text number that stays linkable through a keyed pseudonym.
    static func pseudonym(_ name: String, title: String) -> Field {
        Field(name, type: .string, role: .pseudonym, title: title,
              constraints: FieldConstraints(required: true))
    }
    /// A text field restricted to the given values.
    static func category(_ name: String, _ values: [String], role: AttributeRole, title: String) -> Field {
        Field(name, type: .string, role: role, title: title,
              constraints: FieldConstraints(allowedValues: values.map(Value.text)))
    }
}
