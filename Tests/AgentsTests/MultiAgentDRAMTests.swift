import Agents
import Environments
import Experiments
import GymCore
import XCTest

/// ArchGym's multi-agent formulation: one PPO learner per DRAM controller knob, shared reward.
final class MultiAgentDRAMTests: XCTestCase {
    func testTenAgentsOnePerKnobRunEndToEndAndLogEntropiesAsTheyLearn() async throws {
        // The first 400 requests of cloud-1 keep this quick in a debug build.
        let environment = try EnvironmentRegistry.standard.make("dram", workload: "cloud-1", options: ["trace_requests": "400"])
        var hyperparameters = MultiAgentPPOHyperparameters()
        hyperparameters.hiddenLayers = "16,16"
        hyperparameters.rolloutSize = 16
        hyperparameters.minibatchSize = 8
        hyperparameters.epochs = 2
        var agent: any SearchAgent = try MultiAgentPPOAgent(space: environment.parameterSpace, hyperparameters: hyperparameters, seed: 3)
        let summary = try await Runner(options: RunOptions(budget: 96, seed: 3)).run(environment: environment, agent: &agent)
        XCTAssertEqual(summary.evaluations, 96)
        XCTAssertTrue(summary.best!.feasible)
        let learned = try XCTUnwrap(agent as? MultiAgentPPOAgent)
        XCTAssertEqual(learned.groupNames.count, 10, "one agent per knob")
        XCTAssertEqual(learned.entropyHistory.count, 96 / 16, "one entropy row per update")
        for row in learned.entropyHistory {
            XCTAssertEqual(row.count, 10)
            XCTAssertTrue(row.allSatisfy { $0.isFinite && $0 >= 0 })
        }
        // Learning sharpens the page-policy agent's distribution (uniform over 4 choices: ln 4 ≈ 1.386).
        XCTAssertEqual(learned.entropyHistory[0][0], log(4), accuracy: 0.01)
        XCTAssertLessThan(learned.entropyHistory.last![0], learned.entropyHistory[0][0] - 0.05)
        print("mappo on dram, per-agent entropy per update (\(learned.groupNames.joined(separator: ", "))):")
        for (update, row) in learned.entropyHistory.enumerated() {
            print("  update \(update + 1): " + row.map { String(format: "%.3f", $0) }.joined(separator: " "))
        }
    }
}
