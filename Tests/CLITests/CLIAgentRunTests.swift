import Foundation
import GymCore
import XCTest

final class CLIAgentRunTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func testRunJSONWorksForEverySearchAgent() throws {
        for agent in ["bo", "ga", "aco", "nsga2"] {
            // bo with light settings keeps this fast in a debug build; the defaults are exercised by `dsegym perf agents`.
            let settings = agent == "bo" ? ["--set-agent", "candidates=32", "--set-agent", "localStarts=1", "--set-agent", "restarts=1", "--set-agent", "fitEvaluations=60", "--set-agent", "refitEvery=25"] : []
            let result = try CLI.run(["run", "--env", "synthetic", "--agent", agent, "--budget", "200", "--json", "--results", "out"] + settings, in: directory)
            XCTAssertEqual(result.status, 0, "\(agent): \(result.standardError)")
            let summary = try JSONDecoder().decode(JSONValue.self, from: Data(result.standardOutput.utf8))
            XCTAssertEqual(summary["evaluations"]?.number, 200, agent)
            XCTAssertEqual(summary["status"]?.string, "finished", agent)
            XCTAssertNotNil(summary["best_reward"]?.number, agent)
        }
    }

    func testNSGA2RunsWithAParetoObjectivePreset() throws {
        let result = try CLI.run(["run", "--env", "synthetic", "--agent", "nsga2", "--objective", "pareto-loss-cost", "--budget", "120", "--batch", "40",
                                  "--reference", "loss=3", "--reference", "cost=600", "--json", "--results", "out"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        let summary = try JSONDecoder().decode(JSONValue.self, from: Data(result.standardOutput.utf8))
        XCTAssertEqual(summary["evaluations"]?.number, 120)
        XCTAssertGreaterThan(summary["pareto_front_size"]?.number ?? 0, 1)
        XCTAssertGreaterThan(summary["hypervolume"]?.number ?? 0, 0)
    }

    func testCompareReportsMedianHypervolumeForAParetoObjective() throws {
        let result = try CLI.run(["compare", "--env", "synthetic", "--objective", "pareto-loss-cost", "--agents", "random_walk,nsga2", "--seeds", "2",
                                  "--budget", "80", "--reference", "loss=3", "--reference", "cost=600", "--json", "--results", "out"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        guard case .array(let rows) = try JSONDecoder().decode(JSONValue.self, from: Data(result.standardOutput.utf8)) else { return XCTFail("not an array") }
        XCTAssertEqual(rows.count, 2)
        for row in rows { XCTAssertGreaterThan(row["median_hypervolume"]?.number ?? 0, 0) }
    }

    func testAgentsListsEveryAgentWithItsDefaults() throws {
        let result = try CLI.run(["agents", "--json"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        guard case .array(let rows) = try JSONDecoder().decode(JSONValue.self, from: Data(result.standardOutput.utf8)) else { return XCTFail("not an array") }
        XCTAssertEqual(rows.compactMap { $0["name"]?.string }, ["random_walk", "grid", "ga", "aco", "bo", "tpe", "cmaes", "nsga2", "ppo", "mappo", "mf"])
        let defaults = Dictionary(uniqueKeysWithValues: rows.map { ($0["name"]!.string!, $0["hyperparameters"]!) })
        XCTAssertEqual(defaults["ga"]?["populationSize"]?.number, 32)
        XCTAssertEqual(defaults["aco"]?["antCount"]?.number, 16)
        XCTAssertEqual(defaults["bo"]?["kernel"]?.string, "matern52")
        XCTAssertEqual(defaults["nsga2"]?["populationSize"]?.number, 40)
    }
}
