import CivicModels
import CivicPrivacy

/// The role (and hierarchy) of every column of an input, in column order: the
/// settings' where they say, the profile's where it knows the column.
public struct ColumnRoles: Sendable {
    /// One column and what it is.
    public struct Column: Sendable {
        /// The column's name.
        public let name: String
        /// Its role and hierarchy.
        public let attribute: AnonymizationConfiguration.Attribute
        /// The role.
        public var role: AttributeRole { attribute.role }
    }

    /// Every column of the input, in order.
    public let columns: [Column]
    /// Columns removed because another column of the input says the same (the
    /// profile's `redundantColumns`), each with that column.
    public let redundant: [String: String]

    /// Classifies every column of `table`.
    ///
    /// - Throws: ``PublicationError/unknownColumn(_:)`` for a role given to a column
    ///   the data lacks, ``PublicationError/unclassifiedColumns(_:)`` naming every
    ///   column that neither the settings nor the profile classify (fail closed).
    public init(of table: Table, settings: PublicationSettings, profile: any DomainProfile) throws(PublicationError) {
        for name in settings.attributes.keys.sorted() where table.column(named: name) == nil {
            throw .unknownColumn(name)
        }
        var columns: [Column] = []
        var unclassified: [String] = []
        var redundant: [String: String] = [:]
        for field in table.schema.fields {
            if settings.attributes[field.name] == nil, let other = profile.redundantColumns[field.name],
               table.column(named: other) != nil {
                redundant[field.name] = other
                columns.append(Column(name: field.name, attribute: .init(role: .identifier)))
            } else if let attribute = settings.attributes[field.name] ?? profile.attribute(for: field.name) {
                columns.append(Column(name: field.name, attribute: attribute))
            } else {
                unclassified.append(field.name)
            }
        }
        guard unclassified.isEmpty else { throw .unclassifiedColumns(unclassified) }
        self.columns = columns
        self.redundant = redundant
    }

    /// The names of the columns with `role`, in column order.
    public func names(_ role: AttributeRole) -> [String] {
        columns.filter { $0.role == role }.map(\.name)
    }

    /// The roles as the anonymiser's attributes.
    var anonymizationAttributes: [String: AnonymizationConfiguration.Attribute] {
        Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.attribute) })
    }
}
