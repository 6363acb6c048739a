import Agents
import Environments
import GymCore
import XCTest

final class BaselineAgentTests: XCTestCase {
    func testGridEnumeratesTheWholeSmallSpaceAndFindsTheOptimum() throws {
        let environment = try SyntheticEnvironment(workload: "small")
        var agent = GridAgent(space: environment.parameterSpace)
        let designs = agent.ask(count: 10_000)
        XCTAssertEqual(designs.count, 480)
        XCTAssertEqual(Set(designs).count, 480)
        XCTAssertTrue(agent.isExhausted)
        XCTAssertEqual(agent.ask(count: 1), [])
        let best = try designs.map(environment.step).max { !$0.isBetter(than: $1) && $0 != $1 }!
        XCTAssertEqual(best.design, try environment.parameterSpace.validate(SyntheticEnvironment.optimum(workload: "small")))
    }

    func testGridStopsAtItsCap() {
        var hyperparameters = GridHyperparameters()
        hyperparameters.cap = 10
        var agent = GridAgent(space: try! SyntheticEnvironment(workload: "large").parameterSpace, hyperparameters: hyperparameters)
        XCTAssertEqual(agent.ask(count: 7).count, 7)
        XCTAssertEqual(agent.ask(count: 7).count, 3)
        XCTAssertTrue(agent.isExhausted)
    }

    func testStridedGridVisitsDistinctPointsAcrossTheSpace() throws {
        var hyperparameters = GridHyperparameters()
        hyperparameters.order = "strided"
        var agent = GridAgent(space: try SyntheticEnvironment(workload: "small").parameterSpace, hyperparameters: hyperparameters)
        let designs = agent.ask(count: 480)
        XCTAssertEqual(Set(designs).count, 480, "a coprime stride is a permutation")
        XCTAssertEqual(Set(designs.prefix(12).map { $0["family"]! }).count, 3, "early points already cover every family")
    }

    func testGridDiscretizesContinuousParametersAtTheResolution() throws {
        var agent = GridAgent(space: try SyntheticEnvironment().parameterSpace)
        XCTAssertEqual(agent.gridSize, 4 * 64 * 9 * 5)
        let levels = agent.ask(count: 5).map { $0.number("z")! }   // z varies fastest: log-spaced decades
        for (level, expected) in zip(levels, [0.01, 0.1, 1, 10, 100]) { XCTAssertEqual(level, expected, accuracy: expected * 1e-12) }
    }

    func testRandomWalkIsReproducibleFromItsSeedAndProposesValidDesigns() throws {
        let space = try SyntheticEnvironment().parameterSpace
        var first = RandomWalkAgent(space: space, seed: 9), second = RandomWalkAgent(space: space, seed: 9)
        let a = first.ask(count: 50), b = second.ask(count: 50)
        XCTAssertEqual(a, b)
        for design in a { XCTAssertNoThrow(try space.validate(design)) }
        var third = RandomWalkAgent(space: space, seed: 10)
        XCTAssertNotEqual(third.ask(count: 50), a)
    }

    func testLocalRandomWalkStepsFromTheBestDesign() throws {
        let environment = try SyntheticEnvironment(workload: "large")
        var hyperparameters = RandomWalkHyperparameters()
        hyperparameters.restartProbability = 0
        hyperparameters.mutationRate = 0.25
        var agent = RandomWalkAgent(space: environment.parameterSpace, hyperparameters: hyperparameters, seed: 1)
        let start = agent.ask(count: 1)
        agent.tell(try start.map(environment.step))
        let steps = agent.ask(count: 20)
        let startIndices = environment.parameterSpace.indices(start[0])
        for step in steps {
            let moved = zip(environment.parameterSpace.indices(step), startIndices).filter { $0 != $1 }
            XCTAssertGreaterThanOrEqual(moved.count, 1)
            for (index, (new, old)) in zip(environment.parameterSpace.indices(step), startIndices).enumerated() where index > 0 {
                XCTAssertLessThanOrEqual(abs(new - old), 1, "ordered parameters move to a neighbouring level")
            }
        }
    }

    func testHyperparameterOverridesAreTypedAndUnknownNamesRejected() throws {
        let space = try SyntheticEnvironment().parameterSpace
        let made = try AgentRegistry.standard.make("grid", space: space, overrides: ["cap": "12", "order": "strided"], seed: 0)
        XCTAssertEqual(made.hyperparametersJSON, #"{"cap":12,"order":"strided","resolution":5}"#)
        XCTAssertThrowsError(try AgentRegistry.standard.make("grid", space: space, overrides: ["caps": "1"], seed: 0)) { error in
            XCTAssertEqual(String(describing: error), "grid: unknown hyperparameter 'caps'; valid hyperparameters: cap, order, resolution")
        }
        XCTAssertThrowsError(try AgentRegistry.standard.make("grid", space: space, overrides: ["order": "spiral"], seed: 0)) { error in
            XCTAssertEqual(String(describing: error), "grid: hyperparameter 'order' = 'spiral' is invalid; allowed: lexicographic, strided")
        }
        XCTAssertThrowsError(try AgentRegistry.standard.make("random_walk", space: space, overrides: ["mutationRate": "lots"], seed: 0))
        XCTAssertThrowsError(try AgentRegistry.standard.make("random_walk", space: space, overrides: ["mutationRate": "2"], seed: 0))
        XCTAssertThrowsError(try AgentRegistry.standard.make("annealing", space: space, seed: 0)) { error in
            XCTAssertEqual(String(describing: error), "unknown agent 'annealing'; valid agents: random_walk, grid, ga, aco, bo, tpe, cmaes, nsga2, ppo, mappo, mf")
        }
    }
}
