import Environments
import GymCore
import Wire
import XCTest

/// The reward contract over the wire: `make` takes an objective, every reward is finite, and in one
/// session every infeasible reward lies below every feasible one (docs/objectives.md).
final class RewardContractWireTests: XCTestCase {
    var server: EnvironmentServer!

    override func setUpWithError() throws {
        server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 2))
    }

    override func tearDown() { server.stop() }

    /// Systolic designs (BERT-base, its quickest workload) take milliseconds to a second each in a
    /// debug build; the release build runs all 1,000.
    #if DEBUG
    static let systolicDesigns = 100
    #else
    static let systolicDesigns = 1000
    #endif

    /// 1,000 random designs per environment (a 200-request DRAM trace and, in debug builds, fewer
    /// systolic designs keep the test short; the contract does not depend on the workload).
    func testThousandRandomDesignsPerEnvironmentHaveFiniteRewardsWithInfeasibleBelowFeasible() throws {
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 900)
        let cases: [(env: String, workload: String?, options: [String: String], objective: JSONValue?)] = [
            ("synthetic", nil, [:], .string("loss-under-cost")),
            ("systolic", "bert_base", [:], .object(["constraints": .array([.string("area_mm2<=1")])])),
            ("dram", "stream", ["trace_requests": "200"], nil),
            ("dataflow", nil, [:], .string("runtime-under-area")),
            ("hetero", nil, [:], .string("nasaic-specs")),
            ("npu-fault", nil, [:], nil),
        ]
        for entry in cases {
            let (session, space) = try client.make(environment: entry.env, workload: entry.workload, options: entry.options,
                                                   objective: entry.objective)
            let contract = try XCTUnwrap(space.reward, entry.env)
            var generator = SeededGenerator(seed: 14)
            let count = entry.env == "systolic" ? Self.systolicDesigns : 1000
            let designs = (0..<count).map { _ in space.parameterSpace.randomDesign(using: &generator) }
            var evaluations: [WireEvaluation] = []
            for start in stride(from: 0, to: designs.count, by: 250) {
                evaluations += try client.stepBatch(session: session, designs: Array(designs[start..<min(start + 250, count)]))
            }
            let rewards = try evaluations.map { try XCTUnwrap($0.reward, entry.env) }
            XCTAssertTrue(rewards.allSatisfy(\.isFinite), entry.env)
            let feasible = evaluations.filter(\.feasible).map { $0.reward! }
            let infeasible = evaluations.filter { !$0.feasible }.map { $0.reward! }
            if let worstFeasible = feasible.min(), let bestInfeasible = infeasible.max() {
                XCTAssertLessThan(bestInfeasible, worstFeasible, entry.env)
            }
            XCTAssertTrue(feasible.allSatisfy { contract.feasible[0] <= $0 && $0 <= contract.feasible[1] }, entry.env)
            for evaluation in evaluations where !evaluation.feasible {
                if evaluation.violation > 0 {
                    XCTAssertTrue(contract.infeasible[0] <= evaluation.reward! && evaluation.reward! <= contract.infeasible[1], entry.env)
                } else {
                    XCTAssertEqual(evaluation.reward, contract.unbuildable, entry.env)
                }
            }
            print("\(entry.env): \(feasible.count) feasible, \(infeasible.count) infeasible of \(count)")
            try client.close(session: session)
        }
    }

    func testMakeWithAPresetReturnsRewardsUnderItAndDescribesTheContract() throws {
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        let (session, space) = try client.make(environment: "synthetic", objective: .string("loss-under-cost"))
        let contract = try XCTUnwrap(space.reward)
        XCTAssertEqual(contract.objective.constraints, [.init(metric: "cost", comparison: .atMost, bound: 20)])
        XCTAssertEqual(contract.feasible, [-1, 1])
        XCTAssertEqual(contract.infeasible, [-3, -2])
        XCTAssertEqual(contract.unbuildable, -4)
        XCTAssertEqual(contract.contract, "docs/objectives.md#reward-contract")
        let local = try EnvironmentRegistry.standard.make("synthetic")
        let design: Design = ["family": "gamma", "x": 37, "y": 16, "z": 1.0]
        let cost = try local.step(design).metrics["cost"]!
        let evaluation = try client.step(session: session, design: design)
        XCTAssertEqual(evaluation.feasible, cost <= 20)
        if cost > 20 {
            XCTAssertEqual(evaluation.violation, (cost - 20) / 20, accuracy: 1e-12)
            XCTAssertEqual(evaluation.reward!, -2 - Objective.soft((cost - 20) / 20), accuracy: 1e-12)
        }
    }

    func testMakeWithTermsAndConstraintsUsesThemAndNamesBadFields() throws {
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        let objective: JSONValue = .object([
            "terms": .array([.object(["metric": .string("cost"), "reference": .number(50)])]),
            "constraints": .array([.object(["metric": .string("loss"), "op": .string("<="), "bound": .number(0.5)])]),
        ])
        let (session, space) = try client.make(environment: "synthetic", objective: objective)
        XCTAssertEqual(space.reward?.formula, "-soft(cost / 50)")
        let design: Design = ["family": "gamma", "x": 37, "y": 16, "z": 1.0]
        let evaluation = try client.step(session: session, design: design)
        let cost = try XCTUnwrap(evaluation.metrics["cost"])
        XCTAssertTrue(evaluation.feasible)                 // loss 0 at the optimum
        XCTAssertEqual(evaluation.reward!, -Objective.soft(cost / 50), accuracy: 1e-12)
        for (bad, field) in [(JSONValue.string("no-such-preset"), "objective"), (.number(3), "objective"),
                             (.object(["terms": .array([.object(["metric": .string("watts")])])]), "objective"),
                             (.object(["constraints": .array([.string("cost<<3")])]), "objective.constraints[0]"),
                             (.object(["goal": .string("x")]), "objective.goal")] {
            XCTAssertThrowsError(try client.make(environment: "synthetic", objective: bad)) { error in
                XCTAssertEqual((error as? WireError)?.field, field, "\(bad)")
            }
        }
    }

    func testRemoteEnvironmentScoresWithTheServersDefaultObjective() throws {
        let remote = try RemoteEnvironment(endpoint: server.endpoint, environment: "npu-fault", timeoutSeconds: 10)
        let local = try EnvironmentRegistry.standard.make("npu-fault")
        XCTAssertEqual(remote.objective, local.objective)
        let none = try remote.step(remote.parameterSpace.defaults!)
        XCTAssertEqual(none, try local.step(local.parameterSpace.defaults!).withSimWall(none.simWallSeconds))
        XCTAssertFalse(none.feasible)
        XCTAssertGreaterThan(none.violation, 0)
    }
}

extension Evaluation {
    func withSimWall(_ seconds: Double) -> Evaluation {
        var copy = self
        copy.simWallSeconds = seconds
        return copy
    }
}
