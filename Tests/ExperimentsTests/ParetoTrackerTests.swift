import Experiments
import GymCore
import XCTest

final class ParetoTrackerTests: XCTestCase {
    func testKeepsTheNonDominatedFeasibleEvaluationsAndMeasuresTheirHypervolume() {
        let objective = Objective(goal: .pareto([.init(metric: "loss", direction: .minimize), .init(metric: "cost", direction: .minimize, reference: 10)]))
        var tracker = ParetoTracker(objective: objective)
        func evaluation(_ loss: Double, _ cost: Double, feasible: Bool = true) -> Evaluation {
            Evaluation(design: [:], metrics: ["loss": loss, "cost": cost], feasible: feasible, reason: nil, reward: 0, simWallSeconds: 0)
        }
        for item in [evaluation(1, 20), evaluation(2, 10), evaluation(2, 20), evaluation(0.5, 5, feasible: false), evaluation(1, 20)] { tracker.add(item) }
        XCTAssertEqual(tracker.front.map(\.evaluation.metrics), [["loss": 1, "cost": 20], ["loss": 2, "cost": 10]])
        // Scaled minimization points (1, 2) and (2, 1) against (3, 3) (cost 30 / scale 10): 2·1 + 1·2 − 1·1 = 3.
        XCTAssertEqual(tracker.hypervolume(reference: ["loss": 3, "cost": 30]), 3)
        XCTAssertNil(tracker.hypervolume(reference: ["loss": 3]))
    }
}
