import Foundation
import GymCore
import Results
import XCTest

final class CLIBehaviourTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func testEvalJSONPrintsOneObjectWithMetricsFeasibleAndReward() throws {
        let result = try CLI.run(["eval", "synthetic", "--set", "family=gamma", "--set", "x=37", "--set", "y=16", "--json"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let object = try JSONDecoder().decode(JSONValue.self, from: Data(lines[0].utf8))
        XCTAssertEqual(object["metrics"]?["loss"]?.number, 0)
        XCTAssertEqual(object["feasible"], .bool(true))
        XCTAssertEqual(object["reward"]?.number, 0)
        XCTAssertEqual(object["reason"], .null)
    }

    func testBadInputExitsWithStatusTwoAndOneLineListingValidNames() throws {
        let cases: [([String], String)] = [
            (["eval", "nosuchenv"], "error: unknown environment 'nosuchenv'; valid environments: synthetic"),
            (["run", "--env", "synthetic", "--agent", "nosuchagent"], "error: unknown agent 'nosuchagent'; valid agents: random_walk, grid, ga, aco, bo, tpe, cmaes, nsga2, ppo, mappo, mf"),
            (["eval", "synthetic", "--set", "w=1"], "error: unknown parameter 'w'; valid parameters: family, x, y, z"),
            (["eval", "synthetic", "--set", "x=64"], "error: parameter 'x': invalid value '64'; allowed: an integer in 0...63"),
            (["run", "--env", "synthetic", "--target", "latency=3"], "error: synthetic: unknown metric 'latency'; valid metrics: loss, cost"),
            (["run", "--env", "synthetic", "--set-agent", "speed=3"], "error: random_walk: unknown hyperparameter 'speed'; valid hyperparameters: infeasibleRestartProbability, mutationRate, restartProbability, stepSize"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(arguments, in: directory)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertTrue(result.standardError.hasPrefix(message), "\(arguments): \(result.standardError)")
            XCTAssertEqual(result.standardError.split(separator: "\n").count, 1)
        }
    }

    func testRunJSONSummaryAndExport() throws {
        let result = try CLI.run(["run", "--env", "synthetic", "--workload", "small", "--agent", "grid", "--budget", "50", "--json", "--results", "out"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        let summary = try JSONDecoder().decode(JSONValue.self, from: Data(result.standardOutput.utf8))
        for key in ["run_id", "best_reward", "best_design", "best_metrics", "evaluations", "wall_s"] { XCTAssertNotNil(summary[key], key) }
        XCTAssertEqual(summary["evaluations"]?.number, 50)
        let export = try CLI.run(["export", "--results", "out", "--format", "archgym"], in: directory)
        XCTAssertEqual(export.status, 0, export.standardError)
        let lines = export.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.first, "reward,family,x,y,z,loss,cost")
        XCTAssertEqual(lines.count, 51)
    }

    func testKilledRunKeepsEveryReportedEvaluationAndIsMarkedInterrupted() throws {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "--env", "synthetic", "--agent", "random_walk", "--budget", "100000000", "--results", directory.appendingPathComponent("r").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let database = directory.appendingPathComponent("r/dsegym.sqlite").path
        var seen = 0
        let deadline = Date().addingTimeInterval(60)
        while seen < 300 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            seen = (try? count(database: database)) ?? 0
        }
        XCTAssertGreaterThanOrEqual(seen, 300, "the child recorded evaluations while running")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)

        let runs = try CLI.run(["runs", "--results", "r"], in: directory)
        XCTAssertEqual(runs.status, 0, runs.standardError)
        XCTAssertTrue(runs.standardOutput.contains("interrupted"), runs.standardOutput)
        let export = try CLI.run(["export", "--results", "r", "--format", "jsonl"], in: directory)
        let indices = try export.standardOutput.split(separator: "\n").map {
            try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8))["index"]!.number!
        }
        XCTAssertGreaterThanOrEqual(indices.count, seen, "nothing already reported was lost")
        XCTAssertEqual(indices, (0..<indices.count).map(Double.init), "evaluations are contiguous from 0")
    }

    /// Stored evaluations of the first run, read directly from the store while the child writes.
    private func count(database: String) throws -> Int {
        let store = try ResultsStore(directory: URL(fileURLWithPath: database).deletingLastPathComponent())
        return try store.runs().first?.evaluationCount ?? 0
    }
}
