import Foundation
import GymCore

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
/// feasible reward). For learning, a design that violates constraints is shaped further: its reward
/// minus ln(1 + violation / ``violationScale``), which keeps the contract's order and spreads the
/// violations near the feasible boundary (where the contract's soft(violation) moves by ~10⁻⁴ and a
/// critic's error would hide it). A missing reward (an evaluation not made by an ``Objective``) counts
/// as one deviation below the worst reward seen.
///
/// ```swift
/// var scaler = RewardScaler()
/// let scaled = scaler.scale(scaler.rawReward(evaluation))
/// ```
public struct RewardScaler: Codable, Sendable {
    private var statistics = RunningStatistics()
    private var worst: Double?

    public init() {}

    /// The violation at which the learning penalty has grown by ln 2 (see the type's description).
    public static let violationScale = 1e-3

    /// The raw learning reward of an evaluation (see the type's description), also recorded in the statistics.
    public mutating func rawReward(_ evaluation: Evaluation) -> Double {
        var value = evaluation.reward ?? ((worst ?? 0) - max(statistics.standardDeviation, 1))
        if !evaluation.feasible, evaluation.violation > 0 { value -= log1p(evaluation.violation / Self.violationScale) }
        statistics.add(value)
        worst = min(worst ?? value, value)
        return value
    }

    /// The standardized value of a raw reward.
    public func scale(_ raw: Double) -> Double { statistics.standardize(raw) }
}
