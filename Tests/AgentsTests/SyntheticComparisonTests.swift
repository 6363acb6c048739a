@testable import Agents
import Environments
import Foundation
import GymCore
import XCTest

/// PPO and multi-agent PPO against random walk on the `synthetic` environment (default workload:
/// 4 families × 64 × 9 × continuous), 10 seeds, 300 evaluations each, small networks for speed.
final class SyntheticComparisonTests: XCTestCase {
    static let budget = 300

    /// Best reward after the budget, driving the agent one design at a time.
    static func bestReward(_ agent: inout some SearchAgent, environment: SyntheticEnvironment) throws -> Double {
        var best = -Double.infinity
        for _ in 0..<budget {
            let evaluations = try agent.ask(count: 1).map(environment.step)
            best = max(best, evaluations[0].reward!)
            agent.tell(evaluations)
        }
        return best
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return (sorted[sorted.count / 2] + sorted[(sorted.count - 1) / 2]) / 2
    }

    static func randomWalkMedian(_ environment: SyntheticEnvironment) throws -> Double {
        try median((0..<10).map { seed in
            var agent = RandomWalkAgent(space: environment.parameterSpace, seed: UInt64(seed))
            return try bestReward(&agent, environment: environment)
        })
    }

    func testPPOBeatsRandomWalkMedianBestAfterBudget() throws {
        let environment = try SyntheticEnvironment()
        var hyperparameters = PPOHyperparameters()
        hyperparameters.hiddenLayers = "16"
        hyperparameters.epochs = 4
        let ppo = try Self.median((0..<10).map { seed in
            var agent = PPOAgent(space: environment.parameterSpace, hyperparameters: hyperparameters, seed: UInt64(seed))
            return try Self.bestReward(&agent, environment: environment)
        })
        let random = try Self.randomWalkMedian(environment)
        print("synthetic, \(Self.budget) evaluations, median best reward over 10 seeds: ppo \(ppo), random_walk \(random)")
        XCTAssertGreaterThan(ppo, random)
    }

    func testMultiAgentPPOWithOneAgentPerParameterBeatsRandomWalkAndLogsEntropies() throws {
        let environment = try SyntheticEnvironment()
        let random = try Self.randomWalkMedian(environment)
        for centralized in [false, true] {
            var hyperparameters = MultiAgentPPOHyperparameters()
            hyperparameters.hiddenLayers = "16"
            hyperparameters.centralizedCritic = centralized
            hyperparameters.epochs = 2
            var entropyHistories: [[[Double]]] = []
            let mappo = try Self.median((0..<10).map { seed in
                var agent = try MultiAgentPPOAgent(space: environment.parameterSpace, hyperparameters: hyperparameters, seed: UInt64(seed))
                XCTAssertEqual(agent.groupNames, ["family", "x", "y", "z"])
                let best = try Self.bestReward(&agent, environment: environment)
                entropyHistories.append(agent.entropyHistory)
                return best
            })
            print("synthetic, \(Self.budget) evaluations, median best reward over 10 seeds: mappo(centralized: \(centralized)) \(mappo), random_walk \(random)")
            XCTAssertGreaterThan(mappo, random)
            let history = entropyHistories[0]
            print("mappo(centralized: \(centralized)) seed 0, per-agent entropy (nats) after each update [family, x, y, z]:")
            for (update, entropies) in history.enumerated() { print("  update \(update + 1): \(entropies.map { String(format: "%.3f", $0) })") }
            XCTAssertEqual(history.count, Self.budget / hyperparameters.rolloutSize, "one entry per update")
            XCTAssertTrue(history.allSatisfy { $0.count == 4 }, "one entropy per agent")
            // The categorical `family` agent starts near log 4 nats and becomes more certain as it learns.
            XCTAssertLessThan(history.last![0], history.first![0])
        }
    }

    func testNamedGroupsSplitTheSpaceAndUnknownParametersAreRejected() throws {
        let space = try SyntheticEnvironment().parameterSpace
        var hyperparameters = MultiAgentPPOHyperparameters()
        hyperparameters.groups = "shape=family,x;scale=z"
        var agent = try MultiAgentPPOAgent(space: space, hyperparameters: hyperparameters, seed: 1)
        XCTAssertEqual(agent.groupNames, ["shape", "scale", "y"])
        for design in agent.ask(count: 5) { XCTAssertNoThrow(try space.validate(design)) }
        XCTAssertThrowsError(try AgentRegistry.standard.make("mappo", space: space, overrides: ["groups": "a=family,w"], seed: 0)) { error in
            XCTAssertEqual(String(describing: error), "mappo: hyperparameter 'groups' = 'w' is invalid; allowed: parameters of the space: family, x, y, z")
        }
        XCTAssertThrowsError(try AgentRegistry.standard.make("mappo", space: space, overrides: ["groups": "a=family;b=family"], seed: 0))
    }

    func testMultiAgentSettingsAreFlatAndShareThePPOFields() throws {
        let overridden = try MultiAgentPPOHyperparameters().applying(["learningRate": "0.02", "centralizedCritic": "true", "epochs": "3"], agent: "mappo")
        XCTAssertEqual(overridden.learner.learningRate, 0.02)
        XCTAssertEqual(overridden.epochs, 3)
        XCTAssertTrue(overridden.centralizedCritic)
        guard case .object(let fields) = try JSONValue(encoding: overridden) else { return XCTFail("not an object") }
        let ppoFields: Set<String>
        if case .object(let ppo) = try JSONValue(encoding: PPOHyperparameters()) { ppoFields = Set(ppo.keys) } else { ppoFields = [] }
        XCTAssertEqual(Set(fields.keys), ppoFields.union(["groups", "centralizedCritic"]))
        XCTAssertEqual(try JSONValue(encoding: overridden).decode(MultiAgentPPOHyperparameters.self), overridden)
    }
}

final class PolicySnapshotTests: XCTestCase {
    /// Trains briefly, saves as JSON, restores, and checks the restored greedy design is the original's.
    func testSavedPoliciesRestoreTheSameGreedyDesignForPPOAndMultiAgentPPO() throws {
        let environment = try SyntheticEnvironment()
        let space = environment.parameterSpace
        var ppo = PPOAgent(space: space, hyperparameters: PPOLearningTests.small(), seed: 5)
        var hyperparameters = MultiAgentPPOHyperparameters()
        hyperparameters.hiddenLayers = "8"
        hyperparameters.centralizedCritic = true
        var mappo = try MultiAgentPPOAgent(space: space, hyperparameters: hyperparameters, seed: 5)
        for _ in 0..<64 {
            ppo.tell(try ppo.ask(count: 1).map(environment.step))
            mappo.tell(try mappo.ask(count: 1).map(environment.step))
        }
        XCTAssertEqual(ppo.updateCount, 2)
        XCTAssertEqual(mappo.updateCount, 2)

        var restoredPPO = try PPOAgent(space: space, snapshot: PPOPolicySnapshot(jsonData: ppo.snapshot.jsonData()), seed: 0)
        restoredPPO.isGreedy = true
        XCTAssertEqual(restoredPPO.ask(count: 2), [ppo.greedyDesign(), ppo.greedyDesign()])
        XCTAssertNoThrow(try space.validate(ppo.greedyDesign()))
        XCTAssertEqual(try ppo.snapshot.jsonData(), try restoredPPO.snapshot.jsonData())

        var restoredMAPPO = try MultiAgentPPOAgent(space: space, snapshot: MultiAgentPPOPolicySnapshot(jsonData: mappo.snapshot.jsonData()), seed: 0)
        restoredMAPPO.isGreedy = true
        XCTAssertEqual(restoredMAPPO.ask(count: 1), [mappo.greedyDesign()])
        XCTAssertEqual(restoredMAPPO.critics.count, 1, "centralized critic")

        let other = ParameterSpace([Parameter("w", .integer(low: 0, high: 3))])
        XCTAssertThrowsError(try PPOAgent(space: other, snapshot: ppo.snapshot, seed: 0))
    }
}
