/// How far a search has come: what ``Anonymizer/anonymize(_:removing:progressInterval:progress:)``
/// reports now and then on a long run, so that an app can show it is working.
public struct SearchProgress: Sendable, Equatable {
    /// Transformations evaluated so far.
    public var nodesChecked: Int
    /// Transformations in the lattice (`Int.max` if larger).
    public var latticeSize: Int
    /// The optimised metric's value of the best qualifying transformation so far.
    public var bestValue: Double?
}

/// Calls a progress report at most once per interval.
struct ProgressReporter {
    private let report: (SearchProgress) -> Void
    private let interval: Duration
    private let clock = ContinuousClock()
    private var next: ContinuousClock.Instant

    init(every interval: Duration, _ report: @escaping (SearchProgress) -> Void) {
        self.report = report
        self.interval = interval
        next = clock.now + interval
    }

    /// Reports `progress` if the interval has passed since the last report.
    mutating func offer(_ progress: SearchProgress) {
        let now = clock.now
        guard now >= next else { return }
        report(progress)
        next = now + interval
    }
}
