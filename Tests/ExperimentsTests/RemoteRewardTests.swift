import Experiments
import GymCore
import Results
import Wire
import XCTest

/// A remote run stores the same designs, metrics and rewards as a local run with the same seed: the
/// server's `make` reply carries the environment's objective with its references, and presets and
/// constraints are adopted the same way on both sides (docs/objectives.md, "Reward contract").
final class RemoteRewardTests: XCTestCase {
    func storedRun(_ experiment: Experiment, remote: String?) async throws -> [Evaluation] {
        var experiment = experiment
        experiment.remote = remote
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remote-reward-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultsStore(directory: directory)
        let summary = try await experiment.run(store: store)
        return try store.evaluations(runID: XCTUnwrap(summary.runID)).map(\.evaluation)
    }

    func assertRemoteEqualsLocal(_ experiment: Experiment, file: StaticString = #filePath, line: UInt = #line) async throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1))
        defer { server.stop() }
        let local = try await storedRun(experiment, remote: nil)
        let remote = try await storedRun(experiment, remote: server.endpoint)
        XCTAssertEqual(remote.count, experiment.options.budget, file: file, line: line)
        XCTAssertEqual(remote.map(\.design), local.map(\.design), file: file, line: line)
        XCTAssertEqual(remote.map(\.metrics), local.map(\.metrics), file: file, line: line)
        XCTAssertEqual(remote.map(\.reward), local.map(\.reward), file: file, line: line)
        XCTAssertEqual(remote.map(\.violation), local.map(\.violation), file: file, line: line)
        XCTAssertEqual(remote.map(\.feasible), local.map(\.feasible), file: file, line: line)
        XCTAssertTrue(local.allSatisfy { $0.reward?.isFinite == true }, file: file, line: line)
    }

    func testNPUFaultDefaultObjectiveGivesTheSameRewardsRemotelyAndLocally() async throws {
        let experiment = Experiment(environment: "npu-fault", agent: "ga", options: RunOptions(budget: 60, seed: 4))
        try await assertRemoteEqualsLocal(experiment)
    }

    func testSystolicPresetAndConstraintGiveTheSameRewardsRemotelyAndLocally() async throws {
        var experiment = Experiment(environment: "systolic", workload: "alexnet", objectivePreset: "min-cycles-area-2mm2",
                                    constraints: [.init(metric: "area_mm2", comparison: .atMost, bound: 1)],
                                    agent: "random_walk", options: RunOptions(budget: 6, seed: 2))
        experiment.remoteTimeoutSeconds = 120
        try await assertRemoteEqualsLocal(experiment)
    }
}
