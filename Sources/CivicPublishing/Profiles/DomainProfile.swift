import CivicModels
import CivicPrivacy

/// What a publication knows about one kind of export without being told: the
/// roles and hierarchies of its usual columns, the privacy settings the domain can
/// defend, and how to describe the result.
///
/// A profile turns a domain record's schema (`CounsellingCase.schema`)
/// into publication defaults; the settings override it column by column. A column
/// that neither classifies is never published: the run stops and names it.
///
/// Add a profile for another domain (donations, surveys, food banks) by
/// conforming a type:
///
/// ```swift
/// struct DonationProfile: DomainProfile {
///     let schema = Donation.schema
///     func hierarchy(for column: String) -> AnonymizationConfiguration.HierarchySpecification? {
///         column == "donor_zip" ? .mask(3) : nil
///     }
///     func defaultPrivacy(sensitive: [String]) -> AnonymizationConfiguration.Privacy {
///         .init(k: 10, suppressionLimit: 0.02)
///     }
///     func recordDescription(in language: Language) -> String {
///         language.pick(de: "Spenden, eine Zeile je Spende.", en: "Donations, one row per donation.")
///     }
/// }
/// ```
public protocol DomainProfile: Sendable {
    /// The domain's record schema: its roles are the defaults for columns of the same name.
    var schema: Schema { get }

    /// How to generalise a quasi-identifier of the schema (`nil`: no default).
    func hierarchy(for column: String) -> AnonymizationConfiguration.HierarchySpecification?

    /// The privacy models used when the settings give none; `sensitive` lists the
    /// sensitive columns in table order.
    func defaultPrivacy(sensitive: [String]) -> AnonymizationConfiguration.Privacy

    /// One sentence on what a published row is.
    func recordDescription(in language: Language) -> String

    /// The column that identifies a person in this domain's exports (`nil`: every
    /// row is a different person). Guarantees count distinct values of it.
    var privacyUnit: String? { get }

    /// The title used when the settings give none.
    func defaultTitle(in language: Language) -> String

    /// Columns computed from another, keyed by the derived column (`age` from
    /// `birth_date` and the case date, `district` from `zip`; see
    /// ``ColumnDerivation``). Published together, the pair would be one
    /// quasi-identifier counted twice and both would have to be coarsened; so when
    /// the input has both, the declaration is checked on the data (a publication is
    /// refused where it does not hold), the source is removed and the derived
    /// column published. The settings' `derived` declarations replace these per
    /// column, and settings that classify the source keep it.
    var derivedColumns: [String: ColumnDerivation] { get }

    /// Whether rows are generalised one level per column or row by row, unless the
    /// settings say (see `Recoding`).
    var defaultRecoding: Recoding { get }

    /// The questions readers of this domain's data ask first, answered from the
    /// published and the raw rows in the report (see ``WorkloadAnswer``).
    var workload: [WorkloadQuery] { get }

    /// Numeric columns whose largest values single out their holders, top-coded
    /// at the quantile given (see ``TopCoding``).
    var topCodedColumns: [String: Double] { get }

    /// How much a quasi-identifier's loss counts in Loss (`nil`: 1), for the
    /// columns readers of this domain need most.
    func weight(for column: String) -> Double?

    /// A name for people of one of the domain's columns (`age`: "Alter"), for
    /// headings and field titles (`nil`: the column's own name).
    func label(of column: String, in language: Language) -> String?
}

extension DomainProfile {
    /// The default role and hierarchy of `column`, if the profile knows it.
    public func attribute(for column: String) -> AnonymizationConfiguration.Attribute? {
        guard let field = schema.field(named: column) else { return nil }
        guard field.role == .quasiIdentifier else { return .init(role: field.role) }
        return .init(role: field.role, hierarchy: hierarchy(for: column), weight: weight(for: column))
    }

    public func defaultTitle(in language: Language) -> String {
        language.pick(de: "Anonymisierte Daten", en: "Anonymised data")
    }

    public var privacyUnit: String? { nil }

    public var derivedColumns: [String: ColumnDerivation] { [:] }

    public var defaultRecoding: Recoding { .global }

    public var workload: [WorkloadQuery] { [] }

    public var topCodedColumns: [String: Double] { [:] }

    public func weight(for column: String) -> Double? { nil }

    public func label(of column: String, in language: Language) -> String? { nil }
}
