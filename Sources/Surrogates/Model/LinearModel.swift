import Numerics

/// Ridge regression on standardized features: y ≈ b + Σ wᵢ·(xᵢ − μᵢ)/σᵢ, with w minimizing
/// Σ (y − ŷ)² + λ·n·|w|² (λ = 1e-3 by default), solved by Cholesky.
///
/// Trees cannot predict beyond the targets they saw; a forest fitted to the residuals of this linear
/// trend (a regression-enhanced forest) keeps the trend's extrapolation, e.g. that doubling the DRAM
/// bandwidth keeps lowering log cycles past the largest bandwidth tried so far.
///
/// ```swift
/// let line = try LinearModel.fit(features: [[0], [1], [2]], targets: [1, 3, 5])
/// line.predict([3])   // ≈ 7
/// ```
public struct LinearModel: Sendable, Hashable, Codable {
    public var intercept: Double
    public var weights: [Double]
    /// Feature means and scales used to standardize (scale 1 for a constant feature).
    public var means: [Double]
    public var scales: [Double]

    public static func fit(features: [[Double]], targets: [Double], ridge lambda: Double = 1e-3) throws -> LinearModel {
        let n = features.count, d = features.first?.count ?? 0
        let means = (0..<d).map { j in features.reduce(0) { $0 + $1[j] } / Double(max(n, 1)) }
        let scales = (0..<d).map { j -> Double in
            let variance = features.reduce(0) { $0 + ($1[j] - means[j]) * ($1[j] - means[j]) } / Double(max(n, 1))
            return variance > 1e-24 ? variance.squareRoot() : 1
        }
        let intercept = targets.reduce(0, +) / Double(max(n, 1))
        var gram = [Double](repeating: 0, count: d * d), right = [Double](repeating: 0, count: d)
        for (x, y) in zip(features, targets) {
            let z = (0..<d).map { (x[$0] - means[$0]) / scales[$0] }
            for i in 0..<d {
                right[i] += z[i] * (y - intercept)
                for j in 0...i { gram[i * d + j] += z[i] * z[j] }
            }
        }
        for i in 0..<d {
            for j in 0..<i { gram[j * d + i] = gram[i * d + j] }
            gram[i * d + i] += lambda * Double(n)
        }
        let weights = d == 0 ? [] : try Cholesky(matrix: gram, size: d).solve(right)
        return LinearModel(intercept: intercept, weights: weights, means: means, scales: scales)
    }

    public func predict(_ x: [Double]) -> Double {
        var value = intercept
        for i in weights.indices { value += weights[i] * (x[i] - means[i]) / scales[i] }
        return value
    }

    func problem(featureCount: Int) -> String? {
        guard weights.count == featureCount, means.count == featureCount, scales.count == featureCount else {
            return "the linear trend's length does not match the encoder's \(featureCount) features"
        }
        return [intercept].allSatisfy(\.isFinite) && weights.allSatisfy(\.isFinite) ? nil : "non-finite number in the linear trend"
    }
}
