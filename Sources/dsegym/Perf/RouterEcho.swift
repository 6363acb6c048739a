import Foundation
import Wire

/// A ZeroMQ ROUTER that sends every message straight back, frames unchanged: the transport alone,
/// as the baseline next to which `dsegym perf wire` measures the protocol. A REQ client (one frame)
/// and a DEALER client (empty delimiter + frame, as the protocol's clients send) both get their
/// message back. Runs on a dedicated thread with its own context, as `EnvironmentServer` does;
/// `dsegym serve --raw-echo` runs one in a child process.
///
/// ```swift
/// let echo = try RouterEcho(endpoint: "tcp://127.0.0.1:*")
/// print(echo.endpoint)
/// echo.stop()
/// ```
final class RouterEcho: Sendable {
    /// The bound address (with the chosen port).
    let endpoint: String
    private let context: ZMQContext
    private let finished = DispatchGroup()

    init(endpoint: String) throws {
        context = try ZMQContext()
        let router = try context.socket(.router)
        try router.setMaximumMessageSize(bytes: 64 << 20)
        try router.bind(endpoint)
        self.endpoint = router.lastEndpoint
        finished.enter()
        let finished = self.finished
        let thread = Thread {
            defer { router.close(); finished.leave() }
            while let message = try? router.receive() { try? router.send(message) }
        }
        thread.name = "dsegym-raw-echo"
        thread.start()
    }

    /// Stops echoing and closes the socket. Idempotent.
    func stop() {
        context.shutdown()
        finished.wait()
    }

    /// Blocks until ``stop()`` is called.
    func wait() { finished.wait() }
}
