import CivicModels
import Foundation

/// How much usefulness a transformation costs; the search minimises the chosen one.
///
/// - ``loss``: ARX's Loss (see ``LossMetric``), between 0 and 1. The default.
/// - ``discernibility``: Σ |E|² over published classes plus n for every suppressed
///   row (Bayardo and Agrawal, "Data Privacy through Optimal k-Anonymization",
///   ICDE 2005).
/// - ``nonUniformEntropy``: Σ over rows and quasi-identifiers of
///   log2(rows with the generalised value / rows with the original value); a
///   suppressed row counts as generalised to `*` (Gionis and Tassa, "k-Anonymization
///   with Minimal Loss of Information", TKDE 2009).
/// - ``averageClassSize``: rows / classes, the suppressed rows counting as one class
///   (LeFevre, DeWitt and Ramakrishnan, "Mondrian Multidimensional k-Anonymity",
///   ICDE 2006, without their division by k).
public enum UtilityMetric: String, ConfigurationChoice {
    /// ARX's Loss.
    case loss
    /// The discernibility metric.
    case discernibility
    /// Non-uniform entropy.
    case nonUniformEntropy = "entropy"
    /// Average equivalence class size.
    case averageClassSize = "aecs"
}

/// The value of every utility metric for one transformation.
public struct UtilityFigures: Sendable, Equatable {
    /// ARX's Loss (0...1).
    public var loss: Double
    /// The discernibility metric.
    public var discernibility: Double
    /// Non-uniform entropy, in bits.
    public var nonUniformEntropy: Double
    /// Average equivalence class size.
    public var averageClassSize: Double

    /// The value of `metric`.
    public func value(of metric: UtilityMetric) -> Double {
        switch metric {
        case .loss: return loss
        case .discernibility: return discernibility
        case .nonUniformEntropy: return nonUniformEntropy
        case .averageClassSize: return averageClassSize
        }
    }
}
