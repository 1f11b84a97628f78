import CivicModels
import Foundation

/// One line per stage on standard error ("anonymise  3,000 rows  0.4 s"), or
/// nothing with `--quiet`. Lines never contain data values.
final class Progress {
    private let quiet: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var stageStart: ContinuousClock.Instant

    init(quiet: Bool) {
        self.quiet = quiet
        start = clock.now
        stageStart = start
    }

    /// Runs one stage and reports what it did and how long it took.
    func stage<T>(_ name: String, _ body: () throws -> T, summary: (T) -> String) rethrows -> T {
        stageStart = clock.now
        let result = try body()
        report(name, summary(result))
        return result
    }

    /// Reports how a long stage is getting on, without ending it.
    func note(_ name: String, _ text: String) {
        guard !quiet else { return }
        let line = name.padding(toLength: 14, withPad: " ", startingAt: 0) + "… " + text
            + String(format: "  (%.0f s)\n", seconds(clock.now - stageStart))
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The time since the run began, in seconds.
    var elapsed: Double { seconds(clock.now - start) }

    private func report(_ name: String, _ summary: String) {
        guard !quiet else { return }
        let line = name.padding(toLength: 14, withPad: " ", startingAt: 0) + summary
            + String(format: "  (%.2f s)\n", seconds(clock.now - stageStart))
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
