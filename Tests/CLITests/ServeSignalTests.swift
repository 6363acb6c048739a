import Foundation
import GymCore
import Synchronization
import Wire
import XCTest

/// `dsegym serve` stops cleanly on SIGINT and SIGTERM: sessions closed, one line, status 0, promptly.
final class ServeSignalTests: XCTestCase {
    func testSIGINTStopsServerWithStatusZeroPromptly() throws {
        try assertCleanStop(signal: SIGINT, name: "SIGINT")
    }

    func testSIGTERMStopsServerWithStatusZeroPromptly() throws {
        try assertCleanStop(signal: SIGTERM, name: "SIGTERM")
    }

    func testSIGTERMStopsServerWhileAWorkerRunsALongBatch() throws {
        try assertCleanStop(signal: SIGTERM, name: "SIGTERM", longBatch: true)
    }

    private func assertCleanStop(signal: Int32, name: String, longBatch: Bool = false) throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        if longBatch {
            // A batch that takes minutes in a debug build keeps the only worker busy when the signal comes.
            let (session, space) = try client.make(environment: "dram")
            var generator = SeededGenerator(seed: 9)
            let designs = (0..<3000).map { _ in space.parameterSpace.randomDesign(using: &generator) }
            let context = try ZMQContext()
            let socket = try context.socket(.dealer)
            defer { socket.close() }
            try socket.connect(server.endpoint)
            try socket.send([[], WireRequest(id: 1, op: .step_batch, session: session, designs: designs).jsonBytes])
            Thread.sleep(forTimeInterval: 0.5)
            try client.ping()
        } else {
            _ = try client.make(environment: "synthetic")
        }

        let sent = ContinuousClock.now
        kill(server.process.processIdentifier, signal)
        XCTAssertEqual(server.exited.wait(timeout: .now() + 5), .success, "dsegym serve did not exit within 5 s of \(name)")
        let seconds = Double((ContinuousClock.now - sent).components.attoseconds) * 1e-18 + Double((ContinuousClock.now - sent).components.seconds)
        XCTAssertLessThan(seconds, 2, "dsegym serve took \(seconds) s to stop")
        XCTAssertEqual(server.process.terminationReason, .exit)
        XCTAssertEqual(server.process.terminationStatus, 0)
        // The reader thread sees end-of-file once the process is gone.
        let deadline = ContinuousClock.now + .seconds(2)
        while !server.text.contains("stopped"), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let lines = server.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertEqual(lines.last.map(String.init), "dsegym serve: stopped on \(name), closed 1 session(s)")
    }
}
