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
    /// Columns removed because a column derived from them is published (see
    /// ``ColumnDerivation``), each with that column.
    public let redundant: [String: String]

    /// Classifies every column of `table`.
    ///
    /// - Parameters:
    ///   - table: the input.
    ///   - settings: the roles and derivations the user gave.
    ///   - profile: the roles and derivations of the data's domain, for the columns
    ///     the settings leave out.
    ///   - file: the input's name, for the error when a declared derivation does not hold.
    /// - Throws: ``PublicationError/unknownColumn(_:)`` for a role or a derivation
    ///   given to a column the data lacks, ``PublicationError/derivationBroken(file:column:source:rows:)``
    ///   when a derived column does not follow from its source on every row,
    ///   ``PublicationError/unclassifiedColumns(_:)`` naming every column that
    ///   neither the settings nor the profile classify (fail closed).
    public init(of table: Table, settings: PublicationSettings, profile: any DomainProfile,
                file: String = "input") throws(PublicationError) {
        for name in settings.attributes.keys.sorted() where table.column(named: name) == nil {
            throw .unknownColumn(name)
        }
        let redundant = try Self.checkedSources(of: table, settings: settings, profile: profile, file: file)
        var columns: [Column] = []
        var unclassified: [String] = []
        for field in table.schema.fields {
            if redundant[field.name] != nil {
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

    /// The sources to remove, each with its derived column: every declaration (the
    /// settings' replacing the profile's) whose columns the input has and whose
    /// source the settings do not classify, checked on every row first. A
    /// declaration in the settings must name columns the input has.
    private static func checkedSources(of table: Table, settings: PublicationSettings, profile: any DomainProfile,
                                       file: String) throws(PublicationError) -> [String: String] {
        for (derived, derivation) in settings.derived.sorted(by: { $0.key < $1.key }) {
            for name in [derived] + derivation.sourceColumns where table.column(named: name) == nil {
                throw .unknownColumn(name)
            }
        }
        let declared = profile.derivedColumns.merging(settings.derived) { $1 }
        var sources: [String: String] = [:]
        for (derived, derivation) in declared.sorted(by: { $0.key < $1.key }) {
            guard settings.attributes[derivation.source] == nil,
                  ([derived] + derivation.sourceColumns).allSatisfy({ table.column(named: $0) != nil }) else { continue }
            let broken = derivation.brokenRows(of: derived, in: table)
            if broken > 0 { throw .derivationBroken(file: file, column: derived, source: derivation.source, rows: broken) }
            sources[derivation.source] = derived
        }
        return sources
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
