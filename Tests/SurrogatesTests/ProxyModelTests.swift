import Environments
import Foundation
import GymCore
@testable import Surrogates
import XCTest

final class ProxyModelTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// Random designs of the synthetic `small` workload, measured.
    private func syntheticEvaluations(_ count: Int, seed: UInt64) throws -> (SyntheticEnvironment, [Evaluation]) {
        let environment = try SyntheticEnvironment(workload: "small")
        var generator = SeededGenerator(seed: seed)
        let evaluations = try (0..<count).map { _ in try environment.step(environment.parameterSpace.randomDesign(using: &generator)) }
        return (environment, evaluations)
    }

    private func fit(_ environment: some Environment, _ evaluations: [Evaluation], trees: Int = 30) throws -> ProxyModel {
        var settings = SurrogateSettings()
        settings.forest.trees = trees
        return try ProxyModel.fit(environment: environment.name, workload: environment.workload, space: environment.parameterSpace,
                                  metrics: environment.metrics, objective: environment.objective,
                                  data: ProxyTrainingSet(evaluations: evaluations, space: environment.parameterSpace), settings: settings)
    }

    func testASavedModelPredictsExactlyWhatItPredictedBeforeSaving() throws {
        let (environment, evaluations) = try syntheticEvaluations(200, seed: 1)
        let model = try fit(environment, evaluations)
        let file = directory.appendingPathComponent("model.json")
        try model.save(to: file)
        let loaded = try ProxyModel.load(from: file)
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<50 {
            let design = environment.parameterSpace.randomDesign(using: &generator)
            XCTAssertEqual(loaded.predict(design), model.predict(design))
        }
        XCTAssertEqual(loaded.parameterSpace.domains, environment.parameterSpace.domains)
        XCTAssertEqual(loaded.metrics, environment.metrics)
    }

    func testAForestOnTheSmallSyntheticSpaceRanksHeldOutDesignsAlmostExactly() throws {
        // 480 designs in all; 300 random draws (≈ 230 distinct) teach the forest, 200 fresh draws test it.
        let (environment, training) = try syntheticEvaluations(300, seed: 3)
        let (_, test) = try syntheticEvaluations(200, seed: 4)
        let model = try fit(environment, training, trees: 100)
        let quality = model.quality(on: ProxyTrainingSet(evaluations: test, space: environment.parameterSpace))
        XCTAssertGreaterThan(try XCTUnwrap(quality["loss"]).spearman, 0.95)
        XCTAssertGreaterThan(try XCTUnwrap(quality["cost"]).spearman, 0.99)
    }

    func testFailedSimulationsTrainTheFeasibilityClassifierNotTheRegressors() throws {
        // Designs with x < 3 "fail in the simulator": no metrics.
        var (environment, evaluations) = try syntheticEvaluations(300, seed: 5)
        for index in evaluations.indices where evaluations[index].design.number("x")! < 3 {
            evaluations[index] = Evaluation(design: evaluations[index].design, metrics: [:], feasible: false, reason: "crashed", reward: nil, simWallSeconds: 0)
        }
        let data = ProxyTrainingSet(evaluations: evaluations, space: environment.parameterSpace)
        let model = try fit(environment, evaluations)
        let classifier = try XCTUnwrap(model.feasibility)
        XCTAssertEqual(classifier.failedCount, data.count - data.measuredCount)
        XCTAssertGreaterThan(classifier.failedCount, 0)
        let failing: Design = ["family": "gamma", "x": 1, "y": 8, "z": 1]
        let working: Design = ["family": "gamma", "x": 6, "y": 8, "z": 1]
        XCTAssertFalse(model.predict(failing).feasible)
        XCTAssertTrue(model.predict(failing).reason!.hasPrefix("proxy: predicted to fail"))
        let report = model.predict(working)
        XCTAssertTrue(report.feasible)
        // The regressors only saw x ≥ 3, so the cost there is learned: y·(1 + x/8) = 8·1.75 = 14.
        XCTAssertEqual(try XCTUnwrap(report.metrics["cost"]), 14, accuracy: 1.5)
    }

    func testAModelFileWithoutRegressorsIsRejectedNamingTheFileAndTheField() throws {
        let (environment, evaluations) = try syntheticEvaluations(50, seed: 6)
        let file = directory.appendingPathComponent("broken.json")
        try fit(environment, evaluations, trees: 2).save(to: file)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        object["regressors"] = nil
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        XCTAssertThrowsError(try ProxyModel.load(from: file)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains(file.path) && text.contains("regressors"), text)
        }
        object["regressors"] = []
        object["format"] = "something-else"
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        XCTAssertThrowsError(try ProxyModel.load(from: file)) { error in
            XCTAssertTrue(String(describing: error).contains("format is 'something-else', expected 'dsegym-proxy'"))
        }
    }

    func testAModelSavedWithoutTheTrendSettingStillLoads() throws {
        let (environment, evaluations) = try syntheticEvaluations(50, seed: 9)
        let file = directory.appendingPathComponent("older.json")
        let model = try fit(environment, evaluations, trees: 2)
        try model.save(to: file)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var settings = try XCTUnwrap(object["settings"] as? [String: Any])
        settings["trend"] = nil
        object["settings"] = settings
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        let loaded = try ProxyModel.load(from: file)
        XCTAssertFalse(loaded.settings.trend)
        XCTAssertEqual(loaded.predict(["family": "beta", "x": 4, "y": 8, "z": 10]), model.predict(["family": "beta", "x": 4, "y": 8, "z": 10]))
    }

    func testTooFewMeasuredDesignsIsAnErrorThatSaysHowToRecordMore() throws {
        let (environment, evaluations) = try syntheticEvaluations(3, seed: 7)
        XCTAssertThrowsError(try fit(environment, evaluations)) { error in
            XCTAssertTrue(String(describing: error).contains("a proxy needs at least 4"), String(describing: error))
        }
    }

    func testTheProxyEnvironmentHasTheOriginalsSpaceMetricsAndObjective() throws {
        let (environment, evaluations) = try syntheticEvaluations(200, seed: 8)
        let file = directory.appendingPathComponent("model.json")
        try fit(environment, evaluations).save(to: file)
        let proxy = try EnvironmentRegistry.standard.make("proxy", options: ["model": file.path])
        XCTAssertEqual(proxy.name, "proxy")
        XCTAssertEqual(proxy.workload, "small")
        XCTAssertEqual(proxy.parameterSpace.domains, environment.parameterSpace.domains)
        XCTAssertEqual(proxy.metrics.map(\.name), ["loss", "cost"])
        XCTAssertEqual(proxy.objective, environment.objective)
        let evaluation = try proxy.step(SyntheticEnvironment.optimum(workload: "small"))
        XCTAssertEqual(Set(evaluation.metrics.keys), ["loss", "cost"])
        XCTAssertNotNil(evaluation.reward)
        XCTAssertThrowsError(try EnvironmentRegistry.standard.make("proxy")) { error in
            XCTAssertTrue(String(describing: error).contains("--env-option model=FILE"))
        }
        XCTAssertThrowsError(try EnvironmentRegistry.standard.make("proxy", workload: "resnet18", options: ["model": file.path])) { error in
            XCTAssertTrue(String(describing: error).contains("valid workloads: small"))
        }
    }
}
