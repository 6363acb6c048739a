import Foundation
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

    private func assertCleanStop(signal: Int32, name: String) throws {
        let server = Process()
        server.executableURL = CLI.executable
        server.arguments = ["serve", "--bind", "tcp://127.0.0.1:*", "--workers", "1"]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        server.terminationHandler = { _ in exited.signal() }
        try server.run()
        defer { if server.isRunning { server.terminate() } }

        let text = OutputBox()
        let firstLine = DispatchSemaphore(value: 0)
        Thread {
            while true {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return }
                let lines = text.value.withLock { $0 += String(decoding: chunk, as: UTF8.self); return $0.split(separator: "\n").count }
                if lines == 1 { firstLine.signal() }
            }
        }.start()
        XCTAssertEqual(firstLine.wait(timeout: .now() + 20), .success, "dsegym serve did not start")
        let endpoint = try XCTUnwrap(text.value.withLock { $0 }.components(separatedBy: "listening on ").last?.split(separator: " ").first.map(String.init))
        let client = try WireClient(endpoint: endpoint, timeoutSeconds: 5)
        _ = try client.make(environment: "synthetic")

        let sent = ContinuousClock.now
        kill(server.processIdentifier, signal)
        XCTAssertEqual(exited.wait(timeout: .now() + 5), .success, "dsegym serve did not exit within 5 s of \(name)")
        let seconds = Double((ContinuousClock.now - sent).components.attoseconds) * 1e-18 + Double((ContinuousClock.now - sent).components.seconds)
        XCTAssertLessThan(seconds, 2, "dsegym serve took \(seconds) s to stop")
        XCTAssertEqual(server.terminationReason, .exit)
        XCTAssertEqual(server.terminationStatus, 0)
        // The reader thread sees end-of-file once the process is gone.
        let deadline = ContinuousClock.now + .seconds(2)
        while !text.value.withLock({ $0.contains("stopped") }), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let lines = text.value.withLock { $0 }.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertEqual(lines.last.map(String.init), "dsegym serve: stopped on \(name), closed 1 session(s)")
    }
}

/// The server's output so far, appended by the reading thread.
private final class OutputBox: Sendable {
    let value = Mutex("")
}
