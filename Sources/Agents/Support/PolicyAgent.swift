import Foundation
import GymCore

/// An agent whose learned policy can be saved as JSON and restored: the RL agents (`ppo`, `mappo`).
///
/// A restored agent carries on learning from where it was saved or, greedy, proposes its policy's most
/// likely design without learning (to evaluate a trained policy on the same or another workload).
///
/// ```swift
/// try agent.policyJSON().write(to: URL(fileURLWithPath: "policy.json"))
/// let greedy = try PPOAgent(space: space, policyJSON: Data(contentsOf: url), seed: 0, greedy: true)
/// ```
public protocol PolicyAgent: SearchAgent {
    associatedtype Snapshot: JSONSnapshot
    associatedtype Settings: Hyperparameters
    /// The trained policy and what it needs to act.
    var snapshot: Snapshot { get }
    /// The hyperparameters the policy was trained with.
    var hyperparameters: Settings { get }
    /// Proposals are the policy's most likely design and no learning happens.
    var isGreedy: Bool { get set }
    /// Throws when the snapshot was saved for another parameter space.
    init(space: ParameterSpace, snapshot: Snapshot, seed: UInt64) throws
}

extension PolicyAgent {
    /// The policy as compact JSON with sorted keys (see ``JSONSnapshot``).
    public func policyJSON() throws -> Data { try snapshot.jsonData() }

    /// Restores an agent from ``policyJSON()``'s output.
    public init(space: ParameterSpace, policyJSON: Data, seed: UInt64, greedy: Bool) throws {
        try self.init(space: space, snapshot: Snapshot(jsonData: policyJSON), seed: seed)
        isGreedy = greedy
    }
}

extension PPOAgent: PolicyAgent {}
extension MultiAgentPPOAgent: PolicyAgent {}
