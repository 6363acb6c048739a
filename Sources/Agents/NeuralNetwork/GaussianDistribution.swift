import Foundation
import GymCore

/// A one-dimensional Gaussian with mean `mean` and standard deviation `exp(logStandardDeviation)`:
/// log-density and entropy with their gradients. A diagonal Gaussian policy is a product of these.
///
/// ```swift
/// let distribution = GaussianDistribution(mean: 0.5, logStandardDeviation: log(0.2))
/// distribution.logProbability(of: 0.5)    // −log(0.2) − ½ log 2π
/// ```
public struct GaussianDistribution: Sendable, Equatable {
    public let mean: Double
    public let logStandardDeviation: Double

    public init(mean: Double, logStandardDeviation: Double) {
        self.mean = mean
        self.logStandardDeviation = logStandardDeviation
    }

    public var standardDeviation: Double { exp(logStandardDeviation) }
    static let halfLogTwoPi = 0.5 * log(2 * Double.pi)

    /// Log-density at `x`.
    public func logProbability(of x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return -0.5 * z * z - logStandardDeviation - Self.halfLogTwoPi
    }

    /// Differential entropy `log σ + ½(1 + log 2π)`, in nats.
    public var entropy: Double { logStandardDeviation + 0.5 + Self.halfLogTwoPi }

    /// `(∂ log p(x)/∂ mean, ∂ log p(x)/∂ log σ) = ((x − μ)/σ², ((x − μ)/σ)² − 1)`.
    public func logProbabilityGradient(of x: Double) -> (mean: Double, logStandardDeviation: Double) {
        let sigma = standardDeviation
        let z = (x - mean) / sigma
        return (z / sigma, z * z - 1)
    }

    /// `∂H/∂ log σ = 1` (the entropy does not depend on the mean).
    public var entropyGradient: (mean: Double, logStandardDeviation: Double) { (0, 1) }

    public func sample(using generator: inout SeededGenerator) -> Double { mean + standardDeviation * generator.nextGaussian() }
}
