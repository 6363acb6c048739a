@testable import Agents
import GymCore
import XCTest

/// Every analytic gradient of the numerics core against central finite differences (h = 1e-6):
/// relative error |a − n| / max(|a| + |n|, 1e-8) below 1e-4 in Double.
final class GradientCheckTests: XCTestCase {
    let step = 1e-6

    func assertGradient(_ analytic: [Double], _ f: ([Double]) -> Double, at point: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(analytic.count, point.count, file: file, line: line)
        for index in point.indices {
            var plus = point, minus = point
            plus[index] += step
            minus[index] -= step
            let numeric = (f(plus) - f(minus)) / (2 * step)
            let error = abs(analytic[index] - numeric) / max(abs(analytic[index]) + abs(numeric), 1e-8)
            XCTAssertLessThan(error, 1e-4, "component \(index): analytic \(analytic[index]), numeric \(numeric)", file: file, line: line)
        }
    }

    func testDenseLayerGradientsMatchFiniteDifferences() {
        var generator = SeededGenerator(seed: 1)
        let layer = DenseLayer(inputCount: 3, outputCount: 2, offset: 0)
        let parameters = (0..<layer.parameterCount).map { _ in generator.nextGaussian() }
        let input = [0.3, -1.2, 0.7], weights = [0.8, -0.4]
        func loss(_ p: [Double], _ x: [Double]) -> Double { zip(layer.forward(x, parameters: p), weights).reduce(0) { $0 + $1.0 * $1.1 } }
        var gradient = [Double](repeating: 0, count: parameters.count)
        let inputGradient = layer.backward(input: input, outputGradient: weights, parameters: parameters, gradient: &gradient)
        assertGradient(gradient, { loss($0, input) }, at: parameters)
        assertGradient(inputGradient, { loss(parameters, $0) }, at: input)
    }

    func testMultilayerPerceptronGradientsMatchFiniteDifferencesForTanhAndReLU() {
        for activation in [Activation.tanh, .relu] {
            var generator = SeededGenerator(seed: 2)
            let network = MultilayerPerceptron(sizes: [3, 5, 4, 2], activation: activation, generator: &generator)
            let input = [0.5, -0.3, 0.9], weights = [1.0, -2.0]
            func loss(_ p: [Double], _ x: [Double]) -> Double {
                var copy = network
                copy.parameters = p
                return zip(copy.forward(x), weights).reduce(0) { $0 + $1.0 * $1.1 }
            }
            var gradient = network.zeroGradient()
            let inputGradient = network.backward(network.trace(input), outputGradient: weights, into: &gradient)
            assertGradient(gradient, { loss($0, input) }, at: network.parameters)
            assertGradient(inputGradient, { loss(network.parameters, $0) }, at: input)
        }
    }

    func testCategoricalLogProbabilityAndEntropyGradientsMatchFiniteDifferences() {
        let logits = [0.2, -1.0, 0.7, 0.1]
        let distribution = CategoricalDistribution(logits: logits)
        XCTAssertEqual(distribution.probabilities.reduce(0, +), 1, accuracy: 1e-12)
        assertGradient(distribution.logProbabilityGradient(of: 2), { CategoricalDistribution(logits: $0).logProbability(of: 2) }, at: logits)
        assertGradient(distribution.entropyGradient, { CategoricalDistribution(logits: $0).entropy }, at: logits)
        XCTAssertEqual(CategoricalDistribution(logits: [0, 0, 0, 0]).entropy, log(4), accuracy: 1e-12, "uniform over 4: log 4 nats")
    }

    func testGaussianLogProbabilityAndEntropyGradientsMatchFiniteDifferences() {
        let point = [0.3, log(0.4)], x = 0.55
        let distribution = GaussianDistribution(mean: point[0], logStandardDeviation: point[1])
        let g = distribution.logProbabilityGradient(of: x)
        assertGradient([g.mean, g.logStandardDeviation], { GaussianDistribution(mean: $0[0], logStandardDeviation: $0[1]).logProbability(of: x) }, at: point)
        let h = distribution.entropyGradient
        assertGradient([h.mean, h.logStandardDeviation], { GaussianDistribution(mean: $0[0], logStandardDeviation: $0[1]).entropy }, at: point)
        XCTAssertEqual(GaussianDistribution(mean: 0, logStandardDeviation: 0).logProbability(of: 0), -0.5 * log(2 * Double.pi), accuracy: 1e-12)
    }

    func testFactoredHeadGradientMatchesFiniteDifferences() {
        let head = FactoredPolicyHead(heads: [.categorical(count: 3), .gaussian, .categorical(count: 2), .gaussian])
        let output = [0.1, -0.5, 0.3, 0.2, 0.9, -0.1, -0.3], logStd = [log(0.5), log(0.2)], action = [1.0, 0.45, 0.0, -0.2]
        let (a, b) = (0.7, -0.3)
        func objective(_ o: [Double], _ s: [Double]) -> Double {
            let (logP, h) = head.logProbabilityAndEntropy(output: o, logStandardDeviations: s, action: action)
            return a * logP + b * h
        }
        let gradient = head.gradient(output: output, logStandardDeviations: logStd, action: action, logProbabilityWeight: a, entropyWeight: b)
        assertGradient(gradient.output, { objective($0, logStd) }, at: output)
        assertGradient(gradient.logStandardDeviations, { objective(output, $0) }, at: logStd)
    }

    func testClippedSurrogateLossGradientMatchesFiniteDifferences() {
        var generator = SeededGenerator(seed: 3)
        let head = FactoredPolicyHead(heads: [.categorical(count: 3), .gaussian])
        var actor = PolicyLearner(observationWidth: 2, head: head, hidden: [4], activation: .tanh, learningRate: 1e-3,
                                  initialStandardDeviation: 0.3, maxGradientNorm: nil, generator: &generator)
        actor.network.parameters = actor.network.parameters.map { $0 + 0.3 * generator.nextGaussian() }
        // Old log-probabilities put some samples inside the clip range and some outside (ratio ≈ e^±0.5).
        let batch = (0..<6).map { index in
            let observation = [generator.nextGaussian(), generator.nextGaussian()]
            let action = [Double(index % 3), 0.2 * generator.nextGaussian()]
            let current = head.logProbabilityAndEntropy(output: actor.network.forward(observation), logStandardDeviations: actor.logStandardDeviations, action: action).logProbability
            return PolicyLearner.Sample(observation: observation, action: action, oldLogProbability: current + [0.05, 0.5, -0.5][index % 3],
                                        advantage: index % 2 == 0 ? 1.3 : -0.8)
        }
        let settings = PolicyLearner.LossSettings(clipRange: 0.2, entropyCoefficient: 0.05)
        let count = actor.network.parameters.count
        func loss(_ flat: [Double]) -> Double {
            var copy = actor
            copy.network.parameters = Array(flat[0..<count])
            copy.logStandardDeviations = Array(flat[count...])
            return copy.lossAndGradient(batch, settings: settings).loss
        }
        let (_, gradient) = actor.lossAndGradient(batch, settings: settings)
        assertGradient(gradient, loss, at: actor.network.parameters + actor.logStandardDeviations)
    }

    func testValueLossGradientMatchesFiniteDifferences() {
        var generator = SeededGenerator(seed: 4)
        let critic = ValueLearner(observationWidth: 3, hidden: [5, 5], activation: .relu, learningRate: 1e-3, maxGradientNorm: nil, generator: &generator)
        let observations = [[0.1, 0.5, -0.2], [1.0, -0.4, 0.3], [-0.7, 0.2, 0.9]], targets = [1.0, -0.5, 2.0]
        func loss(_ p: [Double]) -> Double {
            var copy = critic
            copy.network.parameters = p
            return copy.lossAndGradient(observations: observations, targets: targets).loss
        }
        assertGradient(critic.lossAndGradient(observations: observations, targets: targets).gradient, loss, at: critic.network.parameters)
    }

    func testAdamMinimizesAQuadraticAndClippingBoundsTheNorm() {
        var optimizer = AdamOptimizer(parameterCount: 2, learningRate: 0.1)
        var x = [3.0, -2.0]
        for _ in 0..<500 { optimizer.step(parameters: &x, gradient: [2 * (x[0] - 1), 2 * (x[1] + 1)]) }
        XCTAssertEqual(x[0], 1, accuracy: 1e-3)
        XCTAssertEqual(x[1], -1, accuracy: 1e-3)
        let clipped = GradientClipping.clipped([3, 4], maxNorm: 1)
        XCTAssertEqual(clipped[0], 0.6, accuracy: 1e-12)
        XCTAssertEqual(clipped[1], 0.8, accuracy: 1e-12)
        XCTAssertEqual(GradientClipping.clipped([0.3, 0.4], maxNorm: 1), [0.3, 0.4])
    }

    func testGeneralizedAdvantageEstimationMatchesHandComputedValues() {
        // γ = 0.9, λ = 1: A1 = 1 + 0.9·1 = 1.9 (episode ends after step 2), A2 = 1.
        let (advantages, returns) = GeneralizedAdvantageEstimation.compute(rewards: [1, 1, 2], values: [0, 0, 0.5], dones: [false, true, false],
                                                                            bootstrapValue: 1, discount: 0.9, lambda: 1)
        XCTAssertEqual(advantages[0], 1.9, accuracy: 1e-12)
        XCTAssertEqual(advantages[1], 1, accuracy: 1e-12)
        XCTAssertEqual(advantages[2], 2 + 0.9 - 0.5, accuracy: 1e-12)
        XCTAssertEqual(returns[2], 2.9, accuracy: 1e-12)
    }
}
