import Foundation
import GymCore
import Synchronization

/// A protocol v1 client over DEALER sockets: one request, one reply, with a timeout; never hangs.
///
/// Thread-safe: concurrent calls each take a socket from a small pool (a socket is used by one
/// thread at a time). A call that times out discards its socket, so a late reply cannot be mistaken
/// for the next one; libzmq reconnects to a restarted server by itself.
///
/// ```swift
/// let client = try WireClient(endpoint: "tcp://127.0.0.1:5555")   // hello handshake
/// let (session, space) = try client.make(environment: "synthetic")
/// let evaluation = try client.step(session: session, design: space.parameterSpace.defaults!)
/// ```
public final class WireClient: Sendable {
    public let endpoint: String
    /// How long a call waits for its reply, in seconds.
    public let timeoutSeconds: Double
    let context: ZMQContext
    private let idle = Mutex<[ZMQSocket]>([])
    private let nextID = Atomic<Int>(1)

    /// Connects and performs the `hello` handshake; throws ``WireClientError/noAnswer(endpoint:operation:seconds:)``
    /// when nobody answers within `timeoutSeconds`.
    public init(endpoint: String, timeoutSeconds: Double = 10) throws {
        self.endpoint = endpoint
        self.timeoutSeconds = timeoutSeconds
        self.context = try ZMQContext()
        let reply = try call(WireRequest(id: 0, op: .hello))
        guard reply.versions?.contains(WireProtocol.version) == true else {
            throw WireClientError.incompatible(endpoint: endpoint, versions: reply.versions ?? [])
        }
        self.environmentsStorage.withLock { $0 = reply.environments ?? [] }
    }

    private let environmentsStorage = Mutex<[String]>([])
    /// Environment names the server offered in the handshake.
    public var offeredEnvironments: [String] { environmentsStorage.withLock { $0 } }

    /// Sends `request` (its id replaced by a fresh one) and returns the reply, `ok` or not.
    public func call(_ request: WireRequest) throws -> WireReply {
        var request = request
        let id = nextID.add(1, ordering: .relaxed).newValue
        request.id = .number(Double(id))
        let payload = request.jsonBytes
        let socket = try checkOut()
        do {
            try socket.send([[], payload])
            let deadline = ContinuousClock.now + .milliseconds(Int64(timeoutSeconds * 1000))
            while true {
                // The socket's receive timeout bounds each wait (no poll call on the hot path); a stale
                // reply to an earlier request is skipped, and the deadline bounds the whole call.
                let frames = try socket.receive()
                if let body = frames.last, let reply = try? WireReply(jsonBytes: body), reply.id?.number == Double(id) {
                    checkIn(socket)
                    return reply
                }
                guard ContinuousClock.now < deadline else {
                    throw WireClientError.noAnswer(endpoint: endpoint, operation: request.op, seconds: timeoutSeconds)
                }
            }
        } catch {
            socket.close()
            if case ZMQError.timeout = error { throw WireClientError.noAnswer(endpoint: endpoint, operation: request.op, seconds: timeoutSeconds) }
            throw error
        }
    }

    /// Like ``call(_:)`` but throws the reply's ``WireError`` when it is not `ok`.
    public func checkedCall(_ request: WireRequest) throws -> WireReply {
        let reply = try call(request)
        guard reply.ok else { throw reply.error ?? WireError(.internal, "error reply without an error object") }
        return reply
    }

    /// `make`: a new session on the server, and its environment's description.
    /// Makes a session; `objective` (a preset name or an objective object, docs/protocol.md) chooses the
    /// rewards the server returns (`nil`: the environment's default). The space's `reward` describes it.
    public func make(environment: String, workload: String? = nil, options: [String: String] = [:],
                     objective: JSONValue? = nil) throws -> (session: String, space: EnvironmentDescription) {
        let reply = try checkedCall(WireRequest(id: 0, op: .make, env: environment, workload: workload, options: options, objective: objective))
        guard let session = reply.session, let space = reply.space else { throw WireError(.internal, "make reply lacks session or space") }
        return (session, space)
    }

    public func reset(session: String, seed: UInt64) throws { _ = try checkedCall(WireRequest(id: 0, op: .reset, session: session, seed: seed)) }

    public func step(session: String, design: Design) throws -> WireEvaluation {
        let reply = try checkedCall(WireRequest(id: 0, op: .step, session: session, design: design))
        guard let evaluation = reply.evaluation else { throw WireError(.internal, "step reply lacks an evaluation") }
        return evaluation
    }

    public func stepBatch(session: String, designs: [Design]) throws -> [WireEvaluation] {
        let reply = try checkedCall(WireRequest(id: 0, op: .step_batch, session: session, designs: designs))
        guard let evaluations = reply.evaluations, evaluations.count == designs.count else {
            throw WireError(.internal, "step_batch reply lacks evaluations")
        }
        return evaluations
    }

    public func close(session: String) throws { _ = try checkedCall(WireRequest(id: 0, op: .close, session: session)) }

    public func ping() throws { _ = try checkedCall(WireRequest(id: 0, op: .ping)) }

    private func checkOut() throws -> ZMQSocket {
        if let socket = idle.withLock({ $0.popLast() }) { return socket }
        let socket = try context.socket(.dealer)
        try socket.setSendTimeout(milliseconds: Int32(min(timeoutSeconds * 1000, 1e9)))
        try socket.setReceiveTimeout(milliseconds: Int32(min(timeoutSeconds * 1000, 1e9)))
        try socket.connect(endpoint)
        return socket
    }

    private func checkIn(_ socket: ZMQSocket) { idle.withLock { $0.append(socket) } }

    deinit {
        idle.withLock { sockets in
            for socket in sockets { socket.close() }
            sockets.removeAll()
        }
    }
}

/// Why a call to a server failed without an error reply.
public enum WireClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nobody answered in time (server down, wrong address, or overloaded).
    case noAnswer(endpoint: String, operation: String, seconds: Double)
    /// The server speaks other protocol versions.
    case incompatible(endpoint: String, versions: [Int])

    public var description: String {
        switch self {
        case .noAnswer(let endpoint, let operation, let seconds):
            return "no answer from \(endpoint) to '\(operation)' within \(formatNumber(seconds)) s (server down or unreachable)"
        case .incompatible(let endpoint, let versions):
            return "\(endpoint) speaks protocol versions \(versions); this client speaks \(WireProtocol.version)"
        }
    }
}
