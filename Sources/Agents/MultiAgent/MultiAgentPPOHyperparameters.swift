import GymCore

/// Hyperparameters of ``MultiAgentPPOAgent``: how the space is split into agents, whether the critic
/// is centralized, and the PPO settings every learner uses (same meaning and defaults as
/// ``PPOHyperparameters``).
@dynamicMemberLookup
public struct MultiAgentPPOHyperparameters: Hyperparameters, Equatable {
    /// Named parameter groups, `name=param,param;name=param` (e.g.
    /// `scheduling=PagePolicy,Scheduler;refresh=RefreshPolicy`). Every parameter not named gets its
    /// own agent; the default (empty) is one agent per parameter, as ArchGym's multi-agent DRAM setup.
    public var groups: String = ""
    /// One value network on the shared observation for all agents (MAPPO) instead of one per agent (IPPO).
    public var centralizedCritic: Bool = false
    /// The PPO settings of each learner. Encoded flat, next to ``groups`` and ``centralizedCritic``, so
    /// overrides and saved policies name them exactly as for `ppo` (`learningRate=...`).
    public var learner = PPOHyperparameters()

    public init() {}

    /// Reads and writes a learner setting as if it were a field of this struct (`settings.learningRate`).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<PPOHyperparameters, Value>) -> Value {
        get { learner[keyPath: keyPath] }
        set { learner[keyPath: keyPath] = newValue }
    }

    private enum CodingKeys: String, CodingKey { case groups, centralizedCritic }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        groups = try container.decode(String.self, forKey: .groups)
        centralizedCritic = try container.decode(Bool.self, forKey: .centralizedCritic)
        learner = try PPOHyperparameters(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try learner.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(groups, forKey: .groups)
        try container.encode(centralizedCritic, forKey: .centralizedCritic)
    }

    /// The named groups parsed from ``groups``: `[(name, parameter names)]`.
    public var namedGroups: [(name: String, parameters: [String])] {
        groups.split(separator: ";").compactMap { entry in
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let names = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return (parts[0].trimmingCharacters(in: .whitespaces), names)
        }
    }

    public func validate(agent: String) throws {
        let entries = groups.split(separator: ";")
        try require(entries.count == namedGroups.count && namedGroups.allSatisfy { !$0.name.isEmpty && !$0.parameters.isEmpty },
                    agent: agent, field: "groups", value: groups, allowed: "name=param,param;name=param (or empty: one agent per parameter)")
        let named = namedGroups.flatMap(\.parameters)
        try require(Set(named).count == named.count, agent: agent, field: "groups", value: groups, allowed: "each parameter in at most one group")
        try learner.validate(agent: agent)
    }
}
