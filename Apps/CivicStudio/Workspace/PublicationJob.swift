import CivicModels
import CivicPrivacy
import CivicPublishing
import Synchronization

/// A publication running in the background for one upload: the step it has
/// reached (for the progress page) and whether it was cancelled (by the delete
/// button, the idle timeout or the server stopping).
///
/// The publication reports to ``record(_:)`` from a thread of its own; once the job
/// is cancelled, the next report throws, which stops CivicPublishing's pipeline
/// before it writes anything.
final class PublicationJob: Sendable {
    /// Where a publication is, as the progress page says it.
    enum Step: Sendable, Equatable {
        /// A stage of CivicPublishing's pipeline.
        case stage(PublicationStage)
        /// The anonymiser's search: transformations checked, of how many (`Int.max`: too many to count).
        case searching(checked: Int, of: Int)
        /// Packing the written package into its ZIP file.
        case zipping

        /// The step for people, as one line; counts only, never a value.
        func text(in l: Language) -> String {
            switch self {
            case .stage(.load): l.pick(de: "Datei lesen", en: "Reading the file")
            case .stage(.redact): l.pick(de: "Freitext schwärzen und Kennnummern pseudonymisieren",
                                         en: "Redacting free text and pseudonymising case numbers")
            case .stage(.anonymise): l.pick(de: "Anonymisieren: die gröbste nötige Stufe jeder Spalte suchen",
                                            en: "Anonymising: searching how far each column must be generalised")
            case .searching(let checked, let all) where all == Int.max:
                l.pick(de: "Anonymisieren: \(l.integer(checked)) Vergröberungen geprüft",
                       en: "Anonymising: \(l.integer(checked)) transformations checked")
            case .searching(let checked, let all):
                l.pick(de: "Anonymisieren: \(l.integer(checked)) von \(l.integer(all)) Vergröberungen geprüft",
                       en: "Anonymising: \(l.integer(checked)) of \(l.integer(all)) transformations checked")
            case .stage(.check): l.pick(de: "Das Ergebnis unabhängig prüfen", en: "Checking the result independently")
            case .stage(.statistics): l.pick(de: "Tabellen zählen", en: "Counting the tables")
            case .stage(.write): l.pick(de: "Das Paket schreiben", en: "Writing the package")
            case .zipping: l.pick(de: "Die ZIP-Datei packen", en: "Packing the ZIP file")
            }
        }

        /// The position of the step among ``steps`` (a search is the anonymisation).
        var position: Int {
            switch self {
            case .searching: Self.steps.firstIndex(of: .stage(.anonymise))!
            default: Self.steps.firstIndex(of: self) ?? 0
            }
        }

        /// The steps of a publication in the studio, in order: the file is already read.
        static let steps: [Step] = [.stage(.redact), .stage(.anonymise), .stage(.check), .stage(.statistics),
                                    .stage(.write), .zipping]
    }

    private struct State {
        var step = Step.stage(.redact)
        var cancelled = false
    }

    /// The upload being published.
    let id: String
    /// The choices it is published with.
    let choices: StudioFile.Choices
    /// The language its report is written in.
    let language: Language
    private let state = Mutex(State())

    /// A job for the upload `id`, at its first step.
    init(id: String, choices: StudioFile.Choices, language: Language) {
        self.id = id
        self.choices = choices
        self.language = language
    }

    /// The step reached.
    var step: Step { state.withLock { $0.step } }

    /// Whether the job was cancelled.
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Asks the publication to stop at its next report; what it wrote is deleted when it ends.
    func cancel() { state.withLock { $0.cancelled = true } }

    /// Takes a report of the pipeline: a finished stage moves on to the next one.
    ///
    /// - Throws: `CancellationError` once the job is cancelled, which stops the pipeline.
    func record(_ progress: PublicationProgress) throws {
        switch progress {
        case .finished(let stage, _, _):
            let all = PublicationStage.allCases, next = all.index(after: all.firstIndex(of: stage)!)
            try enter(next < all.endIndex ? .stage(all[next]) : .zipping)
        case .searching(let search):
            try enter(.searching(checked: search.nodesChecked, of: search.latticeSize))
        }
    }

    /// Moves on to `step`.
    ///
    /// - Throws: `CancellationError` once the job is cancelled.
    func enter(_ step: Step) throws {
        try state.withLock { state in
            guard !state.cancelled else { throw CancellationError() }
            state.step = step
        }
    }
}
