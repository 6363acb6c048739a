import Foundation
import GymCore
import XCTest

/// `dsegym run` with the reinforcement-learning agents.
final class RLAgentCLITests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func testRunWithPPOPrintsAJSONSummaryOfTheWholeBudget() throws {
        let result = try CLI.run(["run", "--env", "synthetic", "--agent", "ppo", "--budget", "500", "--json", "--results", "out"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        let summary = try JSONDecoder().decode(JSONValue.self, from: Data(result.standardOutput.utf8))
        XCTAssertEqual(summary["evaluations"]?.number, 500)
        XCTAssertEqual(summary["best_feasible"], .bool(true))
        XCTAssertNotNil(summary["best_reward"]?.number)
    }

    func testRunWithMultiAgentPPOAndNamedGroups() throws {
        let result = try CLI.run(["run", "--env", "synthetic", "--agent", "mappo", "--budget", "100", "--json", "--results", "out",
                                  "--set-agent", "groups=shape=family,x", "--set-agent", "centralizedCritic=true"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        let summary = try JSONDecoder().decode(JSONValue.self, from: Data(result.standardOutput.utf8))
        XCTAssertEqual(summary["evaluations"]?.number, 100)
    }

    func testUnknownGroupParameterExitsWithStatusTwo() throws {
        let result = try CLI.run(["run", "--env", "synthetic", "--agent", "mappo", "--set-agent", "groups=a=w", "--results", "out"], in: directory)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.hasPrefix("error: mappo: hyperparameter 'groups' = 'w' is invalid"), result.standardError)
    }

    func testASavedPolicyRestoresAndProposesItsGreedyDesign() throws {
        let train = try CLI.run(["run", "--env", "synthetic", "--agent", "ppo", "--budget", "200", "--save-policy", "policy.json", "--results", "out"], in: directory)
        XCTAssertEqual(train.status, 0, train.standardError)
        let policy = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: directory.appendingPathComponent("policy.json")))
        guard case .array(let parameters)? = policy["parameters"] else { return XCTFail("the policy names its space") }
        XCTAssertEqual(Array(parameters.prefix(2)), [.string("family: one of alpha, beta, gamma, delta"), .string("x: an integer in 0...63")])

        let greedy = try CLI.run(["run", "--env", "synthetic", "--agent", "ppo", "--load-policy", "policy.json", "--greedy", "--budget", "5",
                                  "--seed", "9", "--results", "out"], in: directory)
        XCTAssertEqual(greedy.status, 0, greedy.standardError)
        let export = try CLI.run(["export", "--run", "2", "--format", "jsonl", "--results", "out"], in: directory)
        let designs = try export.standardOutput.split(separator: "\n").map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8))["design"] }
        XCTAssertEqual(designs.count, 5)
        XCTAssertEqual(Set(designs.map { $0?.jsonText }).count, 1, "a greedy policy does not learn: one design, five times")

        // Continuing to learn from the policy works too; the policy's hyperparameters are recorded.
        let resumed = try CLI.run(["run", "--env", "synthetic", "--agent", "ppo", "--load-policy", "policy.json", "--budget", "40", "--json", "--results", "out"], in: directory)
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
    }

    func testPoliciesAreRefusedForAgentsWithoutOneAndForAnotherSpace() throws {
        let ga = try CLI.run(["run", "--env", "synthetic", "--agent", "ga", "--save-policy", "p.json", "--results", "out"], in: directory)
        XCTAssertEqual(ga.status, 2)
        XCTAssertTrue(ga.standardError.contains("agents that learn a policy: ppo, mappo"), ga.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path), "refused before running")

        try Data("{\"not\": \"a policy\"}".utf8).write(to: directory.appendingPathComponent("bad.json"))
        let bad = try CLI.run(["run", "--env", "synthetic", "--agent", "ppo", "--load-policy", "bad.json", "--results", "out"], in: directory)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.standardError.contains("ppo: hyperparameter 'policy'"), bad.standardError)

        let trained = try CLI.run(["run", "--env", "synthetic", "--workload", "small", "--agent", "ppo", "--budget", "40", "--save-policy", "small.json",
                                   "--results", "out"], in: directory)
        XCTAssertEqual(trained.status, 0, trained.standardError)
        let mappo = try CLI.run(["run", "--env", "synthetic", "--workload", "small", "--agent", "mappo", "--load-policy", "small.json", "--results", "out"], in: directory)
        XCTAssertEqual(mappo.status, 2, "a ppo policy is not a mappo policy")
        let otherSpace = try CLI.run(["run", "--env", "synthetic", "--agent", "ppo", "--load-policy", "small.json", "--results", "out"], in: directory)
        XCTAssertEqual(otherSpace.status, 2, "same parameter names, other domains")
        XCTAssertTrue(otherSpace.standardError.contains("a policy saved for this space: family: one of alpha, beta, gamma, delta; x: an integer in 0...63"),
                      otherSpace.standardError)

        let greedyAlone = try CLI.run(["run", "--env", "synthetic", "--agent", "ppo", "--greedy"], in: directory)
        XCTAssertEqual(greedyAlone.status, 2, greedyAlone.standardError)   // the CLI's one error path: bad input is status 2
        XCTAssertEqual(greedyAlone.standardError, "error: --greedy needs --load-policy FILE\n")
    }
}
