import GymCore

/// One protocol v1 reply: `{"v": 1, "id": .., "ok": true, ...}` or `{"ok": false, "error": {...}}`.
/// Only the fields of the answered op are present. See `docs/protocol.md`.
///
/// ```swift
/// let reply = WireReply(id: .number(1), ok: true)
/// ```
public struct WireReply: Sendable, Codable, Equatable {
    public var v: Int = WireProtocol.version
    public var id: JSONValue?
    public var ok: Bool
    public var error: WireError?
    /// `hello`: protocol versions the server speaks.
    public var versions: [Int]?
    /// `hello`: environment names the server can make.
    public var environments: [String]?
    /// `make`: the new session's id.
    public var session: String?
    /// `open_run`: the id of the run the server records the session's steps under.
    public var runID: Int?
    /// `make`: the environment's parameter space and metrics.
    public var space: EnvironmentDescription?
    /// `step`: the evaluation.
    public var evaluation: WireEvaluation?
    /// `step_batch`: the evaluations, in the order of the request's designs.
    public var evaluations: [WireEvaluation]?

    public init(id: JSONValue?, ok: Bool, error: WireError? = nil) {
        self.id = id
        self.ok = ok
        self.error = error
    }

    /// An error reply.
    public static func failure(id: JSONValue?, _ error: WireError) -> WireReply { WireReply(id: id, ok: false, error: error) }
}

/// The evaluation object on the wire: `{"metrics": {...}, "feasible": true, "reason": null, "reward": -0.5,
/// "violation": 0, "sim_wall_s": 1e-06}`. The reward follows the reward contract (docs/objectives.md):
/// finite, and below every feasible reward when infeasible; `violation` orders infeasible designs.
///
/// Never holds a non-finite number: such a metric is dropped (`null` for the reward) and the
/// evaluation is infeasible with a reason.
///
/// ```swift
/// let onWire = WireEvaluation(evaluation)
/// ```
public struct WireEvaluation: Sendable, Codable, Equatable {
    public var metrics: [String: Double]
    public var feasible: Bool
    public var reason: String?
    public var reward: Double?
    /// The evaluation's constraint violation (≥ 0, see ``Evaluation/violation``).
    public var violation: Double
    /// Simulator wall time on the server, in seconds.
    public var simWallSeconds: Double

    enum CodingKeys: String, CodingKey {
        case metrics, feasible, reason, reward, violation
        case simWallSeconds = "sim_wall_s"
    }

    public init(metrics: [String: Double], feasible: Bool, reason: String?, reward: Double?, violation: Double = 0, simWallSeconds: Double) {
        let allFinite = metrics.values.allSatisfy(\.isFinite)  // the usual case: no copy, no sorting
        self.metrics = allFinite ? metrics : metrics.filter { $0.value.isFinite }
        self.feasible = feasible
        self.reason = reason
        self.reward = reward.flatMap { $0.isFinite ? $0 : nil }
        self.violation = violation.isFinite ? max(violation, 0) : 0
        self.simWallSeconds = simWallSeconds.isFinite ? simWallSeconds : 0
        if !allFinite, let bad = metrics.keys.sorted().first(where: { !metrics[$0]!.isFinite }), self.feasible {
            self.feasible = false
            self.reason = "metric '\(bad)' is not finite"
        } else if let reward, !reward.isFinite, self.feasible {
            self.feasible = false
            self.reason = "reward is not finite"
        }
    }

    public init(_ evaluation: Evaluation) {
        self.init(metrics: evaluation.metrics, feasible: evaluation.feasible, reason: evaluation.reason,
                  reward: evaluation.reward, violation: evaluation.violation, simWallSeconds: evaluation.simWallSeconds)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(metrics: try container.decode([String: Double].self, forKey: .metrics),
                  feasible: try container.decode(Bool.self, forKey: .feasible),
                  reason: try container.decodeIfPresent(String.self, forKey: .reason),
                  reward: try container.decodeIfPresent(Double.self, forKey: .reward),
                  violation: try container.decodeIfPresent(Double.self, forKey: .violation) ?? 0,
                  simWallSeconds: try container.decodeIfPresent(Double.self, forKey: .simWallSeconds) ?? 0)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(feasible, forKey: .feasible)
        try container.encode(reason, forKey: .reason)
        try container.encode(reward, forKey: .reward)
        try container.encode(violation, forKey: .violation)
        try container.encode(simWallSeconds, forKey: .simWallSeconds)
    }

    /// The simulator report this evaluation carries (the client applies its own objective). A design
    /// the server's objective found violating constraints (`violation` > 0) was built: its report is
    /// feasible, so the client's objective judges it.
    public var report: SimulatorReport {
        let built = feasible || violation > 0
        return SimulatorReport(metrics: metrics, feasible: built, reason: built ? nil : reason)
    }
}
