import ArgumentParser
import Environments
import Foundation
import Synchronization
import Wire

/// `dsegym serve`: serve every registered environment over ZeroMQ (protocol v1, docs/protocol.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve every environment to remote agents over ZeroMQ (docs/protocol.md).",
        discussion: """
            Example: dsegym serve --bind tcp://127.0.0.1:5555
            A port of * picks a free one; the first line printed says where the server listens.
            Runs until interrupted: on SIGINT or SIGTERM it closes every session and socket, prints one \
            line and exits with status 0. Bad requests get error replies; idle sessions expire.
            """)

    @Option(help: "Address to bind (tcp://, ipc://).") var bind: String = WireProtocol.defaultEndpoint
    @Option(help: "Most live sessions.") var maxSessions: Int = 1024
    @Option(help: "Seconds after which an unused session is dropped.") var idleTimeout: Double = 600
    @Option(name: .customLong("workers"), help: "Worker threads (default: the number of cores).") var workersOption: Int?
    var workers: Int { workersOption ?? ProcessInfo.processInfo.activeProcessorCount }
    @Option(help: "Largest request answered, in bytes.") var maxRequestBytes: Int = 1 << 20
    @Flag(help: ArgumentHelp("Echo every message back unchanged instead of answering it (the raw baseline of `dsegym perf wire`).",
                             visibility: .hidden))
    var rawEcho = false

    func validate() throws {
        guard maxSessions >= 1 else { throw ValidationError("--max-sessions must be at least 1") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be positive") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard maxRequestBytes >= 1024 else { throw ValidationError("--max-request-bytes must be at least 1024") }
    }

    func run() throws {
        if rawEcho {
            let echo = try RouterEcho(endpoint: bind)
            let stopped = Self.stopOnSignal { _ in echo.stop() }
            FileHandle.standardOutput.write(Data("dsegym serve: echoing raw frames on \(echo.endpoint) (perf baseline, no protocol)\n".utf8))
            stopped.wait()
            return
        }
        let server = try EnvironmentServer(options: ServerOptions(
            endpoint: bind, maxSessions: maxSessions, idleTimeoutSeconds: idleTimeout, workers: workers, maxRequestBytes: maxRequestBytes))
        let stopped = Self.stopOnSignal { signalName in
            let sessions = server.sessionCount
            server.stop()
            FileHandle.standardOutput.write(Data("dsegym serve: stopped on \(signalName), closed \(sessions) session(s)\n".utf8))
        }
        let line = "dsegym serve: listening on \(server.endpoint) (environments: \(EnvironmentRegistry.standard.names.joined(separator: ", ")))\n"
        FileHandle.standardOutput.write(Data(line.utf8))  // unbuffered: scripts wait for this line
        stopped.wait()
    }

    /// Runs `stop` (with the signal's name) on the first SIGINT or SIGTERM, instead of dying; the
    /// returned stopper's `wait()` returns once `stop` has finished.
    static func stopOnSignal(_ stop: @escaping @Sendable (String) -> Void) -> SignalStopper {
        SignalStopper(signals: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")], stop: stop)
    }
}

/// Turns SIGINT/SIGTERM into a clean stop: the signals' default action (dying mid-reply) is
/// replaced by dispatch sources that run the stop once, on a dispatch queue.
final class SignalStopper {
    private let sources: [any DispatchSourceSignal]
    private let done = DispatchSemaphore(value: 0)

    init(signals: [(Int32, String)], stop: @escaping @Sendable (String) -> Void) {
        let fired = FiredFlag()
        let done = self.done
        sources = signals.map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                guard !fired.flag.exchange(true, ordering: .acquiringAndReleasing) else { return }
                stop(name)
                done.signal()
            }
            source.resume()
            return source
        }
    }

    /// Blocks until a signal has stopped the server.
    func wait() {
        done.wait()
        for source in sources { source.cancel() }
    }
}

/// Set by the first signal; later ones are ignored while the stop runs.
private final class FiredFlag: Sendable {
    let flag = Atomic<Bool>(false)
}
