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
}
