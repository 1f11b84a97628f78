import CivicModels
import Foundation

/// A linear value axis with "nice" ticks (1, 2 or 5 times a power of ten, after
/// P. S. Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
struct AxisScale {
    /// The axis's ends, on tick marks.
    let lower: Double
    let upper: Double
    /// The tick values, lower to upper.
    let ticks: [Double]
    /// The distance between ticks.
    let step: Double

    /// An axis covering `minimum...maximum` with about `tickCount` ticks.
    init(minimum: Double, maximum: Double, tickCount: Int = 5) {
        var low = minimum, high = maximum
        if !(low.isFinite && high.isFinite) { low = 0; high = 1 }
        if low == high { low -= abs(low) > 0 ? abs(low) / 2 : 1; high += abs(high) > 0 ? abs(high) / 2 : 1 }
        let step = Self.niceNumber((high - low) / Double(max(tickCount - 1, 1)), round: true)
        let lower = (low / step).rounded(.down) * step, upper = (high / step).rounded(.up) * step
        var ticks: [Double] = []
        var tick = lower
        while tick <= upper + step / 2 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        self.lower = lower
        self.upper = upper
        self.ticks = ticks
        self.step = step
    }

    /// Position of `value` between `from` (at lower) and `to` (at upper).
    func position(_ value: Double, from: Double, to: Double) -> Double {
        from + (value - lower) / (upper - lower) * (to - from)
    }

    /// A tick label with as many decimals as the step needs, written the way
    /// `language` writes numbers.
    func label(_ value: Double, language: Language = .english) -> String {
        let decimals = step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
        return language.decimal(value, digits: decimals)
    }

    /// A nice number near `x`: 1, 2 or 5 (or 10) times a power of ten.
    static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x > 0 else { return 1 }
        let exponent = (log10(x)).rounded(.down), fraction = x / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }
}

/// Nice numbers for widths people read at a glance (1, 2 or 5 times a power of
/// ten), as the charts' axes use them; also for proposing band widths.
///
/// ```swift
/// NiceNumber.near(7.3)   // 5
/// NiceNumber.near(408)   // 500
/// ```
public enum NiceNumber {
    /// The nice number nearest `x` (1 for `x` at or below 0).
    public static func near(_ x: Double) -> Double { AxisScale.niceNumber(x, round: true) }
}

