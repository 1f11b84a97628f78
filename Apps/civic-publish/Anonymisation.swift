import CivicModels
import CivicPrivacy
import CivicStorage
import Foundation

/// What the anonymisation stage gives the later ones.
struct AnonymisationOutcome {
    /// The anonymiser's own result (levels, utility, risk before and after).
    let result: Anonymizer.Result
    /// The anonymiser that produced it.
    let anonymizer: Anonymizer
    /// The records to publish: generalised, identifiers removed, suppressed rows left out.
    let published: Table
    /// Rows the anonymiser suppressed (left out of the publication).
    let suppressedRows: Int
    /// The quasi-identifiers, in column order.
    var quasiIdentifiers: [String] { anonymizer.quasiIdentifiers.map(\.name) }
}

/// Generalises the quasi-identifiers until the privacy model holds (the search of
/// `civic-anonymize`), removes identifiers, and leaves suppressed rows out.
func anonymize(_ table: Table, roles: [(name: String, attribute: PublishAttribute)],
               configuration: PublishConfiguration) throws -> AnonymisationOutcome {
    var attributes: [String: AnonymizationConfiguration.Attribute] = [:]
    for (name, attribute) in roles {
        switch attribute.role {
        case .identifier: attributes[name] = .init(role: .identifier)
        case .quasiIdentifier: attributes[name] = .init(role: .quasiIdentifier, hierarchy: attribute.hierarchy)
        case .sensitive: attributes[name] = .init(role: .sensitive)
        case .pseudonym, .freeText, .insensitive: break
        }
    }
    let firstSensitive = roles.first { $0.attribute.role == .sensitive }?.name
    let privacy = configuration.privacy ?? CounsellingDefaults.privacy(firstSensitive: firstSensitive)
    let settings = AnonymizationConfiguration(attributes: attributes, privacy: privacy, metric: configuration.metric ?? .loss)
    let plan = try settings.plan(for: table) { path in
        throw ConfigurationError.invalidSetting(key: path, reason: "hierarchy files are not supported by civic-publish yet; use a built-in hierarchy")
    }
    let result = try plan.anonymizer.anonymize(table, removing: plan.identifiers)

    // A suppressed row shows * in a quasi-identifier whose level is below the top;
    // an unsuppressed one never does (the top is the only level that reads *).
    let levels = result.best.transformation.levels
    let belowTop = plan.anonymizer.quasiIdentifiers.enumerated().filter { q, qi in levels[q] < qi.hierarchy.height - 1 }
        .map { result.table.column(named: $0.element.name)! }
    let kept = result.table.filtering { row in
        !belowTop.contains { $0.value(at: row) == .text("*") }
    }
    return AnonymisationOutcome(result: result, anonymizer: plan.anonymizer, published: kept,
                                suppressedRows: result.table.rowCount - kept.rowCount)
}

/// The checks after anonymisation, independent of how the anonymiser works: if any
/// fails, nothing is published.
///
/// - every equivalence class of the published rows has at least k rows, and for
///   distinct l-diversity at least l sensitive values;
/// - the detector finds nothing personal left in a free-text column;
/// - no value of an identifier or pseudonymised column appears in any published text.
func checkPublication(_ outcome: AnonymisationOutcome, privacy: AnonymizationConfiguration.Privacy,
                      freeText: [String], detector: PIIDetector, secrets: Set<String>) throws {
    let published = outcome.published
    guard published.rowCount > 0 else { throw PublishError.nothingToPublish }
    let classes = try EquivalenceClasses(published, quasiIdentifiers: outcome.quasiIdentifiers)
    if let k = privacy.k, classes.smallestClassSize < k {
        throw PublishError.checkFailed("an equivalence class has \(classes.smallestClassSize) rows, fewer than k = \(k)")
    }
    if let diversity = privacy.lDiversity, diversity.variant == "distinct" {
        let values = published.texts(of: diversity.attribute)
        var distinct = [Set<String>](repeating: [], count: classes.count)
        for row in 0..<published.rowCount { distinct[classes.classOfRow[row]].insert(values[row] ?? "") }
        if let poorest = distinct.map(\.count).min(), Double(poorest) < diversity.l {
            throw PublishError.checkFailed("an equivalence class has \(poorest) distinct values of \(diversity.attribute), fewer than l")
        }
    }
    for column in freeText {
        for (row, text) in published.texts(of: column).enumerated() {
            guard let text, !detector.findings(in: text).isEmpty else { continue }
            throw PublishError.checkFailed("personal details are left in column \(column), published row \(row + 1)")
        }
    }
    for field in published.schema.fields where field.type == .string {
        for (row, text) in published.texts(of: field.name).enumerated() {
            guard let text, containsSecret(text, secrets) else { continue }
            throw PublishError.checkFailed("an identifier of the input appears in column \(field.name), published row \(row + 1)")
        }
    }
}

/// Whether one, two or three consecutive words of `text` form one of `secrets`
/// (identifiers such as "K-0000042" or names such as "Emre Yıldız").
func containsSecret(_ text: String, _ secrets: Set<String>) -> Bool {
    guard !secrets.isEmpty else { return false }
    if secrets.contains(text) { return true }
    let words = text.split { $0.isWhitespace || ($0.isPunctuation && $0 != "-") }.map(String.init)
    for start in words.indices {
        var phrase = ""
        for end in start..<min(start + 3, words.count) {
            phrase += (end == start ? "" : " ") + words[end]
            if secrets.contains(phrase) { return true }
        }
    }
    return false
}
