import Environments
import Foundation
import GymCore
import Synchronization
import Wire
import XCTest

/// `open_run`: a session's steps reach the server's run recorder in answer order, and the run ends
/// when the session does (docs/protocol.md, "Recorded runs").
final class RecordedRunTests: XCTestCase {
    /// Keeps what a server hands its recorder.
    final class MemoryRecorder: RunRecorder {
        struct Log {
            var opened: [(OpenedRun, String)] = []
            var recorded: [Int: [Evaluation]] = [:]
            var ended: [Int: Bool] = [:]
        }
        let log = Mutex(Log())

        func open(_ run: OpenedRun, environment: any Environment) throws -> Int {
            log.withLock { log in
                log.opened.append((run, environment.name))
                return log.opened.count
            }
        }
        func record(runID: Int, _ evaluations: [Evaluation]) throws { log.withLock { $0.recorded[runID, default: []] += evaluations } }
        func end(runID: Int, complete: Bool) { log.withLock { $0.ended[runID] = complete } }
    }

    func testStepsOfARecordedSessionReachTheRecorderInOrderAndCloseEndsTheRun() throws {
        let recorder = MemoryRecorder()
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 2), recorder: recorder)
        defer { server.stop() }
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 30)
        let session = try client.make(environment: "synthetic").session
        let run: JSONValue = .object(["agent": .string("optuna-tpe"), "hyperparameters": .object(["seed": .number(3)]), "budget": .number(5)])
        let reply = try client.call(WireRequest(id: 9, op: .open_run, session: session, seed: 4, run: run))
        XCTAssertEqual(reply.runID, 1)
        _ = try client.call(WireRequest(id: 10, op: .step, session: session, design: ["x": 1]))
        _ = try client.call(WireRequest(id: 11, op: .step_batch, session: session, designs: [["x": 2], ["x": 3]]))
        _ = try client.call(WireRequest(id: 12, op: .close, session: session))
        recorder.log.withLock { log in
            XCTAssertEqual(log.opened.first?.0, OpenedRun(agent: "optuna-tpe", hyperparameters: .object(["seed": .number(3)]), seed: 4, budget: 5))
            XCTAssertEqual(log.opened.first?.1, "synthetic")
            XCTAssertEqual(log.recorded[1]?.compactMap { $0.design["x"] }, [1, 2, 3], "answer order")
            XCTAssertEqual(log.ended[1], true, "close ends the run complete")
        }
    }

    func testOpenRunIsRefusedWithoutARecorderAndForBadRunFields() throws {
        let plain = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1))
        defer { plain.stop() }
        let client = try WireClient(endpoint: plain.endpoint, timeoutSeconds: 30)
        let session = try client.make(environment: "synthetic").session
        let refused = try client.call(WireRequest(id: 1, op: .open_run, session: session, run: .object(["agent": .string("a")])))
        XCTAssertEqual(refused.error?.field, "op")

        let recorded = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1), recorder: MemoryRecorder())
        defer { recorded.stop() }
        let other = try WireClient(endpoint: recorded.endpoint, timeoutSeconds: 30)
        let id = try other.make(environment: "synthetic").session
        for (run, field) in [(JSONValue.object([:]), "run.agent"), (.object(["agent": .string("a"), "budget": .number(0)]), "run.budget"),
                             (.object(["agent": .string("a"), "speed": .number(1)]), "run.speed")] {
            let reply = try other.call(WireRequest(id: 2, op: .open_run, session: id, run: run))
            XCTAssertEqual(reply.error?.field, field, "\(run)")
        }
        XCTAssertEqual(try other.call(WireRequest(id: 3, op: .open_run, session: id)).error?.field, "run")
    }
}
