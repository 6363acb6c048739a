import Experiments
import Foundation
import GymCore
import Results
import XCTest

final class RunnerTests: XCTestCase {
    func temporaryStore() throws -> ResultsStore {
        try ResultsStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-runner-\(UUID().uuidString)"))
    }

    func testSameSeedGivesSameDesignsAndResultsSerialOrParallel() async throws {
        let store = try temporaryStore()
        func run(batch: Int, concurrency: Int) async throws -> [EvaluationRecord] {
            let experiment = Experiment(environment: "synthetic", environmentOptions: ["noise": "0.05"], agent: "random_walk",
                                        agentOverrides: ["restartProbability": "0.5"],
                                        options: RunOptions(budget: 120, batchSize: batch, seed: 77, maxConcurrency: concurrency))
            let summary = try await experiment.run(store: store)
            return try store.evaluations(runID: summary.runID!)
        }
        let serial = try await run(batch: 8, concurrency: 1)
        let parallel = try await run(batch: 8, concurrency: 4)
        XCTAssertEqual(serial.count, 120)
        XCTAssertEqual(serial.map(\.evaluation.design), parallel.map(\.evaluation.design))
        XCTAssertEqual(serial.map(\.evaluation.metrics), parallel.map(\.evaluation.metrics))
        XCTAssertEqual(serial.map(\.bestSoFar), parallel.map(\.bestSoFar))
        let otherSeed = try await Experiment(environment: "synthetic", agent: "random_walk", options: RunOptions(budget: 1, seed: 78)).run(store: nil)
        XCTAssertNotEqual(otherSeed.best?.design, serial[0].evaluation.design, "another seed proposes other designs")
    }

    func testBestSoFarIsMonotoneAndMatchesTheBestEvaluation() async throws {
        let summary = try await Experiment(environment: "synthetic", agent: "random_walk", options: RunOptions(budget: 300, seed: 2)).run(store: nil)
        let values = summary.bestSoFar.compactMap { $0 }
        XCTAssertEqual(values.count, 300)
        XCTAssertTrue(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        XCTAssertEqual(values.last, summary.best?.reward)
        XCTAssertEqual(summary.status, .finished)
    }

    func testRunStopsWhenTheTargetIsMet() async throws {
        let experiment = Experiment(environment: "synthetic", workload: "small", targets: ["loss": 0.05], agent: "grid",
                                    options: RunOptions(budget: 480, batchSize: 16, seed: 1))
        let store = try temporaryStore()
        let summary = try await experiment.run(store: store)
        XCTAssertEqual(summary.status, .targetMet)
        let metAt = try XCTUnwrap(summary.targetMetAt)
        XCTAssertEqual(summary.evaluations, (metAt / 16 + 1) * 16, "the batch holding the hit finishes, then the run stops")
        XCTAssertLessThanOrEqual(summary.best!.metrics["loss"]!, 0.05)
        XCTAssertEqual(summary.best!.reward, 0, "a target-meeting design has the maximal target reward")
        XCTAssertEqual(try store.run(summary.runID!).status, .targetMet)
    }

    func testGridFindsTheKnownOptimumOnTheSmallSpace() async throws {
        let summary = try await Experiment(environment: "synthetic", workload: "small", agent: "grid",
                                           options: RunOptions(budget: 1000, batchSize: 32, seed: 0)).run(store: nil)
        XCTAssertEqual(summary.status, .exhausted)
        XCTAssertEqual(summary.evaluations, 480)
        XCTAssertEqual(summary.best?.metrics["loss"], 0)
    }

    func testRandomWalkMedianOverSeedsBeatsTheMedianRandomDesign() async throws {
        let comparison = Comparison(base: Experiment(environment: "synthetic", agent: "random_walk", options: RunOptions(budget: 200)),
                                    agents: ["random_walk"], seeds: Array(1...9))
        let row = try await comparison.run(store: nil)[0]
        let medianBest = try XCTUnwrap(row.medianBestReward)
        // A single random design has median loss above 1 on this space; 200 samples get well below.
        XCTAssertGreaterThan(medianBest, -0.6)
        XCTAssertEqual(row.runs.count, 9)
        XCTAssertEqual(Set(row.runs.map { $0.best!.design }).count, 9, "seeds explore differently")
    }

    func testConstraintObjectiveMarksViolationsInfeasible() async throws {
        let experiment = Experiment(environment: "synthetic", objectivePreset: "loss-under-cost", agent: "random_walk",
                                    options: RunOptions(budget: 200, seed: 4))
        let summary = try await experiment.run(store: nil)
        XCTAssertLessThanOrEqual(summary.best!.metrics["cost"]!, 20)
        XCTAssertTrue(summary.best!.feasible)
    }

    func testUnknownTargetMetricIsAnErrorNamingTheMetrics() throws {
        let experiment = Experiment(environment: "synthetic", targets: ["latency": 1], agent: "grid")
        XCTAssertThrowsError(try experiment.makeEnvironment()) { error in
            XCTAssertEqual(String(describing: error), "synthetic: unknown metric 'latency'; valid metrics: loss, cost")
        }
    }
}
