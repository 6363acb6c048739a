import ArgumentParser
import Environments
import Foundation
import Wire

/// `dsegym serve`: serve every registered environment over ZeroMQ (protocol v1, docs/protocol.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve every environment to remote agents over ZeroMQ (docs/protocol.md).",
        discussion: """
            Example: dsegym serve --bind tcp://127.0.0.1:5555
            A port of * picks a free one; the first line printed says where the server listens.
            Runs until interrupted. Bad requests get error replies; idle sessions expire.
            """)

    @Option(help: "Address to bind (tcp://, ipc://).") var bind: String = WireProtocol.defaultEndpoint
    @Option(help: "Most live sessions.") var maxSessions: Int = 1024
    @Option(help: "Seconds after which an unused session is dropped.") var idleTimeout: Double = 600
    @Option(help: "Worker threads (default: all cores).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Largest request answered, in bytes.") var maxRequestBytes: Int = 1 << 20

    func validate() throws {
        guard maxSessions >= 1 else { throw ValidationError("--max-sessions must be at least 1") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be positive") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard maxRequestBytes >= 1024 else { throw ValidationError("--max-request-bytes must be at least 1024") }
    }

    func run() throws {
        let server = try EnvironmentServer(options: ServerOptions(
            endpoint: bind, maxSessions: maxSessions, idleTimeoutSeconds: idleTimeout, workers: workers, maxRequestBytes: maxRequestBytes))
        let line = "dsegym serve: listening on \(server.endpoint) (environments: \(EnvironmentRegistry.standard.names.joined(separator: ", ")))\n"
        FileHandle.standardOutput.write(Data(line.utf8))  // unbuffered: scripts wait for this line
        server.wait()
    }
}
