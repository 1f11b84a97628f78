import CivicModels
import CivicPrivacy
import CivicStorage

extension FileCheck {
    /// Whether `profile` knows every column of the checked file: then the profile's
    /// settings are the better start than the guesses, as they are for civic-publish
    /// without a configuration (hierarchies a domain can defend, weights, derived
    /// columns such as the age from the birth date, top-coding).
    public func matches(_ profile: any DomainProfile) -> Bool {
        !guesses.isEmpty && guesses.allSatisfy { profile.schema.field(named: $0.column) != nil }
    }

    /// The role of each column when `table` is published with `profile` and no
    /// settings: the profile's, and `identifier` for the source of a column the
    /// profile derives from it when the file has both (the birth date when it has the age).
    public func roles(of table: Table, under profile: any DomainProfile) -> [String: AttributeRole] {
        var roles: [String: AttributeRole] = [:]
        for guess in guesses {
            roles[guess.column] = profile.schema.field(named: guess.column)?.role ?? guess.role
        }
        for (derived, derivation) in profile.derivedColumns
            where ([derived] + derivation.sourceColumns).allSatisfy({ table.column(named: $0) != nil }) {
            roles[derivation.source] = .identifier
        }
        return roles
    }

    /// The settings of a file that `profile` matches, with a person's choices: the
    /// profile decides every column whose role in `roles` is the profile's own (see
    /// ``roles(of:under:)``), so hierarchies, weights and derived columns are the
    /// profile's; a column given another role is classified by the settings (a new
    /// quasi-identifier with the profile's hierarchy, else the one proposed from its
    /// values). k, l and the privacy unit as in ``settings(for:roles:k:l:privacyUnit:)``.
    ///
    /// ```swift
    /// let check = FileCheck(table, fileName: "cases.csv")
    /// let profile = CounsellingProfile()
    /// if check.matches(profile) {
    ///     var roles = check.roles(of: table, under: profile)
    ///     roles["district"] = .insensitive
    ///     let settings = check.settings(for: table, under: profile, roles: roles, k: 10)
    ///     let result = try Publication(settings: settings, profile: profile).run(table, inputName: "cases.csv")
    /// }
    /// ```
    public func settings(for table: Table, under profile: any DomainProfile, roles: [String: AttributeRole], k: Int = 5,
                         l: Int = 2, privacyUnit: String? = nil) -> PublicationSettings {
        let defaults = self.roles(of: table, under: profile)
        var attributes: [String: AnonymizationConfiguration.Attribute] = [:]
        var sensitive: String?
        for guess in guesses {
            let role = roles[guess.column] ?? defaults[guess.column] ?? guess.role
            if role == .sensitive && sensitive == nil { sensitive = guess.column }
            guard role != defaults[guess.column] else { continue }
            guard role == .quasiIdentifier else {
                attributes[guess.column] = .init(role: role)
                continue
            }
            let hierarchy = profile.hierarchy(for: guess.column) ?? Self.proposedHierarchy(for: guess, in: table)
            attributes[guess.column] = .init(role: .quasiIdentifier, hierarchy: hierarchy, weight: profile.weight(for: guess.column))
        }
        return PublicationSettings(
            attributes: attributes,
            privacy: .init(k: k, lDiversity: sensitive.map { .init(variant: .distinct, l: Double(l), attribute: $0) }, suppressionLimit: 0.05),
            privacyUnit: privacyUnit ?? profile.privacyUnit ?? personColumn ?? AnonymizationConfiguration.rowsArePersons)
    }
}
