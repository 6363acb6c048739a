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
}
