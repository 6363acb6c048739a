import Foundation
import GymCore
import Results
import XCTest

final class ResultsStoreTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-results-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func specification(seed: UInt64 = 3, sweep: String? = nil) -> RunSpecification {
        RunSpecification(environment: "synthetic", workload: "small", agent: "grid", hyperparametersJSON: #"{"cap":10}"#,
                         objective: .optimize(MetricDescriptor("loss", unit: "1", direction: .minimize)), seed: seed,
                         budget: 10, batchSize: 2, parameterNames: ["family", "x"], metricNames: ["loss", "cost"], sweepID: sweep)
    }

    func evaluation(_ x: Int, loss: Double, feasible: Bool = true) -> Evaluation {
        Evaluation(design: ["family": "gamma", "x": .integer(x)], metrics: ["loss": loss, "cost": Double(x)], feasible: feasible,
                   reason: feasible ? nil : "too big, \"really\"", reward: -loss, simWallSeconds: 0.001)
    }

    func testRunsAndEvaluationsRoundTrip() throws {
        let store = try ResultsStore(directory: directory)
        let id = try store.beginRun(specification(seed: UInt64.max))
        try store.record(runID: id, [(0, evaluation(1, loss: 2), -2), (1, evaluation(2, loss: 1, feasible: false), -2)])
        try store.finishRun(id, status: .finished)
        let run = try store.run(id)
        XCTAssertEqual(run.specification, specification(seed: UInt64.max))
        XCTAssertEqual(run.status, .finished)
        XCTAssertEqual(run.evaluationCount, 2)
        XCTAssertEqual(run.bestReward, -2)
        let records = try store.evaluations(runID: id)
        XCTAssertEqual(records.map(\.index), [0, 1])
        XCTAssertEqual(records[1].evaluation, evaluation(2, loss: 1, feasible: false))
        XCTAssertThrowsError(try store.run(99))
    }

    func testStoreReopensWithEverythingRecorded() throws {
        var id = 0
        do {
            let store = try ResultsStore(directory: directory)
            id = try store.beginRun(specification(sweep: "s1"))
            try store.record(runID: id, [(0, evaluation(1, loss: 2), -2)])
        }
        let reopened = try ResultsStore(directory: directory)
        XCTAssertEqual(try reopened.evaluations(runID: id).count, 1)
        XCTAssertEqual(try reopened.runs(sweepID: "s1").map(\.id), [id])
        XCTAssertEqual(try reopened.runs(sweepID: "other"), [])
        XCTAssertEqual(try reopened.run(id).status, .running, "this process is alive, so its run is not interrupted")
    }

    func testDuplicateEvaluationIndexIsRejectedAndNothingPartialIsKept() throws {
        let store = try ResultsStore(directory: directory)
        let id = try store.beginRun(specification())
        try store.record(runID: id, [(0, evaluation(1, loss: 2), -2)])
        XCTAssertThrowsError(try store.record(runID: id, [(1, evaluation(2, loss: 1), -1), (0, evaluation(3, loss: 0), 0)]))
        XCTAssertEqual(try store.evaluations(runID: id).map(\.index), [0], "the failed batch rolled back as a whole")
    }

    func testCSVExportHasOneColumnPerHyperparameterParameterAndMetric() throws {
        let store = try ResultsStore(directory: directory)
        let id = try store.beginRun(specification(sweep: "s1"))
        try store.record(runID: id, [(0, evaluation(1, loss: 2), -2), (1, evaluation(2, loss: 1, feasible: false), -2)])
        let objective = try store.run(id).specification.objective.description
        let lines = try ResultsExporter(store: store).export(format: .csv).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "run_id,index,sweep,environment,workload,agent,seed,objective,hp_cap,family,x,loss,cost,"
                       + "feasible,reason,reward,violation,best_so_far,sim_wall_s,wall_clock")
        XCTAssertTrue(lines[2].hasPrefix(#"\#(id),1,s1,synthetic,small,grid,3,\#(csvField(objective)),10,gamma,2,1.0,2.0,false,"too big, ""really""",-1.0,0.0,-2.0,0.001,"#), lines[2])
        let archgym = try ResultsExporter(store: store).export(runIDs: [id], format: .archgym).split(separator: "\n")
        XCTAssertEqual(archgym[0], "reward,family,x,loss,cost")
        XCTAssertEqual(archgym[1], "-2.0,gamma,1,2.0,1.0")
        let jsonl = try ResultsExporter(store: store).export(format: .jsonl).split(separator: "\n")
        let row = try JSONDecoder().decode(JSONValue.self, from: Data(jsonl[0].utf8))
        XCTAssertEqual(row["design"]?["family"]?.string, "gamma")
        XCTAssertEqual(row["reward"]?.number, -2)
        XCTAssertEqual(row["sweep"]?.string, "s1")
        XCTAssertEqual(row["hyperparameters"]?["cap"]?.number, 10)
    }

    func testExportSelectsRunsBySweepAndEnvironment() throws {
        let store = try ResultsStore(directory: directory)
        let first = try store.beginRun(specification(seed: 1, sweep: "a"))
        let second = try store.beginRun(specification(seed: 2, sweep: "b"))
        var other = specification(seed: 3, sweep: "a")
        other.environment = "dram"
        other.parameterNames = ["PagePolicy"]
        other.metricNames = ["energy_pJ"]
        let third = try store.beginRun(other)
        XCTAssertEqual(try RunSelection(sweepID: "a").runs(in: store).map(\.id), [first, third])
        XCTAssertEqual(try RunSelection(sweepID: "a", environment: "synthetic").runs(in: store).map(\.id), [first])
        XCTAssertEqual(try RunSelection(environment: "synthetic").runs(in: store).map(\.id), [first, second])
        let header = try ResultsExporter(store: store).export(RunSelection(environment: "dram"), format: .csv).split(separator: "\n")[0]
        XCTAssertEqual(header, "run_id,index,sweep,environment,workload,agent,seed,objective,hp_cap,PagePolicy,energy_pJ,"
                       + "feasible,reason,reward,violation,best_so_far,sim_wall_s,wall_clock", "only the selected environment's columns")
    }

    func testColumnNamesTakenByRunColumnsArePrefixed() throws {
        let store = try ResultsStore(directory: directory)
        var clashing = specification()
        clashing.parameterNames = ["seed", "x"]
        clashing.metricNames = ["reward", "x"]
        _ = try store.beginRun(clashing)
        let columns = ExportColumns(runs: try store.runs())
        XCTAssertEqual(columns.parameterHeaders, ["param_seed", "x"])
        XCTAssertEqual(columns.metricHeaders, ["metric_reward", "metric_x"])
    }
}
