import Foundation

/// The standard normal distribution's density and distribution function (via `erfc`, accurate in
/// both tails).
///
/// ```swift
/// NormalDistribution.cdf(1.96)   // 0.9750
/// ```
public enum NormalDistribution {
    /// φ(z) = exp(−z²/2)/√(2π).
    public static func pdf(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
    /// Φ(z) = erfc(−z/√2)/2.
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }
}
