import Foundation

/// The trained policies of a ``MultiAgentPPOAgent`` as a JSON value: every agent's actor, the critics,
/// observation statistics and the current observation. Restore with
/// ``MultiAgentPPOAgent/init(space:snapshot:seed:)``.
///
/// ```swift
/// try agent.snapshot.jsonData().write(to: URL(fileURLWithPath: "mappo.json"))
/// var restored = try MultiAgentPPOAgent(space: space, snapshot: MultiAgentPPOPolicySnapshot(jsonData: data), seed: 0)
/// restored.isGreedy = true
/// ```
public struct MultiAgentPPOPolicySnapshot: PolicySnapshot, Sendable {
    /// The space it was trained on, one `name: allowed values` per parameter in order.
    public var parameters: [String]
    public var hyperparameters: MultiAgentPPOHyperparameters
    public var actors: [PolicyLearner]
    public var critics: [ValueLearner]
    public var encoder: ObservationEncoder
    public var rewards: RewardScaler
    public var observation: [Double]

    public var structure: [String] {
        ["\(actors.count) actors, \(critics.count) critics"] + actors.map(\.structure) + critics.map(\.structure)
            + [encoder.structure, "observation \(observation.count)"]
    }

    public init(parameters: [String], hyperparameters: MultiAgentPPOHyperparameters, actors: [PolicyLearner], critics: [ValueLearner],
                encoder: ObservationEncoder, rewards: RewardScaler, observation: [Double])
    {
        self.parameters = parameters
        self.hyperparameters = hyperparameters
        self.actors = actors
        self.critics = critics
        self.encoder = encoder
        self.rewards = rewards
        self.observation = observation
    }
}
