import Foundation
import GymCore
@testable import Results
import XCTest

/// Sweep leases: a run key is claimed once; a lease's holder is judged by host, pid and process start
/// time (never the pid alone) or, on another host, by its heartbeat.
final class LeaseTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-leases-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func specification(key: String) -> RunSpecification {
        RunSpecification(environment: "synthetic", workload: "small", agent: "grid", hyperparametersJSON: "{}",
                         objective: .optimize(MetricDescriptor("loss", unit: "1", direction: .minimize)), seed: 1,
                         budget: 10, batchSize: 1, parameterNames: ["x"], metricNames: ["loss"], sweepID: "s", runKey: key)
    }

    func forgeLease(_ store: ResultsStore, key: String, _ holder: ProcessIdentity, heartbeat: Double = Date().timeIntervalSince1970) throws {
        _ = try store.database.withLock {
            try $0.query("INSERT OR REPLACE INTO leases VALUES ('s', ?, ?, ?, ?, ?)",
                         [.text(key), .text(holder.host), SQLiteValue(holder.pid), .text(holder.started), .real(heartbeat)])
        }
    }

    func testAKeyIsClaimedOnceAndACompleteRunIsNotClaimedAgain() throws {
        let store = try ResultsStore(directory: directory)
        XCTAssertEqual(try store.claimRun(sweepID: "s", runKey: "k"), .claimed(restarted: 0))
        let id = try store.beginRun(specification(key: "k"))
        try store.finishRun(id, status: .finished)
        try store.releaseRun(sweepID: "s", runKey: "k")
        XCTAssertEqual(try store.claimRun(sweepID: "s", runKey: "k"), .complete)
    }

    func testALiveProcessLeaseIsRespectedAndAReusedPidIsNot() throws {
        let store = try ResultsStore(directory: directory)
        let parentPID = Int(getppid())
        let parent = ProcessIdentity(host: ProcessIdentity.current.host, pid: parentPID, started: try XCTUnwrap(ProcessIdentity.startTime(of: parentPID)))
        try forgeLease(store, key: "k", parent)
        XCTAssertEqual(try store.claimRun(sweepID: "s", runKey: "k"), .heldElsewhere(parent))
        // The same pid with another start time: the pid was reused, the holder is gone.
        var reused = parent
        reused.started = "another-boot:1"
        try forgeLease(store, key: "k", reused)
        XCTAssertEqual(try store.claimRun(sweepID: "s", runKey: "k"), .claimed(restarted: 0))
    }

    func testAnotherHostsLeaseExpiresWithItsHeartbeat() throws {
        let store = try ResultsStore(directory: directory)
        let remote = ProcessIdentity(host: "elsewhere.invalid", pid: Int(getpid()), started: ProcessIdentity.current.started)
        try forgeLease(store, key: "k", remote)
        XCTAssertEqual(try store.claimRun(sweepID: "s", runKey: "k"), .heldElsewhere(remote))
        try forgeLease(store, key: "k", remote, heartbeat: Date().timeIntervalSince1970 - ResultsStore.leaseTimeoutSeconds - 1)
        XCTAssertEqual(try store.claimRun(sweepID: "s", runKey: "k"), .claimed(restarted: 0))
    }

    func testARunningRowWhosePidWasReusedIsInterruptedAndRunAgain() throws {
        var store: ResultsStore? = try ResultsStore(directory: directory)
        let id = try store!.beginRun(specification(key: "k"))
        // Pretend the row was written by an earlier process that had this pid (now reused by us).
        _ = try store!.database.withLock { try $0.query("UPDATE runs SET process_start = 'earlier-boot:7' WHERE id = ?", [SQLiteValue(id)]) }
        store = nil
        let reopened = try ResultsStore(directory: directory)
        XCTAssertEqual(try reopened.run(id).status, .interrupted)
        XCTAssertEqual(try reopened.claimRun(sweepID: "s", runKey: "k"), .claimed(restarted: 1))
        XCTAssertEqual(try reopened.runs(sweepID: "s").count, 0)
    }
}
