@testable import Agents
import Foundation
import Environments
import GymCore
import XCTest

/// Small problems PPO must solve within a fixed budget, over 10 seeds. Networks and budgets are small so
/// the suite stays fast in debug builds.
final class PPOLearningTests: XCTestCase {
    static func evaluation(_ design: Design, metrics: [String: Double], reward: Double) -> Evaluation {
        Evaluation(design: design, metrics: metrics, feasible: true, reason: nil, reward: reward, simWallSeconds: 0)
    }

    /// Test settings: one hidden layer of 16, the rest as the defaults unless changed.
    static func small(_ change: (inout PPOHyperparameters) -> Void = { _ in }) -> PPOHyperparameters {
        var hyperparameters = PPOHyperparameters()
        hyperparameters.hiddenLayers = "16"
        change(&hyperparameters)
        return hyperparameters
    }

    /// Contextual bandit: each evaluation reports a fresh random `context` in {0, 1, 2}; the next
    /// proposal earns 1 when its `arm` matches that context, else 0. Chance is 1/3; success is at least
    /// 80% matches over the last 100 of 600 steps.
    func testPPOSolvesAContextualBanditInAtLeast9Of10Seeds() {
        let space = ParameterSpace([Parameter("arm", .categorical(["a", "b", "c"]))])
        let hyperparameters = Self.small {
            $0.discount = 0
            $0.episodeLength = 10_000
            $0.observeDesign = false
            $0.learningRate = 1e-2
        }
        var successes = 0
        for seed in 0..<10 {
            var agent = PPOAgent(space: space, hyperparameters: hyperparameters, seed: UInt64(seed))
            var contexts = SeededGenerator(seed: 1000 + UInt64(seed))
            var context = Int.random(in: 0..<3, using: &contexts)
            var matches = 0
            for step in 0..<600 {
                let design = agent.ask(count: 1)[0]
                let reward = design.choice("arm") == ["a", "b", "c"][context] ? 1.0 : 0.0
                if step >= 500 { matches += Int(reward) }
                context = Int.random(in: 0..<3, using: &contexts)
                agent.tell([Self.evaluation(design, metrics: ["context": Double(context)], reward: reward)])
            }
            if matches >= 80 { successes += 1 }
        }
        print("contextual bandit solved in \(successes)/10 seeds")
        XCTAssertGreaterThanOrEqual(successes, 9, "contextual bandit solved in \(successes)/10 seeds")
    }

    /// Deterministic chain of 5 positions: `move=right` steps right, `left` steps left (walls at the
    /// ends); each step ending on the last position earns 1. Episodes last 8 steps from position 0, so
    /// the best return is 5 (4 steps to the end, then stay). Success: the greedy policy, restored from
    /// its saved JSON, earns 5 in one episode after 800 training steps.
    func testPPOSolvesADeterministicChainInAtLeast9Of10Seeds() throws {
        let space = ParameterSpace([Parameter("move", .categorical(["left", "right"]))])
        let hyperparameters = Self.small {
            $0.episodeLength = 8
            $0.discount = 0.9
            $0.observeDesign = false
            $0.learningRate = 1e-2
        }
        func run(_ agent: inout PPOAgent, steps: Int) -> Double {
            var position = 0, total = 0.0
            for step in 0..<steps {
                if step % 8 == 0 { position = 0 }
                let design = agent.ask(count: 1)[0]
                position = min(max(position + (design.choice("move") == "right" ? 1 : -1), 0), 4)
                let reward = position == 4 ? 1.0 : 0.0
                total += reward
                agent.tell([Self.evaluation(design, metrics: ["position": Double(position)], reward: reward)])
            }
            return total
        }
        var successes = 0
        for seed in 0..<10 {
            var agent = PPOAgent(space: space, hyperparameters: hyperparameters, seed: UInt64(seed))
            _ = run(&agent, steps: 800)
            var greedy = try PPOAgent(space: space, snapshot: PPOPolicySnapshot(jsonData: agent.snapshot.jsonData()), seed: 0)
            greedy.isGreedy = true
            if run(&greedy, steps: 8) == 5 { successes += 1 }
        }
        print("chain solved in \(successes)/10 seeds")
        XCTAssertGreaterThanOrEqual(successes, 9, "chain solved in \(successes)/10 seeds")
    }
}

final class PPOPresetTests: XCTestCase {
    func testArchGymPresetFileMatchesTheStaticPreset() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("agents/presets/ppo-archgym.json")
        let preset = try JSONDecoder().decode(PPOHyperparameters.self, from: Data(contentsOf: url))
        XCTAssertEqual(preset, PPOHyperparameters.archgym)
        XCTAssertEqual(preset.learningRate, 2e-5)
        XCTAssertEqual(preset.entropyCoefficient, 0.1)
        XCTAssertEqual(preset.clipRange, 0.2)
        XCTAssertEqual(preset.hiddenWidths, [32, 32, 32])
        XCTAssertNoThrow(try preset.validate(agent: "ppo"))
    }

    func testProposalsAreValidAndReproducibleFromTheSeed() throws {
        let environment = try SyntheticEnvironment()
        func designs(seed: UInt64) throws -> [Design] {
            var agent = PPOAgent(space: environment.parameterSpace, hyperparameters: PPOLearningTests.small(), seed: seed)
            var all: [Design] = []
            for _ in 0..<40 {
                let batch = agent.ask(count: 2)
                agent.tell(try batch.map(environment.step))
                all += batch
            }
            return all
        }
        let first = try designs(seed: 3)
        XCTAssertEqual(first, try designs(seed: 3))
        XCTAssertNotEqual(first, try designs(seed: 4))
        for design in first { XCTAssertNoThrow(try environment.parameterSpace.validate(design)) }
    }

    func testBadHyperparametersAreRejectedWithTheFieldName() throws {
        let space = try SyntheticEnvironment().parameterSpace
        XCTAssertThrowsError(try AgentRegistry.standard.make("ppo", space: space, overrides: ["hiddenLayers": "32,x"], seed: 0)) { error in
            XCTAssertEqual(String(describing: error), "ppo: hyperparameter 'hiddenLayers' = '32,x' is invalid; allowed: up to 8 comma-separated widths in 1...1024, e.g. 32,32,32")
        }
        XCTAssertThrowsError(try AgentRegistry.standard.make("ppo", space: space, overrides: ["clipRange": "0"], seed: 0))
        XCTAssertNoThrow(try AgentRegistry.standard.make("ppo", space: space, overrides: ["activation": "relu", "hiddenLayers": "8,8"], seed: 0))
    }
}

final class SpaceActionCodecTests: XCTestCase {
    func testHeadsAreCategoricalForSmallDiscreteParametersAndGaussianOtherwise() throws {
        let large = try SyntheticEnvironment(workload: "large").parameterSpace   // family 4, x 256 levels, y 11, z 41
        XCTAssertEqual(SpaceActionCodec(parameters: large.parameters).head.heads,
                       [.categorical(count: 4), .gaussian, .categorical(count: 11), .categorical(count: 41)])
        let codec = SpaceActionCodec(parameters: large.parameters)
        let values = codec.values(for: [2, 0.1, 10, 0])
        XCTAssertEqual(values.map(\.value), ["gamma", .integer(153), .number(1024), .number(0.01)], "x: 0.6·255 = 153")
    }
}
