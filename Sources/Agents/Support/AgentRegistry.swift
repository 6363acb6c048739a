import GymCore

/// An agent made for a run, with the resolved hyperparameters recorded in the results store.
public struct MadeAgent {
    public var agent: any SearchAgent
    /// The hyperparameters actually used (defaults plus overrides), as compact JSON.
    public var hyperparametersJSON: String
}

/// How to make one agent by name, from a space, `name=value` hyperparameter overrides and a seed.
public struct AgentEntry: Sendable {
    public let name: String
    public let summary: String
    /// The default hyperparameters as JSON (for `dsegym agents`).
    public let defaultsJSON: String
    private let factory: @Sendable (ParameterSpace, [String: String], UInt64) throws -> MadeAgent

    /// An entry for an agent whose hyperparameters are `H`.
    public init<H: Hyperparameters>(name: String, summary: String, hyperparameters: H.Type,
                                    make: @escaping @Sendable (ParameterSpace, H, UInt64) throws -> any SearchAgent)
    {
        self.name = name
        self.summary = summary
        self.defaultsJSON = H().jsonText
        self.factory = { space, overrides, seed in
            let resolved = try H().applying(overrides, agent: name)
            return MadeAgent(agent: try make(space, resolved, seed), hyperparametersJSON: resolved.jsonText)
        }
    }

    public func make(space: ParameterSpace, overrides: [String: String] = [:], seed: UInt64) throws -> MadeAgent {
        try factory(space, overrides, seed)
    }
}

/// The agents DSEGym ships, by name.
///
/// ```swift
/// let made = try AgentRegistry.standard.make("random_walk", space: space, seed: 1)
/// ```
public struct AgentRegistry: Sendable {
    public let entries: [AgentEntry]

    public init(_ entries: [AgentEntry]) { self.entries = entries }

    public static let standard = AgentRegistry([
        AgentEntry(name: "random_walk", summary: "Uniform random sampling, optionally stepping from the best design (ArchGym's RW)",
                   hyperparameters: RandomWalkHyperparameters.self) { space, hyperparameters, seed in
            RandomWalkAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        },
        AgentEntry(name: "grid", summary: "Exhaustive grid over every parameter level, up to a cap",
                   hyperparameters: GridHyperparameters.self) { space, hyperparameters, _ in
            GridAgent(space: space, hyperparameters: hyperparameters)
        },
        AgentEntry(name: "ppo", summary: "Proximal policy optimization with a factored actor-critic MLP (ArchGym's RL agent)",
                   hyperparameters: PPOHyperparameters.self) { space, hyperparameters, seed in
            PPOAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        },
        AgentEntry(name: "mappo", summary: "Multi-agent PPO: one learner per parameter group, shared reward (IPPO, or MAPPO with a centralized critic)",
                   hyperparameters: MultiAgentPPOHyperparameters.self) { space, hyperparameters, seed in
            try MultiAgentPPOAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        },
    ])

    public var names: [String] { entries.map(\.name) }

    public func entry(_ name: String) throws -> AgentEntry {
        guard let entry = entries.first(where: { $0.name == name }) else { throw AgentError.unknownAgent(name: name, known: names) }
        return entry
    }

    public func make(_ name: String, space: ParameterSpace, overrides: [String: String] = [:], seed: UInt64) throws -> MadeAgent {
        try entry(name).make(space: space, overrides: overrides, seed: seed)
    }
}
