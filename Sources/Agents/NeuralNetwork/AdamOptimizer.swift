import Foundation

/// Adam (Kingma & Ba, 2015) over a flat parameter vector, with optional global-norm gradient clipping.
///
/// ```swift
/// var optimizer = AdamOptimizer(parameterCount: network.parameters.count, learningRate: 1e-3)
/// optimizer.step(parameters: &network.parameters, gradient: gradient)
/// ```
public struct AdamOptimizer: Codable, Sendable, Equatable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    /// Gradients whose Euclidean norm exceeds this are scaled down to it (`nil`: no clipping).
    public var maxGradientNorm: Double?
    public private(set) var stepCount: Int = 0
    private var firstMoment: [Double]
    private var secondMoment: [Double]

    public init(parameterCount: Int, learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                maxGradientNorm: Double? = nil)
    {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.maxGradientNorm = maxGradientNorm
        self.firstMoment = [Double](repeating: 0, count: parameterCount)
        self.secondMoment = [Double](repeating: 0, count: parameterCount)
    }

    /// One descent step on `parameters` for `gradient` (of a loss to minimize).
    public mutating func step(parameters: inout [Double], gradient: [Double]) {
        precondition(parameters.count == firstMoment.count && gradient.count == firstMoment.count, "Adam: size mismatch")
        let g = maxGradientNorm.map { GradientClipping.clipped(gradient, maxNorm: $0) } ?? gradient
        stepCount += 1
        let correction1 = 1 - pow(beta1, Double(stepCount)), correction2 = 1 - pow(beta2, Double(stepCount))
        for index in parameters.indices {
            firstMoment[index] = beta1 * firstMoment[index] + (1 - beta1) * g[index]
            secondMoment[index] = beta2 * secondMoment[index] + (1 - beta2) * g[index] * g[index]
            let mHat = firstMoment[index] / correction1, vHat = secondMoment[index] / correction2
            parameters[index] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
        }
    }
}

/// Gradient clipping by global Euclidean norm.
///
/// ```swift
/// GradientClipping.clipped([3, 4], maxNorm: 1)   // [0.6, 0.8]
/// ```
public enum GradientClipping {
    /// The Euclidean norm of a vector.
    public static func norm(_ vector: [Double]) -> Double { vector.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// `gradient` scaled down so its norm is at most `maxNorm`.
    public static func clipped(_ gradient: [Double], maxNorm: Double) -> [Double] {
        let total = norm(gradient)
        guard total > maxNorm, total > 0 else { return gradient }
        let scale = maxNorm / total
        return gradient.map { $0 * scale }
    }
}
