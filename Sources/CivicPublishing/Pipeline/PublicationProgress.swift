import CivicModels
import CivicPrivacy

/// A stage of a publication, in the order they run.
public enum PublicationStage: String, Sendable, CaseIterable {
    /// Reading the input file.
    case load
    /// Redacting free text and pseudonymising numbers.
    case redact
    /// Generalising and suppressing until the privacy models hold.
    case anonymise
    /// Checking the result independently (``PublicationAudit``).
    case check
    /// Counting the protected tables.
    case statistics
    /// Writing the package folder.
    case write

    /// The stage's name for people.
    public func name(in language: Language) -> String {
        switch self {
        case .load: language.pick(de: "Laden", en: "load")
        case .redact: language.pick(de: "Schwärzen", en: "redact")
        case .anonymise: language.pick(de: "Anonymisieren", en: "anonymise")
        case .check: language.pick(de: "Prüfen", en: "check")
        case .statistics: language.pick(de: "Statistik", en: "statistics")
        case .write: language.pick(de: "Schreiben", en: "write")
        }
    }
}

/// What a running publication reports: each finished stage with a summary in the
/// publication's language, and how a long search is getting on. Never a data value.
///
/// A caller that wants to stop a publication throws from its progress callback:
/// ``Publication/run(_:inputName:progress:)`` then ends with that error at the next
/// report, writes nothing and returns nothing.
///
/// ```swift
/// let result = try publication.run(table, inputName: "export.csv") { progress in
///     if job.isCancelled { throw CancellationError() }
///     if case .finished(let stage, let summary, _) = progress { print(stage.name(in: .english), summary) }
/// }
/// ```
public enum PublicationProgress: Sendable {
    /// A stage finished after `seconds`; `summary` says what it did ("3,000 rows, 17 columns").
    case finished(PublicationStage, summary: String, seconds: Double)
    /// The anonymiser's search is still running (at most every 5 seconds).
    case searching(SearchProgress)
}

/// Runs stages, timing each and reporting it.
struct StageClock {
    let report: ((PublicationProgress) throws -> Void)?
    private let clock = ContinuousClock()

    init(_ report: ((PublicationProgress) throws -> Void)?) { self.report = report }

    /// Runs `body` as `stage` and reports it with the summary of its result; an
    /// error thrown by the report ends the run there.
    func run<T>(_ stage: PublicationStage, _ body: () throws -> T, summary: (T) -> String) throws -> T {
        let start = clock.now
        let result = try body()
        if let report {
            let elapsed = (clock.now - start).components
            try report(.finished(stage, summary: summary(result),
                             seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18))
        }
        return result
    }
}
