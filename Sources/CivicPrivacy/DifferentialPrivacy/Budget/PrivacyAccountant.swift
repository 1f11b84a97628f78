import Foundation

/// Adds up the privacy cost of several releases, pure (epsilon) and Gaussian
/// (zero-concentrated, rho), and states the total as (epsilon, delta).
///
/// Zero-concentrated differential privacy (zCDP, Bun and Steinke 2016) measures
/// Gaussian noise well: adding integer-valued Gaussian noise of variance sigma² to a
/// query of L2 sensitivity Δ costs rho = Δ² / (2 sigma²) (also for the discrete
/// Gaussian, Canonne, Kamath and Steinke 2020), and costs of several releases add
/// up. A pure epsilon-DP release is epsilon²/2-zCDP. A total rho gives
/// (epsilon, delta)-DP for every delta > 0 with epsilon = rho + 2·sqrt(rho·ln(1/delta))
/// (Bun and Steinke 2016, Proposition 1.3).
///
/// ```swift
/// var accountant = PrivacyAccountant()
/// accountant.spend(.pure(epsilon: 0.5))
/// accountant.spend(.gaussian(sensitivity: 1, sigmaSquared: 4))   // rho = 1/8
/// accountant.epsilon(delta: 1e-6)                                  // about 3.5
/// ```
public struct PrivacyAccountant: Sendable, Equatable {
    /// One release's cost.
    public enum Cost: Sendable, Equatable {
        /// Pure epsilon-differential privacy (e.g. Laplace noise).
        case pure(epsilon: Double)
        /// rho-zCDP directly.
        case concentrated(rho: Double)

        /// The cost of Gaussian noise of variance `sigmaSquared` on a query of L2
        /// sensitivity `sensitivity`.
        public static func gaussian(sensitivity: Double, sigmaSquared: Double) -> Cost {
            .concentrated(rho: sensitivity * sensitivity / (2 * sigmaSquared))
        }

        /// The cost in zCDP terms.
        public var rho: Double {
            switch self {
            case .pure(let epsilon): epsilon * epsilon / 2
            case .concentrated(let rho): rho
            }
        }
    }

    /// The releases so far, in order.
    public private(set) var costs: [Cost] = []

    /// An accountant with nothing spent.
    public init() {}

    /// Records one release.
    public mutating func spend(_ cost: Cost) { costs.append(cost) }

    /// The total pure epsilon, if every release was pure (basic composition), else `nil`.
    public var pureEpsilon: Double? {
        var total = 0.0
        for cost in costs {
            guard case .pure(let epsilon) = cost else { return nil }
            total += epsilon
        }
        return total
    }

    /// The total in zCDP terms: the sum of every release's rho.
    public var rho: Double { costs.reduce(0) { $0 + $1.rho } }

    /// The total as (epsilon, delta)-DP for the given delta; where every release was
    /// pure, the smaller of that and the pure total.
    public func epsilon(delta: Double) -> Double {
        precondition(delta > 0 && delta < 1, "delta lies between 0 and 1")
        let rho = self.rho
        let concentrated = rho + 2 * (rho * log(1 / delta)).squareRoot()
        return min(concentrated, pureEpsilon ?? .infinity)
    }
}
