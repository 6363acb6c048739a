import Agents
import Environments
import GymCore
import XCTest

final class AntColonyAgentTests: XCTestCase {
    func testBeatsRandomWalkOnTheSyntheticEnvironmentOver20Seeds() throws {
        try AgentBenchmark.assertBeatsRandomWalk("aco", environment: SyntheticEnvironment(), budget: 200, margin: 0.2)
    }

    func testSameSeedSameProposals() throws {
        let environment = try SyntheticEnvironment()
        func proposals(seed: UInt64) throws -> [Design] {
            var agent = AntColonyAgent(space: environment.parameterSpace, seed: seed)
            var all: [Design] = []
            for _ in 0..<6 {
                let designs = agent.ask(count: 8)
                agent.tell(try designs.map(environment.step))
                all += designs
            }
            return all
        }
        XCTAssertEqual(try proposals(seed: 5), try proposals(seed: 5))
        XCTAssertNotEqual(try proposals(seed: 5), try proposals(seed: 6))
    }

    func testGlobalUpdateReinforcesTheBestDesignsEdges() throws {
        let environment = try SyntheticEnvironment(workload: "small")
        var hyperparameters = AntColonyHyperparameters()
        hyperparameters.antCount = 1
        var agent = AntColonyAgent(space: environment.parameterSpace, hyperparameters: hyperparameters, seed: 1)
        let optimum = try environment.parameterSpace.validate(SyntheticEnvironment.optimum(workload: "small"))
        agent.tell([try environment.step(optimum)])
        // τ = (1 − 0.1)·1 + 0.1·10 = 1.9 on the optimum's edges; the others keep τ₀ = 1.
        XCTAssertEqual(agent.pheromone[0], [1, 1, 1.9])            // family = gamma (index 2)
        XCTAssertEqual(agent.pheromone[1][5], 1.9, accuracy: 1e-12) // x = 5
        XCTAssertEqual(agent.pheromone[1][4], 1)
    }

    func testLocalUpdateRelaxesTakenEdgesTowardTheInitialPheromone() throws {
        let environment = try SyntheticEnvironment(workload: "small")
        var agent = AntColonyAgent(space: environment.parameterSpace, seed: 1)
        agent.tell([try environment.step(try environment.parameterSpace.validate(SyntheticEnvironment.optimum(workload: "small")))]
                   + Array(repeating: try environment.step(["family": "alpha", "x": 0, "y": 4, "z": 0.01]), count: 15))
        XCTAssertEqual(agent.pheromone[0][2], 1.9, accuracy: 1e-12)
        let taken = agent.ask(count: 1)[0]["family"]
        let family = agent.pheromone[0]
        // Only the edge the ant took relaxes: τ ← 0.9 τ + 0.1 τ₀ (τ₀ = 1); untaken edges keep their value.
        XCTAssertEqual(family[2], taken == "gamma" ? 0.9 * 1.9 + 0.1 : 1.9, accuracy: 1e-12, "took \(taken?.description ?? "-"): \(family)")
        XCTAssertEqual(family[0], 1, accuracy: 1e-12)
    }

    func testDefaultsAreArchGyms() {
        let defaults = AntColonyHyperparameters()
        XCTAssertEqual([Double(defaults.antCount), defaults.evaporation, defaults.greediness, Double(defaults.depth)], [16, 0.1, 0.5, 4])
    }
}
