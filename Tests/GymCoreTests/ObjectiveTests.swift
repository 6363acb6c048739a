import GymCore
import XCTest

final class ObjectiveTests: XCTestCase {
    func testMinimizedMetricIsSoftSignOfItsRatioToTheReference() {
        let objective = Objective.optimize(MetricDescriptor("cycles", unit: "cycles", direction: .minimize), reference: 100)
        XCTAssertEqual(objective.reward(["cycles": 100]), -0.5)                 // −soft(1) at the reference
        XCTAssertEqual(objective.reward(["cycles": 300])!, -0.75, accuracy: 1e-15)  // −3/(1+3)
        XCTAssertEqual(objective.reward(["cycles": 0]), 0)
        XCTAssertGreaterThan(objective.reward(["cycles": 100])!, objective.reward(["cycles": 200])!)
        XCTAssertEqual(objective.reward(["cycles": 1e300]), -1, "feasible rewards stay in [−W, W], W = 1")
    }

    func testMaximizedMetricGivesHigherRewardToHigherValues() {
        let objective = Objective.optimize(MetricDescriptor("throughput", unit: "GB/s", direction: .maximize), reference: 10)
        XCTAssertEqual(objective.reward(["throughput": 25])!, 2.5 / 3.5, accuracy: 1e-15)
    }

    func testTargetRewardIsSoftRelativeDistanceOfMissedTargets() {
        let objective = Objective(goal: .targets([
            .init(metric: "latency_ns", value: 100, direction: .minimize),
            .init(metric: "power_mW", value: 50, direction: .minimize, weight: 2),
        ]))
        // latency misses by 50%: −soft(0.5) = −1/3; power meets its target, which costs nothing.
        XCTAssertEqual(objective.reward(["latency_ns": 150, "power_mW": 40])!, -1.0 / 3, accuracy: 1e-12)
        // latency meets; power misses by 20% with weight 2: −2·0.2/1.2.
        XCTAssertEqual(objective.reward(["latency_ns": 90, "power_mW": 60])!, -1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(objective.reward(["latency_ns": 90, "power_mW": 40]), 0)
        XCTAssertTrue(objective.isMet(by: ["latency_ns": 100, "power_mW": 50]))
        XCTAssertFalse(objective.isMet(by: ["latency_ns": 100.1, "power_mW": 50]))
        XCTAssertFalse(objective.isMet(by: ["latency_ns": 100]))
    }

    func testTwoSidedTargetPenalizesOvershootLikeArchGym() {
        let objective = Objective(goal: .targets([.init(metric: "latency_ns", value: 100, direction: .minimize, twoSided: true)]))
        XCTAssertEqual(objective.reward(["latency_ns": 80])!, -0.2 / 1.2, accuracy: 1e-12)
        XCTAssertTrue(objective.isMet(by: ["latency_ns": 80]))
    }

    func testViolatedConstraintGivesRelativeViolationAndAPenaltyBelowEveryFeasibleReward() {
        let objective = Objective(goal: .weightedSum([.init(metric: "cycles", direction: .minimize, reference: 10)]),
                                  constraints: [.init(metric: "area_mm2", comparison: .atMost, bound: 4),
                                                .init(metric: "spfm_pct", comparison: .atLeast, bound: 99)])
        let evaluation = objective.evaluate(["rows": 8], SimulatorReport(metrics: ["cycles": 10, "area_mm2": 5, "spfm_pct": 99]), simWallSeconds: 0)
        XCTAssertFalse(evaluation.feasible)
        XCTAssertEqual(evaluation.reason, "constraint area_mm2 <= 4 violated: area_mm2 = 5")
        XCTAssertEqual(evaluation.violation, 0.25)                 // (5 − 4) / 4
        XCTAssertEqual(evaluation.reward!, -1 - 1 - 0.2, accuracy: 1e-15)  // −W − 1 − soft(0.25), W = 1
        let both = objective.evaluate(["rows": 8], SimulatorReport(metrics: ["cycles": 10, "area_mm2": 6, "spfm_pct": 89.1]), simWallSeconds: 0)
        XCTAssertEqual(both.violation, 0.5 + 0.1, accuracy: 1e-12)   // (6 − 4)/4 + (99 − 89.1)/99
        XCTAssertTrue(evaluation.isBetter(than: both), "a smaller violation ranks higher")
        XCTAssertGreaterThan(evaluation.reward!, both.reward!)
        let ok = objective.evaluate(["rows": 8], SimulatorReport(metrics: ["cycles": 1e12, "area_mm2": 4, "spfm_pct": 99]), simWallSeconds: 0)
        XCTAssertTrue(ok.feasible)
        XCTAssertEqual(ok.violation, 0)
        XCTAssertTrue(ok.isBetter(than: evaluation), "a feasible evaluation outranks an infeasible one")
        XCTAssertGreaterThan(ok.reward!, evaluation.reward!, "even the worst feasible reward is above every penalty")
    }

    func testUnbuildableDesignRanksLastWithAFinitePenalty() {
        let objective = Objective(goal: .weightedSum([.init(metric: "cycles", direction: .minimize, weight: 2, reference: 1)]),
                                  constraints: [.init(metric: "area_mm2", comparison: .atMost, bound: 4)])
        let unbuildable = objective.evaluate([:], .infeasible("mapping does not fit"), simWallSeconds: 0)
        XCTAssertEqual(unbuildable.reward, -5)                    // −W − 3, W = 2
        XCTAssertEqual(unbuildable.violation, 0)
        XCTAssertFalse(unbuildable.isBuildable)
        let violating = objective.evaluate([:], SimulatorReport(metrics: ["cycles": 1, "area_mm2": 1e300]), simWallSeconds: 0)
        XCTAssertTrue(violating.isBetter(than: unbuildable))
        XCTAssertEqual(violating.reward, -4, "an enormous violation saturates at −W − 2")
        XCTAssertGreaterThan(violating.reward!, unbuildable.reward!)
        XCTAssertEqual(violating.rank.tier, .violatesConstraints)
        XCTAssertEqual(unbuildable.rank.tier, .unbuildable)
    }

    func testMissingObjectiveMetricIsUnbuildableWithTheLowestReward() {
        let objective = Objective.optimize(MetricDescriptor("cycles", unit: "cycles", direction: .minimize))
        let evaluation = objective.evaluate([:], SimulatorReport(metrics: ["energy_pJ": 1]), simWallSeconds: 0)
        XCTAssertFalse(evaluation.feasible)
        XCTAssertEqual(evaluation.reward, -4)
        XCTAssertEqual(evaluation.reason, "objective needs metric(s) not reported: cycles")
    }

    func testReferencesComeFromTheDefaultDesignAndZeroFallsBackToOne() {
        let objective = Objective(goal: .weightedSum([.init(metric: "cycles", direction: .minimize),
                                                      .init(metric: "area", direction: .minimize),
                                                      .init(metric: "energy", direction: .minimize, reference: 7)]))
        let referenced = objective.referencing(["cycles": 2_000, "area": 0, "energy": 3])
        XCTAssertEqual(referenced.goal, .weightedSum([.init(metric: "cycles", direction: .minimize, reference: 2_000),
                                                      .init(metric: "area", direction: .minimize, reference: 1),
                                                      .init(metric: "energy", direction: .minimize, reference: 7)]))
        XCTAssertFalse(referenced.missesReferences)
        XCTAssertEqual(referenced.rewardFormula, "-soft(cycles / 2000) + -soft(area / 1) + -soft(energy / 7)")
    }

    func testStoredScaleOfOlderRunsDecodesAsTheReference() throws {
        let json = #"{"metric":"total_cycles","direction":"minimize","weight":1,"scale":1000000}"#
        let term = try JSONDecoder().decode(Objective.Term.self, from: Data(json.utf8))
        XCTAssertEqual(term.reference, 1e6)
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
        let objective = Objective(goal: .pareto([.init(metric: "latency", direction: .minimize, weight: 1, reference: 10),
                                                 .init(metric: "throughput", direction: .maximize, weight: 2)]))
        let metrics = ["latency": 30.0, "throughput": 4.0]
        XCTAssertEqual(objective.paretoVector(metrics), [-3, 4])          // sᵢ·mᵢ/refᵢ, larger is better
        XCTAssertEqual(objective.reward(metrics)!, -0.75 + 2 * 0.8, accuracy: 1e-12)  // Σ wᵢ·soft(sᵢ·mᵢ/refᵢ)
        XCTAssertNil(objective.paretoVector(["latency": 30]))
        XCTAssertNil(Objective.optimize(MetricDescriptor("x", unit: "1", direction: .minimize)).paretoVector(["x": 1]))
        XCTAssertEqual(objective.description, "pareto minimize(latency), maximize(throughput)")
        let decoded = try JSONDecoder().decode(Objective.self, from: JSONEncoder().encode(objective))
        XCTAssertEqual(decoded, objective)
    }

    func testStrictBoundsPrintAsPeopleWriteThem() {
        XCTAssertEqual(Objective.Constraint(metric: "pmhf_fit", comparison: .atMost, bound: 10.0.nextDown).description, "pmhf_fit < 10")
        XCTAssertEqual(Objective.Constraint(metric: "spfm_pct", comparison: .atLeast, bound: 99.0.nextUp).description, "spfm_pct > 99")
        XCTAssertEqual(Objective.Constraint(metric: "area_mm2", comparison: .atMost, bound: 2).description, "area_mm2 <= 2")
        XCTAssertEqual(Objective.Constraint(metric: "x", comparison: .atMost, bound: 0.1).description, "x <= 0.1")
        XCTAssertEqual(Objective.Constraint(metric: "x", comparison: .atLeast, bound: 1.0 / 3).description, "x >= 0.3333333333333333")
    }
}

import Foundation
