@testable import Agents
import Environments
import GymCore
import Numerics
@testable import Surrogates
import XCTest

final class BayesianAgentTests: XCTestCase {
    /// Light settings so 20 seeds run in seconds in a debug build.
    static let light = ["candidates": "64", "localStarts": "2", "restarts": "1", "fitEvaluations": "80", "refitEvery": "10"]

    func testBeatsRandomWalkOnTheSyntheticEnvironmentOver20Seeds() throws {
        try AgentBenchmark.assertBeatsRandomWalk("bo", overrides: Self.light, environment: SyntheticEnvironment(), budget: 40, margin: 0.3)
    }

    func testSameSeedSameProposals() throws {
        let environment = try SyntheticEnvironment()
        func proposals(seed: UInt64) throws -> [Design] {
            var agent = try AgentRegistry.standard.make("bo", space: environment.parameterSpace, overrides: Self.light, seed: seed).agent
            var all: [Design] = []
            for _ in 0..<8 {
                let designs = agent.ask(count: 2)
                agent.tell(try designs.map(environment.step))
                all += designs
            }
            return all
        }
        XCTAssertEqual(try proposals(seed: 2), try proposals(seed: 2))
        XCTAssertNotEqual(try proposals(seed: 2), try proposals(seed: 3))
    }

    /// With the default rank warp the GP sees only the order of rewards, so any increasing map of the
    /// rewards (here a steep exponential, like cycle counts spanning orders of magnitude) leaves every
    /// proposal unchanged; modelling raw rewards does not have that property.
    func testRankWarpMakesProposalsInvariantToIncreasingMapsOfTheReward() throws {
        let environment = try SyntheticEnvironment()
        func proposals(warp: String, reward transform: (Double) -> Double) throws -> [Design] {
            var overrides = Self.light
            overrides["targetWarp"] = warp
            var agent = try AgentRegistry.standard.make("bo", space: environment.parameterSpace, overrides: overrides, seed: 4).agent
            var all: [Design] = []
            for _ in 0..<30 {
                let designs = agent.ask(count: 1)
                agent.tell(try designs.map { design in
                    var evaluation = try environment.step(design)
                    evaluation.reward = evaluation.reward.map(transform)
                    return evaluation
                })
                all += designs
            }
            return all
        }
        let steep: (Double) -> Double = { -exp(-4 * $0) }
        XCTAssertEqual(try proposals(warp: "rank", reward: { $0 }), try proposals(warp: "rank", reward: steep))
        XCTAssertNotEqual(try proposals(warp: "reward", reward: { $0 }), try proposals(warp: "reward", reward: steep))
    }

    func testBatchProposalsAreDistinctAndValidForBothStrategies() throws {
        let environment = try SyntheticEnvironment()
        for strategy in ["believer", "liar"] {
            var overrides = Self.light
            overrides["batchStrategy"] = strategy
            overrides["initialDesign"] = "lhs"
            var agent = try AgentRegistry.standard.make("bo", space: environment.parameterSpace, overrides: overrides, seed: 1).agent
            agent.tell(try agent.ask(count: 10).map(environment.step))
            let batch = agent.ask(count: 6)
            XCTAssertEqual(Set(batch).count, 6, strategy)
            for design in batch { XCTAssertNoThrow(try environment.parameterSpace.validate(design)) }
        }
    }

    func testEncodingMatchesTheSpacesOneHotEncoding() throws {
        let environment = try SyntheticEnvironment()
        let agent = BayesianAgent(space: environment.parameterSpace, seed: 1)
        let codec = GeneCodec(space: environment.parameterSpace)
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<20 {
            let design = environment.parameterSpace.randomDesign(using: &generator)
            let encoded = agent.encode(codec.genes(design)), expected = environment.parameterSpace.oneHot(design)
            for (a, b) in zip(encoded, expected) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        }
    }

    func testLatinHypercubeCoversEveryStratumOfEachParameter() throws {
        let codec = GeneCodec(space: try SyntheticEnvironment().parameterSpace)
        var generator = SeededGenerator(seed: 1)
        let points = BayesianAgent.initialDesign(codec, count: 4, latinHypercube: true, using: &generator)
        XCTAssertEqual(Set(points.map { $0[0] }), [0, 1, 2, 3], "4 families, 4 points: one each")
        XCTAssertEqual(Set(points.map { Int($0[3] * 4) }), [0, 1, 2, 3], "continuous z: one point per quarter")
    }
}

extension BayesianAgentTests {
    func testEveryKernelAndAcquisitionImprovesOnItsInitialDesign() throws {
        let environment = try SyntheticEnvironment()
        for (kernel, acquisition) in [("rbf", "ei"), ("matern52", "pi"), ("matern52", "ucb")] {
            var overrides = Self.light
            overrides["kernel"] = kernel
            overrides["acquisition"] = acquisition
            var agent = try AgentRegistry.standard.make("bo", space: environment.parameterSpace, overrides: overrides, seed: 11).agent
            let initial = try agent.ask(count: 10).map(environment.step)
            agent.tell(initial)
            var best = initial.compactMap(\.reward).max()!
            for _ in 0..<20 {
                let evaluations = try agent.ask(count: 1).map(environment.step)
                best = max(best, evaluations[0].reward!)
                agent.tell(evaluations)
            }
            XCTAssertGreaterThan(best, initial.compactMap(\.reward).max()!, "\(kernel)/\(acquisition)")
        }
    }
}
