import GymCore

/// Hyperparameters of ``MultiAgentPPOAgent``: how the space is split into agents, whether the critic
/// is centralized, and the PPO settings every learner uses (same meaning and defaults as
/// ``PPOHyperparameters``).
public struct MultiAgentPPOHyperparameters: Hyperparameters, Equatable {
    /// Named parameter groups, `name=param,param;name=param` (e.g.
    /// `scheduling=PagePolicy,Scheduler;refresh=RefreshPolicy`). Every parameter not named gets its
    /// own agent; the default (empty) is one agent per parameter, as ArchGym's multi-agent DRAM setup.
    public var groups: String = ""
    /// One value network on the shared observation for all agents (MAPPO) instead of one per agent (IPPO).
    public var centralizedCritic: Bool = false
    public var hiddenLayers: String = "32,32,32"
    public var activation: String = "tanh"
    public var learningRate: Double = 3e-3
    public var entropyCoefficient: Double = 0.01
    public var clipRange: Double = 0.2
    public var discount: Double = 0
    public var gaeLambda: Double = 0.95
    public var episodeLength: Int = 16
    public var rolloutSize: Int = 32
    public var epochs: Int = 8
    public var minibatchSize: Int = 16
    public var maxGradientNorm: Double = 0.5
    public var initialStandardDeviation: Double = 0.15
    public var metricSlots: Int = 4
    public var observeDesign: Bool = true

    public init() {}

    /// The PPO settings of each learner.
    public var learner: PPOHyperparameters {
        var settings = PPOHyperparameters()
        settings.hiddenLayers = hiddenLayers
        settings.activation = activation
        settings.learningRate = learningRate
        settings.entropyCoefficient = entropyCoefficient
        settings.clipRange = clipRange
        settings.discount = discount
        settings.gaeLambda = gaeLambda
        settings.episodeLength = episodeLength
        settings.rolloutSize = rolloutSize
        settings.epochs = epochs
        settings.minibatchSize = minibatchSize
        settings.maxGradientNorm = maxGradientNorm
        settings.initialStandardDeviation = initialStandardDeviation
        settings.metricSlots = metricSlots
        settings.observeDesign = observeDesign
        return settings
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
