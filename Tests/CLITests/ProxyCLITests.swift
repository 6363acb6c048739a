import Foundation
import GymCore
import XCTest

final class ProxyCLITests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func json(_ result: CLI.Result) throws -> JSONValue {
        XCTAssertEqual(result.status, 0, result.standardError)
        return try JSONDecoder().decode(JSONValue.self, from: Data(result.standardOutput.utf8))
    }

    func testProxyFitLearnsTheStoresEvaluationsAndTheProxyEnvironmentRunsAnAgent() throws {
        _ = try json(CLI.run(["run", "--env", "synthetic", "--workload", "small", "--agent", "random_walk", "--budget", "300", "--json", "--results", "out"], in: directory))
        let fit = try json(CLI.run(["proxy", "fit", "--env", "synthetic", "--workload", "small", "--results", "out", "-o", "model.json",
                                    "--trees", "30", "--folds", "3", "--json"], in: directory))
        guard case .array(let metrics) = fit["metrics"] else { return XCTFail("no metrics") }
        XCTAssertEqual(metrics.compactMap { $0["name"]?.string }, ["loss", "cost"])
        XCTAssertEqual(fit["validation"]?.string, "3-fold cross-validation")
        XCTAssertLessThanOrEqual(fit["designs"]?.number ?? 0, 300)
        XCTAssertGreaterThan(fit["designs"]?.number ?? 0, 200, "the small space has 480 designs; 300 draws give > 200 distinct ones")
        for metric in metrics { XCTAssertGreaterThan(metric["spearman"]?.number ?? 0, 0.9, "\(metric)") }

        let run = try json(CLI.run(["run", "--env", "proxy", "--env-option", "model=model.json", "--agent", "ga", "--budget", "100", "--json", "--results", "out"], in: directory))
        XCTAssertEqual(run["evaluations"]?.number, 100)
        XCTAssertNotNil(run["best_metrics"]?["loss"])
        // Proxy runs are recorded as `proxy`, so the next fit of `synthetic` does not learn from them.
        let refit = try json(CLI.run(["proxy", "fit", "--env", "synthetic", "--workload", "small", "--results", "out", "-o", "again.json",
                                      "--trees", "5", "--folds", "0", "--json"], in: directory))
        XCTAssertEqual(refit["runs"]?.number, 1)
    }

    func testTheMultiFidelityAgentReportsRealEvaluationsAndProxyScreens() throws {
        let run = try json(CLI.run(["run", "--env", "synthetic", "--agent", "mf", "--budget", "15", "--set-agent", "candidates=50",
                                    "--set-agent", "trees=8", "--json", "--results", "out"], in: directory))
        XCTAssertEqual(run["real_evaluations"]?.number, 15)
        XCTAssertGreaterThanOrEqual(run["proxy_screens"]?.number ?? 0, 5 * 50, "5 proposals after 10 initial designs, 50 random screens each at least")
        let compare = try json(CLI.run(["compare", "--env", "synthetic", "--agents", "random_walk,mf", "--seeds", "1", "--budget", "11",
                                        "--json", "--results", "out"], in: directory))
        guard case .array(let rows) = compare else { return XCTFail("not an array") }
        XCTAssertNil(rows[0]["median_proxy_screens"]?.number, "random_walk screens nothing")
        XCTAssertGreaterThanOrEqual(rows[1]["median_proxy_screens"]?.number ?? 0, 2000, "one proposal after 10 initial designs screens ≥ 2,000 random designs")
    }

    func testAnUnknownRegressorOrAMissingModelIsBadInputNamingTheAllowedValues() throws {
        let fit = try CLI.run(["proxy", "fit", "--env", "synthetic", "--results", "out", "-o", "m.json", "--model", "svm"], in: directory)
        XCTAssertEqual(fit.status, 2)
        XCTAssertTrue(fit.standardError.hasPrefix("error: --model 'svm': unknown regressor; allowed: forest, boosted, gp"), fit.standardError)
        let empty = try CLI.run(["proxy", "fit", "--env", "synthetic", "--results", "out", "-o", "m.json"], in: directory)
        XCTAssertEqual(empty.status, 2)
        XCTAssertTrue(empty.standardError.contains("a proxy needs at least 4"), empty.standardError)
        let run = try CLI.run(["run", "--env", "proxy", "--env-option", "model=missing.json", "--results", "out"], in: directory)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.standardError.contains("missing.json: cannot read the proxy model"), run.standardError)
    }
}
