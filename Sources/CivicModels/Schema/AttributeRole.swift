/// What a field means for privacy: the vocabulary of statistical disclosure control.
///
/// Roles drive anonymisation defaults: identifiers are removed or pseudonymised,
/// quasi-identifiers are generalised, sensitive attributes are protected by
/// l-diversity or t-closeness, insensitive ones pass through.
public enum AttributeRole: String, Codable, Sendable, CaseIterable {
    /// Names a person directly (name, e-mail, client number).
    case identifier
    /// Identifies a person in combination with other data (birth date, postcode, gender).
    case quasiIdentifier = "quasi-identifier"
    /// A value the person must not be linked to (diagnosis, debt, counselling outcome).
    case sensitive
    /// Carries no personal information.
    case insensitive
}
