import Foundation
import GymCore
import Results
import XCTest

/// A remote run whose server dies stops as `failed` after a few unanswered requests in a row,
/// keeping what it recorded, instead of filling the rest of its budget with infeasible steps.
final class DeadServerTests: XCTestCase {
    func testRunStopsAsFailedAfterThreeUnansweredRequests() throws {
        let directory = try CLI.temporaryDirectory()
        let server = try ServeProcess()
        let run = Process()
        run.executableURL = CLI.executable
        run.arguments = ["run", "--remote", server.endpoint, "--env", "synthetic", "--agent", "random_walk", "--budget", "100000000",
                         "--remote-timeout", "0.5", "--results", "r", "--json"]
        run.currentDirectoryURL = directory
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        run.terminationHandler = { _ in finished.signal() }
        try run.run()
        // Let it record some evaluations, then kill the server without a goodbye.
        let store = directory.appendingPathComponent("r")
        var recorded = 0
        for _ in 0..<200 where recorded < 50 {
            Thread.sleep(forTimeInterval: 0.1)
            recorded = (try? ResultsStore(directory: store).runs().first?.evaluationCount) ?? 0
        }
        XCTAssertGreaterThanOrEqual(recorded, 50, "the run got going before the server died")
        kill(server.process.processIdentifier, SIGKILL)
        XCTAssertEqual(finished.wait(timeout: .now() + 60), .success, "the run stops by itself")
        let stored = try XCTUnwrap(try ResultsStore(directory: store).runs().first)
        XCTAssertEqual(stored.status, .failed)
        XCTAssertTrue(stored.statusDetail?.contains("did not answer 3 requests in a row") == true, stored.statusDetail ?? "-")
        XCTAssertLessThan(stored.evaluationCount, 100_000_000)
        XCTAssertGreaterThanOrEqual(stored.evaluationCount, recorded, "nothing recorded was lost")
    }
}
