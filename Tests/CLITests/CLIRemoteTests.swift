import Foundation
import GymCore
import Synchronization
import XCTest

/// `dsegym serve` and `dsegym run --remote` as processes: a remote run equals a local run of the same seed.
final class CLIRemoteTests: XCTestCase {
    func testRemoteRunMatchesLocalRunWithSameSeed() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = Process()
        server.executableURL = CLI.executable
        server.arguments = ["serve", "--bind", "tcp://127.0.0.1:*", "--workers", "1"]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }

        let firstLine = DispatchSemaphore(value: 0)
        let line = LineBox()
        Thread {
            let text = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            line.text.withLock { $0 = text }
            firstLine.signal()
        }.start()
        XCTAssertEqual(firstLine.wait(timeout: .now() + 20), .success, "dsegym serve did not start")
        let endpoint = try XCTUnwrap(line.text.withLock { $0 }.components(separatedBy: "listening on ").last?.split(separator: " ").first.map(String.init))

        let common = ["--env", "synthetic", "--agent", "random_walk", "--budget", "100", "--seed", "4", "--json", "--results", "out"]
        let remote = try CLI.run(["run", "--remote", endpoint, "--remote-timeout", "10"] + common, in: directory)
        XCTAssertEqual(remote.status, 0, remote.standardError)
        let local = try CLI.run(["run"] + common, in: directory)
        XCTAssertEqual(local.status, 0, local.standardError)
        let remoteSummary = try JSONDecoder().decode(JSONValue.self, from: Data(remote.standardOutput.utf8))
        let localSummary = try JSONDecoder().decode(JSONValue.self, from: Data(local.standardOutput.utf8))
        XCTAssertEqual(remoteSummary["evaluations"]?.number, 100)
        XCTAssertEqual(remoteSummary["best_reward"], localSummary["best_reward"])
        XCTAssertEqual(remoteSummary["best_design"], localSummary["best_design"])
    }
}

/// The server's first output line, handed from the reading thread.
private final class LineBox: Sendable {
    let text = Mutex("")
}
