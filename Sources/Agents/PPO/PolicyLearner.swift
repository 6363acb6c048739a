import Foundation
import GymCore

/// The actor of PPO: an MLP from observation to a ``FactoredPolicyHead``'s output, learned log
/// standard deviations for its Gaussian heads, and Adam. ``update(_:)`` takes one clipped-surrogate
/// step on a minibatch.
///
/// ```swift
/// var actor = PolicyLearner(observationWidth: 3, head: FactoredPolicyHead(heads: [.categorical(count: 4)]),
///                           hidden: [32, 32], activation: .tanh, learningRate: 3e-3, initialStandardDeviation: 0.3,
///                           maxGradientNorm: 0.5, generator: &generator)
/// let action = actor.sample(observation: [0, 0, 0], using: &generator)
/// ```
public struct PolicyLearner: Codable, Sendable {
    public var network: MultilayerPerceptron
    public var logStandardDeviations: [Double]
    public let head: FactoredPolicyHead
    public var optimizer: AdamOptimizer

    /// One sample of a surrogate minibatch.
    public struct Sample: Sendable {
        public var observation: [Double]
        public var action: [Double]
        /// Log-probability of `action` under the policy that collected it.
        public var oldLogProbability: Double
        public var advantage: Double
    }

    /// Coefficients of the PPO actor loss `−mean(min(r·A, clip(r, 1−ε, 1+ε)·A)) − c·mean(H)`.
    public struct LossSettings: Sendable {
        public var clipRange: Double
        public var entropyCoefficient: Double
        public init(clipRange: Double, entropyCoefficient: Double) {
            self.clipRange = clipRange
            self.entropyCoefficient = entropyCoefficient
        }
    }

    public init(observationWidth: Int, head: FactoredPolicyHead, hidden: [Int], activation: Activation, learningRate: Double,
                initialStandardDeviation: Double, maxGradientNorm: Double?, generator: inout SeededGenerator)
    {
        self.head = head
        self.network = MultilayerPerceptron(sizes: [observationWidth] + hidden + [head.outputWidth], activation: activation,
                                            outputGain: 0.01, generator: &generator)
        self.logStandardDeviations = [Double](repeating: log(initialStandardDeviation), count: head.gaussianCount)
        self.optimizer = AdamOptimizer(parameterCount: network.parameters.count + head.gaussianCount, learningRate: learningRate,
                                       maxGradientNorm: maxGradientNorm)
    }

    public func sample(observation: [Double], using generator: inout SeededGenerator) -> (action: [Double], logProbability: Double) {
        let output = network.forward(observation)
        let action = head.sample(output: output, logStandardDeviations: logStandardDeviations, using: &generator)
        return (action, head.logProbabilityAndEntropy(output: output, logStandardDeviations: logStandardDeviations, action: action).logProbability)
    }

    public func greedy(observation: [Double]) -> [Double] { head.greedy(output: network.forward(observation)) }

    /// Mean entropy of the policy over `observations` (nats).
    public func meanEntropy(_ observations: [[Double]]) -> Double {
        guard !observations.isEmpty else { return 0 }
        let zeros = [Double](repeating: 0, count: head.heads.count)
        return observations.reduce(0) { total, observation in
            total + head.logProbabilityAndEntropy(output: network.forward(observation), logStandardDeviations: logStandardDeviations, action: zeros).entropy
        } / Double(observations.count)
    }

    /// The actor loss on `batch` and its gradient (network parameters, then log standard deviations).
    public func lossAndGradient(_ batch: [Sample], settings: LossSettings) -> (loss: Double, gradient: [Double]) {
        var gradient = network.zeroGradient()
        var logStdGradient = [Double](repeating: 0, count: logStandardDeviations.count)
        var loss = 0.0
        let scale = 1 / Double(batch.count)
        for sample in batch {
            let trace = network.trace(sample.observation)
            let (logProbability, entropy) = head.logProbabilityAndEntropy(output: trace.output, logStandardDeviations: logStandardDeviations, action: sample.action)
            let ratio = exp(logProbability - sample.oldLogProbability)
            let unclipped = ratio * sample.advantage
            let clipped = min(max(ratio, 1 - settings.clipRange), 1 + settings.clipRange) * sample.advantage
            loss -= scale * (min(unclipped, clipped) + settings.entropyCoefficient * entropy)
            // d(−min(...))/d log π is −r·A where the unclipped term is the minimum, 0 where the clip is active.
            let logProbabilityWeight = unclipped <= clipped ? -scale * unclipped : 0
            let (outputGradient, sampleLogStdGradient) = head.gradient(
                output: trace.output, logStandardDeviations: logStandardDeviations, action: sample.action,
                logProbabilityWeight: logProbabilityWeight, entropyWeight: -scale * settings.entropyCoefficient)
            network.backward(trace, outputGradient: outputGradient, into: &gradient)
            for index in logStdGradient.indices { logStdGradient[index] += sampleLogStdGradient[index] }
        }
        return (loss, gradient + logStdGradient)
    }

    /// One Adam step on the actor loss of `batch`; returns the loss before the step.
    @discardableResult
    public mutating func update(_ batch: [Sample], settings: LossSettings) -> Double {
        let (loss, gradient) = lossAndGradient(batch, settings: settings)
        var parameters = network.parameters + logStandardDeviations
        optimizer.step(parameters: &parameters, gradient: gradient)
        network.parameters = Array(parameters[0..<network.parameters.count])
        // Keep σ within [1e-3, 2] (normalized units) so sampling neither freezes nor explodes.
        logStandardDeviations = parameters[network.parameters.count...].map { min(max($0, log(1e-3)), log(2)) }
        return loss
    }
}
