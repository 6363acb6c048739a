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
/// why not), the reward under the environment's ``Objective``, and the simulator's wall time.
///
/// Contract: `reward` is what agents maximize. It is `nil` only when the objective's metrics are
/// missing (e.g. the simulator failed); an evaluation that violates a constraint keeps its reward but
/// is `feasible == false`. Agents rank with ``isBetter(than:)``: any feasible evaluation beats any
/// infeasible one, then higher reward wins.
public struct Evaluation: Sendable, Hashable, Codable {
    public var design: Design
    public var metrics: [String: Double]
    public var feasible: Bool
    public var reason: String?
    public var reward: Double?
    /// Wall-clock time the simulator took for this design, in seconds.
    public var simWallSeconds: Double

    public init(design: Design, metrics: [String: Double], feasible: Bool, reason: String?, reward: Double?, simWallSeconds: Double) {
        self.design = design
        self.metrics = metrics
        self.feasible = feasible
        self.reason = reason
        self.reward = reward
        self.simWallSeconds = simWallSeconds
    }

    enum CodingKeys: String, CodingKey {
        case design, metrics, feasible, reason, reward
        case simWallSeconds = "sim_wall_s"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(design, forKey: .design)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(feasible, forKey: .feasible)
        try container.encode(reason, forKey: .reason)  // explicit null when feasible
        try container.encode(reward, forKey: .reward)
        try container.encode(simWallSeconds, forKey: .simWallSeconds)
    }

    /// Sort key: feasible first, then reward (a missing reward ranks lowest).
    public var rankKey: (Int, Double) { (feasible ? 1 : 0, reward ?? -Double.infinity) }

    /// Whether this evaluation ranks strictly above `other` (see the type's contract).
    public func isBetter(than other: Evaluation?) -> Bool {
        guard let other else { return true }
        return rankKey > other.rankKey
    }
}
