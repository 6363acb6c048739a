/// What an environment's simulator reports for one design, before any objective is applied.
///
/// `feasible == false` means the design could not be realized or simulated; `reason` says why.
/// Metrics that could not be computed are absent, never NaN.
public struct SimulatorReport: Sendable, Hashable, Codable {
    public var metrics: [String: Double]
    public var feasible: Bool
    public var reason: String?

    public init(metrics: [String: Double], feasible: Bool = true, reason: String? = nil) {
        self.metrics = metrics.filter { $0.value.isFinite }
        self.feasible = feasible
        self.reason = reason
        if let missing = metrics.first(where: { !$0.value.isFinite }), feasible {
            self.feasible = false
            self.reason = "metric '\(missing.key)' is not finite"
        }
    }

    /// An infeasible report with no metrics.
    public static func infeasible(_ reason: String) -> SimulatorReport {
        SimulatorReport(metrics: [:], feasible: false, reason: reason)
    }
}

/// The result of one ``Environment/step(_:)``: the design, its metrics, whether it is feasible (and
/// why not), how far it violates the objective's constraints, the reward under the environment's
/// ``Objective``, and the simulator's wall time.
///
/// Contract (the reward contract, docs/objectives.md): `reward` is what agents maximize and is always
/// finite when the evaluation comes from ``Objective/evaluate(_:_:simWallSeconds:)``: the goal's reward
/// when feasible, a penalty below every feasible reward otherwise. `violation` (≥ 0, scale-free) is the
/// sum over violated constraints of the relative distance to the bound; it is 0 when feasible and for a
/// design the simulator could not build (``isBuildable`` false). Rank with ``rank`` /
/// ``isBetter(than:)`` (``EvaluationRank``): feasible first, then smaller violation, then larger
/// reward; unbuildable last.
public struct Evaluation: Sendable, Hashable, Codable {
    public var design: Design
    public var metrics: [String: Double]
    public var feasible: Bool
    public var reason: String?
    public var reward: Double?
    /// Σ over violated constraints of |value − bound| / |bound| (≥ 0; 0 when feasible or unbuildable).
    public var violation: Double
    /// Wall-clock time the simulator took for this design, in seconds.
    public var simWallSeconds: Double

    public init(design: Design, metrics: [String: Double], feasible: Bool, reason: String?, reward: Double?,
                violation: Double = 0, simWallSeconds: Double)
    {
        self.design = design
        self.metrics = metrics
        self.feasible = feasible
        self.reason = reason
        self.reward = reward
        self.violation = violation.isFinite ? max(violation, 0) : 0
        self.simWallSeconds = simWallSeconds
    }

    enum CodingKeys: String, CodingKey {
        case design, metrics, feasible, reason, reward, violation
        case simWallSeconds = "sim_wall_s"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(design: try container.decode(Design.self, forKey: .design),
                  metrics: try container.decode([String: Double].self, forKey: .metrics),
                  feasible: try container.decode(Bool.self, forKey: .feasible),
                  reason: try container.decodeIfPresent(String.self, forKey: .reason),
                  reward: try container.decodeIfPresent(Double.self, forKey: .reward),
                  violation: try container.decodeIfPresent(Double.self, forKey: .violation) ?? 0,
                  simWallSeconds: try container.decode(Double.self, forKey: .simWallSeconds))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(design, forKey: .design)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(feasible, forKey: .feasible)
        try container.encode(reason, forKey: .reason)  // explicit null when feasible
        try container.encode(reward, forKey: .reward)
        try container.encode(violation, forKey: .violation)
        try container.encode(simWallSeconds, forKey: .simWallSeconds)
    }

    /// Whether the simulator built the design: feasible, or infeasible only by violating constraints.
    public var isBuildable: Bool { feasible || violation > 0 }

    /// This evaluation's place in the one ordering of evaluations (``EvaluationRank``).
    public var rank: EvaluationRank { EvaluationRank(self) }

    /// Whether this evaluation ranks strictly above `other` (``EvaluationRank``); anything beats `nil`.
    public func isBetter(than other: Evaluation?) -> Bool {
        guard let other else { return true }
        return rank > other.rank
    }
}
