import CivicModels
import CivicPrivacy

/// What a publication with the chosen settings would do to the data, told before
/// anything is written and without a single value of the data: column names, how far
/// each quasi-identifier is generalised (named by its band width or date unit, never
/// by a band), and counts of cases and people.
///
/// Made by ``Publication/preview(_:inputName:)``, which runs the whole publication
/// (audit included) and keeps only these figures, so the preview is what a run with
/// the same settings publishes, or the same error.
///
/// ```swift
/// let preview = try Publication(settings: settings).preview(table, inputName: "export.csv")
/// for line in preview.sentences(in: .english) { print(line) }
/// // With k = 10, counted in people (column client_id), and l = 2 for service:
/// // age: bands of 20 for 2,790 cases (93 %), bands of 10 for 206 cases (7 %)
/// // 4 of 3,000 cases are left out, of 4 people (3 of them entirely).
/// ```
///
/// ## Topics
/// - ``sentences(in:)``
/// - ``Generalisation``
/// - ``Step``
public struct PublicationPreview: Sendable, Equatable {
    /// How far one quasi-identifier is generalised.
    public struct Generalisation: Sendable, Equatable {
        /// The column.
        public let column: String
        /// The levels its published cases are at, finest first; one level when all
        /// are generalised alike.
        public let levels: [Level]
    }

    /// One level of a quasi-identifier's hierarchy and the published cases at it.
    public struct Level: Sendable, Equatable {
        /// The level (0: unchanged).
        public let level: Int
        /// What the level does to a value.
        public let step: Step
        /// Published cases (rows) at this level.
        public let rows: Int
    }

    /// What a level of a hierarchy does to a value, named by the hierarchy's
    /// settings (a band width, a date unit), never by a value.
    public enum Step: Sendable, Equatable {
        /// The value as it is.
        case unchanged
        /// Number bands of this width.
        case bands(width: Int)
        /// Dates rolled up to this unit.
        case date(GeneralizationHierarchy.DateUnit)
        /// This many characters masked from the right.
        case masked(characters: Int)
        /// The categories' grouping of this level.
        case group(level: Int)
        /// A level of a hierarchy from a file.
        case level(Int)
        /// Hidden (`*`).
        case hidden

        /// The level for people: "bands of 20", "year", "hidden (*)".
        public func name(in l: Language) -> String {
            switch self {
            case .unchanged: l.pick(de: "unverändert", en: "unchanged")
            case .bands(let width): l.pick(de: "Spannen von \(l.integer(width))", en: "bands of \(l.integer(width))")
            case .date(let unit):
                switch unit {
                case .month: l.pick(de: "Monat", en: "month")
                case .quarter: l.pick(de: "Quartal", en: "quarter")
                case .year: l.pick(de: "Jahr", en: "year")
                case .fiveYears: l.pick(de: "Fünfjahreszeitraum", en: "five-year span")
                }
            case .masked(let n): l.pick(de: "letzte \(n) Zeichen verdeckt", en: "last \(n) characters masked")
            case .group(let level): l.pick(de: "Gruppen der Stufe \(level)", en: "groups of level \(level)")
            case .level(let level): l.pick(de: "Stufe \(level)", en: "level \(level)")
            case .hidden: l.pick(de: "verborgen (*)", en: "hidden (*)")
            }
        }

        /// The step of `level` in a hierarchy built from `specification` (`nil`: not
        /// known) with `height` levels; the last level of a built hierarchy is `*`.
        public static func of(_ level: Int, specification: AnonymizationConfiguration.HierarchySpecification?, height: Int) -> Step {
            guard level > 0 else { return .unchanged }
            switch specification {
            case .file?, nil: return .level(level)
            default: break
            }
            if level >= height - 1 { return .hidden }
            switch specification {
            case .intervals(let widths)? where level <= widths.count: return .bands(width: widths[level - 1])
            case .dates(let units)? where level <= units.count: return .date(units[level - 1])
            case .mask?: return .masked(characters: level)
            case .groups?: return .group(level: level)
            default: return .level(level)
            }
        }
    }

    /// k: every combination of quasi-identifiers is shared by at least this many people.
    public let k: Int?
    /// The l of distinct (or other) l-diversity, and the sensitive column it protects.
    public let lDiversity: (l: Double, column: String)?
    /// The column that identifies a person; `nil` when every row counts as one.
    public let privacyUnit: String?
    /// Columns removed (identifiers, and the person column unless it is published).
    public let removed: [String]
    /// Columns whose numbers are published as pseudonyms.
    public let pseudonymised: [String]
    /// Free-text columns that are redacted.
    public let redacted: [String]
    /// Each quasi-identifier, in column order.
    public let generalisations: [Generalisation]
    /// Cases (rows) in the input, and published.
    public let inputRows: Int, publishedRows: Int
    /// People in the input, with at least one published case, and with at least one
    /// case left out (`nil` without a privacy unit: then each row is a person).
    public let inputPersons: Int?, publishedPersons: Int?, personsWithCasesLeftOut: Int?
    /// The highest re-identification risk of the published cases (one in the
    /// people of the smallest group).
    public let highestRisk: Double

    /// Cases left out.
    public var leftOutRows: Int { inputRows - publishedRows }

    /// Two previews are equal when they say the same.
    public static func == (a: PublicationPreview, b: PublicationPreview) -> Bool {
        a.sentences(in: .english) == b.sentences(in: .english)
    }

    /// The preview of a publication's result; `input` is the table it ran on (for
    /// counting the people whose cases are left out).
    init(_ result: PublicationResult, input: Table) {
        // The privacy settings the publication ran with (as Publication.run chooses them).
        let privacy = result.settings.privacy ?? result.profile.defaultPrivacy(sensitive: result.roles.names(.sensitive))
        k = privacy.k
        lDiversity = privacy.lDiversity.map { ($0.l, $0.attribute) }
        privacyUnit = result.personColumn
        let removed = result.roles.names(.identifier)
            + (result.personColumn.map { result.publishesPersonColumn ? [] : [$0] } ?? [])
        self.removed = removed
        pseudonymised = result.roles.names(.pseudonym).filter { !removed.contains($0) }
        redacted = result.roles.names(.freeText)
        let attributes = Dictionary(result.roles.columns.map { ($0.name, $0.attribute) }, uniquingKeysWith: { first, _ in first })
        generalisations = result.anonymizer.quasiIdentifiers.enumerated().map { q, qi in
            let specification = attributes[qi.name]?.hierarchy
            let levels = result.anonymization.levelShares(of: q).map { share in
                Level(level: share.level, step: .of(share.level, specification: specification, height: qi.hierarchy.height),
                      rows: result.anonymization.publishedRows(atLevel: share.level, of: q))
            }
            return Generalisation(column: qi.name, levels: levels)
        }
        inputRows = result.inputRows
        publishedRows = result.published.rowCount
        inputPersons = result.inputPersons
        publishedPersons = result.publishedPersonCount
        personsWithCasesLeftOut = result.personColumn.map { column in
            let persons = input.texts(of: column)
            return Set(result.isSuppressed.indices.filter { result.isSuppressed[$0] }.map { persons[$0] ?? "" }).count
        }
        highestRisk = result.riskAfter.highest
    }
}
