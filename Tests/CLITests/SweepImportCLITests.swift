import Foundation
import Results
import XCTest

/// The pieces the Ray driver is made of, run by hand: `sweep --dry-run --json` lists the runs,
/// `sweep --run-key` runs one into its own store, `import` commits it. Together they give the store
/// of a plain `dsegym sweep`.
final class SweepImportCLITests: XCTestCase {
    struct Plan: Decodable {
        struct Run: Decodable { var key: String; var agent: String; var seed: UInt64; var status: String; var complete: Bool }
        var sweep: String
        var runs: [Run]
        var planned: Int
        var complete: Int
    }

    func plan(_ file: String, results: String, in directory: URL) throws -> Plan {
        let result = try CLI.run(["sweep", file, "--dry-run", "--json", "--results", results], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        return try JSONDecoder().decode(Plan.self, from: Data(result.standardOutput.utf8))
    }

    func testRunsRunOneByOneAndImportedEqualAPlainSweep() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            name: pieces
            budget: 60
            seeds: 2
            environments: [{name: synthetic, workloads: [small], options: {noise: 0.02}}]
            agents:
              - name: random_walk
                grid: {restartProbability: [1, 0.5]}
              - name: grid
                hyperparameters: {order: strided}
            """.write(to: directory.appendingPathComponent("pieces.yaml"), atomically: true, encoding: .utf8)

        let before = try plan("pieces.yaml", results: "merged", in: directory)
        XCTAssertEqual(before.planned, 6)
        XCTAssertEqual(before.runs.map(\.status), Array(repeating: "pending", count: 6))
        XCTAssertEqual(Set(before.runs.map(\.key)).count, 6, "every run has its own key")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("merged").path), "a dry run creates no store")

        for (index, run) in before.runs.enumerated() {
            let node = "node\(index)"
            let one = try CLI.run(["sweep", "pieces.yaml", "--run-key", run.key, "--results", node], in: directory)
            XCTAssertEqual(one.status, 0, one.standardError)
            let imported = try CLI.run(["import", "--from", node, "--results", "merged"], in: directory)
            XCTAssertEqual(imported.status, 0, imported.standardError)
            XCTAssertTrue(imported.standardOutput.hasPrefix("imported 1 runs (60 evaluations)"), imported.standardOutput)
            let again = try CLI.run(["import", "--from", node, "--results", "merged"], in: directory)
            XCTAssertTrue(again.standardOutput.hasPrefix("imported 0 runs (0 evaluations)"), again.standardOutput)
            XCTAssertTrue(again.standardOutput.contains("1 already present"), again.standardOutput)
        }
        let after = try plan("pieces.yaml", results: "merged", in: directory)
        XCTAssertEqual(after.complete, 6)
        XCTAssertEqual(after.runs.map(\.status), Array(repeating: "finished", count: 6))
        let resumed = try CLI.run(["sweep", "pieces.yaml", "--results", "merged", "--jobs", "1"], in: directory)
        XCTAssertTrue(resumed.standardOutput.contains("(0 run now, 6 already done"), resumed.standardOutput)

        let plain = try CLI.run(["sweep", "pieces.yaml", "--results", "plain", "--jobs", "2"], in: directory)
        XCTAssertEqual(plain.status, 0, plain.standardError)
        let expected = try ResultsStore(directory: directory.appendingPathComponent("plain"))
        let merged = try ResultsStore(directory: directory.appendingPathComponent("merged"))
        let byKey = Dictionary(uniqueKeysWithValues: try merged.runs(sweepID: "pieces").map { ($0.specification.runKey!, $0) })
        XCTAssertEqual(byKey.count, 6)
        for run in try expected.runs(sweepID: "pieces") {
            let twin = try XCTUnwrap(byKey[run.specification.runKey!])
            XCTAssertEqual(twin.specification, run.specification)
            let a = try expected.evaluations(runID: run.id), b = try merged.evaluations(runID: twin.id)
            XCTAssertEqual(a.count, 60)
            XCTAssertEqual(a.map(\.evaluation.design), b.map(\.evaluation.design))
            XCTAssertEqual(a.map(\.evaluation.metrics), b.map(\.evaluation.metrics))
            XCTAssertEqual(a.map(\.evaluation.reward), b.map(\.evaluation.reward))
        }
    }

    func testUnknownRunKeyNamesTheWayToListThem() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["sweep", sweepFixture(), "--run-key", "nope", "--results", "r"], in: directory)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("--run-key nope: no run of sweep 'smoke' has this key"), result.standardError)
    }

    func testRayHandOverWithoutAnInterpreterThatHasRaySaysHowToInstallIt() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["sweep", sweepFixture(), "--ray", "127.0.0.1:6379", "--results", "r"], in: directory,
                                 environment: ["DSEGYM_PYTHON": "false"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("--ray: false cannot import dsegym.ray and ray; install them with `false -m pip install ./agents/python ray`"),
                      result.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("r").path))
    }

    func testImportFromAFolderWithoutAStoreIsAnInputError() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["import", "--from", "missing", "--results", "r"], in: directory)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("--from missing: no results store there"), result.standardError)
    }

    /// agents/sweeps/smoke.yaml of the repository.
    func sweepFixture() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("agents/sweeps/smoke.yaml").path
    }
}
