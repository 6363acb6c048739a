import Foundation
import Numerics

/// Acquisition functions for maximization: how much a candidate with posterior mean μ and standard
/// deviation σ is worth evaluating, given the best target so far f*.
///
/// - ``expectedImprovement``: E[max(f − f* − ξ, 0)] = (μ − f* − ξ)Φ(z) + σφ(z), z = (μ − f* − ξ)/σ;
///   with σ = 0 it is max(μ − f* − ξ, 0), so 0 at an observed incumbent.
/// - ``probabilityOfImprovement``: Φ(z) (1 or 0 when σ = 0).
/// - ``upperConfidenceBound``: μ + κσ.
///
/// ```swift
/// Acquisition.expectedImprovement(mean: 1, standardDeviation: 0, best: 1, xi: 0)   // 0
/// ```
public enum Acquisition: String, Sendable, Hashable, Codable {
    case ei, pi, ucb

    /// Standard deviations at or below this count as zero (the posterior is certain there).
    public static let zeroDeviation = 1e-12

    /// This acquisition's value for a posterior N(mean, standardDeviation²) against the best target
    /// `best` (ξ for EI and PI, κ for UCB; all in the targets' units).
    public func value(mean: Double, standardDeviation: Double, best: Double, xi: Double, kappa: Double) -> Double {
        switch self {
        case .ei: return Self.expectedImprovement(mean: mean, standardDeviation: standardDeviation, best: best, xi: xi)
        case .pi: return Self.probabilityOfImprovement(mean: mean, standardDeviation: standardDeviation, best: best, xi: xi)
        case .ucb: return mean + kappa * standardDeviation
        }
    }

    public static func expectedImprovement(mean: Double, standardDeviation sigma: Double, best: Double, xi: Double) -> Double {
        let gain = mean - best - xi
        guard sigma > zeroDeviation else { return max(gain, 0) }
        let z = gain / sigma
        return gain * NormalDistribution.cdf(z) + sigma * NormalDistribution.pdf(z)
    }

    public static func probabilityOfImprovement(mean: Double, standardDeviation sigma: Double, best: Double, xi: Double) -> Double {
        let gain = mean - best - xi
        guard sigma > zeroDeviation else { return gain > 0 ? 1 : 0 }
        return NormalDistribution.cdf(gain / sigma)
    }
}
