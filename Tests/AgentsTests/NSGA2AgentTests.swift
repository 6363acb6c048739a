@testable import Agents
import Environments
import Foundation
import GymCore
import XCTest

/// ZDT1 (Zitzler, Deb and Thiele 2000) on a grid: five variables, each in {0, 0.05, …, 1} (21⁵ ≈ 4.1
/// million designs). f₁ = x₁, g = 1 + 9·(x₂ + … + x₅)/4, f₂ = g·(1 − √(f₁/g)), both minimized. The Pareto
/// front is x₂ = … = x₅ = 0: the 21 points (k/20, 1 − √(k/20)).
struct DiscreteZDT1: Environment {
    let name = "zdt1"
    let workload = "default"
    let parameterSpace = ParameterSpace((1...5).map { Parameter("x\($0)", .ordinal((0...20).map { Double($0) / 20 })) })
    let metrics = [MetricDescriptor("f1", unit: "1", direction: .minimize), MetricDescriptor("f2", unit: "1", direction: .minimize)]
    var objective = Objective(goal: .pareto([.init(metric: "f1", direction: .minimize), .init(metric: "f2", direction: .minimize)]))

    func measure(_ design: Design) throws -> SimulatorReport {
        let x1 = design.number("x1")!, g = 1 + 9 * (2...5).map { design.number("x\($0)")! }.reduce(0, +) / 4
        return SimulatorReport(metrics: ["f1": x1, "f2": g * (1 - (x1 / g).squareRoot())])
    }

    static let trueFront: [[Double]] = (0...20).map { [Double($0) / 20, 1 - (Double($0) / 20).squareRoot()] }
}

final class NSGA2AgentTests: XCTestCase {
    func testRecoversTheDiscretizedZDT1FrontWithin2PercentHypervolume() throws {
        let environment = DiscreteZDT1()
        let reference = [1.1, 1.1]
        let trueVolume = hypervolume(points: DiscreteZDT1.trueFront, reference: reference)
        for seed: UInt64 in [1, 2, 3] {
            var agent = NSGA2Agent(space: environment.parameterSpace, objective: environment.objective, seed: seed)
            _ = try AgentBenchmark.bestReward(&agent, environment: environment, budget: 2000, batch: 40)
            let found = agent.archive.map { $0.objectives.map { -$0 } }   // back to minimization
            let volume = hypervolume(points: found, reference: reference)
            print("ZDT1 seed \(seed): hypervolume \(volume) of the true front's \(trueVolume) (\(volume / trueVolume)); \(found.count) points")
            XCTAssertGreaterThan(volume, 0.98 * trueVolume, "seed \(seed): \(volume) vs true \(trueVolume); \(found.count) points")
            XCTAssertLessThanOrEqual(volume, trueVolume + 1e-12)
        }
    }

    func testBeatsRandomWalkOnTheSyntheticEnvironmentOver20Seeds() throws {
        // No Pareto terms: NSGA-II ranks by the scalar reward (an elitist GA).
        try AgentBenchmark.assertBeatsRandomWalk("nsga2", environment: SyntheticEnvironment(), budget: 200, margin: 0.1)
    }

    func testSameSeedSameProposals() throws {
        let environment = try SyntheticEnvironment()
        let objective = try EnvironmentRegistry.standard.entry("synthetic").objectivePreset("pareto-loss-cost")
        func proposals(seed: UInt64) throws -> [Design] {
            var agent = NSGA2Agent(space: environment.parameterSpace, objective: objective, seed: seed)
            var all: [Design] = []
            for _ in 0..<5 {
                let designs = agent.ask(count: 25)
                agent.tell(try designs.map(environment.step))
                all += designs
            }
            return all
        }
        XCTAssertEqual(try proposals(seed: 1), try proposals(seed: 1))
        XCTAssertNotEqual(try proposals(seed: 1), try proposals(seed: 2))
    }

    func testMetricsHyperparameterNamesTheObjectives() throws {
        let made = try AgentRegistry.standard.make("nsga2", space: SyntheticEnvironment().parameterSpace, overrides: ["metrics": "loss,cost:max"], seed: 1)
        let agent = try XCTUnwrap(made.agent as? NSGA2Agent)
        XCTAssertEqual(agent.terms.map(\.metric), ["loss", "cost"])
        XCTAssertEqual(agent.terms.map(\.direction), [.minimize, .maximize])
        XCTAssertThrowsError(try AgentRegistry.standard.make("nsga2", space: SyntheticEnvironment().parameterSpace, overrides: ["metrics": "loss:up"], seed: 1))
    }

    func testNonDominatedSortingAndCrowdingDistance() {
        // Maximization: (3,1), (2,2), (1,3) are mutually non-dominated; (1,1) is dominated by (2,2); (0,0) by all.
        let points: [[Double]] = [[3, 1], [1, 1], [2, 2], [0, 0], [1, 3]]
        XCTAssertEqual(Pareto.nonDominatedFronts(points), [[0, 2, 4], [1], [3]])
        // Crowding of the middle point: (3 − 1)/(3 − 1) + (3 − 1)/(3 − 1) = 2; the extremes are infinite.
        XCTAssertEqual(Pareto.crowdingDistances([[3, 1], [2, 2], [1, 3]]), [.infinity, 2, .infinity])
    }

    func testHypervolumeOfSmallFrontsByHand() {
        // 2-D: [1,2] and [2,1] against (3,3): 2·1 + 1·2 − 1·1 = 3.
        XCTAssertEqual(hypervolume(points: [[1, 2], [2, 1]], reference: [3, 3]), 3)
        // A dominated point and a point outside the reference box add nothing.
        XCTAssertEqual(hypervolume(points: [[1, 2], [2, 1], [2.5, 2.5], [4, 0]], reference: [3, 3]), 3)
        // 3-D: boxes [0,2]×[0,1]×[0,1] and [0,1]×[0,2]×[0,1] (points (0,1,0)…): union = 2 + 2 − 1 = 3,
        // with points (0, 1, 0) and (1, 0, 0) against reference (2, 2, 1).
        XCTAssertEqual(hypervolume(points: [[0, 1, 0], [1, 0, 0]], reference: [2, 2, 1]), 3)
        // The 2-D sweep and the slicing method agree.
        let front: [[Double]] = [[0.1, 0.9], [0.4, 0.5], [0.8, 0.2]]
        XCTAssertEqual(hypervolume(points: front.map { $0 + [0] }, reference: [1, 1, 1]), hypervolume(points: front, reference: [1, 1]), accuracy: 1e-12)
    }
}
