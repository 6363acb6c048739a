import GymCore

/// One protocol v1 request, as a client sends it: `{"v": 1, "id": 7, "op": "step", "session": "s1", "design": {...}}`.
/// Fields an op does not use are absent. See `docs/protocol.md`.
///
/// ```swift
/// let request = WireRequest(id: 1, op: .make, env: "synthetic")
/// ```
public struct WireRequest: Sendable, Codable, Equatable {
    /// The operations of protocol v1.
    public enum Op: String, Sendable, Codable, CaseIterable {
        case hello, make, reset, step, step_batch, close, ping, open_run
    }

    public var v: Int
    /// The client's request id, echoed in the reply (an integer or a string).
    public var id: JSONValue?
    public var op: String
    public var env: String?
    public var workload: String?
    public var options: [String: String]?
    /// `make`: the objective rewards are computed under — a preset name, or an object with `preset`,
    /// `terms`, `targets`, `pareto` and `constraints` (docs/protocol.md); absent: the environment's default.
    public var objective: JSONValue?
    public var session: String?
    public var seed: UInt64?
    public var design: Design?
    public var designs: [Design]?
    /// `open_run`: the run a client records its steps of this session under — `agent` (its name),
    /// `hyperparameters` (an object, as the client states them), `sweep` and `budget` (optional).
    public var run: JSONValue?

    public init(v: Int = WireProtocol.version, id: Int, op: Op, env: String? = nil, workload: String? = nil,
                options: [String: String]? = nil, objective: JSONValue? = nil, session: String? = nil, seed: UInt64? = nil,
                design: Design? = nil, designs: [Design]? = nil, run: JSONValue? = nil)
    {
        self.v = v
        self.id = .number(Double(id))
        self.op = op.rawValue
        self.env = env
        self.workload = workload
        self.options = options
        self.objective = objective
        self.session = session
        self.seed = seed
        self.design = design
        self.designs = designs
        self.run = run
    }
}

/// Constants of the wire protocol.
public enum WireProtocol {
    /// The protocol version this build speaks.
    public static let version = 1
    /// Default server address: loopback only.
    public static let defaultEndpoint = "tcp://127.0.0.1:5555"
}
