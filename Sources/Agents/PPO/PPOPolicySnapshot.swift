import Foundation

/// A trained PPO policy as a value: networks, optimizer state, observation statistics and the current
/// observation. It is JSON (``jsonData()``, ``init(jsonData:)``); ``PPOAgent/init(space:snapshot:seed:)``
/// restores an agent from it, e.g. to propose greedily.
///
/// ```swift
/// try agent.snapshot.jsonData().write(to: URL(fileURLWithPath: "policy.json"))
/// var restored = try PPOAgent(space: space, snapshot: PPOPolicySnapshot(jsonData: Data(contentsOf: url)), seed: 0)
/// restored.isGreedy = true
/// ```
public struct PPOPolicySnapshot: PolicySnapshot, Sendable {
    /// The space it was trained on, one `name: allowed values` per parameter in order (a policy only
    /// fits that space; see ``GymCore/ParameterSpace/domains``).
    public var parameters: [String]
    public var hyperparameters: PPOHyperparameters
    public var actor: PolicyLearner
    public var critic: ValueLearner
    public var encoder: ObservationEncoder
    public var rewards: RewardScaler
    public var observation: [Double]

    public var structure: [String] { [actor.structure, critic.structure, encoder.structure, "observation \(observation.count)"] }

    public init(parameters: [String], hyperparameters: PPOHyperparameters, actor: PolicyLearner, critic: ValueLearner,
                encoder: ObservationEncoder, rewards: RewardScaler, observation: [Double])
    {
        self.parameters = parameters
        self.hyperparameters = hyperparameters
        self.actor = actor
        self.critic = critic
        self.encoder = encoder
        self.rewards = rewards
        self.observation = observation
    }
}
