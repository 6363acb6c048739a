/// One step of experience: what the policy saw and did, what it expected and got.
public struct Transition: Codable, Sendable {
    public var observation: [Double]
    public var action: [Double]
    public var logProbability: Double
    /// The critic's value of `observation` when acting.
    public var value: Double
    /// The scaled reward (see ``RewardScaler``).
    public var reward: Double = 0
    /// Whether the episode ended after this step.
    public var done: Bool = false
}

/// Scales rewards for learning: standardized by running mean and deviation (clipped to ±5). Rewards
/// follow the reward contract (infeasible designs get a penalty ordered by violation, below every
/// feasible reward); a missing reward (an evaluation not made by an ``Objective``) counts as one
/// deviation below the worst reward seen.
///
/// ```swift
/// var scaler = RewardScaler()
/// let scaled = scaler.scale(evaluation.reward)
/// ```
public struct RewardScaler: Codable, Sendable {
    private var statistics = RunningStatistics()
    private var worst: Double?

    public init() {}

    /// The raw reward used for `reward` (a penalty when `nil`), also recorded in the statistics.
    public mutating func rawReward(_ reward: Double?) -> Double {
        let value = reward ?? ((worst ?? 0) - max(statistics.standardDeviation, 1))
        statistics.add(value)
        worst = min(worst ?? value, value)
        return value
    }

    /// The standardized value of a raw reward.
    public func scale(_ raw: Double) -> Double { statistics.standardize(raw) }
}
