import CivicModels
import Foundation

/// Why a configuration does not fit the data.
public enum ConfigurationError: Error, Equatable, Sendable {
    /// The configuration names a column the data lacks.
    case unknownColumn(String)
    /// A quasi-identifier has no hierarchy.
    case missingHierarchy(String)
    /// A setting has an unusable value.
    case invalidSetting(key: String, reason: BilingualText)
    /// No privacy model is configured.
    case noPrivacyModel
    /// No quasi-identifier is configured.
    case noQuasiIdentifier
}

extension ConfigurationError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .unknownColumn(let name):
            return language.pick(de: "Konfiguration: die Daten haben keine Spalte „\(name)“.",
                                 en: "Configuration: the data has no column '\(name)'.")
        case .missingHierarchy(let name):
            return language.pick(de: "Konfiguration: der Quasi-Identifikator „\(name)“ braucht eine Hierarchie (hierarchy).",
                                 en: "Configuration: the quasi-identifier '\(name)' needs a hierarchy.")
        case let .invalidSetting(key, reason):
            return language.pick(de: "Konfiguration, „\(key)“: \(reason.german)",
                                 en: "Configuration, '\(key)': \(reason.english)")
        case .noPrivacyModel:
            return language.pick(de: "Konfiguration: kein Datenschutzmodell (k, l-diversity oder t-closeness) angegeben.",
                                 en: "Configuration: no privacy model (k, l-diversity or t-closeness) given.")
        case .noQuasiIdentifier:
            return language.pick(de: "Konfiguration: keine Spalte ist als quasi-identifier markiert.",
                                 en: "Configuration: no column is marked as quasi-identifier.")
        }
    }
}

extension AnonymizationConfiguration {
    /// What a configuration resolves to for one table.
    public struct Plan: Sendable {
        /// The anonymiser, quasi-identifiers in the table's column order.
        public var anonymizer: Anonymizer
        /// Columns to remove: identifiers, pseudonym and free-text columns, which
        /// the anonymiser cannot make safe by generalisation, and the privacy unit,
        /// which would link a person's rows.
        public var identifiers: [String]
    }

    /// Builds the anonymiser for `table`: hierarchies from files (read by
    /// `loadHierarchy`, which gets the configured path) or made from the column's
    /// values.
    ///
    /// - Throws: ``ConfigurationError``, ``HierarchyError`` or ``PrivacyError``.
    public func plan(for table: Table, loadHierarchy: (String) throws -> [[String]]) throws -> Plan {
        for name in attributes.keys.sorted() where table.column(named: name) == nil {
            throw ConfigurationError.unknownColumn(name)
        }
        var quasiIdentifiers: [QuasiIdentifier] = []
        var identifiers: [String] = []
        for field in table.schema.fields {
            guard let attribute = attributes[field.name] else { continue }
            switch attribute.role {
            case .identifier, .pseudonym, .freeText: identifiers.append(field.name)
            case .quasiIdentifier:
                guard let specification = attribute.hierarchy else { throw ConfigurationError.missingHierarchy(field.name) }
                let hierarchy = try Self.hierarchy(specification, for: table.column(named: field.name)!,
                                                   named: field.name, loadHierarchy: loadHierarchy)
                let weight = attribute.weight ?? 1
                guard weight > 0, weight <= 1_000 else {
                    throw ConfigurationError.invalidSetting(key: "attributes.\(field.name).weight", reason: BilingualText(
                        de: "muss über 0 und höchstens 1.000 sein, nicht \(Language.german.number(weight))",
                        en: "must lie above 0 and at most 1,000, not \(weight)"))
                }
                quasiIdentifiers.append(QuasiIdentifier(field.name, hierarchy: hierarchy, weight: weight))
            case .sensitive, .insensitive: break
            }
        }
        guard !quasiIdentifiers.isEmpty else { throw ConfigurationError.noQuasiIdentifier }
        // `row` says in words that every row is a person of its own, as on the
        // command line and in publish.yaml.
        let personColumn = privacyUnit == Self.rowsArePersons ? nil : privacyUnit
        if let personColumn {
            guard table.column(named: personColumn) != nil else { throw ConfigurationError.unknownColumn(personColumn) }
            if !identifiers.contains(personColumn) { identifiers.append(personColumn) }
        }
        var criteria: [any PrivacyCriterion] = []
        if let k = privacy.k { criteria.append(try KAnonymity(k: k)) }
        if let spec = privacy.lDiversity {
            guard table.column(named: spec.attribute) != nil else { throw ConfigurationError.unknownColumn(spec.attribute) }
            guard spec.l.isFinite, (1...1_000).contains(spec.l) else {
                throw ConfigurationError.invalidSetting(key: "l-diversity.l", reason: BilingualText(
                    de: "muss zwischen 1 und 1.000 liegen", en: "must lie between 1 and 1000"))
            }
            if let c = spec.c, !(c.isFinite && c > 0 && c <= 1_000_000) {
                throw ConfigurationError.invalidSetting(key: "l-diversity.c", reason: BilingualText(
                    de: "muss eine positive Zahl bis 1.000.000 sein", en: "must be a positive number up to 1000000"))
            }
            switch spec.variant {
            case .distinct:
                guard spec.l == spec.l.rounded() else {
                    throw ConfigurationError.invalidSetting(key: "l-diversity.l", reason: BilingualText(
                        de: "bei variant: distinct muss l eine ganze Zahl sein", en: "distinct l must be a whole number"))
                }
                criteria.append(try DistinctLDiversity(l: Int(spec.l), attribute: spec.attribute))
            case .entropy: criteria.append(try EntropyLDiversity(l: spec.l, attribute: spec.attribute))
            case .recursive:
                guard let c = spec.c else {
                    throw ConfigurationError.invalidSetting(key: "l-diversity.c", reason: BilingualText(
                        de: "die rekursive Diversität (variant: recursive) braucht c", en: "recursive diversity needs c"))
                }
                criteria.append(try RecursiveCLDiversity(c: c, l: Int(spec.l), attribute: spec.attribute))
            }
        }
        if let spec = privacy.tCloseness {
            guard let column = table.column(named: spec.attribute) else { throw ConfigurationError.unknownColumn(spec.attribute) }
            switch spec.variant {
            case .equal: criteria.append(try TCloseness(t: spec.t, attribute: spec.attribute))
            case .hierarchical:
                guard let specification = spec.hierarchy else {
                    throw ConfigurationError.invalidSetting(key: "t-closeness.hierarchy", reason: BilingualText(
                        de: "der hierarchische Abstand braucht eine Hierarchie", en: "hierarchical distance needs a hierarchy"))
                }
                let hierarchy = try Self.hierarchy(specification, for: column, named: spec.attribute,
                                                   loadHierarchy: loadHierarchy)
                criteria.append(try TCloseness(t: spec.t, attribute: spec.attribute, distance: .hierarchical(hierarchy)))
            }
        }
        guard !criteria.isEmpty else { throw ConfigurationError.noPrivacyModel }
        let anonymizer = try Anonymizer(quasiIdentifiers: quasiIdentifiers, criteria: criteria,
                                        suppressionLimit: privacy.suppressionLimit, metric: metric,
                                        search: try search?.strategy() ?? .automatic, privacyUnit: personColumn,
                                        recoding: recoding ?? .global)
        return Plan(anonymizer: anonymizer, identifiers: identifiers)
    }

    /// The most levels a configured hierarchy may have: more than anyone can use, far
    /// fewer than would exhaust memory (each level is a table over the column's values).
    public static let maximumHierarchySteps = 32

    /// A hierarchy from its specification; built ones cover the column's values
    /// (and, if the column has gaps, the empty value, which stays empty up to `*`).
    static func hierarchy(_ specification: HierarchySpecification, for column: ColumnData, named name: String,
                          loadHierarchy: (String) throws -> [[String]]) throws -> GeneralizationHierarchy {
        // Each distinct text once, in order of first appearance: every builder keeps
        // only the distinct values, and rendering all rows as texts and hashing them
        // took about a second for the six columns of a million cases. A file lists
        // its own values, and dates are read as days.
        let texts: [String]
        switch specification {
        case .file, .dates: texts = []
        case .levels, .mask, .intervals, .groups: texts = NumberedLabels(column).texts
        }
        var built: GeneralizationHierarchy
        let steps: Int
        switch specification {
        case .intervals(let widths): steps = widths.count
        case .dates(let units): steps = units.count
        case .groups(let levels): steps = levels.count
        case .file, .mask, .levels: steps = 0
        }
        guard steps <= maximumHierarchySteps else {
            throw ConfigurationError.invalidSetting(key: "\(name).hierarchy", reason: BilingualText(
                de: "\(Language.german.integer(steps)) Stufen; erlaubt sind höchstens \(Language.german.integer(maximumHierarchySteps))",
                en: "\(steps) levels; at most \(maximumHierarchySteps) are allowed"))
        }
        switch specification {
        case .file(let path):
            return try GeneralizationHierarchy(rows: loadHierarchy(path))
        case .levels(let levels):
            guard levels == 1 else {
                throw ConfigurationError.invalidSetting(key: "\(name).hierarchy.levels", reason: BilingualText(
                    de: "nur 1 (der Wert, dann *); für Stufen dazwischen groups, mask, intervals, dates "
                        + "oder eine Datei verwenden",
                    en: "only 1 (the value, then *); for steps in between use groups, mask, intervals, dates or a file"))
            }
            built = try .suppressOnly(values: texts)
        case .mask(let characters):
            let length = texts.first?.count ?? 1
            guard characters >= 1 else {
                throw ConfigurationError.invalidSetting(key: "\(name).hierarchy.mask", reason: BilingualText(
                    de: "muss mindestens 1 sein", en: "must be at least 1"))
            }
            built = try .prefixMasking(values: texts, maskedCharacters: min(characters, length - 1))
        case .intervals(let widths):
            let numbers = texts.compactMap(Int.init)
            guard numbers.count == texts.count else {
                throw ConfigurationError.invalidSetting(key: "\(name).hierarchy.intervals", reason: BilingualText(
                    de: "die Spalte enthält Werte, die keine ganzen Zahlen sind",
                    en: "the column holds values that are not whole numbers"))
            }
            built = try .intervals(values: numbers, widths: widths)
        case .dates(let units):
            // Each distinct day once (the builder sorts them), without a value per row.
            var days = Set<Int32>()
            if case .date(let values) = column.storage {
                for row in 0..<column.count where !column.missing.isMissing(row) { days.insert(values[row]) }
            }
            guard !days.isEmpty || column.missing.missingCount == column.count else {
                throw ConfigurationError.invalidSetting(key: "\(name).hierarchy.dates", reason: BilingualText(
                    de: "die Spalte enthält Werte, die keine Datumsangaben sind",
                    en: "the column holds values that are not dates"))
            }
            built = try .dates(values: days.map(CivicDate.init(daysSinceEpoch:)), units: units)
        case .groups(let levels):
            do {
                built = try .categories(values: texts, levels: levels)
            } catch {
                // Name the column: the builder sees only values.
                guard case .invalidParameters(let reason) = error else { throw error }
                throw ConfigurationError.invalidSetting(key: "\(name).hierarchy.groups", reason: reason)
            }
        }
        if column.missing.missingCount > 0 {
            let height = built.height
            built = try GeneralizationHierarchy(rows: built.rows + [Array(repeating: "", count: height - 1) + ["*"]])
        }
        return built
    }
}
