import Foundation
import XCTest

/// What a person sees: tables that fit the terminal, and progress on long commands only when a
/// terminal is there to show it.
final class CLIOutputTests: XCTestCase {
    /// Runs `dsegym arguments...` under a pseudo-terminal (util-linux `script`), as a person would.
    func runOnTerminal(_ arguments: [String], in directory: URL) throws -> String {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: script.path), "needs util-linux's script for a pseudo-terminal")
        let command = ([CLI.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = script
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["COLUMNS": "100"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }

    func testEnvsFitsIn120ColumnsWithTextLeftAligned() throws {
        let result = try CLI.run(["envs"], in: try CLI.temporaryDirectory())
        XCTAssertEqual(result.status, 0)
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 7)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 120 }, "widest line: \(lines.map(\.count).max() ?? 0)")
        XCTAssertTrue(lines[0].hasPrefix("environment  workloads"), "text columns start at the left: \(lines[0])")
        XCTAssertTrue(result.standardOutput.contains("\nsystolic     resnet18, alexnet"), result.standardOutput)
    }

    func testDescribeListsTheEnvironmentOptions() throws {
        let result = try CLI.run(["describe", "npu-fault"], in: try CLI.temporaryDirectory())
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.standardOutput.contains("--env-option"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("injections="))
    }

    /// `bench` and `sweep` draw the same line (`ProgressLine.show`); `compare` is the quick one to run.
    func testCompareShowsProgressOnATerminalAndNothingExtraWithJSON() throws {
        let directory = try CLI.temporaryDirectory()
        let arguments = ["compare", "--env", "synthetic", "--agents", "random_walk,ga", "--seeds", "2", "--budget", "60", "--results", "r"]
        let shown = try runOnTerminal(arguments, in: directory)
        XCTAssertTrue(shown.contains("compare synthetic: 4/4 runs, 240 evaluations"), shown)
        XCTAssertTrue(shown.contains("evals/s"))
        let quiet = try runOnTerminal(arguments + ["--json"], in: directory)
        XCTAssertFalse(quiet.contains("compare synthetic:"), quiet)
        let json = quiet.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.utf8)), "only the JSON table: \(json.prefix(200))")
    }

    func testCompareTakesAgentSettingsABatchAndASweepID() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["compare", "--env", "synthetic", "--agents", "random_walk,ga", "--seeds", "2", "--budget", "40", "--batch", "4",
                                  "--set-agent", "ga.mutationRate=0.05", "--sweep", "cmp", "--results", "r", "--json"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        let export = try CLI.run(["export", "--sweep", "cmp", "--results", "r"], in: directory)
        let lines = export.standardOutput.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let agent = try XCTUnwrap(header.firstIndex(of: "agent")), rate = try XCTUnwrap(header.firstIndex(of: "hp_mutationRate"))
        let gaRates = Set(lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0[agent] == "ga" }.map { $0[rate] })
        XCTAssertEqual(gaRates, ["0.05"], "ga ran with its --set-agent value, under the sweep id")
        XCTAssertEqual(lines.count - 1, 4 * 40)
        let bad = try CLI.run(["compare", "--env", "synthetic", "--agents", "random_walk,ga", "--set-agent", "bo.xi=1", "--results", "r"], in: directory)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.standardError.contains("'bo' is not among --agents"), bad.standardError)
    }
}
