import Environments
import Foundation
import GymCore
import Synchronization
@testable import Wire
import XCTest

/// The server's limits: slow work off the router thread, message size across frames, requests in
/// flight and replies unread per peer, batch size and per-request deadline, and a prompt stop.
final class ServerLimitsTests: XCTestCase {
    /// Random valid designs of `environment` (seeded).
    static func designs(_ environment: String, count: Int, seed: UInt64 = 5) throws -> [Design] {
        let space = try EnvironmentRegistry.standard.make(environment).parameterSpace
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in space.randomDesign(using: &generator) }
    }

    func testPingIsAnsweredWithin100MillisecondsWhileAnotherClientRunsA3000DesignBatchOnDRAM() throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 2))
        defer { server.stop() }
        let batchClient = try WireClient(endpoint: server.endpoint, timeoutSeconds: 300)
        // A short trace keeps the test quick in a debug build; the batch still runs for seconds.
        let session = try batchClient.make(environment: "dram", options: ["trace_requests": "20"]).session
        let designs = try Self.designs("dram", count: 3000)
        let batchDone = Atomic<Bool>(false)
        let batchResult = Mutex<Int>(-1)
        let batchProblem = Mutex<String>("")
        let group = DispatchGroup()
        group.enter()
        Thread {
            defer { group.leave() }
            do {
                let reply = try batchClient.call(WireRequest(id: 0, op: .step_batch, session: session, designs: designs))
                batchResult.withLock { $0 = reply.evaluations?.count ?? 0 }
                batchProblem.withLock { $0 = reply.error.map { "\($0.code): \($0.message)" } ?? "" }
            } catch {
                batchResult.withLock { $0 = 0 }
                batchProblem.withLock { $0 = String(describing: error) }
            }
            batchDone.store(true, ordering: .releasing)
        }.start()
        let pinger = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        Thread.sleep(forTimeInterval: 0.3)   // the batch is on a worker by now
        var slowest = Duration.zero, pingsDuringBatch = 0
        while !batchDone.load(ordering: .acquiring), pingsDuringBatch < 50 {
            let start = ContinuousClock.now
            try pinger.ping()
            let took = ContinuousClock.now - start
            if !batchDone.load(ordering: .acquiring) {
                pingsDuringBatch += 1
                slowest = max(slowest, took)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertGreaterThan(pingsDuringBatch, 0, "the batch must still run while the pings are answered")
        XCTAssertLessThan(slowest, .milliseconds(100), "slowest of \(pingsDuringBatch) pings during the batch")
        XCTAssertEqual(group.wait(timeout: .now() + 300), .success)
        XCTAssertEqual(batchResult.withLock { $0 }, 3000, batchProblem.withLock { $0 })
    }

    func testAMessageOverTheLimitAcrossFramesGetsTooLargeAndTheServerGoesOn() throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1, maxRequestBytes: 4096, maxMessageBytes: 64 << 10))
        defer { server.stop() }
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        defer { socket.close() }
        try socket.setReceiveTimeout(milliseconds: 5000)
        try socket.connect(server.endpoint)
        // 30 frames of 40 KiB: each under the per-frame limit, 1.2 MB together.
        let frame = [UInt8](repeating: UInt8(ascii: "x"), count: 40 << 10)
        try socket.send([[]] + Array(repeating: frame, count: 30))
        let reply = try WireReply(jsonBytes: try socket.receive().last!)
        XCTAssertEqual(reply.error?.code, "too_large")
        XCTAssertTrue(reply.error?.message.contains("over all its frames") == true, reply.error?.message ?? "")
        try WireClient(endpoint: server.endpoint, timeoutSeconds: 5).ping()
    }

    func testAFrameOverTheLimitDisconnectsOnlyThatPeer() throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1, maxRequestBytes: 4096, maxMessageBytes: 64 << 10))
        defer { server.stop() }
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        defer { socket.close() }
        try socket.connect(server.endpoint)
        try socket.send([[], [UInt8](repeating: 0x20, count: 1 << 20)])
        XCTAssertFalse(try socket.poll(milliseconds: 500), "libzmq drops the connection instead of reading the frame")
        try WireClient(endpoint: server.endpoint, timeoutSeconds: 5).ping()
    }

    func testRepliesAPeerDoesNotReadAreDroppedBeyondItsQueue() throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1, maxQueuedReplies: 4))
        defer { server.stop() }
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        let session = try client.make(environment: "synthetic").session
        let batch = WireRequest(id: 1, op: .step_batch, session: session, designs: try Self.designs("synthetic", count: 1000)).jsonBytes
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        defer { socket.close() }
        // A peer that does not read: its own libzmq stops taking replies off the connection.
        try socket.setReceiveHighWaterMark(messages: 1)
        try socket.connect(server.endpoint)
        let sent = 100   // replies of ~150 kB each: 15 MB if all were kept
        for _ in 0..<sent { try socket.send([[], batch]) }
        try client.ping()   // others are served meanwhile
        // One worker answers in order: once this batch is answered, all of the peer's are.
        _ = try WireClient(endpoint: server.endpoint, timeoutSeconds: 120).stepBatch(session: session, designs: try Self.designs("synthetic", count: 2))
        var received = 0
        while try socket.poll(milliseconds: 1000) {
            _ = try socket.receive()
            received += 1
        }
        XCTAssertGreaterThan(received, 0)
        XCTAssertLessThan(received, sent, "replies beyond the peer's queue (and the kernel's buffers) are dropped")
    }

    func testAPeerOverItsInFlightLimitGetsBusyRepliesCarryingTheirIDs() throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1, maxInFlightPerPeer: 2))
        defer { server.stop() }
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        let session = try client.make(environment: "dram").session
        let designs = try Self.designs("dram", count: 20)
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        defer { socket.close() }
        try socket.connect(server.endpoint)
        for id in 1...10 { try socket.send([[], WireRequest(id: id, op: .step_batch, session: session, designs: designs).jsonBytes]) }
        var codes: [Int: String] = [:]
        for _ in 1...10 {
            guard try socket.poll(milliseconds: 60_000) else { break }
            let reply = try WireReply(jsonBytes: try socket.receive().last!)
            codes[Int(reply.id?.number ?? -1)] = reply.ok ? "ok" : reply.error?.code
        }
        XCTAssertEqual(Set(codes.keys), Set(1...10), "one reply per request, each with its id")
        XCTAssertGreaterThanOrEqual(codes.values.filter { $0 == "ok" }.count, 2)
        XCTAssertGreaterThan(codes.values.filter { $0 == "busy" }.count, 0)
        XCTAssertEqual(Set(codes.values).subtracting(["ok", "busy"]), [])
    }

    func testAStepBatchPastThePerRequestLimitStopsWithDeadlineExceeded() throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1, requestTimeoutSeconds: 0.05))
        defer { server.stop() }
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 120)
        let session = try client.make(environment: "dram").session
        XCTAssertThrowsError(try client.checkedCall(WireRequest(id: 0, op: .step_batch, session: session, designs: try Self.designs("dram", count: 1000)))) { error in
            XCTAssertEqual((error as? WireError)?.code, "deadline_exceeded")
            XCTAssertEqual((error as? WireError)?.field, "designs")
        }
        try client.ping()
    }

    func testABatchOverTheDesignLimitIsRefusedAndTheClientSendsBigBatchesInParts() throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1, maxBatchDesigns: 1000))
        defer { server.stop() }
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 30)
        let session = try client.make(environment: "synthetic").session
        let designs = try Self.designs("synthetic", count: 2500)
        XCTAssertThrowsError(try client.checkedCall(WireRequest(id: 0, op: .step_batch, session: session, designs: designs))) { error in
            XCTAssertEqual((error as? WireError)?.code, "too_large")
        }
        let evaluations = try client.stepBatch(session: session, designs: designs)
        let local = try EnvironmentRegistry.standard.make("synthetic")
        XCTAssertEqual(evaluations.count, 2500)
        XCTAssertEqual(evaluations[2499].metrics, try local.step(designs[2499]).metrics)
    }

    func testStopReturnsWhileAWorkerIsInsideALongBatch() throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1))
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 30)  // generous: a loaded machine builds dram slowly
        let session = try client.make(environment: "dram").session
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        defer { socket.close() }
        try socket.connect(server.endpoint)
        try socket.send([[], WireRequest(id: 1, op: .step_batch, session: session, designs: try Self.designs("dram", count: 3000)).jsonBytes])
        Thread.sleep(forTimeInterval: 0.3)
        let stopped = DispatchSemaphore(value: 0)
        Thread {
            server.stop()
            stopped.signal()
        }.start()
        XCTAssertEqual(stopped.wait(timeout: .now() + 10), .success, "stop does not wait for the batch to finish")
        XCTAssertEqual(server.sessionCount, 0)
    }

    func testOutOfRangeOptionsAreRejectedNamingTheFieldAndRange() {
        XCTAssertThrowsError(try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", idleTimeoutSeconds: .infinity))) { error in
            XCTAssertEqual((error as? WireError)?.field, "idleTimeoutSeconds")
            XCTAssertTrue(String(describing: error).contains("0.001...31536000"), String(describing: error))
        }
        XCTAssertThrowsError(try ServerOptions(requestTimeoutSeconds: .nan).validated())
        XCTAssertThrowsError(try ServerOptions(maxBatchDesigns: 0).validated())
        XCTAssertNoThrow(try ServerOptions().validated())
    }

    func testPersistentLoopErrorsStopTheLoopWithTheLastError() {
        var errors = LoopErrors(name: "test", limit: 3)
        XCTAssertNil(errors.record(ZMQError.timeout))
        errors.succeeded()
        XCTAssertNil(errors.record(ZMQError.timeout))
        XCTAssertNil(errors.record(ZMQError.timeout))
        XCTAssertEqual(errors.record(ZMQError.timeout), "test stopped after 3 consecutive errors; last: timed out")
        XCTAssertEqual(errors.total, 4)
    }
}
