import GymCore
import Synchronization

/// An ``Environment`` whose designs are simulated by a server speaking protocol v1 (`dsegym serve`
/// or an external simulator's adapter).
///
/// The server reports metrics; this side validates designs against the server's space and applies
/// its own ``objective``: by default the server's (its `make` reply carries the objective with its
/// references), so a remote run's rewards equal a local run's. A server that dies, stalls
/// or forgets the session never hangs a run: after the client's timeout the step comes back
/// infeasible with the reason. An unknown session (server restarted, session expired) is made again
/// (and reset to the last seed) once, transparently.
///
/// ```swift
/// var environment = try RemoteEnvironment(endpoint: "tcp://127.0.0.1:5555", environment: "synthetic")
/// environment.reset(seed: 1)
/// let evaluation = try environment.step(environment.parameterSpace.defaults!)
/// ```
public struct RemoteEnvironment: Environment {
    public let name: String
    public let workload: String
    public let parameterSpace: ParameterSpace
    public let metrics: [MetricDescriptor]
    public var objective: Objective
    /// The server's description of the environment (as `make` returned it).
    public let serverDescription: EnvironmentDescription
    let client: WireClient
    /// The server's address.
    public var endpoint: String { client.endpoint }
    let state: RemoteSessionState

    /// Connects (hello handshake) and makes a session of `environment` on the server.
    public init(endpoint: String, environment: String, workload: String? = nil, options: [String: String] = [:],
                timeoutSeconds: Double = 10) throws
    {
        let client = try WireClient(endpoint: endpoint, timeoutSeconds: timeoutSeconds)
        let (session, space) = try client.make(environment: environment, workload: workload, options: options)
        self.client = client
        self.serverDescription = space
        self.name = space.name
        self.workload = space.workload
        self.parameterSpace = space.parameterSpace
        self.metrics = space.metrics
        self.state = RemoteSessionState(session: session, environment: environment, workload: workload, options: options)
        if let objective = space.reward?.objective {
            self.objective = objective
        } else if let first = space.metrics.first {
            self.objective = Objective(goal: .weightedSum([.init(metric: first.name, direction: first.direction)]))
        } else {
            self.objective = Objective(goal: .weightedSum([]))
        }
    }

    public mutating func reset(seed: UInt64) {
        state.seed.withLock { $0 = seed }
        try? client.reset(session: state.session.withLock { $0 }, seed: seed)
    }

    /// Sends the design to the server; errors (no answer, error reply) make the design infeasible.
    public func measure(_ design: Design) throws -> SimulatorReport {
        try state.counting {
            let session = state.session.withLock { $0 }
            do {
                return try client.step(session: session, design: design).report
            } catch let error as WireError where error.code == WireError.Code.unknownSession.rawValue {
                let renewed = try client.make(environment: state.environment, workload: state.workload, options: state.options).session
                state.session.withLock { $0 = renewed }
                try client.reset(session: renewed, seed: state.seed.withLock { $0 })
                return try client.step(session: renewed, design: design).report
            }
        }
    }

    /// Requests in a row the server has not answered within the timeout (0 after any answer): a run
    /// stops as failed once this reaches its limit rather than recording a dead server's steps.
    public var consecutiveUnansweredRequests: Int { state.unanswered.withLock { $0 } }

    /// Ends the session on the server (best effort).
    public func close() { try? client.close(session: state.session.withLock { $0 }) }
}

/// The remote session an environment value (and its copies) uses; renewed when the server forgets it.
final class RemoteSessionState: Sendable {
    let session: Mutex<String>
    let seed = Mutex<UInt64>(0)
    /// Requests in a row that got no answer in time.
    let unanswered = Mutex(0)
    let environment: String
    let workload: String?
    let options: [String: String]

    init(session: String, environment: String, workload: String?, options: [String: String]) {
        self.session = Mutex(session)
        self.environment = environment
        self.workload = workload
        self.options = options
    }

    /// Runs one exchange with the server, counting it as unanswered when it timed out.
    func counting<T>(_ exchange: () throws -> T) throws -> T {
        do {
            let result = try exchange()
            unanswered.withLock { $0 = 0 }
            return result
        } catch let error as WireClientError {
            if case .noAnswer = error { unanswered.withLock { $0 += 1 } } else { unanswered.withLock { $0 = 0 } }
            throw error
        } catch {
            unanswered.withLock { $0 = 0 }  // the server answered, with an error
            throw error
        }
    }
}
