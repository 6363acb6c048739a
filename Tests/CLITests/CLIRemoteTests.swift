import Foundation
import GymCore
import Synchronization
import XCTest

/// `dsegym serve` and `dsegym run --remote` as processes: a remote run equals a local run of the same seed.
final class CLIRemoteTests: XCTestCase {
    func testRemoteRunMatchesLocalRunWithSameSeed() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServeProcess()
        defer { server.stop() }
        let endpoint = server.endpoint

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
