import Foundation
import GymCore
import Results
import XCTest

/// Hostile but well-formed command lines and files: every one ends with status 0, 1 or 2, one error
/// line naming the field and its range, no signal, within a bound.
final class CLIHardeningTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// Runs `dsegym arguments` and checks it exited normally with `status` and one stderr line containing `message`.
    func expect(_ arguments: [String], status: Int32, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try CLI.run(arguments, in: directory)
        let shown = arguments.joined(separator: " ").prefix(120)
        XCTAssertEqual(result.status, status, "\(shown): \(result.standardError)", file: file, line: line)
        let lines = result.standardError.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "\(shown): \(result.standardError.prefix(400))", file: file, line: line)
        XCTAssertTrue(result.standardError.contains(message), "\(shown): \(result.standardError.prefix(400))", file: file, line: line)
        XCTAssertLessThanOrEqual(lines.first?.count ?? 0, 700, "error lines are cut", file: file, line: line)
    }

    func testIdleTimeoutInfinityIsARangeErrorWithStatusTwo() throws {
        try expect(["serve", "--idle-timeout", "inf"], status: 2, "--idle-timeout must be in 0.001...31536000, found inf")
    }

    func testRemoteTimeoutInfinityIsARangeError() throws {
        try expect(["run", "--env", "synthetic", "--remote-timeout=inf"], status: 2, "--remote-timeout must be in 0.001...86400")
    }

    func testBadPortsAreRejected() throws {
        try expect(["serve", "--bind", "tcp://127.0.0.1:99999"], status: 2, "the port must be in 1...65535 or *, found '99999'")
        try expect(["serve", "--bind", "tcp://127.0.0.1:-1"], status: 2, "the port must be in 1...65535 or *, found '-1'")
        try expect(["run", "--env", "synthetic", "--remote", "tcp://127.0.0.1:0"], status: 2, "--remote 'tcp://127.0.0.1:0': the port must be in 1...65535")
    }

    func testRunBatchAndCompareSeedsOutOfRange() throws {
        try expect(["run", "--env", "synthetic", "--batch", "1e9"], status: 2, "'1e9' is invalid for '--batch")
        try expect(["run", "--env", "synthetic", "--batch", "1000000000"], status: 2, "--batch must be in 1...100000, found 1000000000")
        try expect(["compare", "--env", "synthetic", "--agents", "grid", "--seeds", "1e8"], status: 2, "'1e8' is invalid for '--seeds")
        try expect(["compare", "--env", "synthetic", "--agents", "grid", "--seeds", "100000000"], status: 2, "--seeds must be in 1...10000")
    }

    func testAgentHyperparametersThatSizeMemoryHaveRanges() throws {
        let cases: [(String, String, String)] = [
            ("bo", "candidates=1000000000", "an integer in 1...100000"),
            ("grid", "resolution=1000000000", "an integer in 2...1024"),
            ("aco", "resolution=1000000000", "an integer in 2...1024"),
            ("ppo", "hiddenLayers=100000,100000", "widths in 1...1024"),
            ("ga", "populationSize=1000000000", "an integer in 2...100000"),
        ]
        for (agent, setting, allowed) in cases {
            try expect(["run", "--env", "synthetic", "--agent", agent, "--set-agent", setting, "--budget", "2", "--results", "r"], status: 2, allowed)
        }
    }

    func writeSweep(_ text: String) throws -> String {
        try text.write(to: directory.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return "s.yaml"
    }

    func testSweepWithHugeSeedsIsRejectedAtDryRun() throws {
        let file = try writeSweep("name: x\nbudget: 10\nseeds: 9223372036854775807\nenvironments: [{name: synthetic}]\nagents: [{name: grid}]\n")
        try expect(["sweep", file, "--dry-run"], status: 2, "seeds: must be in 1...10000, found 9223372036854775807")
    }

    func testSweepGridOfBillionsIsSubsampledWithoutBuildingIt() throws {
        let values = "[" + (1...100).map { "0.\($0 % 10)\($0)" }.joined(separator: ", ") + "]"
        let file = try writeSweep("""
            name: x
            budget: 10
            seeds: 1
            environments: [{name: synthetic}]
            agents:
              - name: random_walk
                grid: {restartProbability: \(values), stepSize: \(values.replacingOccurrences(of: "0.0", with: "0.5"))}
                random: {samples: 100000, distributions: {mutationRate: {uniform: [0.1, 0.9]}}}
                max_settings: 7
            """)
        let result = try CLI.run(["sweep", file, "--dry-run"], in: directory)   // 10^9 settings before max_settings
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("7 runs x 10 evaluations"), result.standardOutput)
        let tooMany = try writeSweep("name: x\nbudget: 10\nseeds: 10000\nenvironments: [{name: synthetic}]\nagents:\n  - name: random_walk\n    grid: {restartProbability: \(values), stepSize: \(values)}\n")
        try expect(["sweep", tooMany, "--dry-run"], status: 2, "the sweep expands to 100000000 runs; at most 1000000")
    }

    func testSweepUniformOnAnIntegerHyperparameterAndNonFiniteBoundsFailAtDryRun() throws {
        let uniform = try writeSweep("name: x\nbudget: 10\nseeds: 1\nenvironments: [{name: synthetic}]\nagents:\n  - name: ga\n    random: {samples: 2, distributions: {populationSize: {uniform: [4, 40]}}}\n")
        try expect(["sweep", uniform, "--dry-run"], status: 2, "use int_uniform for an integer hyperparameter")
        let bound = try writeSweep("name: x\nbudget: 10\nseeds: 1\nenvironments: [{name: synthetic, constraints: ['cost<=nan']}]\nagents: [{name: grid}]\n")
        try expect(["sweep", bound, "--dry-run"], status: 2, "with a finite number, found 'cost<=nan'")
        try expect(["run", "--env", "synthetic", "--constraint", "cost>=-inf"], status: 2, "with a finite number")
    }

    func testTruncatedOrEmptyPolicyFilesAreInputErrors() throws {
        let saved = try CLI.run(["run", "--env", "synthetic", "--agent", "ppo", "--budget", "20", "--save-policy", "p.json", "--results", "r"], in: directory)
        XCTAssertEqual(saved.status, 0, saved.standardError)
        let policy = try Data(contentsOf: directory.appendingPathComponent("p.json"))
        try Data().write(to: directory.appendingPathComponent("empty.json"))
        try policy.prefix(policy.count / 2).write(to: directory.appendingPathComponent("cut.json"))
        // Valid JSON whose arrays were cut: the networks would index past them.
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: policy) as? [String: Any])
        var actor = try XCTUnwrap(object["actor"] as? [String: Any]), network = try XCTUnwrap(actor["network"] as? [String: Any])
        network["parameters"] = Array((network["parameters"] as? [Double] ?? []).prefix(10))
        actor["network"] = network
        object["actor"] = actor
        try JSONSerialization.data(withJSONObject: object).write(to: directory.appendingPathComponent("short.json"))
        for (file, message) in [("empty.json", "policy"), ("cut.json", "policy"), ("short.json", "at actor.network.parameters: expected")] {
            try expect(["run", "--env", "synthetic", "--agent", "ppo", "--budget", "5", "--load-policy", file, "--results", "r"], status: 2, message)
        }
    }

    func testSavePolicyToABadPathFailsBeforeTraining() throws {
        try expect(["run", "--env", "synthetic", "--agent", "ppo", "--budget", "100000", "--save-policy", "no/such/folder/p.json", "--results", "r"],
                   status: 1, "--save-policy no/such/folder/p.json: the folder")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("r").path), "nothing ran")
    }

    func testOutputPathErrorsAreOneReadableLineWithStatusOne() throws {
        XCTAssertEqual(try CLI.run(["run", "--env", "synthetic", "--budget", "3", "--results", "r"], in: directory).status, 0)
        try expect(["export", "--format", "csv", "-o", "no/such/dir/out.csv", "--results", "r"], status: 1, "no/such/dir/out.csv: no such file or directory")
        let result = try CLI.run(["export", "--format", "csv", "-o", "no/such/dir/out.csv", "--results", "r"], in: directory)
        XCTAssertFalse(result.standardError.contains("NSCocoaErrorDomain"), result.standardError)
    }

    func testErrorLinesDoNotEchoMegabytesOfInput() throws {
        let huge = String(repeating: "x", count: 120_000)   // near the system's limit for one argument
        try expect(["eval", huge], status: 2, "unknown environment")
    }

    func testAReadOnlyResultsFolderCanStillBeRead() throws {
        XCTAssertEqual(try CLI.run(["run", "--env", "synthetic", "--budget", "3", "--results", "r"], in: directory).status, 0)
        let store = directory.appendingPathComponent("r")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: store.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store.appendingPathComponent("dsegym.sqlite").path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: store.path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        // As root permissions do not bind: run as nobody then.
        var arguments = ["runs", "--results", store.path]
        let process = Process()
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("running as root without setpriv") }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.executable.path] + arguments
        } else {
            process.executableURL = CLI.executable
        }
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, errors)
        XCTAssertTrue(text.contains("synthetic"), text)
    }

    /// Random extreme numbers in every numeric option: exit 0, 1 or 2, never a signal, within seconds each.
    func testExtremeNumbersInEveryNumericOptionExitCleanly() throws {
        let extremes = ["0", "-1", "1e308", "inf", "-inf", "nan", "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1e-320", "0x10", ""]
        let options: [[String]] = [
            ["run", "--env", "synthetic", "--results", "r", "--budget"], ["run", "--env", "synthetic", "--results", "r", "--batch"],
            ["run", "--env", "synthetic", "--results", "r", "--jobs"], ["run", "--env", "synthetic", "--results", "r", "--seed"],
            ["run", "--env", "synthetic", "--results", "r", "--remote-timeout"], ["compare", "--env", "synthetic", "--agents", "grid", "--seeds"],
            ["serve", "--workers"], ["serve", "--max-sessions"], ["serve", "--request-timeout"], ["serve", "--max-batch-designs"],
            ["run", "--env", "synthetic", "--results", "r", "--budget", "3", "--env-option"],
        ]
        var generator = SeededGenerator(seed: 15)
        for option in options {
            for _ in 0..<3 {
                var value = extremes.randomElement(using: &generator)!
                if option.last == "--env-option" { value = "noise=" + value }
                let arguments = option + [value]
                // A valid value runs for real: keep such runs tiny, and do not start servers.
                if option.first == "serve", Double(value).map({ $0 >= 1 && $0 <= 1e6 }) == true { continue }
                let result = try CLI.run(arguments, in: directory)
                XCTAssertTrue([0, 1, 2].contains(result.status), "\(arguments): status \(result.status) \(result.standardError.prefix(300))")
                XCTAssertLessThanOrEqual(result.standardError.split(separator: "\n").count, 1, "\(arguments): \(result.standardError.prefix(300))")
            }
        }
    }
}
