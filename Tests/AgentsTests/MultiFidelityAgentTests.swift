@testable import Agents
import Environments
import GymCore
import XCTest

final class MultiFidelityAgentTests: XCTestCase {
    /// Light settings so 20 seeds run in seconds in a debug build. The synthetic loss has its optimum
    /// inside the space (x* = 37 of 0…63), where a linear trend points the wrong way: no trend here.
    static let light = ["candidates": "200", "trees": "16", "localStarts": "3", "trend": "false"]

    func testBeatsRandomWalkOnTheSyntheticEnvironmentOver20Seeds() throws {
        try AgentBenchmark.assertBeatsRandomWalk("mf", overrides: Self.light, environment: SyntheticEnvironment(), budget: 40, margin: 0.3)
    }

    func testAsksOnlyNewDesignsCountsItsScreensAndRepeatsWithItsSeed() throws {
        let environment = try SyntheticEnvironment()
        func run(seed: UInt64) throws -> (designs: [Design], agent: MultiFidelityAgent) {
            var hyperparameters = MultiFidelityHyperparameters()
            hyperparameters.candidates = 100
            hyperparameters.trees = 8
            hyperparameters.localStarts = 2
            var agent = try MultiFidelityAgent(space: environment.parameterSpace, hyperparameters: hyperparameters,
                                               objective: environment.objective, seed: seed)
            var all: [Design] = []
            for _ in 0..<10 {
                let designs = agent.ask(count: 2)
                agent.tell(try designs.map(environment.step))
                all += designs
            }
            return (all, agent)
        }
        let (designs, agent) = try run(seed: 4)
        XCTAssertEqual(Set(designs).count, 20, "every asked design is new")
        XCTAssertEqual(agent.realEvaluations, 20)
        // 10 random initial designs, then 5 rounds each screening ≥ 100 random designs plus neighbours.
        XCTAssertGreaterThanOrEqual(agent.proxyScreens, 5 * 100)
        XCTAssertEqual(try run(seed: 4).designs, designs)
        XCTAssertNotEqual(try run(seed: 5).designs, designs)
    }

    func testTheProxyItKeepsModelsTheObjectivesMetricsFromRealAnswersOnly() throws {
        let environment = try SyntheticEnvironment()
        var agent = try MultiFidelityAgent(space: environment.parameterSpace, hyperparameters: .init(), objective: environment.objective, seed: 1)
        for _ in 0..<12 { agent.tell(try agent.ask(count: 1).map(environment.step)) }
        let model = try XCTUnwrap(agent.model)
        XCTAssertEqual(model.regressors.map(\.metric), ["loss"])
        XCTAssertEqual(model.trainingCount, 11, "fitted before the 12th proposal, on the 11 real answers so far")
    }

    func testASavedProxyOfAnotherSpaceIsRejectedNamingTheHyperparameter() throws {
        let space = ParameterSpace([Parameter("a", .ordinal([1, 2]))])
        XCTAssertThrowsError(try AgentRegistry.standard.make("mf", space: space, overrides: ["proxy": "/nonexistent/model.json"], seed: 1)) { error in
            XCTAssertTrue(String(describing: error).contains("mf: hyperparameter 'proxy' = '/nonexistent/model.json' is invalid"), String(describing: error))
        }
        XCTAssertThrowsError(try AgentRegistry.standard.make("mf", space: space, overrides: ["acquisition": "pi"], seed: 1)) { error in
            XCTAssertTrue(String(describing: error).contains("allowed: ei, ucb, uncertainty"))
        }
    }
}
