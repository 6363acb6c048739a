import Foundation
import GymCore
import Results
import XCTest

/// `ResultsStore.importRuns(from:)`: runs join another store once, with every stored value kept.
final class RunImporterTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-import-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func store(_ name: String) throws -> ResultsStore { try ResultsStore(directory: directory.appendingPathComponent(name)) }

    func specification(seed: UInt64, key: String?) -> RunSpecification {
        RunSpecification(environment: "synthetic", workload: "small", agent: "grid", hyperparametersJSON: #"{"cap":10}"#,
                         objective: .optimize(MetricDescriptor("loss", unit: "1", direction: .minimize)), seed: seed,
                         budget: 3, batchSize: 1, parameterNames: ["family", "x"], metricNames: ["loss", "cost"],
                         sweepID: key == nil ? nil : "s", runKey: key)
    }

    /// A run of `count` evaluations (loss 10, 9, ...) ended with `status`.
    @discardableResult
    func recordRun(in store: ResultsStore, seed: UInt64, key: String?, count: Int = 3, status: RunStatus = .finished) throws -> Int {
        let id = try store.beginRun(specification(seed: seed, key: key))
        try store.record(runID: id, (0..<count).map { index in
            let loss = Double(10 - index)
            return (index, Evaluation(design: ["family": "gamma", "x": .integer(index)], metrics: ["loss": loss, "cost": 1],
                                      feasible: true, reason: nil, reward: -loss, simWallSeconds: 0.5), -loss)
        })
        if status != .running { try store.finishRun(id, status: status, detail: status == .failed ? "boom" : nil) }
        return id
    }

    func testImportedRunKeepsItsSpecificationStatusAndEvaluations() throws {
        let node = try store("node"), main = try store("main")
        let sourceID = try recordRun(in: node, seed: 7, key: "k1", status: .targetMet)
        let imports = try main.importRuns(from: node)
        XCTAssertEqual(imports.map(\.outcome), [.imported])
        XCTAssertEqual(imports[0].evaluations, 3)
        let copied = try main.run(XCTUnwrap(imports[0].runID))
        let original = try node.run(sourceID)
        XCTAssertEqual(copied.specification, original.specification)
        XCTAssertEqual(copied.status, .targetMet)
        XCTAssertEqual(copied.startedAt, original.startedAt)
        XCTAssertEqual(copied.evaluationCount, 3)
        XCTAssertEqual(copied.bestReward, -8)
        let a = try node.evaluations(runID: sourceID), b = try main.evaluations(runID: copied.id)
        XCTAssertEqual(a.map(\.evaluation), b.map(\.evaluation))
        XCTAssertEqual(a.map(\.bestSoFar), b.map(\.bestSoFar))
        XCTAssertEqual(a.map(\.wallClock), b.map(\.wallClock))
    }

    func testImportingTheSameStoreTwiceChangesNothing() throws {
        let node = try store("node"), main = try store("main")
        try recordRun(in: node, seed: 1, key: "k1")
        try recordRun(in: node, seed: 2, key: nil)  // a run outside any sweep
        XCTAssertEqual(try main.importRuns(from: node).map(\.outcome), [.imported, .imported])
        XCTAssertEqual(try main.importRuns(from: node).map(\.outcome), [.alreadyPresent, .alreadyPresent])
        XCTAssertEqual(try main.runs().count, 2)
        XCTAssertEqual(try main.runs().map(\.evaluationCount), [3, 3])
    }

    func testCompleteKeyIsRefusedAndHalfFinishedRowsOfTheKeyAreReplaced() throws {
        let main = try store("main"), first = try store("first"), retry = try store("retry")
        try recordRun(in: main, seed: 1, key: "done")
        let stale = try recordRun(in: main, seed: 2, key: "half", count: 1, status: .failed)
        try recordRun(in: first, seed: 1, key: "done")     // a second copy of a run already committed
        try recordRun(in: retry, seed: 2, key: "half")     // the retried run
        XCTAssertEqual(try main.importRuns(from: first).map(\.outcome), [.alreadyPresent])
        XCTAssertEqual(try main.importRuns(from: retry).map(\.outcome), [.imported])
        let runs = try main.runs(sweepID: "s")
        XCTAssertEqual(runs.map(\.specification.runKey), ["done", "half"], "each key once")
        XCTAssertFalse(runs.map(\.id).contains(stale))
        XCTAssertEqual(runs.map(\.status), [.finished, .finished])
        XCTAssertEqual(runs.map(\.evaluationCount), [3, 3])
        for run in runs { XCTAssertEqual(try main.evaluations(runID: run.id).count, 3, "the failed row's evaluation is gone") }
    }

    func testRunStillRunningInTheSourceOrHereIsNotCopied() throws {
        let main = try store("main"), node = try store("node")
        try recordRun(in: node, seed: 1, key: "open", count: 1, status: .running)
        XCTAssertEqual(try main.importRuns(from: node).map(\.outcome), [.unfinished])
        try recordRun(in: main, seed: 2, key: "busy", count: 1, status: .running)   // this live process runs it here
        let other = try store("other")
        try recordRun(in: other, seed: 2, key: "busy")
        XCTAssertEqual(try main.importRuns(from: other).map(\.outcome), [.busy])
        XCTAssertEqual(try main.runs().count, 1)
    }

    func testImportingAStoreIntoItselfIsRefused() throws {
        let main = try store("main")
        XCTAssertThrowsError(try main.importRuns(from: try store("main")))
    }
}
