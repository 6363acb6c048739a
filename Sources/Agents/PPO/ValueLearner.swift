import GymCore

/// The critic of PPO: an MLP from observation to a state value, fitted by Adam to returns with the loss
/// `½·mean((V(s) − target)²)`.
///
/// ```swift
/// var critic = ValueLearner(observationWidth: 3, hidden: [32, 32], activation: .tanh, learningRate: 3e-3,
///                           maxGradientNorm: 0.5, generator: &generator)
/// critic.update(observations: [[0, 0, 1]], targets: [1.5])
/// ```
public struct ValueLearner: Codable, Sendable {
    public var network: MultilayerPerceptron
    public var optimizer: AdamOptimizer

    public init(observationWidth: Int, hidden: [Int], activation: Activation, learningRate: Double, maxGradientNorm: Double?,
                generator: inout SeededGenerator)
    {
        network = MultilayerPerceptron(sizes: [observationWidth] + hidden + [1], activation: activation, outputGain: 1, generator: &generator)
        optimizer = AdamOptimizer(parameterCount: network.parameters.count, learningRate: learningRate, maxGradientNorm: maxGradientNorm)
    }

    public func value(_ observation: [Double]) -> Double { network.forward(observation)[0] }

    /// The value loss on a batch and its gradient with respect to ``network``'s parameters.
    public func lossAndGradient(observations: [[Double]], targets: [Double]) -> (loss: Double, gradient: [Double]) {
        var gradient = network.zeroGradient()
        var loss = 0.0
        let scale = 1 / Double(observations.count)
        for (observation, target) in zip(observations, targets) {
            let trace = network.trace(observation)
            let error = trace.output[0] - target
            loss += 0.5 * scale * error * error
            network.backward(trace, outputGradient: [scale * error], into: &gradient)
        }
        return (loss, gradient)
    }

    /// One Adam step; returns the loss before it.
    @discardableResult
    public mutating func update(observations: [[Double]], targets: [Double]) -> Double {
        let (loss, gradient) = lossAndGradient(observations: observations, targets: targets)
        optimizer.step(parameters: &network.parameters, gradient: gradient)
        return loss
    }
}
