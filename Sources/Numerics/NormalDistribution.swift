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

    /// Φ⁻¹(p) for p in (0, 1): Newton's method on ``cdf(_:)`` from a logistic first guess (converges to
    /// ~1e-12 within a few steps for p in [1e-300, 1 − 1e-16]).
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "quantile needs p in (0, 1)")
        var z = log(p / (1 - p)) * 0.6   // logistic approximation of the normal
        for _ in 0..<60 {
            let density = pdf(z)
            guard density > 0 else { break }
            let step = (cdf(z) - p) / density
            z -= max(-1, min(1, step))
            if abs(step) < 1e-12 { break }
        }
        return z
    }

    /// Normal scores of `values`: Φ⁻¹((rank + ½)/n), ties sharing their average rank. A monotone map
    /// of any sample onto standard-normal quantiles (used to warp heavy-tailed rewards for a GP).
    public static func scores(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let score = quantile((Double(start + end) / 2 + 0.5) / Double(values.count))
            for position in start...end { result[order[position]] = score }
            start = end + 1
        }
        return result
    }
}
