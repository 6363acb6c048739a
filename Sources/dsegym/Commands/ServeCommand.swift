import ArgumentParser
import Environments
import Experiments
import Foundation
import Synchronization
import Results
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
    @Option(help: "Most live sessions (1...1000000).") var maxSessions: Int = 1024
    @Option(help: "Seconds after which an unused session is dropped (0.001...31536000).") var idleTimeout: Double = 600
    @Option(name: .customLong("workers"), help: "Worker threads (1...1024; default: the number of cores).") var workersOption: Int?
    var workers: Int { workersOption ?? ProcessInfo.processInfo.activeProcessorCount }
    @Option(help: "Largest request answered, in bytes (1024...1073741824).") var maxRequestBytes: Int = 1 << 20
    @Option(help: "Most designs in one step_batch (1...10000000).") var maxBatchDesigns: Int = 10_000
    @Option(help: "Seconds one request may run; a step_batch past it stops (0.001...31536000).") var requestTimeout: Double = 600
    @Option(help: "Replies kept for a client that does not read them; later ones are dropped (1...100000).") var maxQueuedReplies: Int = 1000
    @Option(help: "Requests of one client waiting for or running on a worker; more get 'busy' (1...100000).") var maxInFlight: Int = 256
    @Option(help: ArgumentHelp("Results folder: runs clients open with open_run are recorded in its store (off when omitted).", valueName: "dir"))
    var results: String?
    @Flag(help: ArgumentHelp("Echo every message back unchanged instead of answering it (the raw baseline of `dsegym perf wire`).",
                             visibility: .hidden))
    var rawEcho = false

    /// The server options these flags ask for.
    var serverOptions: ServerOptions {
        ServerOptions(endpoint: bind, maxSessions: maxSessions, idleTimeoutSeconds: idleTimeout, workers: workers, maxRequestBytes: maxRequestBytes,
                      maxQueuedReplies: maxQueuedReplies, maxInFlightPerPeer: maxInFlight, maxBatchDesigns: maxBatchDesigns,
                      requestTimeoutSeconds: requestTimeout)
    }

    func validate() throws {
        if let problem = WireProtocol.endpointProblem(bind, option: "--bind", binding: true) { throw ValidationError(problem) }
        // ServerOptions names its fields; say them as the flags they came from.
        let flags = ["maxSessions": "--max-sessions", "idleTimeoutSeconds": "--idle-timeout", "workers": "--workers",
                     "maxRequestBytes": "--max-request-bytes", "maxMessageBytes": "--max-request-bytes", "maxBatchDesigns": "--max-batch-designs",
                     "requestTimeoutSeconds": "--request-timeout", "maxQueuedReplies": "--max-queued-replies", "maxInFlightPerPeer": "--max-in-flight"]
        do { _ = try serverOptions.validated() } catch {
            let field = error.field ?? ""
            throw ValidationError(error.message.replacingOccurrences(of: field, with: flags[field] ?? field))
        }
    }

    func run() throws {
        if rawEcho {
            let echo = try RouterEcho(endpoint: bind)
            let stopped = Self.stopOnSignal { _ in echo.stop() }
            FileHandle.standardOutput.write(Data("dsegym serve: echoing raw frames on \(echo.endpoint) (perf baseline, no protocol)\n".utf8))
            stopped.wait()
            return
        }
        let recorder = try results.map { StoreRunRecorder(store: try ResultsStore(directory: URL(fileURLWithPath: $0))) }
        let server = try EnvironmentServer(options: serverOptions, recorder: recorder)
        let stopped = Self.stopOnSignal { signalName in
            let sessions = server.sessionCount
            server.stop()
            FileHandle.standardOutput.write(Data("dsegym serve: stopped on \(signalName), closed \(sessions) session(s)\n".utf8))
        }
        Thread {   // a server that gave up on persistent socket errors ends the process with status 1
            server.wait()
            if let reason = server.failureReason {
                printError("error: dsegym serve: \(reason)")
                Foundation.exit(1)
            }
        }.start()
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
