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
               configuration: PublishConfiguration, progress: ((SearchProgress) -> Void)? = nil) throws -> AnonymisationOutcome {
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
    let settings = AnonymizationConfiguration(attributes: attributes, privacy: privacy, metric: configuration.metric ?? .loss,
                                              search: configuration.search)
    let plan = try settings.plan(for: table) { path in
        throw ConfigurationError.invalidSetting(key: path, reason: "hierarchy files are not supported by civic-publish yet; use a built-in hierarchy")
    }
    let result = try plan.anonymizer.anonymize(table, removing: plan.identifiers, progressInterval: .seconds(5), progress: progress)

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
    let matcher = SecretMatcher(secrets)
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
        if let row = firstRow(of: published, column, where: { !detector.findings(in: $0).isEmpty }) {
            throw PublishError.checkFailed("personal details are left in column \(column), published row \(row + 1)")
        }
    }
    for field in published.schema.fields where field.type == .string {
        if let row = firstRow(of: published, field.name, where: matcher.matches) {
            throw PublishError.checkFailed("an identifier of the input appears in column \(field.name), published row \(row + 1)")
        }
    }
}

/// The first row whose text in `column` satisfies `predicate`, which sees each
/// distinct text once (a column of a million rows often holds a few hundred).
func firstRow(of table: Table, _ column: String, where predicate: (String) -> Bool) -> Int? {
    guard let data = table.column(named: column) else { return nil }
    guard case .text(let codes, let dictionary) = data.storage else {
        return table.texts(of: column).firstIndex { $0.map(predicate) ?? false }
    }
    var seen = [Bool](repeating: false, count: dictionary.count)
    for (row, code) in codes.enumerated() where !seen[Int(code)] && !data.missing.isMissing(row) {
        seen[Int(code)] = true
        if predicate(dictionary[code]) { return row }
    }
    return nil
}

/// Finds identifiers of the input in published text: whether one, two or three
/// consecutive words of a text form one of the secrets (identifiers such as
/// "K-0000042", names such as "Emre Yıldız").
///
/// Words are runs of characters that are neither white space nor punctuation (a
/// hyphen belongs to the word). The check runs over every text cell of the
/// publication, a few million on a large export, so it splits on Unicode scalars
/// with a table for ASCII, and builds a phrase only after a word that can begin one.
struct SecretMatcher {
    private let secrets: Set<String>
    /// The first words of the secrets that have more than one word.
    private let phraseStarts: Set<Substring>

    init(_ secrets: Set<String>) {
        self.secrets = secrets
        var starts = Set<Substring>()
        for secret in secrets {
            let words = Self.words(of: secret)
            if words.count > 1 { starts.insert(words[0]) }
        }
        phraseStarts = starts
    }

    /// Whether `text` contains a secret as a whole word or phrase.
    func matches(_ text: String) -> Bool {
        guard !secrets.isEmpty else { return false }
        if secrets.contains(text) { return true }
        let words = Self.words(of: text)
        for (start, word) in words.enumerated() {
            if secrets.contains(String(word)) { return true }
            guard phraseStarts.contains(word) else { continue }
            var phrase = String(word)
            for next in words[(start + 1)..<min(start + 3, words.count)] {
                phrase += " " + next
                if secrets.contains(phrase) { return true }
            }
        }
        return false
    }

    /// The words of `text`.
    static func words(of text: String) -> [Substring] {
        var words: [Substring] = []
        let scalars = text.unicodeScalars
        var wordStart: String.Index?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            if separates(scalars[index]) {
                if let start = wordStart { words.append(text[start..<index]) }
                wordStart = nil
            } else if wordStart == nil {
                wordStart = index
            }
            scalars.formIndex(after: &index)
        }
        if let start = wordStart { words.append(text[start...]) }
        return words
    }

    /// White space and punctuation, but not the hyphen.
    private static func separates(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? asciiSeparators[Int(scalar.value)] : isSpaceOrPunctuation(scalar)
    }

    /// `separates` for each ASCII code, computed once.
    private static let asciiSeparators: [Bool] = (0..<128).map { code in
        let scalar = Unicode.Scalar(UInt8(code))
        return scalar != "-" && isSpaceOrPunctuation(scalar)
    }

    private static func isSpaceOrPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return scalar.properties.isWhitespace
        }
    }
}
