@testable import Agents
import Environments
import GymCore
import XCTest

final class GeneticAgentTests: XCTestCase {
    func testBeatsRandomWalkOnTheSyntheticEnvironmentOver20Seeds() throws {
        // Budget 200 = about six generations of 32. Measured: ga median best reward -0.034, random walk -0.372.
        try AgentBenchmark.assertBeatsRandomWalk("ga", environment: SyntheticEnvironment(), budget: 200, margin: 0.2)
    }

    func testALongRunRemembersABoundedNumberOfDesigns() throws {
        let environment = try SyntheticEnvironment()
        var hyperparameters = GeneticHyperparameters()
        hyperparameters.populationSize = 8
        hyperparameters.generations = 1000
        var agent = GeneticAgent(space: environment.parameterSpace, hyperparameters: hyperparameters, seed: 3)
        var evaluations = 0
        for _ in 0..<200 {   // 1,600 evaluations, 200 generations
            let designs = agent.ask(count: 8)
            agent.tell(try designs.map(environment.step))
            evaluations += designs.count
        }
        XCTAssertEqual(evaluations, 1600)
        XCTAssertLessThanOrEqual(agent.rememberedDesignCount, GeneticAgent.recentGenerations * 8)
        XCTAssertGreaterThan(agent.rememberedDesignCount, 8 * 8, "recent generations are still remembered")
    }

    func testSameSeedSameProposals() throws {
        let environment = try SyntheticEnvironment()
        func proposals(seed: UInt64) throws -> [Design] {
            var agent = GeneticAgent(space: environment.parameterSpace, seed: seed)
            var all: [Design] = []
            for _ in 0..<5 {
                let designs = agent.ask(count: 20)
                agent.tell(try designs.map(environment.step))
                all += designs
            }
            return all
        }
        XCTAssertEqual(try proposals(seed: 3), try proposals(seed: 3))
        XCTAssertNotEqual(try proposals(seed: 3), try proposals(seed: 4))
    }

    func testProposalsAreValidForEveryGeneKindAndOperator() throws {
        let environment = try SyntheticEnvironment()
        for (selection, crossover) in [("tournament", "uniform"), ("roulette", "onePoint")] {
            var hyperparameters = GeneticHyperparameters()
            hyperparameters.selection = selection
            hyperparameters.crossover = crossover
            hyperparameters.mutationRate = 0.5
            var agent = GeneticAgent(space: environment.parameterSpace, hyperparameters: hyperparameters, seed: 1)
            for _ in 0..<4 {
                let designs = agent.ask(count: 32)
                for design in designs { XCTAssertNoThrow(try environment.parameterSpace.validate(design)) }
                agent.tell(try designs.map(environment.step))
            }
        }
    }

    func testStopsAfterItsGenerationLimitAndAvoidsRepeats() throws {
        let environment = try SyntheticEnvironment(workload: "small")
        let made = try AgentRegistry.standard.make("ga", space: environment.parameterSpace,
                                                   overrides: ["populationSize": "10", "generations": "3"], seed: 1)
        var agent = made.agent
        var all: [Design] = []
        while !agent.isExhausted {
            let designs = agent.ask(count: 4)
            if designs.isEmpty { break }
            agent.tell(try designs.map(environment.step))
            all += designs
        }
        XCTAssertEqual(all.count, 30)
        XCTAssertGreaterThanOrEqual(Set(all).count, 28, "children equal to earlier designs are mutated again")
    }

    func testDefaultsAreArchGyms() {
        let defaults = GeneticHyperparameters()
        XCTAssertEqual(defaults.populationSize, 32)   // num_agents
        XCTAssertEqual(defaults.generations, 100)     // num_iter
        XCTAssertEqual(defaults.mutationRate, 0.1)    // prob_mutation
        XCTAssertEqual(defaults.tournamentSize, 3)
    }
}
