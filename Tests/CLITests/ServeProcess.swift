import Foundation
import Synchronization
import XCTest

/// A `dsegym serve` child process bound to a free loopback port: waits for its "listening on" line,
/// keeps everything it prints, and signals when it exits.
final class ServeProcess {
    let process = Process()
    /// The address the server printed, e.g. `tcp://127.0.0.1:41234`.
    private(set) var endpoint = ""
    /// Signalled once when the process exits.
    let exited = DispatchSemaphore(value: 0)
    private let output = ServeOutput()

    init(arguments: [String] = ["--workers", "1"]) throws {
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--bind", "tcp://127.0.0.1:*"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let exited = exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let firstLine = DispatchSemaphore(value: 0)
        let output = output
        Thread {
            var signalled = false
            while true {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                let hasLine = output.text.withLock { $0 += String(decoding: chunk, as: UTF8.self); return $0.contains("\n") }
                if hasLine, !signalled { firstLine.signal(); signalled = true }
            }
            if !signalled { firstLine.signal() }
        }.start()
        guard firstLine.wait(timeout: .now() + 20) == .success,
              let address = text.components(separatedBy: "listening on ").dropFirst().first?.split(separator: " ").first
        else {
            stop()
            throw ServeDidNotStart(output: text)
        }
        endpoint = address.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Everything the server printed so far.
    var text: String { output.text.withLock { $0 } }

    /// Terminates the server (if still running) and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

struct ServeDidNotStart: Error, CustomStringConvertible {
    var output: String
    var description: String { "dsegym serve did not print its address within 20 s; output: \(output)" }
}

/// The server's output so far, appended by the reading thread.
private final class ServeOutput: Sendable {
    let text = Mutex("")
}
