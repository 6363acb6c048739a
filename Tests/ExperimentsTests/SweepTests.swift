@testable import Experiments
import Foundation
import GymCore
import Results
import XCTest

final class SweepTests: XCTestCase {
    let smoke = """
        name: t
        budget: 30
        seeds: [1, 2]
        environments:
          - name: synthetic
            workloads: [default, small]
        agents:
          - name: random_walk
            grid:
              restartProbability: [1, 0.5]
          - name: grid
        """

    func testSweepExpandsEnvironmentsWorkloadsAgentsSettingsAndSeeds() throws {
        let sweep = try SweepFileParser().parse(smoke, file: "smoke.yaml")
        let plan = sweep.plan()
        XCTAssertEqual(plan.count, 2 * (2 + 1) * 2)  // workloads × (settings of random_walk + grid) × seeds
        XCTAssertEqual(Set(plan.map(\.key)).count, plan.count, "every run has its own key")
        XCTAssertEqual(try SweepFileParser().parse(smoke, file: "again.yaml").plan().map(\.key), plan.map(\.key), "keys are stable")
        XCTAssertEqual(plan.filter { $0.experiment.agent == "random_walk" }.map { $0.experiment.agentOverrides["restartProbability"]! }.sorted(),
                       ["0.5", "0.5", "0.5", "0.5", "1", "1", "1", "1"])
    }

    func testJSONSweepFileParsesLikeYAML() throws {
        let json = #"{"name": "t", "budget": 30, "seeds": [1, 2], "environments": [{"name": "synthetic", "workloads": ["default", "small"]}], "agents": [{"name": "random_walk", "grid": {"restartProbability": [1, 0.5]}}, {"name": "grid"}]}"#
        XCTAssertEqual(try SweepFileParser().parse(json, file: "t.json"), try SweepFileParser().parse(smoke, file: "t.yaml"))
    }

    func testRandomSettingsAreSampledReproduciblyAndCapped() throws {
        let text = """
            name: r
            budget: 10
            seeds: 1
            environments: [{name: synthetic}]
            agents:
              - name: random_walk
                grid: {restartProbability: [0, 0.5, 1]}
                random:
                  samples: 10
                  seed: 4
                  distributions:
                    mutationRate: {uniform: [0.1, 0.9]}
                    stepSize: {log_uniform: [0.01, 1]}
                max_settings: 12
            """
        let settings = try SweepFileParser().parse(text, file: "r.yaml").agents[0].settings()
        XCTAssertEqual(settings.count, 12, "3 × 10 settings subsampled to 12")
        XCTAssertEqual(settings, try SweepFileParser().parse(text, file: "r.yaml").agents[0].settings())
        for setting in settings {
            XCTAssertTrue((0.1...0.9).contains(Double(setting["mutationRate"]!)!))
            XCTAssertTrue((0.01...1).contains(Double(setting["stepSize"]!)!))
        }
    }

    func testMalformedSweepFilesAreRejectedWithFileLineAndField() {
        let cases: [(String, String)] = [
            ("name: x\nbudget: 10\nseeds: 1\nenvironments: [{name: synthetic}]\nagents:\n  - name: annealer\n",
             "bad.yaml:6: agents[0].name: unknown agent 'annealer'; valid agents: random_walk, grid"),
            ("name: x\nbudget: 10\nenvironments: [{name: synthetic}]\nagents: [{name: grid}]\n",
             "bad.yaml:1: seeds: missing required field"),
            ("name: x\nbudget: 10\nseeds: 1\nenvironments: [{name: synthetic}]\nagents:\n  - name: random_walk\n    random:\n      samples: 2\n      distributions:\n        stepSize: {normal: [0, 1]}\n",
             "bad.yaml:10: agents[0].random.distributions.stepSize: expected one of"),
            ("name: x\nbudget: 10\nseeds: 1\nenvironments: [{name: synthetic}]\nagents:\n  - name: random_walk\n    grid:\n      mutationRate: [0.5, 7]\n",
             "bad.yaml:8: agents[0].grid.mutationRate[1]: random_walk: hyperparameter 'mutationRate'"),
            ("name: x\nbudget: 10\nseeds: 1\nenvironments:\n  - name: synthetic\n    workloads: [tiny]\nagents: [{name: grid}]\n",
             "bad.yaml:6: environments[0].workloads[0]: unknown workload 'tiny'; valid workloads: default, small, large"),
            ("name: x\nbudget: ten\nseeds: 1\nenvironments: [{name: synthetic}]\nagents: [{name: grid}]\n",
             "bad.yaml:2: budget: expected an integer, found 'ten'"),
            ("name: x\nbudget: 10\nseeds: 1\nbudgte: 3\nenvironments: [{name: synthetic}]\nagents: [{name: grid}]\n",
             "bad.yaml:4: budgte: unknown field; allowed:"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try SweepFileParser().parse(text, file: "bad.yaml")) { error in
                XCTAssertTrue(String(describing: error).hasPrefix(expected), "\(error)\nexpected: \(expected)")
            }
        }
    }

    func testRerunningASweepSkipsFinishedRunsAndRestartsHalfFinishedOnes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-sweep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultsStore(directory: directory)
        let sweep = try SweepFileParser().parse(smoke, file: "smoke.yaml")
        let first = try await SweepRunner(sweep: sweep, store: store, jobs: 2).run()
        XCTAssertEqual(first.executed, 12)
        XCTAssertEqual(first.failed, [])

        // Simulate a crash: one run half-done (interrupted), one deleted entirely.
        let runs = try store.runs(sweepID: "t")
        try store.finishRun(runs[3].id, status: .interrupted)
        try store.deleteRun(runs[5].id)
        let second = try await SweepRunner(sweep: sweep, store: store, jobs: 2).run()
        XCTAssertEqual(second.skipped, 10)
        XCTAssertEqual(second.restarted, 1)
        XCTAssertEqual(second.executed, 2)
        let after = try store.runs(sweepID: "t")
        XCTAssertEqual(after.count, 12)
        XCTAssertEqual(Set(after.compactMap(\.specification.runKey)), Set(sweep.plan().map(\.key)))
        XCTAssertTrue(after.allSatisfy { $0.status.isComplete })
        XCTAssertEqual(try store.evaluations(runID: after.last!.id).count, 30)
    }

    func testLeaderboardAndReportSummarizeASweep() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultsStore(directory: directory)
        _ = try await SweepRunner(sweep: try SweepFileParser().parse(smoke, file: "smoke.yaml"), store: store).run()
        let entries = try Leaderboard.entries(store: store, sweepID: "t")
        XCTAssertEqual(entries.count, 4)  // 2 workloads × 2 agents
        let grid = try XCTUnwrap(entries.first { $0.agent == "grid" && $0.workload == "small" })
        XCTAssertEqual(grid.runs, 2)
        XCTAssertEqual(grid.evaluations, 60)
        XCTAssertEqual(grid.feasibleRuns, 2, "synthetic has no constraints: every run finds a feasible design")
        let html = try HTMLReport(store: store, sweepID: "t").render()
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(html.components(separatedBy: "<h2>").count - 1, 2, "one section per (environment, workload, objective, budget)")
        XCTAssertTrue(html.contains("<h2>synthetic / small — minimize loss — budget 30</h2>"), html)
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 2 * 2,
                       "convergence and lottery plots per section; no Pareto plot for a one-metric objective")
        XCTAssertTrue(html.contains("best loss so far"), "curves of the objective's metric, not the reward")
        XCTAssertTrue(html.contains("hyperparameter lottery"))
        // One leaderboard row per agent and setting: random_walk's two restart probabilities and grid's defaults.
        let smallSection = try XCTUnwrap(html.components(separatedBy: "<h2>").first { $0.hasPrefix("synthetic / small") })
        XCTAssertEqual(smallSection.components(separatedBy: "<tr><td>").count - 1, 3)
        XCTAssertTrue(smallSection.contains("restartProbability=0.5"))
        XCTAssertTrue(smallSection.contains("<title>random_walk · "), "lottery dots carry hover titles")
        XCTAssertFalse(html.contains("<script"), "self-contained, no scripts")

        let pareto = try HTMLReport(store: store, sweepID: "t", paretoMetrics: ("loss", "cost")).render()
        XCTAssertEqual(pareto.components(separatedBy: "<svg").count - 1, 2 * 3, "plus the chosen Pareto pair")
        XCTAssertTrue(pareto.contains("loss, minimized"))
    }

    func testLogAxisOnlyWhenPositiveValuesSpanDecades() {
        XCTAssertEqual(SVGChart.Scale.fitting([1e3, 5e6]), .log)
        XCTAssertEqual(SVGChart.Scale.fitting([10, 300]), .linear, "1.5 decades or less stays linear")
        XCTAssertEqual(SVGChart.Scale.fitting([-1, 1e6]), .linear, "a log axis needs positive values")
        XCTAssertEqual(SVGChart.ticks(2.2...6.9, .log), [3, 4, 5, 6])
        XCTAssertEqual(SVGChart.label(4, .log), "10000")
    }

    func testReportFocusRanksMissingValuesLast() {
        let focus = ReportFocus(objective: .optimize(MetricDescriptor("cycles", unit: "cycles", direction: .minimize)),
                                metrics: [:])
        XCTAssertTrue(focus.isBetter(5, than: 7))
        XCTAssertTrue(focus.isBetter(1e9, than: nil), "a run with a feasible design beats one without")
        XCTAssertEqual(focus.quantile([3, 5, nil], 0.5), 5, "the median of three with one missing is the worse present value")
        XCTAssertNil(focus.quantile([3, nil, nil], 0.5))
        XCTAssertEqual(focus.label, "cycles")
    }

    func testRunsWithoutAFeasibleDesignRankBelowAllOthers() {
        // Compare's table and the leaderboard share this rule: a run with no feasible design is the worst.
        XCTAssertEqual(bestRewardQuantile([-3, nil, -1], 0.5), -3)
        XCTAssertEqual(bestRewardQuantile([-3, -2, -1], 0.5), -2)
        XCTAssertNil(bestRewardQuantile([nil, nil, -1], 0.5), "the median run found nothing")
        XCTAssertEqual(bestRewardQuantile([nil, -4, -2, -1], 0.75), -1.75)
        XCTAssertNil(bestRewardQuantile([], 0.5))
    }
}
