import Foundation
import Numerics

/// Gaussian-process regression with a fixed ``Kernel``: exact posterior mean and variance from a
/// Cholesky factor of K + σₙ²I, which grows in O(n²) per new observation.
///
/// Targets are standardized internally (zero mean, unit variance) when `standardize` is true, so the
/// kernel's signal variance is in standardized units; predictions are returned in the targets' units.
///
/// ```swift
/// let kernel = Kernel(kind: .matern52, lengthScales: [0.3], signalVariance: 1, noiseVariance: 1e-10)
/// let gp = try GaussianProcess(kernel: kernel, inputs: [[0], [0.5], [1]], targets: [1, 3, 2])
/// gp.predict([0.5]).mean   // 3 (interpolates)
/// ```
public struct GaussianProcess: Sendable {
    public private(set) var kernel: Kernel
    public private(set) var inputs: [[Double]]
    public private(set) var targets: [Double]
    public let standardize: Bool
    /// Mean and standard deviation used to standardize targets (0 and 1 when not standardizing).
    public private(set) var targetMean = 0.0
    public private(set) var targetScale = 1.0
    private var factor: Cholesky
    /// (K + σₙ²I)⁻¹ y, y standardized.
    private var alpha: [Double] = []

    public init(kernel: Kernel, inputs: [[Double]], targets: [Double], standardize: Bool = true) throws {
        precondition(inputs.count == targets.count)
        self.kernel = kernel
        self.inputs = inputs
        self.targets = targets
        self.standardize = standardize
        self.factor = try Cholesky(matrix: Self.covariance(kernel, inputs), size: inputs.count)
        updateAlpha()
    }

    /// K(X, X) + σₙ²I, row-major.
    static func covariance(_ kernel: Kernel, _ inputs: [[Double]]) -> [Double] {
        let n = inputs.count
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                let value = kernel(inputs[i], inputs[j])
                matrix[i * n + j] = value
                matrix[j * n + i] = value
            }
            matrix[i * n + i] += kernel.noiseVariance
        }
        return matrix
    }

    public var count: Int { inputs.count }

    /// The standardized targets.
    private var standardizedTargets: [Double] { targets.map { ($0 - targetMean) / targetScale } }

    private mutating func updateAlpha() {
        if standardize, !targets.isEmpty {
            targetMean = targets.reduce(0, +) / Double(targets.count)
            let variance = targets.reduce(0) { $0 + ($1 - targetMean) * ($1 - targetMean) } / Double(targets.count)
            targetScale = variance > 1e-24 ? variance.squareRoot() : 1
        }
        alpha = factor.solve(standardizedTargets)
    }

    /// Replaces every target (same inputs, e.g. after re-warping them) in O(n²).
    public mutating func replaceTargets(_ newTargets: [Double]) {
        precondition(newTargets.count == inputs.count, "one target per input")
        targets = newTargets
        updateAlpha()
    }

    /// Adds one observation in O(n²). If the grown matrix is not numerically positive definite (a
    /// near-duplicate input), refactors from scratch with jitter.
    public mutating func append(input: [Double], target: Double) throws {
        let column = inputs.map { kernel($0, input) }
        inputs.append(input)
        targets.append(target)
        do {
            try factor.append(column: column, diagonal: kernel(input, input) + kernel.noiseVariance)
        } catch {
            factor = try Cholesky(matrix: Self.covariance(kernel, inputs), size: inputs.count)
        }
        updateAlpha()
    }

    /// Posterior mean and variance of the latent function at `x` (targets' units; variance excludes noise).
    public func predict(_ x: [Double]) -> (mean: Double, variance: Double) {
        guard count > 0 else { return (targetMean, kernel(x, x) * targetScale * targetScale) }
        let k = inputs.map { kernel($0, x) }
        var mean = 0.0
        for i in 0..<k.count { mean += k[i] * alpha[i] }
        let v = factor.solveLower(k)
        let explained = v.reduce(0) { $0 + $1 * $1 }
        let variance = max(kernel(x, x) - explained, 0)
        return (targetMean + targetScale * mean, variance * targetScale * targetScale)
    }

    /// ``predict(_:)`` for many points at once: the same numbers, several times faster for hundreds of
    /// points (one multi-right-hand-side triangular solve).
    public func predict(batch points: [[Double]]) -> [(mean: Double, variance: Double)] {
        let m = points.count, n = count
        guard n > 0, m > 0 else { return points.map(predict) }
        var cross = [Double](repeating: 0, count: n * m)   // K(X, points), row-major n×m
        for i in 0..<n {
            let input = inputs[i]
            for j in 0..<m { cross[i * m + j] = kernel(input, points[j]) }
        }
        var means = [Double](repeating: 0, count: m)
        for i in 0..<n {
            let weight = alpha[i]
            for j in 0..<m { means[j] += cross[i * m + j] * weight }
        }
        factor.solveLower(many: &cross, columns: m)
        var explained = [Double](repeating: 0, count: m)
        for i in 0..<n {
            for j in 0..<m { explained[j] += cross[i * m + j] * cross[i * m + j] }
        }
        let scale2 = targetScale * targetScale
        return (0..<m).map { j in
            (targetMean + targetScale * means[j], max(kernel(points[j], points[j]) - explained[j], 0) * scale2)
        }
    }

    /// log p(y | X, θ) of the (standardized) targets under this GP.
    public var logMarginalLikelihood: Double {
        let y = standardizedTargets
        let fit = zip(y, alpha).reduce(0) { $0 + $1.0 * $1.1 }
        return -0.5 * fit - 0.5 * factor.logDeterminant - 0.5 * Double(count) * log(2 * Double.pi)
    }

    /// log p(y | X, θ) = −½ yᵀ(K + σₙ²I)⁻¹y − ½ log|K + σₙ²I| − (n/2) log 2π, for raw `targets`;
    /// `nil` when the matrix cannot be factored.
    public static func logMarginalLikelihood(kernel: Kernel, inputs: [[Double]], targets: [Double]) -> Double? {
        guard let gp = try? GaussianProcess(kernel: kernel, inputs: inputs, targets: targets, standardize: false) else { return nil }
        return gp.logMarginalLikelihood
    }
}
