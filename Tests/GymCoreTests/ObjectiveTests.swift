import GymCore
import XCTest

final class ObjectiveTests: XCTestCase {
    func testMinimizedMetricGivesHigherRewardToLowerValues() {
        let objective = Objective.optimize(MetricDescriptor("cycles", unit: "cycles", direction: .minimize))
        XCTAssertEqual(objective.reward(["cycles": 100]), -100)
        XCTAssertGreaterThan(objective.reward(["cycles": 100])!, objective.reward(["cycles": 200])!)
    }

    func testMaximizedMetricGivesHigherRewardToHigherValues() {
        let objective = Objective.optimize(MetricDescriptor("throughput", unit: "GB/s", direction: .maximize), scale: 10)
        XCTAssertEqual(objective.reward(["throughput": 25]), 2.5)
    }

    func testTargetRewardIsRelativeDistanceOfMissedTargets() {
        let objective = Objective(goal: .targets([
            .init(metric: "latency_ns", value: 100, direction: .minimize),
            .init(metric: "power_mW", value: 50, direction: .minimize, weight: 2),
        ]))
        // latency misses by 50%; power meets its target, which costs nothing.
        XCTAssertEqual(objective.reward(["latency_ns": 150, "power_mW": 40])!, -0.5, accuracy: 1e-12)
        // latency meets; power misses by 20% with weight 2.
        XCTAssertEqual(objective.reward(["latency_ns": 90, "power_mW": 60])!, -0.4, accuracy: 1e-12)
        XCTAssertEqual(objective.reward(["latency_ns": 90, "power_mW": 40]), 0)
        XCTAssertTrue(objective.isMet(by: ["latency_ns": 100, "power_mW": 50]))
        XCTAssertFalse(objective.isMet(by: ["latency_ns": 100.1, "power_mW": 50]))
        XCTAssertFalse(objective.isMet(by: ["latency_ns": 100]))
    }

    func testTwoSidedTargetPenalizesOvershootLikeArchGym() {
        let objective = Objective(goal: .targets([.init(metric: "latency_ns", value: 100, direction: .minimize, twoSided: true)]))
        XCTAssertEqual(objective.reward(["latency_ns": 80])!, -0.2, accuracy: 1e-12)
        XCTAssertTrue(objective.isMet(by: ["latency_ns": 80]))
    }

    func testViolatedConstraintMakesEvaluationInfeasibleButKeepsReward() {
        let objective = Objective(goal: .weightedSum([.init(metric: "cycles", direction: .minimize)]),
                                  constraints: [.init(metric: "area_mm2", comparison: .atMost, bound: 4)])
        let evaluation = objective.evaluate(["rows": 8], SimulatorReport(metrics: ["cycles": 10, "area_mm2": 5]), simWallSeconds: 0)
        XCTAssertFalse(evaluation.feasible)
        XCTAssertEqual(evaluation.reason, "constraint area_mm2 <= 4 violated: area_mm2 = 5")
        XCTAssertEqual(evaluation.reward, -10)
        let ok = objective.evaluate(["rows": 8], SimulatorReport(metrics: ["cycles": 20, "area_mm2": 4]), simWallSeconds: 0)
        XCTAssertTrue(ok.feasible)
        XCTAssertTrue(ok.isBetter(than: evaluation), "a feasible evaluation outranks an infeasible one with a higher reward")
    }

    func testMissingObjectiveMetricIsInfeasibleWithNoReward() {
        let objective = Objective.optimize(MetricDescriptor("cycles", unit: "cycles", direction: .minimize))
        let evaluation = objective.evaluate([:], SimulatorReport(metrics: ["energy_pJ": 1]), simWallSeconds: 0)
        XCTAssertFalse(evaluation.feasible)
        XCTAssertNil(evaluation.reward)
        XCTAssertEqual(evaluation.reason, "objective needs metric(s) not reported: cycles")
    }

    func testNonFiniteMetricIsDroppedAndMarksInfeasible() {
        let report = SimulatorReport(metrics: ["cycles": .nan, "area_mm2": 1])
        XCTAssertFalse(report.feasible)
        XCTAssertNil(report.metrics["cycles"])
        XCTAssertEqual(report.reason, "metric 'cycles' is not finite")
    }

    func testObjectiveRoundTripsThroughJSON() throws {
        let objective = Objective(goal: .targets([.init(metric: "t", value: 3, direction: .maximize)]),
                                  constraints: [.init(metric: "a", comparison: .atLeast, bound: 1)])
        XCTAssertEqual(try JSONDecoder().decode(Objective.self, from: JSONEncoder().encode(objective)), objective)
        XCTAssertEqual(objective.description, "targets t>=3 subject to a >= 1")
    }

    func testEvaluationJSONHasExplicitNullReason() throws {
        let evaluation = Evaluation(design: ["x": 1], metrics: ["m": 2], feasible: true, reason: nil, reward: -2, simWallSeconds: 0.5)
        let json = String(decoding: try JSONEncoder().encode(evaluation), as: UTF8.self)
        XCTAssertTrue(json.contains(#""reason":null"#), json)
        XCTAssertTrue(json.contains(#""sim_wall_s":0.5"#), json)
    }

    func testParetoGoalKeepsTheMetricVectorAndRewardsTheWeightedSum() throws {
        let objective = Objective(goal: .pareto([.init(metric: "latency", direction: .minimize, weight: 1, scale: 10),
                                                 .init(metric: "throughput", direction: .maximize, weight: 2)]))
        let metrics = ["latency": 30.0, "throughput": 4.0]
        XCTAssertEqual(objective.paretoVector(metrics), [-3, 4])          // sᵢ·mᵢ/scaleᵢ, larger is better
        XCTAssertEqual(objective.reward(metrics), -3 + 2 * 4)            // Σ wᵢ·sᵢ·mᵢ/scaleᵢ = 5
        XCTAssertNil(objective.paretoVector(["latency": 30]))
        XCTAssertNil(Objective.optimize(MetricDescriptor("x", unit: "1", direction: .minimize)).paretoVector(["x": 1]))
        XCTAssertEqual(objective.description, "pareto minimize(latency), maximize(throughput)")
        let decoded = try JSONDecoder().decode(Objective.self, from: JSONEncoder().encode(objective))
        XCTAssertEqual(decoded, objective)
    }
}

import Foundation
