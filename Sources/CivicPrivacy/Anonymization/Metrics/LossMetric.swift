import Foundation

/// Information loss as ARX's "Loss" metric computes it.
///
/// For each quasi-identifier, the loss of a row is (leaves under its generalised
/// value - 1) / (leaves of the hierarchy - 1): 0 for the original value, 1 for `*`;
/// a suppressed row counts 1. The quasi-identifier's loss is the mean over all rows,
/// and the losses l1 ... ln of the n quasi-identifiers are combined as
/// (∏(1 + li))^(1/n) - 1, a geometric mean that lies between 0 and 1. With
/// weights w1 ... wn it is the weighted geometric mean (∏(1 + li)^wi)^(1/Σwi) - 1,
/// which ARX offers as attribute weights.
public enum LossMetric {
    /// Combines per-quasi-identifier losses, weighted by `weights` (one each, all
    /// positive) when they are not all equal.
    public static func aggregate(_ losses: [Double], weights: [Double]? = nil) -> Double {
        guard !losses.isEmpty else { return 0 }
        // Unequal weights, found without building a set: the search calls this for
        // every transformation it looks at.
        if let weights, weights.count == losses.count, let first = weights.first, weights.contains(where: { $0 != first }) {
            let total = weights.reduce(0, +)
            let logSum = zip(losses, weights).reduce(0.0) { $0 + $1.1 * log1p($1.0) }
            return exp(logSum / total) - 1
        }
        let product = losses.reduce(1.0) { $0 * (1 + $1) }
        return pow(product, 1 / Double(losses.count)) - 1
    }
}
