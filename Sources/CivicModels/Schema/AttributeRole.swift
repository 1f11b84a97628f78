/// What a field means for privacy: the one vocabulary of statistical disclosure
/// control that every CivicDataKit layer and configuration file uses.
///
/// Roles drive what a publication does with a column: identifiers are removed,
/// pseudonyms replaced by keyed pseudonyms, free text redacted, quasi-identifiers
/// generalised, sensitive attributes protected by l-diversity or t-closeness, and
/// insensitive ones published as they are. In YAML a role is written as its raw
/// value (`quasi-identifier`, `free-text`).
public enum AttributeRole: String, Codable, Sendable, CaseIterable {
    /// Names a person directly (name, e-mail, phone number): removed.
    case identifier
    /// A case or client number that must stay linkable: replaced by a keyed
    /// pseudonym, so equal numbers share a pseudonym and the original is not published.
    case pseudonym
    /// Identifies a person in combination with other data (birth date, postcode, gender).
    case quasiIdentifier = "quasi-identifier"
    /// A value the person must not be linked to (diagnosis, debt, counselling outcome).
    case sensitive
    /// Free text that may mention people (counsellors' notes): personal details are redacted.
    case freeText = "free-text"
    /// Carries no personal information.
    case insensitive
}
