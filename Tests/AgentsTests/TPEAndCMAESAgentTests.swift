import Agents
import Environments
import GymCore
import XCTest

/// The Optuna-class samplers `tpe` and `cmaes`: better than random walk on `synthetic`, feasible under a
/// tight constraint, reproducible, valid in batches, and strict about their hyperparameters.
final class TPEAndCMAESAgentTests: XCTestCase {
    func testTPEBeatsRandomWalkOnTheSyntheticEnvironmentOver20Seeds() throws {
        // Measured: median best reward −0.0015 (multivariate, the default), random walk −0.0464.
        try AgentBenchmark.assertBeatsRandomWalk("tpe", environment: SyntheticEnvironment(), budget: 100, margin: 0.03)
    }

    func testUnivariateTPEBeatsRandomWalkOnTheSyntheticEnvironmentOver20Seeds() throws {
        // Measured: median best reward −0.0049, random walk −0.0464.
        try AgentBenchmark.assertBeatsRandomWalk("tpe", overrides: ["multivariate": "false"], environment: SyntheticEnvironment(),
                                                 budget: 100, margin: 0.03)
    }

    func testCMAESBeatsRandomWalkOnTheSyntheticEnvironmentOver20Seeds() throws {
        // Measured: median best reward −5.2e-5, random walk −0.0464.
        try AgentBenchmark.assertBeatsRandomWalk("cmaes", environment: SyntheticEnvironment(), budget: 150, margin: 0.04)
    }

    /// cost = y·(1 + x/8) ≤ 3 leaves about 4% of the space feasible (y = 1 with x ≤ 16, y = 2 with
    /// x ≤ 4); the unconstrained optimum (x = 37, y = 16: cost 90) violates it 29-fold.
    func testBothReturnAFeasibleBestUnderATightConstraint() throws {
        var environment = try SyntheticEnvironment()
        environment.objective.constraints = [.init(metric: "cost", comparison: .atMost, bound: 3)]
        for name in ["tpe", "cmaes"] {
            for seed: UInt64 in 1...5 {
                var agent = try AgentRegistry.standard.make(name, space: environment.parameterSpace, seed: seed).agent
                var best: Evaluation?
                for _ in 0..<30 {
                    let evaluations = try agent.ask(count: 5).map(environment.step)
                    for evaluation in evaluations where evaluation.isBetter(than: best) { best = evaluation }
                    agent.tell(evaluations)
                }
                let found = try XCTUnwrap(best)
                XCTAssertTrue(found.feasible, "\(name) seed \(seed): best \(found.design) cost \(found.metrics["cost"] ?? .nan)")
                XCTAssertLessThanOrEqual(found.metrics["cost"] ?? .infinity, 3)
            }
        }
    }

    func testSameSeedSameProposalsAndBatchesAreValidAndDistinct() throws {
        let environment = try SyntheticEnvironment()
        for name in ["tpe", "cmaes"] {
            func proposals(seed: UInt64) throws -> [Design] {
                var agent = try AgentRegistry.standard.make(name, space: environment.parameterSpace, seed: seed).agent
                var all: [Design] = []
                for _ in 0..<6 {
                    let designs = agent.ask(count: 8)
                    XCTAssertEqual(designs.count, 8)
                    for design in designs { XCTAssertNoThrow(try environment.parameterSpace.validate(design)) }
                    XCTAssertEqual(Set(designs).count, 8, "\(name): a batch spreads out")
                    agent.tell(try designs.map(environment.step))
                    all += designs
                }
                return all
            }
            XCTAssertEqual(try proposals(seed: 3), try proposals(seed: 3), name)
            XCTAssertNotEqual(try proposals(seed: 3), try proposals(seed: 4), name)
        }
    }

    func testCMAESRestartsWithALargerPopulationOnceItStalls() throws {
        // `small` has 480 designs: a run converges and stalls well within 400 evaluations.
        let environment = try SyntheticEnvironment(workload: "small")
        var agent = CMAESAgent(space: environment.parameterSpace, seed: 1)
        let first = agent.populationSize
        XCTAssertEqual(first, 8, "4 + ⌊3 ln 4⌋")
        for _ in 0..<400 { agent.tell(try agent.ask(count: 1).map(environment.step)) }
        XCTAssertGreaterThan(agent.restartCount, 0)
        XCTAssertEqual(agent.populationSize, first << agent.restartCount, "IPOP doubles λ at each restart")
    }

    func testBadHyperparametersNameTheFieldAndTheAllowedValues() throws {
        let space = try SyntheticEnvironment().parameterSpace
        XCTAssertThrowsError(try AgentRegistry.standard.make("tpe", space: space, overrides: ["gamma": "0"], seed: 0)) { error in
            XCTAssertEqual(String(describing: error), "tpe: hyperparameter 'gamma' = '0.0' is invalid; allowed: a number in (0, 1]")
        }
        XCTAssertThrowsError(try AgentRegistry.standard.make("cmaes", space: space, overrides: ["restarts": "bipop"], seed: 0)) { error in
            XCTAssertEqual(String(describing: error), "cmaes: hyperparameter 'restarts' = 'bipop' is invalid; allowed: ipop, none")
        }
        XCTAssertThrowsError(try AgentRegistry.standard.make("cmaes", space: space, overrides: ["populationSize": "3"], seed: 0))
    }
}
